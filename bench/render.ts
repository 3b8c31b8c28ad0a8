/**
 * Benchmark: rendering one document to HTML, XLSX and PDF, and a batch of PDFs with one browser.
 * A program, not a test: it prints figures for BENCHMARKS.md (targets: HTML and XLSX < 100 ms,
 * PDF < 1 s each in a batch).
 *
 *   npm run bench -- render [batch=100]
 *
 * Uses the seed (test/fixtures/bazhou-hrss-2025-budget.txt) when the text importer reads it,
 * otherwise the renderer fixture (src/render/testing.ts), and says which.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderHtml } from "../src/render/html.ts";
import { PdfRenderer } from "../src/render/pdf.ts";
import { testDisclosures } from "../src/render/testing.ts";
import { renderXlsxBuffer } from "../src/render/xlsx.ts";

const batch = Number(process.argv[2] ?? 100);
const docs = await testDisclosures();
const { name, d } = docs.find((x) => x.name === "seed") ?? docs[0]!;
console.log(
  `document: ${name} (${d.meta.department}, ${d.tables.length} tables, ${d.tables.reduce((n, t) => n + t.rows.length, 0)} rows)`,
);

async function time(label: string, n: number, f: (i: number) => Promise<unknown> | unknown): Promise<number> {
  await f(-1); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  const ms = (performance.now() - t0) / n;
  console.log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms/doc  (n=${n})`);
  return ms;
}

await time("HTML (renderHtml)", 50, () => renderHtml(d, { fontUrl: (f) => f }));
await time("XLSX (exceljs, to buffer)", 20, () => renderXlsxBuffer(d));

const dir = await mkdtemp(join(tmpdir(), "yusuan-bench-"));
const pdf = new PdfRenderer();
const t0 = performance.now();
await pdf.open();
console.log(`${"browser launch".padEnd(34)} ${(performance.now() - t0).toFixed(1).padStart(8)} ms`);
try {
  await time("PDF (one document, warm browser)", 5, (i) => pdf.render(d, join(dir, `one-${i}.pdf`)));
  for (const jobs of [1, 2]) {
    const t1 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < batch) {
        const i = next++;
        await pdf.render(
          { ...d, meta: { ...d.meta, department: `${d.meta.department}${i}` } },
          join(dir, `b-${i}.pdf`),
        );
      }
    };
    await Promise.all(Array.from({ length: jobs }, worker));
    const ms = (performance.now() - t1) / batch;
    console.log(
      `${`PDF batch of ${batch}, --jobs ${jobs}`.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms/doc  (total ${((ms * batch) / 1000).toFixed(1)} s)`,
    );
  }
} finally {
  await pdf.close();
  await rm(dir, { recursive: true, force: true });
}
