#!/usr/bin/env node
// Entry point. Runs the compiled CLI (dist/, made by `npm ci` / `npm run build`) when it is current,
// else the TypeScript sources through tsx's loader, so `npx yusuan` works right after `npm ci` and an
// edited source is never run stale. YUSUAN_FROM_SOURCE=1 always runs the sources.
import { setFlagsFromString } from "node:v8";
import { buildIsFresh, v8Flags } from "./sources.js";

// V8's optimisation budget, raised before any of yusuan's code is loaded (sources.js says why)
for (const flag of v8Flags()) setFlagsFromString(flag);

// an audit's reader runs the build its parent runs (YUSUAN_RUNS=dist, set by src/audit/pool.ts when
// it runs from dist/): the parent has checked it, and each reader is spared the 30-odd ms of stat()s
let main;
if (process.env.YUSUAN_RUNS === "dist" || (!process.env.YUSUAN_FROM_SOURCE && buildIsFresh())) {
  ({ main } = await import("../dist/yusuan.js"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv);
