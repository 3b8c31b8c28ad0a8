/**
 * Equivalence harness for speed work: imports and checks the seed, 400 mutated variants of it
 * (digits changed, lines dropped, brackets and spaces altered) and every corpus and region PDF and workbook,
 * and records a digest of each complete result (import report, Disclosure, check report).
 * Record before a change, compare after: any difference in any output is reported.
 *
 *   npx tsx scripts/equivalence.ts record     (writes out/equivalence.json)
 *   npx tsx scripts/equivalence.ts compare    (exit 1 when a document's result changed)
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "../src/check/index.ts";
import { importBuffer, importFile } from "../src/import/index.ts";

const root = join(import.meta.dirname, "..");
const mode = process.argv[2];
if (mode !== "record" && mode !== "compare") {
  console.error("usage: npx tsx scripts/equivalence.ts record|compare");
  process.exit(2);
}
const seed = readFileSync(join(root, "test/fixtures/bazhou-hrss-2025-budget.txt"), "utf8");

// A fixed pseudo-random sequence: the same variants every time.
let state = 12345;
const rand = (n: number) => {
  state = (state * 1103515245 + 12345) & 0x7fffffff;
  return state % n;
};
const numbers = [...seed.matchAll(/\d+(?:\.\d+)?%?/g)];
const docs: [string, string][] = [["seed", seed]];
for (let i = 0; i < 400; i++) {
  let t = seed;
  for (let j = 0, k = 1 + rand(3); j < k; j++) {
    const m = numbers[rand(numbers.length)] as RegExpMatchArray;
    const pos = rand(m[0].length);
    if (!/\d/.test(m[0][pos] as string)) continue;
    const at = (m.index as number) + pos;
    t = t.slice(0, at) + String((Number(m[0][pos]) + 1 + rand(8)) % 10) + t.slice(at + 1);
  }
  if (i % 7 === 0) {
    const lines = t.split("\n");
    lines.splice(rand(lines.length), 1 + rand(3));
    t = lines.join("\n");
  }
  if (i % 11 === 0) t = t.replaceAll("（", "(").replaceAll("）", ")");
  if (i % 13 === 0) t = t.replace(/ /g, "  ");
  docs.push([`variant ${i}`, t]);
}

const digest = (x: unknown) => createHash("sha1").update(JSON.stringify(x)).digest("hex");
const results: Record<string, string> = {};
for (const [name, text] of docs) {
  const r = importBuffer(new TextEncoder().encode(text), `${name}.txt`);
  results[name] = digest({ r, c: r.disclosure ? check(r.disclosure) : null });
}
for (const dir of ["test/fixtures/corpus", "test/fixtures/regions"]) {
  for (const f of readdirSync(join(root, dir)).sort()) {
    if (!/\.(pdf|xlsx)$/i.test(f)) continue;
    const r = await importFile(join(root, dir, f));
    results[f] = digest({ r, c: r.disclosure ? check(r.disclosure) : null });
  }
}

const file = join(root, "out", "equivalence.json");
if (mode === "record") {
  mkdirSync(join(root, "out"), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 1));
  console.log(`recorded ${Object.keys(results).length} results in ${file}`);
} else {
  const recorded = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const changed = Object.keys(recorded).filter((k) => recorded[k] !== results[k]);
  console.log(
    changed.length === 0
      ? `equivalent: all ${Object.keys(recorded).length} documents give the recorded results`
      : `changed: ${changed.length} of ${Object.keys(recorded).length}: ${changed.slice(0, 20).join(", ")}`,
  );
  process.exit(changed.length === 0 ? 0 : 1);
}
