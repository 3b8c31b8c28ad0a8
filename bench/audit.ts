/**
 * Benchmark: `yusuan audit` over the corpus and the region documents (test/fixtures/corpus +
 * test/fixtures/regions), with --jobs 1 and then --jobs 2 (or the counts given) in the same run,
 * each into a fresh output folder (nothing from a previous state). Prints documents/s, pages/s,
 * the speed-up over one job, the peak memory of each reader process, and from these the hours that
 * 300,000 documents would take on N workers. A program, not a test: figures for BENCHMARKS.md.
 *
 *   npm run bench -- audit [jobs ...] [--rounds R]
 *
 * Each round runs every job count once, alternating the order, so a phase of the shared machine's
 * load does not favour one count; the best round of each count is reported beside the median.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runAudit } from "../src/audit/run.ts";

const args = process.argv.slice(2);
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 2;
const counts = args.filter((a, i) => /^\d+$/.test(a) && i !== roundsAt + 1).map(Number);
const jobCounts = counts.length > 0 ? counts : [1, 2];
const root = new URL("..", import.meta.url).pathname;
const inputs = [join(root, "test/fixtures/corpus"), join(root, "test/fixtures/regions")];

function pressure(): string {
  try {
    return /avg10=([\d.]+)/.exec(readFileSync("/proc/pressure/cpu", "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

/** CPU seconds of this process and its finished children (the readers), from /proc/self/stat. */
function cpuSeconds(): number {
  try {
    const f = readFileSync("/proc/self/stat", "utf8");
    const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
    // fields 14–17 of stat (utime stime cutime cstime) are rest[11..14], in clock ticks (100/s)
    return [11, 12, 13, 14].reduce((n, i) => n + Number(rest[i] ?? 0), 0) / 100;
  } catch {
    return Number.NaN;
  }
}

interface Run {
  cpu: number;
  jobs: number;
  seconds: number;
  docs: number;
  pages: number;
  unreadable: number;
  peakRss: number[];
  load: string;
  psi: string;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const runs: Run[] = [];
console.log(
  `inputs: test/fixtures/corpus + test/fixtures/regions; availableParallelism ${availableParallelism()}; rounds ${rounds}`,
);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? jobCounts : [...jobCounts].reverse();
  for (const jobs of order) {
    const out = mkdtempSync(join(tmpdir(), "yusuan-bench-audit-"));
    const load = loadavg()[0]?.toFixed(1) ?? "?";
    const psi = pressure();
    const c0 = cpuSeconds();
    const t0 = performance.now();
    const r = await runAudit({ paths: inputs, out, jobs });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds() - c0;
    rmSync(out, { recursive: true, force: true });
    const s = r.report.summary;
    runs.push({
      jobs,
      cpu,
      seconds,
      docs: s.documents,
      pages: s.pages,
      unreadable: s.unreadable,
      peakRss: r.peakRss,
      load,
      psi,
    });
    console.log(
      `round ${round + 1} --jobs ${jobs}: ${s.documents} documents (${s.unreadable} unreadable), ${s.pages} pages in ${seconds.toFixed(1)} s → ${(s.documents / seconds).toFixed(2)} docs/s, ${(s.pages / seconds).toFixed(1)} pages/s; CPU ${cpu.toFixed(1)} s (${(cpu / seconds).toFixed(2)} cores busy on average, ${(s.documents / cpu).toFixed(2)} docs per CPU-second); peak RSS per reader ${r.peakRss.map(mb).join(", ")}; load ${load}, CPU pressure avg10 ${psi}%`,
    );
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
};
console.log(
  "\n| --jobs | documents | pages | best s | median s | docs/s (best) | pages/s (best) | speed-up (best) | cores busy (best) | docs per CPU-s | peak RSS per reader |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
const best = new Map<number, number>();
for (const jobs of jobCounts) {
  const mine = runs.filter((r) => r.jobs === jobs);
  best.set(jobs, Math.min(...mine.map((r) => r.seconds)));
}
const one = best.get(jobCounts[0] ?? 1) ?? 1;
for (const jobs of jobCounts) {
  const mine = runs.filter((r) => r.jobs === jobs);
  const b = best.get(jobs) ?? 0;
  const first = mine[0] as Run;
  const bestRun = mine.find((r) => r.seconds === b) ?? first;
  console.log(
    `| ${jobs} | ${first.docs} | ${first.pages} | ${b.toFixed(1)} | ${median(mine.map((r) => r.seconds)).toFixed(1)} | ${(first.docs / b).toFixed(2)} | ${(first.pages / b).toFixed(1)} | ${(one / b).toFixed(2)}× | ${(bestRun.cpu / b).toFixed(2)} | ${(first.docs / bestRun.cpu).toFixed(2)} | ${mb(Math.max(...mine.flatMap((r) => r.peakRss)))} |`,
  );
}
// 300,000 documents: the per-worker rate of one job, on N such workers (cores), and as measured with the most jobs
const docs = runs[0]?.docs ?? 1;
const perWorker = docs / one;
const most = jobCounts[jobCounts.length - 1] ?? 1;
const measured = docs / (best.get(most) ?? one);
console.log(
  `\n300,000 documents at ${perWorker.toFixed(2)} docs/s per worker (--jobs ${jobCounts[0]}): ${[1, 2, 8, 32, 100]
    .map((n) => `${n} workers ≈ ${(300_000 / (perWorker * n) / 3600).toFixed(1)} h`)
    .join(
      "; ",
    )}; as measured with --jobs ${most} (${measured.toFixed(2)} docs/s): ${(300_000 / measured / 3600).toFixed(1)} h`,
);
// on a shared machine the wall-clock rate is the share of the cores this run got; the CPU time
// spent per document is what a dedicated core would take (I/O here is negligible: files are local)
const firstRuns = runs.filter((r) => r.jobs === jobCounts[0]);
const cpuPerDoc = Math.min(...firstRuns.map((r) => r.cpu / r.docs));
console.log(
  `from CPU time (--jobs ${jobCounts[0]}, ${cpuPerDoc.toFixed(2)} CPU-s per document, i.e. ${(1 / cpuPerDoc).toFixed(2)} docs/s on a dedicated core): ${[
    1, 2, 8, 32, 100,
  ]
    .map((n) => `${n} cores ≈ ${((300_000 * cpuPerDoc) / n / 3600).toFixed(1)} h`)
    .join("; ")}`,
);
