/**
 * Text whose tables came out tab-separated (converters that find a PDF's tables write a row a line,
 * a cell a field, a blank cell an empty field, and a merged header cell once, in the first column of
 * its span) read by the general reader, as its PDF would be. Each block of tabbed lines is set as a
 * table again: every column as wide as its widest cell, amounts flush right, text flush left, a
 * heading centred over the columns its merged cell spans (the columns a lower header row fills
 * under the empty fields after it). The national vocabulary and the tables' arithmetic do the rest
 * (import-pdf.ts), for a layout no text template knows.
 */
import type { ImportProblem } from "../../model/disclosure.ts";
import { displayWidth } from "../../model/text-width.ts";
import type { TextChunk } from "../pdf/extract.ts";
import { type PdfImportResult, readGeneral } from "../pdf/import-pdf.ts";
import { type PdfLine, pageLines } from "../pdf/lines.ts";
import { normaliseText } from "../pdf/normalise.ts";
import { splitFields } from "./lines.ts";

/** A half-width character, a line, a font, a page's left margin and the gap between columns, in points. */
const CELL = 5.25;
const LINE = 15;
const FONT = 10.5;
const LEFT = 40;
const GAP = 3;

const CODE = /^\d{3,7}$/;
/** An amount as tables print them: 万元 with 2 or 6 decimals, 元 with 2 or none ("195,774,300"). */
const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const amountLike = (f: string) => NUMBER.test(f) && !CODE.test(f);
/**
 * A row that prints an amount or a classification code is a table's data, not its header; a row of
 * one- and two-digit numbers is the header's column numbers (栏次 1 2 3 …).
 */
const isData = (row: readonly string[]) => row.some((f) => (NUMBER.test(f) && !/^\d{1,2}$/.test(f)) || CODE.test(f));

/** The header's line of column numbers (栏次: "※ ※ 1 2 3"), which fills every column. */
const numbering = (row: readonly string[]) => row.every((f) => f === "" || /^(?:※|\d{1,2})$/.test(f));

/**
 * Header rows whose merged cells the converter wrote in every column and row they span ("收入 收入
 * 支出 支出", "项目" down three rows), written once as a merged cell is: a cell the same as the one
 * before it in a span the rows above share, or as the one above it, left empty.
 */
function foldRepeats(header: readonly string[][]): string[][] {
  const out = header.map((r) => [...r]);
  // span[r][c]: which merged cell of row r column c belongs to
  const span: number[][] = [];
  header.forEach((row, r) => {
    const ids: number[] = [];
    let id = 0;
    row.forEach((f, c) => {
      const same =
        c > 0 &&
        f !== "" &&
        f === row[c - 1] &&
        !numbering(row) &&
        (r === 0 || span[r - 1]?.[c] === span[r - 1]?.[c - 1]);
      if (!same) id++;
      ids.push(id);
      if (same) (out[r] as string[])[c] = "";
    });
    span.push(ids);
  });
  for (let r = header.length - 1; r > 0; r--)
    (header[r] as string[]).forEach((f, c) => {
      if (f !== "" && f === header[r - 1]?.[c] && !numbering(header[r] as string[])) (out[r] as string[])[c] = "";
    });
  return out;
}

