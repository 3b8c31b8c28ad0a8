/**
 * Files that never end (issue 13, item 3): `/dev/zero`, a `.txt` symlink to it and a FIFO with
 * no writer, given to every command that reads input files (import, check, render, diff, build and
 * its --catalog, import --save), are refused with a message and exit 2 instead of read forever.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, SEED } from "../cli/run.ts";

let dir: string;

/** Runs the CLI with a deadline: a command that reads forever is killed and fails the test. */
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [`${ROOT}bin/yusuan.js`, ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
    killSignal: "SIGKILL",
  });
  return { status: r.status, signal: r.signal, out: `${r.stdout}${r.stderr}` };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "yusuan-endless-"));
  symlinkSync("/dev/zero", join(dir, "zero.txt"));
  execFileSync("mkfifo", [join(dir, "pipe.txt")]);
  // budget packages whose line items (or metadata) never end
  for (const [name, link] of [
    ["pkg-csv", "line-items.csv"],
    ["pkg-meta", "meta.yaml"],
  ] as const) {
    const pkg = join(dir, name);
    mkdirSync(pkg);
    for (const f of ["line-items.csv", "meta.yaml"])
      if (f !== link) copyFileSync(join(ROOT, "examples/bazhou-hrss-2025", f), join(pkg, f));
    symlinkSync("/dev/zero", join(pkg, link));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("files that never end", () => {
  for (const file of ["/dev/zero", "zero.txt", "pipe.txt"])
    it(`refuses ${file} in import, check, render, diff and import --save`, () => {
      const commands = [
        ["import", file],
        ["check", file],
        ["render", file, "--to", "json", "-o", "out"],
        ["diff", SEED, file],
        ["import", file, "--save", "--db", "x.db"],
      ];
      for (const args of commands) {
        const r = run(args);
        expect(r.signal, args.join(" ")).toBeNull();
        expect(r.status, `${args.join(" ")}: ${r.out}`).toBe(2);
        expect(r.out, args.join(" ")).toContain("不是普通文件");
        expect(r.out, args.join(" ")).not.toMatch(/at .*\.(ts|js):\d+/);
      }
    }, 300_000);

  it("refuses a budget package whose files never end, and a --catalog that never ends", () => {
    for (const args of [
      ["build", "pkg-csv", "-o", "out-csv"],
      ["build", "pkg-meta", "-o", "out-meta"],
      ["build", join(ROOT, "examples/bazhou-hrss-2025"), "-o", "out-cat", "--catalog", "zero.txt"],
    ]) {
      const r = run(args);
      expect(r.signal, args.join(" ")).toBeNull();
      expect(r.status, `${args.join(" ")}: ${r.out}`).not.toBe(0);
      expect(r.out, args.join(" ")).toContain("不是普通文件");
    }
  }, 300_000);
});
