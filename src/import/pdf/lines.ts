/**
 * Page chunks → lines: chunks whose baselines are close form a line; within a line, chunks that
 * touch (gap under a quarter of the font height) are joined, so "二、" + "财政专户管理资金" is one
 * cell, while a real column gap keeps cells apart.
 */
import type { PdfPage, TextChunk } from "./extract.ts";

export interface PdfLine {
  page: number;
  y: number;
  h: number;
  /** cells left to right */
  cells: TextChunk[];
  /** cells joined with single spaces, for matching titles and prose */
  text: string;
  /**
   * Laid-out text only (pdftotext -layout): lines stand this far apart, a line of text apiece, where
   * the printed positions are lost. Lines of cells printed side by side at different heights
   * interleave: one cell's next line may stand two steps down, another cell's line between them.
   */
  step?: number;
}

const AMOUNT_TOKEN = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;

const PAGE_NUMBER =
  /^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*[,，、/／|｜]?\s*共\s*\d+\s*页)?$|^共\s*\d+\s*页\s*[,，、/／|｜]?\s*第\s*\d+\s*页$|^\d+\s*[/／]\s*\d+$|^(?:page\s*)?\d+\s*(?:of|\/)\s*\d+$/i;

/**
 * A page number line, as page headers and footers print it: "12", "- 12 -", "第 12 页",
 * "第 12 页 / 共 30 页" (spreadsheet exports), "共 30 页 第 12 页", "12/30", "Page 12 of 30".
 */
export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

/** A printed amount ("22,186,440.80", "0.95", "-3.00"). */
export function isAmountToken(s: string): boolean {
  return AMOUNT_TOKEN.test(s);
}

function joinable(a: TextChunk, b: TextChunk): boolean {
  const gap = b.x0 - a.x1;
  const h = Math.min(a.h, b.h);
  if (gap > h * 0.25) return false;
  // Two amounts are never one cell, even when a narrow column prints them nearly touching; but a
  // digit right against an amount's second decimal goes on with it (a 6-decimal amount drawn glyph
  // by glyph: "44,156.64" then "0", "1" …)
  if (isAmountToken(a.text) && /^[-\d]/.test(b.text) && (isAmountToken(b.text) || /^-/.test(b.text) || gap > h * 0.1))
    return false;
  return true;
}

/** Groups a page's chunks into lines, top to bottom. */
export function pageLines(page: PdfPage): PdfLine[] {
  const chunks = [...page.chunks].sort((p, q) => p.y - q.y || p.x0 - q.x0);
  const groups: TextChunk[][] = [];
  let cur: TextChunk[] = [];
  let curY = Number.NEGATIVE_INFINITY;
  let curH = 0;
  for (const c of chunks) {
    const tol = Math.max(1.5, Math.min(c.h, curH || c.h) * 0.35);
    if (cur.length > 0 && Math.abs(c.y - curY) <= tol) {
      cur.push(c);
      // running mean keeps slightly uneven baselines (358.2 vs 359.2) together
      curY = (curY * (cur.length - 1) + c.y) / cur.length;
      curH = Math.max(curH, c.h);
    } else {
      if (cur.length > 0) groups.push(cur);
      cur = [c];
      curY = c.y;
      curH = c.h;
    }
  }
  if (cur.length > 0) groups.push(cur);
  return groups.map((g) => {
    g.sort((p, q) => p.x0 - q.x0);
    const cells: TextChunk[] = [];
    for (const c of g) {
      const last = cells[cells.length - 1];
      if (last && joinable(last, c)) {
        cells[cells.length - 1] = { ...last, text: last.text + c.text, x1: Math.max(last.x1, c.x1) };
      } else cells.push({ ...c });
    }
    const y = g.reduce((s, c) => s + c.y, 0) / g.length;
    const h = Math.max(...g.map((c) => c.h));
    return { page: page.no, y, h, cells, text: cells.map((c) => c.text).join(" ") };
  });
}
