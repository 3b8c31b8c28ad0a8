/**
 * `npm run bench [-- NAME ...]`: runs the benchmark programs (all by default) and prints their
 * figures. Each runs in its own process so memory figures are its own. Results go in BENCHMARKS.md.
 *
 * Each program is compiled the way `npm run build` compiles the CLI (esbuild, no kept function
 * names) into .bench/ and run with plain node, so the figures are those of the code `yusuan` runs.
 * `--source` runs the TypeScript through tsx instead (slower: tsx keeps every function's name).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { v8Flags } from "../bin/sources.js";

const ALL = ["import-check", "build", "render", "pdf", "portal", "audit", "warmup"];
const fromSource = process.argv.includes("--source");
const args = process.argv.slice(2).filter((a) => a !== "--source");
const names = args.length > 0 && ALL.includes(args[0] as string) ? [args[0] as string] : ALL;
const rest = args.length > 0 && ALL.includes(args[0] as string) ? args.slice(1) : [];
const root = join(import.meta.dirname, "..");

console.log(`# yusuan benchmarks — ${new Date().toISOString()}`);
console.log(
  `machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${fromSource ? "TypeScript through tsx (--source)" : "compiled with esbuild"}`,
);
let failed = 0;
for (const name of names) {
  const source = join(root, "bench", `${name}.ts`);
  if (!existsSync(source)) {
    console.log(`\n## ${name}: not available yet`);
    continue;
  }
  console.log(`\n## ${name}`);
  let command: string[];
  if (fromSource) command = ["--import", "tsx", source];
  else {
    // .bench/ sits beside bench/, so the programs' paths relative to their own file still hold.
    const out = join(root, ".bench", `${name}.mjs`);
    await build({
      entryPoints: [source],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      outfile: out,
      logLevel: "warning",
    });
    command = [out];
  }
  // the V8 flags every yusuan process runs with (bin/sources.js), so the figures are yusuan's own
  const r = spawnSync(process.execPath, [...v8Flags(process.env, []), "--expose-gc", ...command, ...rest], {
    stdio: "inherit",
  });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
