/**
 * Benchmark: `yusuan audit` over the corpus and the region documents (test/fixtures/corpus +
 * test/fixtures/regions), on one core and on all cores, each run into a fresh output folder
 * (nothing from a previous state). Prints documents/s, pages/s, the speed-up of all cores over one,
 * what the machine itself gives to readers that share nothing, the peak memory of each reader
 * process, and from these the hours that 300,000 documents would take on N workers. A program, not
 * a test: figures for BENCHMARKS.md.
 *
 *   npm run bench -- audit [--rounds R] [--jobs N] [--copies K] [--pinned-only] [--no-ceiling]
 *
 * Each round runs, pinned with `taskset` (Linux; a run's readers inherit its cores):
 * - one core: `--jobs 1` on each core in turn (up to four), every other core out of its reach (V8's
 *   helper threads too). Cores of a shared virtual machine differ, and drift, in speed, so "one core"
 *   is the mean of their rates, not whichever core is listed first;
 * - all cores: `--jobs N` on N cores;
 * - the ceiling: N one-reader audits of the whole batch at once, one per core, their rates added:
 *   what the machine gives when nothing is shared (`--no-ceiling` leaves it out);
 * - `--jobs 1` with every core reachable (what `yusuan audit --jobs 1` gives here; `--pinned-only`
 *   leaves it out).
 * Without taskset the runs are not pinned, and the bench says so.
 *
 * The order of the runs is reversed every other round, so a phase of the shared machine's speed does
 * not favour one; the speed-up is the median of each round's own ratio.
 */
import { spawn } from "node:child_process";
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
  kind: "one" | "all" | "ceiling" | "unpinned";
  jobs: number;
  /** the cores the run may use (taskset -c), or undefined: all */
  cpus?: string;
}
/**
 * One core is not every core: on a shared virtual machine one core can run the same reader for a
 * long while at two thirds of the other's speed. So "one core" is each of the cores in turn (up to
 * four, taken in turn over the rounds where there are more), and the speed-up is the run on all
 * cores against the mean of their rates: 2× where the pool gets all of both, whichever is faster.
 */
const sampled = (round: number): number[] => {
  const usable = allowed.slice(0, most);
  if (usable.length <= 4) return usable;
  return Array.from({ length: 4 }, (_, i) => usable[(round * 4 + i) % usable.length] as number);
};
const oneOn = (cpu: number): Config => ({
  label: `1 core (core ${cpu}), --jobs 1`,
  kind: "one",
  jobs: 1,
  cpus: String(cpu),
});
const allConfig: Config = pinnable
  ? { label: `${most} cores, --jobs ${most}`, kind: "all", jobs: most, cpus: cpusOf(most) }
  : { label: `--jobs ${most} (not pinned)`, kind: "all", jobs: most };
// its runs are pinned one per core by measure(), not as one run on all cores
const ceilingConfig: Config = {
  label: `ceiling: ${most} one-reader audits at once, one per core`,
  kind: "ceiling",
  jobs: 1,
};
const unpinnedConfig: Config = { label: `${cores} cores reachable, --jobs 1`, kind: "unpinned", jobs: 1 };
function configsOf(round: number): Config[] {
  if (!pinnable) return [{ label: "--jobs 1 (not pinned)", kind: "one", jobs: 1 }, allConfig];
  return [
    ...sampled(round).map(oneOn),
    allConfig,
    ...(args.includes("--no-ceiling") ? [] : [ceilingConfig]),
    ...(args.includes("--pinned-only") ? [] : [unpinnedConfig]),
  ];
}

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

function runOne(label: string, jobs: number, cpus: string | undefined): Promise<OneRun> {
  const self = [...process.execArgv, process.argv[1] as string, "--one", String(jobs), ...inputs.paths];
  const command = cpus ? ["taskset", "-c", cpus, process.execPath, ...self] : [process.execPath, ...self];
  const child = spawn(command[0] as string, command.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    child.on("close", (status) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (status !== 0 || !line.startsWith("{")) reject(new Error(`run ${label} failed (exit ${status})`));
      else resolve(JSON.parse(line) as OneRun);
    });
  });
}

/** A round's run of one configuration: its time, documents per second and what it printed. */
interface Measured {
  c: Config;
  round: number;
  seconds: number;
  rate: number;
  runs: OneRun[];
}

