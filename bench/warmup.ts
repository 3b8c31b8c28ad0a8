/**
 * Benchmark: what a fresh reader costs before it is warm, with the V8 optimisation budget that
 * bin/yusuan.js sets and with V8's defaults (YUSUAN_V8_DEFAULTS=1). Every `yusuan check` of one file,
 * and every reader an audit starts, begins cold: V8 has yet to learn and optimise the reading code.
 *
 *   npm run bench -- warmup [--rounds R]
 *
 * Each reader (the audit's reader process, `yusuan audit-child`) reads the corpus and the region
 * documents once cold, then once more warm; its CPU time for each pass is read from /proc. The two
 * readers run at the same time, one per core, and swap cores each round: a shared machine's speed
 * drifts by a third within minutes, and a paired run meets the same drift on both sides. Without
 * two cores or taskset they run one after the other, and the output says so.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { allowedCpus, canPin, cpuSeconds, median } from "./measure.ts";

const root = new URL("..", import.meta.url).pathname;
const bin = join(root, "bin", "yusuan.js");
const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;

const files = ["test/fixtures/corpus", "test/fixtures/regions"].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.(pdf|xlsx)$/i.test(f))
    .sort()
    .map((f) => join(root, dir, f)),
);

interface Passes {
  cold: number;
  warm: number;
}

/** One reader: started (pinned to `cpu` when given), reads every file twice, CPU of each pass. */
async function reader(defaults: boolean, cpu: number | undefined): Promise<Passes> {
  const env: NodeJS.ProcessEnv = { ...process.env, YUSUAN_AUDIT_CHILD: "1" };
  if (defaults) env.YUSUAN_V8_DEFAULTS = "1";
  else delete env.YUSUAN_V8_DEFAULTS;
  const command = [process.execPath, bin, "audit-child"];
  const child: ChildProcess =
    cpu === undefined
      ? spawn(command[0] as string, command.slice(1), { stdio: ["ignore", "ignore", "inherit", "ipc"], env })
      : spawn("taskset", ["-c", String(cpu), ...command], { stdio: ["ignore", "ignore", "inherit", "ipc"], env });
  const read = (file: string) =>
    new Promise<void>((resolve, reject) => {
      child.once("message", () => resolve());
      child.once("exit", (code) => reject(new Error(`reader exited (${code}) on ${file}`)));
      child.send({ type: "doc", doc: { file } });
    });
  const pass = async () => {
    const before = cpuSeconds(child.pid as number);
    for (const f of files) {
      await read(f);
      child.removeAllListeners("exit");
    }
    return cpuSeconds(child.pid as number) - before;
  };
  try {
    const cold = await pass();
    const warm = await pass();
    return { cold, warm };
  } finally {
    child.disconnect();
  }
}

const allowed = allowedCpus();
const paired = canPin(allowed, 2);
console.log(
  `inputs: ${files.length} files of test/fixtures/corpus + test/fixtures/regions, each reader reads them twice (cold, then warm); rounds ${rounds}; ${paired ? `the two readers at once, on cores ${allowed[0]} and ${allowed[1]}, swapping each round` : "taskset or a second core not available: the readers run one after the other (not paired)"}`,
);
const budget: Passes[] = [];
const defaults: Passes[] = [];
for (let r = 1; r <= rounds; r++) {
  const [a, b] = r % 2 === 1 ? [allowed[0], allowed[1]] : [allowed[1], allowed[0]];
  let x: Passes;
  let y: Passes;
  if (paired) [x, y] = await Promise.all([reader(false, a), reader(true, b)]);
  else {
    x = await reader(false, undefined);
    y = await reader(true, undefined);
  }
  budget.push(x);
  defaults.push(y);
  console.log(
    `round ${r}: raised budget cold ${x.cold.toFixed(2)} s, warm ${x.warm.toFixed(2)} s${paired ? ` (core ${a})` : ""}; V8 defaults cold ${y.cold.toFixed(2)} s, warm ${y.warm.toFixed(2)} s${paired ? ` (core ${b})` : ""}`,
  );
}
const ratio = (k: keyof Passes) => budget.map((p, i) => p[k] / (defaults[i] as Passes)[k]);
console.log("\n| reader | cold pass, CPU s (median) | warm pass, CPU s (median) |\n| --- | --- | --- |");
console.log(
  `| raised budget (yusuan) | ${median(budget.map((p) => p.cold)).toFixed(2)} | ${median(budget.map((p) => p.warm)).toFixed(2)} |`,
);
console.log(
  `| V8 defaults | ${median(defaults.map((p) => p.cold)).toFixed(2)} | ${median(defaults.map((p) => p.warm)).toFixed(2)} |`,
);
console.log(
  `\nraised budget against V8 defaults, each round's own ratio: cold ${ratio("cold")
    .map((v) => `${v.toFixed(2)}×`)
    .join(", ")} (median ${median(ratio("cold")).toFixed(2)}×); warm ${ratio("warm")
    .map((v) => `${v.toFixed(2)}×`)
    .join(", ")} (median ${median(ratio("warm")).toFixed(2)}×)`,
);
