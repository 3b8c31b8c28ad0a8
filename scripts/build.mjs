#!/usr/bin/env node
/**
 * Compiles the CLI and library to plain JavaScript in dist/ (esbuild, ESM, one chunk per lazily
 * imported part, so the PDF and spreadsheet readers still load only when used). `npm ci` runs it
 * (the `prepare` script); bin/yusuan.js runs dist/ while it is as new as every file under src/, and
 * the TypeScript through tsx otherwise, so an edited source is never run stale.
 *
 *   node scripts/build.mjs        (npm run build)
 *
 * Why compile: tsx keeps every function's name (`__name(…)` around each named closure), which costs
 * the checker about 15% (BENCHMARKS.md), and compiling TypeScript on every start costs seconds.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { BUILD_OPTIONS, ROOT, sourceFiles } from "../bin/sources.js";

const started = Date.now();
const files = sourceFiles();
const dist = join(ROOT, "dist");
// Built beside dist/ and moved into place, so a CLI starting meanwhile sees the old build or the new.
const outdir = join(ROOT, `.dist-${process.pid}`);
rmSync(outdir, { recursive: true, force: true });
await build({
  ...BUILD_OPTIONS,
  outdir,
  sourcemap: "linked",
  logLevel: "warning",
});
// Fresh while src/ holds the same files and none is newer than this record (bin/sources.js).
writeFileSync(join(outdir, "build.json"), `${JSON.stringify({ builtAt: started, sources: files.length }, null, 2)}\n`);
const old = join(ROOT, `.dist-old-${process.pid}`);
try {
  renameSync(dist, old);
} catch {
  // no earlier build
}
renameSync(outdir, dist);
rmSync(old, { recursive: true, force: true });
console.log(`yusuan: compiled ${files.length} source files to dist/ in ${Date.now() - started} ms`);
