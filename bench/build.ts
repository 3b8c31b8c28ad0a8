/**
 * Benchmark (a program, not a test): build + check of a generated package with 20,000 line items.
 * Run: npx tsx bench/build.ts [items]. Target: under one second for build + check.
 */
import { build } from "../src/build/build.ts";
import { metaFor, randomItems } from "../src/build/testing.ts";
import { defaultCatalogSet } from "../src/catalog/catalog-set.ts";
import { check } from "../src/check/index.ts";

const n = Number(process.argv[2] ?? 20_000);
const catalog = defaultCatalogSet(2025);
const units = ["基准局", "基准中心", "基准站"];
const items = randomItems(catalog, units, n, 42);
const meta = metaFor(units, items);
const pkg = { source: "bench", meta, items };

build(pkg, catalog); // warm-up (JIT)
const t0 = performance.now();
const r = build(pkg, catalog);
const t1 = performance.now();
const rep = check(r.disclosure!);
const t2 = performance.now();
console.log(`line items: ${items.length}; projects: ${meta.projects.length}; facts: ${r.disclosure?.facts.length}`);
console.log(
  `build: ${(t1 - t0).toFixed(0)} ms; check: ${(t2 - t1).toFixed(0)} ms; build + check: ${(t2 - t0).toFixed(0)} ms`,
);
console.log(`check: ${rep.summary.errors} errors, ${rep.summary.warnings} warnings`);
