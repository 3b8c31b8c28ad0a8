/**
 * `npm run bench [-- NAME ...]`: runs the benchmark programs (all by default) and prints their
 * figures. Each runs in its own process so memory figures are its own. Results go in BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";

const ALL = ["import-check", "build", "render", "portal"];
const args = process.argv.slice(2);
const names = args.length > 0 && ALL.includes(args[0] as string) ? [args[0] as string] : ALL;
const rest = args.length > 0 && ALL.includes(args[0] as string) ? args.slice(1) : [];

console.log(`# yusuan benchmarks — ${new Date().toISOString()}`);
console.log(
  `machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
let failed = 0;
for (const name of names) {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) {
    console.log(`\n## ${name}: not available yet`);
    continue;
  }
  console.log(`\n## ${name}`);
  const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", file.pathname, ...rest], {
    stdio: "inherit",
  });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
