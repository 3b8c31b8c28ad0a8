/**
 * The compiled CLI (dist/, made by `npm ci` / `npm run build`) and when bin/yusuan.js uses it:
 * only while it is as new as every source file, so an edit is never run stale.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildIsFresh } from "../../bin/sources.js";
import { ROOT, SEED } from "./run.ts";

describe("buildIsFresh", () => {
  const root = mkdtempSync(join(tmpdir(), "yusuan-build-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const source = (name: string, at: number) => {
    const f = join(root, "src", name);
    mkdirSync(join(f, ".."), { recursive: true });
    writeFileSync(f, "export {};\n");
    utimesSync(f, at / 1000, at / 1000);
  };
  const record = (builtAt: number, sources: number) => {
    mkdirSync(join(root, "dist"), { recursive: true });
    writeFileSync(join(root, "dist", "build.json"), JSON.stringify({ builtAt, sources }));
  };

  it("is fresh only while no source is newer than the build and none was added or removed", () => {
    const t = Date.now() - 60_000;
    expect(buildIsFresh(root)).toBe(false); // no build at all
    source("a.ts", t);
    source("sub/b.ts", t);
    source("sub/b.test.ts", t + 30_000); // tests are not compiled: they do not count
    record(t + 10_000, 2);
    expect(buildIsFresh(root)).toBe(true);
    source("a.ts", t + 20_000); // edited after the build
    expect(buildIsFresh(root)).toBe(false);
    record(t + 25_000, 2);
    expect(buildIsFresh(root)).toBe(true);
    source("c.ts", t); // a file added with an old time (a checkout)
    expect(buildIsFresh(root)).toBe(false);
    writeFileSync(join(root, "dist", "build.json"), "{not json");
    expect(buildIsFresh(root)).toBe(false);
  });
});

describe("the compiled CLI", () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join(ROOT, "bin/yusuan.js"), "check", SEED, "--format", "json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, ...env },
    });

  it("gives the same report as the TypeScript sources", () => {
    // `npm ci` leaves a current build; after an edit, make one (as `npm run build` does).
    if (!buildIsFresh()) {
      const b = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
      expect(b.status, b.stderr).toBe(0);
    }
    expect(buildIsFresh()).toBe(true);
    const compiled = run({});
    const source = run({ YUSUAN_FROM_SOURCE: "1" });
    expect(compiled.status).toBe(0);
    expect(source.status).toBe(0);
    expect(JSON.parse(compiled.stdout).summary).toEqual({ errors: 0, warnings: 11, notices: 17 });
    expect(compiled.stdout).toBe(source.stdout);
  });
});