async function measure(c: Config, round: number): Promise<Measured> {
  if (c.kind !== "ceiling") {
    const r = await runOne(c.label, c.jobs, c.cpus);
    return { c, round, seconds: r.seconds, rate: r.docs / r.seconds, runs: [r] };
  }
  // every core reads the whole batch on its own at the same time: what the machine gives to
  // readers that share nothing. The rates add up (a core that finishes first leaves the other a
  // little time alone, so this is an upper bound of what sharing one batch can reach).
  const runs = await Promise.all(
    allowed.slice(0, most).map((cpu) => runOne(`${c.label} (core ${cpu})`, 1, String(cpu))),
  );
  const rate = runs.reduce((n, r) => n + r.docs / r.seconds, 0);
  return { c, round, seconds: (runs[0]?.docs ?? 0) / rate, rate, runs };
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const measured: Measured[] = [];
console.log(
  `inputs: test/fixtures/corpus + test/fixtures/regions${copies > 1 ? `, ${copies} times over (each further copy of a PDF made distinct by a trailing comment; the 2 Excel templates once)` : ""}; availableParallelism ${cores}; rounds ${rounds}; ${pinnable ? "runs pinned to their cores with taskset" : "taskset not available: runs are not pinned"}`,
);
for (let round = 0; round < rounds; round++) {
  const configs = configsOf(round);
  for (const c of round % 2 === 0 ? configs : [...configs].reverse()) {
    const load = loadavg()[0]?.toFixed(1) ?? "?";
    const psi = pressure();
    const m = await measure(c, round);
    measured.push(m);
    const r = m.runs[0] as OneRun;
    const cpu = m.runs.reduce((n, x) => n + x.cpu, 0);
    const each = m.runs.length > 1 ? ` (each: ${m.runs.map((x) => `${x.seconds.toFixed(1)} s`).join(", ")})` : "";
    console.log(
      `round ${round + 1} ${c.label}: ${r.docs} documents (${r.unreadable} unreadable), ${r.pages} pages in ${m.seconds.toFixed(1)} s${each} → ${m.rate.toFixed(2)} docs/s, ${((r.pages / r.docs) * m.rate).toFixed(1)} pages/s; CPU ${cpu.toFixed(1)} s; peak RSS per reader ${m.runs.flatMap((x) => x.peakRss.map(mb)).join(", ")}; load before ${load}, CPU pressure avg10 ${psi}%`,
    );
  }
}

const first = measured[0]?.runs[0] as OneRun;
const pagesPerDoc = first.pages / first.docs;
const labels = [...new Set(measured.map((m) => m.c.label))];
console.log(
  "\n| run | documents | pages | best s | median s | docs/s (best) | pages/s (best) | CPU s (best) | peak RSS per reader |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const label of labels) {
  const ms = measured.filter((m) => m.c.label === label);
  const best = ms.reduce((a, b) => (b.rate > a.rate ? b : a));
  console.log(
    `| ${label} | ${first.docs} | ${first.pages} | ${best.seconds.toFixed(1)} | ${median(ms.map((m) => m.seconds)).toFixed(1)} | ${best.rate.toFixed(2)} | ${(best.rate * pagesPerDoc).toFixed(1)} | ${best.runs.reduce((n, x) => n + x.cpu, 0).toFixed(1)} | ${mb(Math.max(...ms.flatMap((m) => m.runs.flatMap((x) => x.peakRss))))} |`,
  );
}

// each round's own ratios: its runs ran minutes apart at most, under the same phase of the machine
const perRound = Array.from({ length: rounds }, (_, round) => {
  const of = (kind: Config["kind"]) => measured.filter((m) => m.round === round && m.c.kind === kind);
  const ones = of("one").map((m) => m.rate);
  const mean = ones.reduce((a, b) => a + b, 0) / ones.length;
  const all = of("all")[0]?.rate ?? Number.NaN;
  const ceiling = of("ceiling")[0]?.rate;
  return {
    mean,
    speedUp: all / mean,
    overFastest: all / Math.max(...ones),
    ceiling: ceiling === undefined ? undefined : ceiling / mean,
    share: ceiling === undefined ? undefined : all / ceiling,
  };
});
const x = (v: number) => `${v.toFixed(2)}×`;
console.log(
  `\nspeed-up of ${allConfig.label} over one core (the mean rate of the cores alone): per round ${perRound.map((p) => x(p.speedUp)).join(", ")} (median ${x(median(perRound.map((p) => p.speedUp)))}); over the fastest core alone: median ${x(median(perRound.map((p) => p.overFastest)))}`,
);
if (perRound.every((p) => p.ceiling !== undefined)) {
  console.log(
    `what the machine gives (${ceilingConfig.label}): per round ${perRound.map((p) => x(p.ceiling as number)).join(", ")} (median ${x(median(perRound.map((p) => p.ceiling as number)))}); the pool reached ${perRound.map((p) => `${Math.round((p.share as number) * 100)}%`).join(", ")} of it (median ${Math.round(median(perRound.map((p) => p.share as number)) * 100)}%)`,
  );
}
// 300,000 documents: one reader on one core is a worker; N workers (cores) in parallel
const perWorker = median(perRound.map((p) => p.mean));
const allRate = median(measured.filter((m) => m.c.kind === "all").map((m) => m.rate));
console.log(
  `300,000 documents at ${perWorker.toFixed(2)} docs/s per worker (one reader on one core, median of the rounds' means): ${[
    1, 2, 8, 32, 100,
  ]
    .map((n) => `${n} workers ≈ ${(300_000 / (perWorker * n) / 3600).toFixed(1)} h`)
    .join(
      "; ",
    )}; as measured on ${allConfig.label} (median ${allRate.toFixed(2)} docs/s): ${(300_000 / allRate / 3600).toFixed(1)} h`,
);
