/**
 * Benchmark: import + check throughput over a few thousand seed-sized documents, on one core, and
 * memory as the count grows. A program, not a test: it prints figures for BENCHMARKS.md.
 *
 *   npm run bench -- import-check [count]
 *
 * Each document is the seed with its department name and one amount varied, so no two inputs are
 * byte-identical (no caching can help) while every one is a full, real-size disclosure.
 */
import { readFileSync } from "node:fs";
import { check } from "../src/check/index.ts";
import { importBuffer } from "../src/import/index.ts";

const count = Number(process.argv[2] ?? 3000);
const seed = readFileSync(new URL("../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url), "utf8");

function variant(i: number): Uint8Array {
  const text = seed.replaceAll("新疆巴州人力资源和社会保障局", `新疆巴州测试部门${i}局`);
  return new TextEncoder().encode(text);
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/**
 * A reference for the machine's speed at the time of the run: a fixed integer loop, best of three.
 * This shared VM's speed varies by up to 2× between hours; the figure lets runs be compared.
 */
function referenceLoopMs(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 3; r++) {
    const t = process.hrtime.bigint();
    let x = 0;
    for (let i = 0; i < 1e8; i++) x += i % 7;
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
    if (x < 0) console.log(x); // keeps the loop from being optimised away
  }
  return best;
}
const referenceBefore = referenceLoopMs();

// Warm up (JIT) so the figure is steady-state throughput.
for (let i = 0; i < 50; i++) {
  const r = importBuffer(variant(i), `warm-${i}.txt`);
  if (r.disclosure) check(r.disclosure);
}

let peakRss = 0;
let findings = 0;
let bytes = 0;
// Timed: import + check only, not the making of each variant (a replaceAll and an encode of the
// whole text) nor the GC at checkpoints. Wall time and the process's CPU time are both kept: other
// processes share this machine, and CPU time is what "per core" means.
let wallNs = 0n;
let cpuUs = 0;
// CPU time per batch of 50 documents: the best and median batch show the steady-state cost when
// other processes' load makes the averages swing.
const BATCH = 50;
const batches: number[] = [];
let batchUs = 0;
const checkpoints: string[] = [];
const t0 = process.hrtime.bigint();
for (let i = 0; i < count; i++) {
  const buf = variant(i);
  bytes += buf.length;
  const w0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = importBuffer(buf, `doc-${i}.txt`);
  if (!r.disclosure) throw new Error(`document ${i} did not import: ${r.problems[0]?.message}`);
  findings += check(r.disclosure).findings.length;
  const c = process.cpuUsage(c0);
  cpuUs += c.user + c.system;
  batchUs += c.user + c.system;
  if ((i + 1) % BATCH === 0) {
    batches.push(batchUs / BATCH / 1000);
    batchUs = 0;
  }
  wallNs += process.hrtime.bigint() - w0;
  if ((i + 1) % Math.max(1, Math.floor(count / 5)) === 0) {
    gc?.();
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    checkpoints.push(`${i + 1}: heap ${mb(m.heapUsed)} MB, rss ${mb(m.rss)} MB`);
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const wall = Number(wallNs) / 1e9;
const cpu = cpuUs / 1e6;
console.log(`import+check: ${count} documents (${mb(bytes)} MB text); whole loop ${seconds.toFixed(2)} s`);
console.log(
  `throughput (wall, import+check only): ${(count / wall).toFixed(0)} documents/s on one core (${((wall / count) * 1000).toFixed(2)} ms each)`,
);
console.log(
  `throughput (CPU time, import+check only): ${(count / cpu).toFixed(0)} documents per CPU-second (${((cpu / count) * 1000).toFixed(2)} ms CPU each)`,
);
if (batches.length > 0) {
  const sorted = [...batches].sort((a, b) => a - b);
  const best = sorted[0] as number;
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  console.log(
    `CPU ms per document by batches of ${BATCH}: best ${best.toFixed(2)} (${(1000 / best).toFixed(0)}/s), median ${median.toFixed(2)} (${(1000 / median).toFixed(0)}/s)`,
  );
}
console.log(`findings per document: ${(findings / count).toFixed(1)}`);
console.log(
  `machine reference (1e8-step integer loop, best of 3): ${referenceBefore.toFixed(0)} ms before, ${referenceLoopMs().toFixed(0)} ms after`,
);
console.log(`memory as the count grows${gc ? " (after GC)" : ""}: ${checkpoints.join("; ")}`);
console.log(`peak rss: ${mb(peakRss)} MB`);
