import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputFile, streamInputFile } from "./read-input.ts";

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

  it("reads a file that reports size 0 (/proc) whole, and a file of several chunks byte for byte", async () => {
    const status = await readInputFile("/proc/self/status");
    expect("bytes" in status && new TextDecoder().decode(status.bytes)).toMatch(/^Name:/);
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    writeFileSync(join(dir, "chunks.pdf"), bytes);
    const r = await readInputFile(join(dir, "chunks.pdf"));
    expect("bytes" in r && Buffer.compare(Buffer.from(r.bytes), bytes)).toBe(0);
  });

  it("streams a file in order through one buffer, with the same checks and cap", async () => {
    const bytes = Buffer.alloc(2 * 1024 * 1024 + 5);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 253;
    writeFileSync(join(dir, "stream.pdf"), bytes);
    const chunks: Buffer[] = [];
    let size = -1;
    const r = await streamInputFile(
      join(dir, "stream.pdf"),
      (n) => {
        size = n;
      },
      (c) => chunks.push(Buffer.from(c)),
    );
    expect(r).toEqual({ bytesRead: bytes.length });
    expect(size).toBe(bytes.length);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.compare(Buffer.concat(chunks), bytes)).toBe(0);
    const none = () => expect.unreachable();
    expect(await streamInputFile("/dev/zero", none, none)).toMatchObject({ code: "input.notFile" });
    expect(await streamInputFile(join(dir, "stream.pdf"), none, none, 1000)).toMatchObject({ code: "input.tooLarge" });
    const proc = await streamInputFile(
      "/proc/self/maps",
      () => {},
      () => {},
      100,
    );
    expect("error" in proc && proc.error).toContain("仍在增长");
  });

  it("says what is wrong with a missing path or a directory", async () => {
    const missing = await readInputFile(join(dir, "nope.txt"));
    expect("error" in missing && missing.code).toBe("input.missing");
    const folder = await readInputFile(dir);
    expect("error" in folder && folder.code).toBe("input.directory");
  });
});
