/**
 * Extracted text laid out as printed (`pdftotext -layout`: one character per cell, columns kept by
 * spaces, pages separated by form feeds) read by the general reader, as its PDF would be. Each run of
 * text between two or more spaces becomes a chunk at its column, each line a baseline, each form feed
 * a page; the national vocabulary and the tables' arithmetic do the rest (import-pdf.ts).
 */
import type { TextChunk } from "../pdf/extract.ts";
import { type PdfImportResult, readGeneral, textOnlyPdf } from "../pdf/import-pdf.ts";
import { pageLines } from "../pdf/lines.ts";
import { normaliseText } from "../pdf/normalise.ts";

/** A character cell and a line, in points (a 10.5 pt font, as these documents print). */
const CELL = 5.25;
const LINE = 15;
const FONT = 10.5;

/**
 * The positioned lines of laid-out text.
 * @example laidOutLines("部门收支总表\n单位：万元\n合计   1.00")[2]?.cells.length // 2
 */
export function laidOutLines(text: string) {
  const pages = text.replace(/^\uFEFF/, "").split("\f");
  // pdftotext ends its last page with a form feed
  while (pages.length > 1 && (pages[pages.length - 1] as string).trim() === "") pages.pop();
  return pages.flatMap((body, i) => {
    const chunks: TextChunk[] = [];
    body.split(/\r?\n/).forEach((line, li) => {
      const y = 40 + li * LINE;
      for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
        const col = [...line.slice(0, m.index ?? 0)].length;
        const t = normaliseText(m[0]);
        chunks.push({ text: t, x0: col * CELL, x1: (col + [...m[0]].length) * CELL, y, h: FONT });
      }
    });
    return pageLines({ no: i + 1, width: 600, height: 850, chunks });
  });
}

/** True when the text looks laid out as printed: lines with cells set apart by runs of spaces. */
export function looksLaidOut(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const spaced = lines.filter((l) => /\S {2,}\S/.test(l.trim())).length;
  return lines.length >= 20 && spaced >= lines.length * 0.15;
}

/**
 * The 说明 half of a two-file document as extracted text (its tables read from the other file): its
 * prose read as the PDF's would be (`import X-tables.txt --text X-text.txt`), with the tables' template.
 */
export function readLaidOutText(text: string, source: string, template: string | undefined): PdfImportResult {
  const lines = laidOutLines(text);
  return fromText(textOnlyPdf(lines, source, template, [], pagesOf(lines)));
}

const pagesOf = (lines: readonly { page: number }[]) => (lines.length > 0 ? (lines[lines.length - 1]?.page ?? 1) : 0);

/** A reading of laid-out text says it came from text. */
function fromText(r: PdfImportResult): PdfImportResult {
  if (r.disclosure) r.disclosure.provenance.format = "text";
  if (r.report) r.report.format = "text";
  return r;
}

/**
 * Reads laid-out text with the general reader; the disclosure says it came from text.
 * @example readLaidOut(readFileSync("x.txt", "utf8"), "x.txt").disclosure?.tables.length
 */
export function readLaidOut(text: string, source: string): PdfImportResult {
  const lines = laidOutLines(text);
  return fromText(readGeneral(lines, pagesOf(lines), source, [], undefined, true));
}
