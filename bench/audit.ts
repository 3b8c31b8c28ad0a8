/**
 * Benchmark: `yusuan audit` over the corpus and the region documents (test/fixtures/corpus +
 * test/fixtures/regions), on one core and on all cores in the same run, each run into a fresh
 * output folder (nothing from a previous state). Prints documents/s, pages/s, the speed-up of all
 * cores over one, the peak memory of each reader process, and from these the hours that 300,000
 * documents would take on N workers. A program, not a test: figures for BENCHMARKS.md.
 *
 *   npm run bench -- audit [--rounds R] [--jobs N] [--copies K] [--pinned-only]
 *
 * What "one core" means: a run is given its cores with `taskset` (Linux), and its readers inherit
 * them. One core, `--jobs 1`, is one reader with the machine's other cores out of its reach (V8's
 * helper threads too); all cores, `--jobs N`, is N readers on N cores. A run of `--jobs 1` with every
 * core reachable is printed beside them (what `yusuan audit --jobs 1` gives on this machine), not
 * used for the speed-up (`--pinned-only` leaves it out). Without taskset the runs are not pinned,
 * and the bench says so.
 *
 * Each round runs every configuration once, alternating the order, so a phase of the shared
 * machine's speed does not favour one; the speed-up is given from the best runs and as the median of
 * each round's own ratio.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runAudit } from "../src/audit/run.ts";
import { allowedCpus, canPin, cpuSeconds, median } from "./measure.ts";

const root = new URL("..", import.meta.url).pathname;
const corpus = [join(root, "test/fixtures/corpus"), join(root, "test/fixtures/regions")];

interface OneRun {
  seconds: number;
  cpu: number;
  docs: number;
  pages: number;
  unreadable: number;
  peakRss: number[];
}

// `--one JOBS`: one audit in this process (started pinned by the parent), its figures as JSON on stdout
const oneAt = process.argv.indexOf("--one");
if (oneAt >= 0) {
  const jobs = Number(process.argv[oneAt + 1]);
  const inputs = process.argv.slice(oneAt + 2);
  const out = mkdtempSync(join(tmpdir(), "yusuan-bench-audit-"));
  try {
    const c0 = cpuSeconds("self", true);
    const t0 = performance.now();
    const r = await runAudit({ paths: inputs, out, jobs });
    const seconds = (performance.now() - t0) / 1000;
    const s = r.report.summary;
    const one: OneRun = {
      seconds,
      cpu: cpuSeconds("self", true) - c0,
      docs: s.documents,
      pages: s.pages,
      unreadable: s.unreadable,
      peakRss: r.peakRss,
    };
    process.stdout.write(`${JSON.stringify(one)}\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  process.exit(0);
}

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const rounds = option("--rounds", 3);
const copies = option("--copies", 3);
const cores = availableParallelism();
const most = option("--jobs", cores);
const allowed = allowedCpus();
const pinnable = canPin(allowed, most);
const cpusOf = (n: number) => allowed.slice(0, n).join(",");

interface Config {
  label: string;
  jobs: number;
  /** the cores the run may use (taskset -c), or undefined: all */
  cpus?: string;
}
const configs: Config[] = [
  { label: pinnable ? "1 core, --jobs 1" : "--jobs 1 (not pinned)", jobs: 1, ...(pinnable ? { cpus: cpusOf(1) } : {}) },
  {
    label: pinnable ? `${most} cores, --jobs ${most}` : `--jobs ${most} (not pinned)`,
    jobs: most,
    ...(pinnable ? { cpus: cpusOf(most) } : {}),
  },
  ...(pinnable && !args.includes("--pinned-only") ? [{ label: `${cores} cores reachable, --jobs 1`, jobs: 1 }] : []),
];

