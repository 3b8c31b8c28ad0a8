/**
 * Extracted text laid out as printed (`pdftotext -layout`: one character per cell, columns kept by
 * spaces, pages separated by form feeds) read by the general reader, as its PDF would be. Each run of
 * text between two or more spaces becomes a chunk at its column, each line a baseline, each form feed
 * a page; the national vocabulary and the tables' arithmetic do the rest (import-pdf.ts).
 */

import { CUT_START, TWO_DECIMALS } from "../grid/tokens.ts";
import type { TextChunk } from "../pdf/extract.ts";
import { type PdfImportResult, readGeneral, textOnlyPdf } from "../pdf/import-pdf.ts";
import { pageLines } from "../pdf/lines.ts";
import { normaliseText } from "../pdf/normalise.ts";

/** A character cell and a line, in points (a 10.5 pt font, as these documents print). */
const CELL = 5.25;
const LINE = 15;
const FONT = 10.5;

/** A run of text on a line of laid-out text: its characters' columns, `end` exclusive. */
interface Run {
  text: string;
  col: number;
  end: number;
}

/** The runs of one line: text between two or more spaces (words a single space apart stay together). */
function runsOf(line: string): Run[] {
  return [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => {
    const col = [...line.slice(0, m.index ?? 0)].length;
    return { text: m[0], col, end: col + [...m[0]].length };
  });
}

const WHOLE_PART = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)$/;
const DECIMALS = /^\.\d{1,6}$/;

/**
 * pdftotext -layout sets a word that overlaps the one before it on a line of its own, and the rest of
 * that line with it: where a font's boxes make an amount's decimals overlap its whole part ("12,672"
 * ".73"), the amount is cut over two lines and everything printed after it on its line goes down one
 * ("12,672" / ".73 一、社会保障和就业支出 120" / ".17"), step after step along a row. A line that
 * starts with decimals at the previous line's last run, a whole number, is that line's rest: the
 * decimals go back onto their amount, the rest onto the line (the line left blank, so the lines below
 * keep their places).
 */
function rejoinOverlaps(rows: Run[][]): void {
  for (let i = 0; i < rows.length; i++) {
    const cur = rows[i] as Run[];
    for (let j = i + 1; j < rows.length; ) {
      const next = rows[j] as Run[];
      const last = cur[cur.length - 1];
      const first = next[0];
      if (!last || !first || !WHOLE_PART.test(last.text)) break;
      const frag = first.text.split(" ")[0] as string;
      const fragEnd = first.col + frag.length;
      // (under it or just before it: the text sets each line's columns apart, a column or two off)
      if (!DECIMALS.test(frag) || first.col > last.end || fragEnd < last.col) break;
      const rest = first.text.slice(frag.length).replace(/^ +/, "");
      const after = [
        ...(rest ? [{ text: rest, col: first.end - [...rest].length, end: first.end }] : []),
        ...next.slice(1),
      ];
      // (as the line would set it whole, from its first digit on, a column a character; a column
      // short of what follows it)
      const end = Math.min(Math.max(last.end + frag.length, fragEnd), (after[0]?.col ?? Number.POSITIVE_INFINITY) - 1);
      cur[cur.length - 1] = { text: last.text + frag, col: last.col, end: Math.max(end, last.col + 1) };
      cur.push(...after);
      rows[j] = [];
      // (the next line down may hold the rest of the amount now last on this one)
      j++;
    }
  }
}

/** What a narrow cell prints of a visibly cut amount (tokens.ts CUT_START) on its next line. */
const TAIL = /^[\d,.]{1,4}$/;

/**
 * Amounts a narrow cell wraps over two lines ("370,219.2" / "5"), centred on the row's other cells:
 * the text sets the cut amounts a line above the row's label and their last digits a line below it,
 * each line's columns a few characters off the other's. A line of nothing but such cut amounts, and
 * two lines down a line of as many short pieces that make them whole, each at or after its amount's
 * start and no more than a few columns past its end, in the same order: each amount whole, on the
 * line between (the row's), where it does not run into what that line holds.
 */
function rejoinCutAmounts(rows: Run[][]): void {
  for (let i = 0; i + 2 < rows.length; i++) {
    const cut = rows[i] as Run[];
    const mid = rows[i + 1] as Run[];
    const tails = rows[i + 2] as Run[];
    if (cut.length === 0 || tails.length !== cut.length || mid.length === 0) continue;
    if (!cut.every((r) => CUT_START.test(r.text)) || !tails.every((r) => TAIL.test(r.text))) continue;
    if (!cut.every((r, k) => (tails[k] as Run).col >= r.col && (tails[k] as Run).col <= r.end + 6)) continue;
    if (!cut.every((r, k) => TWO_DECIMALS.test(r.text + (tails[k] as Run).text))) continue;
    const whole = cut.map((r, k) => {
      const text = r.text + (tails[k] as Run).text;
      return { text, col: r.col, end: r.col + [...text].length };
    });
    if (whole.some((w) => mid.some((m) => m.col <= w.end && m.end >= w.col))) continue;
    rows[i] = [];
    rows[i + 2] = [];
    rows[i + 1] = [...mid, ...whole].sort((a, b) => a.col - b.col);
  }
}

/**
 * The positioned lines of laid-out text.
 * @example laidOutLines("部门收支总表\n单位：万元\n合计   1.00")[2]?.cells.length // 2
 */
export function laidOutLines(text: string) {
  const pages = text.replace(/^\uFEFF/, "").split("\f");
  // pdftotext ends its last page with a form feed
  while (pages.length > 1 && (pages[pages.length - 1] as string).trim() === "") pages.pop();
  return pages.flatMap((body, i) => {
    const rows = body.split(/\r?\n/).map(runsOf);
    rejoinOverlaps(rows);
    rejoinCutAmounts(rows);
    const chunks: TextChunk[] = rows.flatMap((runs, li) =>
      runs.map((r) => ({
        text: normaliseText(r.text),
        x0: r.col * CELL,
        x1: r.end * CELL,
        y: 40 + li * LINE,
        h: FONT,
      })),
    );
    return pageLines({ no: i + 1, width: 600, height: 850, chunks }).map((l) => ({ ...l, step: LINE }));
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
