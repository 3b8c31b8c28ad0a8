/**
 * PDF import + check against `pdftotext -layout` on the same files, side by side in one run
 * (issue 11: "not slower: import and check of a PDF within 3× pdftotext -layout on the same file").
 *
 * For every PDF of test/fixtures/corpus and test/fixtures/regions (or the files given): yusuan's
 * importFile + check (what `yusuan check FILE` does, less printing) and `pdftotext -layout FILE -`
 * (its process start included: that is what running it costs), alternated round by round so both
 * see the same machine load; the best round of each is kept. Prints per file and overall ratio
 * (sum of yusuan's times ÷ sum of pdftotext's) and says whether the 3× target is met.
 *
 * Run: npm run bench -- pdf [files…]   or   npx tsx bench/pdf.ts [files…]
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { check } from "../src/check/index.ts";
import { importFile } from "../src/import/index.ts";

const ROUNDS = 5;
const TARGET = 3;
const fixtures = join(import.meta.dirname, "../test/fixtures");
const dirs = ["corpus", "regions"].map((d) => join(fixtures, d));
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : dirs.flatMap((d) =>
        readdirSync(d)
          .filter((f) => f.endsWith(".pdf"))
          .sort()
          .map((f) => join(d, f)),
      );

if (spawnSync("pdftotext", ["-v"]).status !== 0) {
  console.log("pdftotext is not installed (apt install poppler-utils): nothing to compare against");
  process.exit(1);
}

interface Ours {
  pages: number;
  importMs: number;
  checkMs: number;
  /** false when the import gave no disclosure (nothing to check) */
  checked: boolean;
}

async function ours(path: string): Promise<Ours> {
  const t0 = performance.now();
  const r = await importFile(path);
  const t1 = performance.now();
  if (r.disclosure) check(r.disclosure);
  const t2 = performance.now();
  return { pages: r.report?.pages ?? 0, importMs: t1 - t0, checkMs: t2 - t1, checked: r.disclosure !== undefined };
}

function poppler(path: string): number {
  const t = performance.now();
  const r = spawnSync("pdftotext", ["-layout", path, "-"], { maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`pdftotext failed on ${path}: ${r.stderr}`);
  return ms;
}

await ours(files[0] as string); // pdf.js and the rule catalogue load once, outside the figures

const name = (f: string) => `${basename(dirname(f))}/${basename(f)}`;
const width = Math.max(40, ...files.map((f) => name(f).length));
const ms = (x: number, w = 10) => x.toFixed(0).padStart(w);
console.log(
  `import + check (yusuan) against pdftotext -layout, same files, same run: best of ${ROUNDS} alternating rounds each`,
);
console.log(
  `${"file".padEnd(width)} ${"pages".padStart(5)} ${"import ms".padStart(10)} ${"check ms".padStart(9)} ${"yusuan ms".padStart(10)} ${"pdftotext ms".padStart(13)} ${"ratio".padStart(8)}`,
);
let pagesAll = 0;
let importAll = 0;
let checkAll = 0;
let popplerAll = 0;
let within = 0;
for (const f of files) {
  let best: Ours | undefined;
  let bestPoppler = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ROUNDS; i++) {
    const o = await ours(f);
    if (!best || o.importMs + o.checkMs < best.importMs + best.checkMs) best = o;
    bestPoppler = Math.min(bestPoppler, poppler(f));
  }
  const b = best as Ours;
  const total = b.importMs + b.checkMs;
  const ratio = total / bestPoppler;
  if (ratio <= TARGET) within++;
  pagesAll += b.pages;
  importAll += b.importMs;
  checkAll += b.checkMs;
  popplerAll += bestPoppler;
  console.log(
    `${name(f).padEnd(width)} ${String(b.pages).padStart(5)} ${ms(b.importMs)} ${ms(b.checkMs, 9)} ${ms(total)} ${ms(bestPoppler, 13)} ${ratio.toFixed(2).padStart(7)}×${ratio > TARGET ? "  over" : ""}${b.checked ? "" : "  (not imported: nothing checked)"}`,
  );
}
const oursAll = importAll + checkAll;
const ratioAll = oursAll / popplerAll;
console.log(
  `\ntotal: ${files.length} files, ${pagesAll} pages; yusuan ${oursAll.toFixed(0)} ms (import ${importAll.toFixed(0)} + check ${checkAll.toFixed(0)}), ` +
    `pdftotext -layout ${popplerAll.toFixed(0)} ms`,
);
console.log(
  `yusuan takes ${ratioAll.toFixed(2)}× as long as pdftotext -layout (target ≤ ${TARGET}×: ${ratioAll <= TARGET ? "met" : "NOT met"}); ` +
    `files within ${TARGET}×: ${within} / ${files.length}  (${new Date().toISOString().slice(0, 10)}, node ${process.version})`,
);