function pressure(): string {
  try {
    return /avg10=([\d.]+)/.exec(readFileSync("/proc/pressure/cpu", "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

/**
 * The batch: the corpus once, or `copies` times over as a batch the size of a city's (80-odd
 * documents): each further copy of a PDF gets a comment line after its end, so its content hash
 * differs and it is read afresh, as a different document would be (nothing is cached across
 * documents; the readers' start and warm-up are then spread over as many documents as a real
 * batch's). The Excel templates are not copied (bytes after a zip's end are not a copy's business).
 */
function batch(): { paths: string[]; dir?: string } {
  if (copies <= 1) return { paths: corpus };
  const dir = mkdtempSync(join(tmpdir(), "yusuan-bench-batch-"));
  for (let k = 1; k <= copies; k++)
    for (const folder of corpus) {
      const to = join(dir, `copy${k}`, folder.split("/").pop() as string);
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(folder)) {
        if (k > 1 && !name.endsWith(".pdf")) continue;
        copyFileSync(join(folder, name), join(to, name));
        if (k > 1) appendFileSync(join(to, name), `\n% copy ${k}\n`);
      }
    }
  return { paths: [dir], dir };
}
const inputs = batch();
process.on("exit", () => {
  if (inputs.dir) rmSync(inputs.dir, { recursive: true, force: true });
});

function runOne(c: Config): OneRun {
  const self = [...process.execArgv, process.argv[1] as string, "--one", String(c.jobs), ...inputs.paths];
  const command = c.cpus ? ["taskset", "-c", c.cpus, process.execPath, ...self] : [process.execPath, ...self];
  const r = spawnSync(command[0] as string, command.slice(1), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`run ${c.label} failed (exit ${r.status})`);
  return JSON.parse(line) as OneRun;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const runs: { c: Config; round: number; r: OneRun }[] = [];
console.log(
  `inputs: test/fixtures/corpus + test/fixtures/regions${copies > 1 ? `, ${copies} times over (each further copy of a PDF made distinct by a trailing comment; the 2 Excel templates once)` : ""}; availableParallelism ${cores}; rounds ${rounds}; ${pinnable ? "runs pinned to their cores with taskset" : "taskset not available: runs are not pinned"}`,
);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? configs : [...configs].reverse();
  for (const c of order) {
    const load = loadavg()[0]?.toFixed(1) ?? "?";
    const psi = pressure();
    const r = runOne(c);
    runs.push({ c, round, r });
    console.log(
      `round ${round + 1} ${c.label}: ${r.docs} documents (${r.unreadable} unreadable), ${r.pages} pages in ${r.seconds.toFixed(1)} s → ${(r.docs / r.seconds).toFixed(2)} docs/s, ${(r.pages / r.seconds).toFixed(1)} pages/s; CPU ${r.cpu.toFixed(1)} s (${(r.cpu / r.seconds).toFixed(2)} cores busy on average, ${(r.docs / r.cpu).toFixed(2)} docs per CPU-second); peak RSS per reader ${r.peakRss.map(mb).join(", ")}; load before ${load}, CPU pressure avg10 ${psi}%`,
    );
  }
}

const of = (c: Config) => runs.filter((x) => x.c === c).map((x) => x.r);
const bestOf = (c: Config) => of(c).reduce((a, b) => (b.seconds < a.seconds ? b : a));
const [oneCore, allCores] = configs as [Config, Config];
const one = bestOf(oneCore);
console.log(
  "\n| run | documents | pages | best s | median s | docs/s (best) | pages/s (best) | speed-up over 1 core (best) | cores busy (best) | docs per CPU-s (best) | peak RSS per reader |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const c of configs) {
  const b = bestOf(c);
  console.log(
    `| ${c.label} | ${b.docs} | ${b.pages} | ${b.seconds.toFixed(1)} | ${median(of(c).map((r) => r.seconds)).toFixed(1)} | ${(b.docs / b.seconds).toFixed(2)} | ${(b.pages / b.seconds).toFixed(1)} | ${(one.seconds / b.seconds).toFixed(2)}× | ${(b.cpu / b.seconds).toFixed(2)} | ${(b.docs / b.cpu).toFixed(2)} | ${mb(Math.max(...of(c).flatMap((r) => r.peakRss)))} |`,
  );
}
// each round's own ratio: the two runs of one round ran minutes apart at most, under the same phase
const ratios = Array.from({ length: rounds }, (_, round) => {
  const a = runs.find((x) => x.round === round && x.c === oneCore)?.r;
  const b = runs.find((x) => x.round === round && x.c === allCores)?.r;
  return a && b ? a.seconds / b.seconds : Number.NaN;
});
console.log(
  `\nspeed-up of ${allCores.label} over ${oneCore.label}: ${(one.seconds / bestOf(allCores).seconds).toFixed(2)}× best against best; per round ${ratios.map((x) => `${x.toFixed(2)}×`).join(", ")} (median ${median(ratios).toFixed(2)}×)`,
);
// 300,000 documents: one reader on one core is a worker; N workers (cores) in parallel
const perWorker = one.docs / one.seconds;
const all = bestOf(allCores);
console.log(
  `300,000 documents at ${perWorker.toFixed(2)} docs/s per worker (one reader on one core): ${[1, 2, 8, 32, 100]
    .map((n) => `${n} workers ≈ ${(300_000 / (perWorker * n) / 3600).toFixed(1)} h`)
    .join(
      "; ",
    )}; as measured on ${allCores.label} (${(all.docs / all.seconds).toFixed(2)} docs/s): ${(300_000 / (all.docs / all.seconds) / 3600).toFixed(1)} h`,
);
