/**
 * Every CLI example in the README works exactly as written, from a fresh clone: the README's sh
 * blocks are parsed, each `npx yusuan …` line is run in order by bash in a copy of the tracked files
 * (node_modules linked, nothing built), and its exit code is checked — 0 unless the line's comment
 * says "exit N". The examples may write only into out/ (which lint ignores).
 *
 * `serve` examples are not run here: they do not end (test/e2e and the serve tests cover them).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../cli/run.ts";

interface Example {
  command: string;
  exit: number;
}

/** The `npx yusuan` lines of the README's sh blocks, with the exit code each documents. */
function readmeExamples(readme: string): Example[] {
  const out: Example[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of (block[1] ?? "").split("\n")) {
      const line = raw.trim();
      if (!line.startsWith("npx yusuan")) continue;
      const [command = "", comment = ""] = line.split(/\s+#\s*/, 2);
      if (/^npx yusuan serve\b/.test(command)) continue;
      out.push({ command: command.trim(), exit: Number(/\bexit (\d+)/.exec(comment)?.[1] ?? 0) });
    }
  }
  return out;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));

const clone = mkdtempSync(join(tmpdir(), "yusuan-readme-"));
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe("README examples", () => {
  const examples = readmeExamples(readFileSync(join(ROOT, "README.md"), "utf8"));

  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
    expect(examples.some((e) => e.command.includes("--save"))).toBe(true);
  });

  it("each works as written from a fresh clone, with the exit code it documents, writing only into out/", () => {
    const tracked = spawnSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
      .stdout.split("\0")
      .filter(Boolean);
    for (const f of tracked) {
      mkdirSync(dirname(join(clone, f)), { recursive: true });
      cpSync(join(ROOT, f), join(clone, f));
    }
    symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"));
    const before = new Set(files(clone).filter((f) => !f.startsWith("node_modules")));
    for (const e of examples) {
      const r = spawnSync("bash", ["-c", e.command], {
        cwd: clone,
        encoding: "utf8",
        timeout: 300_000,
        env: { ...process.env, NO_COLOR: "1" },
      });
      expect(r.status, `${e.command}\n${r.stderr.slice(-2000)}`).toBe(e.exit);
      expect(r.stderr, e.command).not.toMatch(/内部错误|\n\s+at .+\(.+:\d+:\d+\)/);
    }
    // dist/ is the CLI's build, which `npm ci` makes on a fresh clone (npx makes it here)
    const written = files(clone).filter((f) => !/^(node_modules|dist)\//.test(f) && !before.has(f));
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((f) => !f.startsWith("out/"))).toEqual([]);
  }, 900_000);
});