/** The chunks of one block of tabbed rows (y of each row given), set as a table. */
function tableChunks(block: readonly string[][], ys: readonly number[]): TextChunk[] {
  let firstData = block.findIndex(isData);
  if (firstData < 0) firstData = block.length;
  const rows = [...foldRepeats(block.slice(0, firstData)), ...block.slice(firstData)];
  const columns = Math.max(...rows.map((r) => r.length));
  const header = (r: number) => r < firstData;
  // a header cell followed by empty fields may be a merged cell: the columns under it say how wide
  // (the header's rows under each row, its line of column numbers aside, made once)
  const under = rows.slice(0, firstData).map((_, r) => rows.slice(r + 1, firstData).filter((b) => !numbering(b)));
  const spans = rows.slice(0, firstData).map((row, r) =>
    row.map((_, c) => {
      let e = c;
      while (
        e + 1 < columns &&
        (row[e + 1] ?? "") === "" &&
        (under[r] as string[][]).some((below) => (below[e + 1] ?? "") !== "")
      )
        e++;
      return e;
    }),
  );
  /** the last column a cell spans: its own, but for a header cell merged over the ones after it */
  const spanEnd = (r: number, c: number): number => spans[r]?.[c] ?? c;
  const widths = new Array<number>(columns).fill(4);
  rows.forEach((row, r) => {
    row.forEach((f, c) => {
      if (f === "" || spanEnd(r, c) > c) return;
      widths[c] = Math.max(widths[c] as number, displayWidth(f));
    });
  });
  // a merged heading wider than the columns it spans widens them (evenly), as a table drawn with it
  // would: printed in the few cells the columns leave it, it would run into the heading beside it
  const merged = rows
    .slice(0, firstData)
    .flatMap((row, r) => row.map((f, c) => ({ f, c, end: spanEnd(r, c) })))
    .filter((m) => m.f !== "" && m.end > m.c)
    .sort((a, b) => a.end - a.c - (b.end - b.c));
  for (const { f, c, end } of merged) {
    let room = GAP * (end - c);
    for (let k = c; k <= end; k++) room += widths[k] as number;
    const short = displayWidth(normaliseText(f)) + 2 * GAP - room;
    if (short > 0) for (let k = c; k <= end; k++) widths[k] = (widths[k] as number) + Math.ceil(short / (end - c + 1));
  }
  const xs: number[] = [];
  let x = LEFT;
  for (const w of widths) {
    xs.push(x);
    x += (w + GAP) * CELL;
  }
  const right = (c: number) => (xs[c] as number) + (widths[c] as number) * CELL;
  // a header cell with nothing under it is a tall cell: set in the middle of the header rows it
  // spans, as printed (the rows under it down to the next cell of its column)
  const middle = (r: number, c: number): number => {
    let last = r;
    while (last + 1 < firstData && (rows[last + 1]?.[c] ?? "") === "") last++;
    return ((ys[r] as number) + (ys[last] as number)) / 2;
  };
  const chunks: TextChunk[] = [];
  rows.forEach((row, r) => {
    row.forEach((f, c) => {
      if (f === "") return;
      const end = spanEnd(r, c);
      const y = header(r) && end === c ? middle(r, c) : (ys[r] as number);
      const text = normaliseText(f);
      const w = displayWidth(text) * CELL;
      let x0: number;
      if (header(r)) x0 = ((xs[c] as number) + right(end)) / 2 - w / 2;
      else x0 = amountLike(f) ? right(c) - w : (xs[c] as number);
      chunks.push({ text, x0, x1: x0 + w, y, h: FONT });
    });
  });
  return chunks;
}

/**
 * The positioned lines of text with tab-separated tables, a page per form feed.
 * @example tabbedLines("部门收支总表\n项目\t预算数\n合计\t1.00")[2]?.cells.length // 2
 */
export function tabbedLines(text: string): PdfLine[] {
  const pages = text.replace(/^\uFEFF/, "").split("\f");
  while (pages.length > 1 && (pages[pages.length - 1] as string).trim() === "") pages.pop();
  return pages.flatMap((body, i) => {
    const lines = body.split(/\r?\n/);
    const chunks: TextChunk[] = [];
    let block: { rows: string[][]; ys: number[] } = { rows: [], ys: [] };
    const flush = () => {
      if (block.rows.length > 0) chunks.push(...tableChunks(block.rows, block.ys));
      block = { rows: [], ys: [] };
    };
    lines.forEach((line, li) => {
      const y = 40 + li * LINE;
      if (line.trim() === "") return; // (a blank line neither starts nor ends a table)
      if (line.includes("\t")) {
        block.rows.push(splitFields(line));
        block.ys.push(y);
        return;
      }
      flush();
      const t = normaliseText(line.trim());
      chunks.push({ text: t, x0: LEFT, x1: LEFT + displayWidth(t) * CELL, y, h: FONT });
    });
    flush();
    return pageLines({ no: i + 1, width: 600, height: Math.max(850, 80 + lines.length * LINE), chunks });
  });
}

/** True when the text prints its tables tab-separated: many lines with two or more fields. */
export function looksTabbed(text: string): boolean {
  let tabbed = 0;
  for (const line of text.split("\n")) if (/\S\t|\t\S/.test(line)) tabbed++;
  return tabbed >= 10;
}

/**
 * Reads text with tab-separated tables with the general reader; the disclosure says it came from text.
 * @example readTabbed(readFileSync("x.txt", "utf8"), "x.txt").disclosure?.tables.length
 */
export function readTabbed(text: string, source: string): PdfImportResult {
  const lines = tabbedLines(text);
  const pages = lines.length > 0 ? (lines[lines.length - 1]?.page ?? 1) : 0;
  const problems: ImportProblem[] = [];
  const r = readGeneral(lines, pages, source, problems);
  if (r.disclosure) r.disclosure.provenance.format = "text";
  if (r.report) r.report.format = "text";
  return r;
}
