/**
 * PDF import speed against `pdftotext -layout` on the same files, in one run: pages per second
 * for each corpus PDF and overall. Our figure includes the whole import (pdf.js text extraction,
 * line and table rebuilding, template detection, facts); pdftotext only extracts text.
 * Run: npx tsx bench/pdf.ts [files…]   (defaults to test/fixtures/corpus/*.pdf)
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { importPdf } from "../src/import/pdf/import-pdf.ts";

const ROUNDS = 3;
const dir = join(import.meta.dirname, "../test/fixtures/corpus");
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(dir)
        .filter((f) => f.endsWith(".pdf"))
        .map((f) => join(dir, f));

function best(fn: () => void): number {
  let b = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    fn();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

async function bestAsync(fn: () => Promise<void>): Promise<number> {
  let b = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

const pdftotextOk = spawnSync("pdftotext", ["-v"]).status === 0;
if (!pdftotextOk)
  console.log("pdftotext is not installed (apt install poppler-utils): yusuan's figures only, no comparison");
await importPdf(new Uint8Array(readFileSync(files[0] as string)), "warmup.pdf"); // load pdf.js once
let pagesAll = 0;
let oursAll = 0;
let popplerAll = 0;
console.log(`file                                          pages   yusuan ms  p/s     pdftotext ms  p/s    ratio`);
for (const f of files) {
  const buf = new Uint8Array(readFileSync(f));
  let pages = 0;
  const ours = await bestAsync(async () => {
    const r = await importPdf(buf, basename(f));
    pages = r.report?.pages ?? 0;
  });
  const poppler = pdftotextOk
    ? best(() => void spawnSync("pdftotext", ["-layout", f, "-"], { maxBuffer: 1 << 28 }))
    : Number.NaN;
  pagesAll += pages;
  oursAll += ours;
  popplerAll += poppler;
  const pps = (ms: number) => (pages / (ms / 1000)).toFixed(1).padStart(6);
  console.log(
    `${basename(f).padEnd(44)} ${String(pages).padStart(5)} ${ours.toFixed(0).padStart(10)} ${pps(ours)} ${poppler.toFixed(0).padStart(13)} ${pps(poppler)} ${(ours / poppler).toFixed(2).padStart(7)}×`,
  );
}
const tps = (ms: number) => (pagesAll / (ms / 1000)).toFixed(1);
const against = pdftotextOk
  ? `, pdftotext -layout ${tps(popplerAll)} pages/s; yusuan takes ${(oursAll / popplerAll).toFixed(2)}× as long`
  : "";
console.log(
  `\ntotal: ${pagesAll} pages; yusuan ${tps(oursAll)} pages/s${against} (best of ${ROUNDS}, ${new Date().toISOString().slice(0, 10)}, node ${process.version})`,
);
