// Which compiled build of the CLI is current: shared by bin/yusuan.js and scripts/build.mjs.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");

/** Every source file under src/ (tests aside) with its modification time. */
export function sourceFiles(root = ROOT) {
  const dir = join(root, "src");
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => ({ file: f, mtimeMs: statSync(join(dir, f)).mtimeMs }));
}

/**
 * dist/ was compiled from src/ as it is now: the same number of source files, none modified since
 * the build started. False when there is no build or it cannot be read.
 */
export function buildIsFresh(root = ROOT) {
  try {
    const info = JSON.parse(readFileSync(join(root, "dist", "build.json"), "utf8"));
    const files = sourceFiles(root);
    return files.length === info.sources && files.every((f) => f.mtimeMs < info.builtAt);
  } catch {
    return false;
  }
}

/**
 * V8 flags every yusuan process runs with (bin/yusuan.js sets them before any of yusuan's code
 * loads; the benchmarks give them to their processes). V8 optimises a function once it has run for a
 * budget of bytecode. Reading a PDF runs a large body of code once per document in ever new shapes
 * (fonts, tables, layouts); at V8's default budget much of it is optimised on too little evidence,
 * then thrown away and optimised again. Eight times the budget lets the evidence gather first: a
 * fresh reader compiles about a third as much (`npm run bench -- warmup`, BENCHMARKS.md 2026-12-06).
 * None when YUSUAN_V8_DEFAULTS=1 (to measure against) or when node's command line sets a budget.
 */
export function v8Flags(env = process.env, execArgv = process.execArgv) {
  if (env.YUSUAN_V8_DEFAULTS || execArgv.some((a) => a.startsWith("--interrupt-budget"))) return [];
  return ["--interrupt-budget=540672"];
}

/**
 * How scripts/build.mjs compiles src/ into dist/ (esbuild, ESM, one chunk per lazily imported part),
 * less where it writes: shared with the test that checks what the CLI loads at start.
 */
export const BUILD_OPTIONS = {
  absWorkingDir: ROOT,
  entryPoints: { yusuan: "src/cli/main.ts" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunks/[name]-[hash]",
};
