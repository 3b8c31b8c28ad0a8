#!/usr/bin/env node
// `npm test`: lint (Biome), typecheck (tsc) and every test (vitest), then one closing line
// "N passed, N failed" that CI reads. Exit code is non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const bin = (name) => `node_modules/.bin/${name}`;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit" }).status ?? 1;

let failedSteps = 0;
console.log("== lint (biome check) ==");
if (run(bin("biome"), ["check", "."]) !== 0) failedSteps++;
console.log("== typecheck (tsc --noEmit) ==");
if (run(bin("tsc"), ["--noEmit"]) !== 0) failedSteps++;

console.log("== tests (vitest) ==");
const report = ".vitest-report.json";
rmSync(report, { force: true });
const extra = process.argv.slice(2);
const status = run(bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...extra,
]);
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  if (status !== 0 && failed === 0) failed = 1; // a suite that failed to load still fails the run
} else {
  failed = 1;
}
// Lint and typecheck count as one test each, so a red lint cannot hide behind green tests.
passed += 2 - failedSteps;
failed += failedSteps;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
