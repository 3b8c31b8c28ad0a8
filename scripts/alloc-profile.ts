/**
 * Allocation per document of import + check, from V8's sampling heap profiler with collected
 * objects counted (what the garbage collector has to deal with, not what stays alive). A tool for
 * speed work, not a test: it prints the bytes allocated per document and the functions allocating most.
 *
 *   npx tsx scripts/alloc-profile.ts [documents=200]
 *
 * Documents are seed variants made as in bench/import-check.ts (a warm-up of 300 first); the making
 * of each variant (a copy of the seed's bytes) is counted too.
 */
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { check } from "../src/check/index.ts";
import { importBuffer } from "../src/import/index.ts";

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const count = Number(process.argv[2] ?? 200);
const root = join(import.meta.dirname, "..");
const seed = readFileSync(join(root, "test/fixtures/bazhou-hrss-2025-budget.txt"), "utf8");
const NAME = "新疆巴州人力资源和社会保障局";
const utf8 = new TextEncoder();
const run = (i: number) => {
  const r = importBuffer(
    utf8.encode(seed.replaceAll(NAME, `新疆巴州测试部门${String(i).padStart(15, "0")}局`)),
    "d.txt",
  );
  if (!r.disclosure) throw new Error(`document ${i} did not import`);
  check(r.disclosure);
};
for (let i = 0; i < 300; i++) run(i);

const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");
await session.post("HeapProfiler.startSampling", {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
} as never);
for (let i = 0; i < count; i++) run(300 + i);
const { profile } = (await session.post("HeapProfiler.stopSampling")) as unknown as { profile: { head: ProfileNode } };
session.disconnect();

const byFunction = new Map<string, number>();
let total = 0;
const walk = (n: ProfileNode) => {
  const cf = n.callFrame;
  const where = `${cf.functionName || "(anonymous)"} ${cf.url.split("/").slice(-2).join("/")}:${cf.lineNumber + 1}`;
  byFunction.set(where, (byFunction.get(where) ?? 0) + n.selfSize);
  total += n.selfSize;
  for (const c of n.children) walk(c);
};
walk(profile.head);
console.log(`allocated: ${(total / count / 1024 / 1024).toFixed(2)} MB per document (${count} documents, sampled)`);
for (const [where, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${where}`);
