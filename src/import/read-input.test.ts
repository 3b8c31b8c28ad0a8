import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputFile } from "./read-input.ts";

describe("readInputFile", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "yusuan-read-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a regular file, also through a symlink", async () => {
    writeFileSync(join(dir, "a.txt"), "部门预算");
    symlinkSync(join(dir, "a.txt"), join(dir, "link.txt"));
    for (const f of ["a.txt", "link.txt"]) {
      const r = await readInputFile(join(dir, f));
      expect("bytes" in r && new TextDecoder().decode(r.bytes)).toBe("部门预算");
    }
  });

  it("refuses devices, FIFOs and links to them without reading (or waiting for a writer)", async () => {
    symlinkSync("/dev/zero", join(dir, "zero.txt"));
    execFileSync("mkfifo", [join(dir, "pipe.txt")]);
    for (const f of ["/dev/zero", "/dev/urandom", join(dir, "zero.txt"), join(dir, "pipe.txt")]) {
      const r = await readInputFile(f);
      expect("error" in r && r.code, f).toBe("input.notFile");
      expect("error" in r && r.error, f).toContain("不是普通文件");
    }
  });

  it("holds the cap whatever size the file reports", async () => {
    writeFileSync(join(dir, "big.txt"), "x".repeat(4096));
    const big = await readInputFile(join(dir, "big.txt"), 1000);
    expect("error" in big && big.code).toBe("input.tooLarge");
    // /proc files report size 0 and still have content: read in chunks and stop at the cap
    const proc = await readInputFile("/proc/self/maps", 100);
    expect("error" in proc && proc.code).toBe("input.tooLarge");
    expect("error" in proc && proc.error).toContain("仍在增长");
    const whole = await readInputFile(join(dir, "big.txt"), 4096);
    expect("bytes" in whole && whole.bytes.length).toBe(4096);
  });

  it("says what is wrong with a missing path or a directory", async () => {
    const missing = await readInputFile(join(dir, "nope.txt"));
    expect("error" in missing && missing.code).toBe("input.missing");
    const folder = await readInputFile(dir);
    expect("error" in folder && folder.code).toBe("input.directory");
  });
});
