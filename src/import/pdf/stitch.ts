/**
 * A wide table printed across pages side by side: a sheet exported without "fit to width" prints
 * its left columns on one page and the rest on the next (or, for a long table, all its left parts
 * first and then all its right parts, as spreadsheets print "down, then over"). The right-hand page
 * carries no row labels, or repeats the label column; its rows stand at the same heights as the
 * left-hand page's, since both print the same sheet rows.
 *
 * Such pages are joined into one wide page before anything is read: the right-hand page's text is
 * placed to the right of the left-hand page's, row against row, its repeated labels, page number and
 * title (printed again, or cut at the paper's edge) left out, a group heading printed on both sides
 * of the edge made one. A page is joined only when the two print the same sheet rows: every row of
 * figures level with a line of the other to a fraction of a point, its headings among the other's,
 * on the same paper, with no other table's title and no labels of its own, except the right half
 * of a table printed in two halves (收入 | 支出) under one title, whose first and last rows are level
 * with the left half's. Anything else is read as printed, a page at a time: the pages of real
 * documents printed whole are never joined (test/check/national-corpus.test.ts).
 */
import { classifyTitle } from "../../templates/vocabulary.ts";
import { isColumnNumberLine } from "../grid/columns.ts";
import { gridLines } from "../grid/from-pdf.ts";
import { AMOUNT_TEXT, splitWord, tokenKind } from "../grid/tokens.ts";
import type { PdfPage, TextChunk } from "./extract.ts";
import { isPageNumber, type PdfLine, pageLines } from "./lines.ts";

/** Pages joined into one: `page` holds the text of `from` (in order), placed to its right. */
export interface Stitch {
  page: number;
  from: number[];
}

/** a share or rate in a row's cells ("-60.86%"): a figure, not a label */
const PERCENT = /^[-−]?\d+(?:\.\d+)?[%％]$/;
const SENTENCE = /[。，；]/;
const PROSE = /[。，；]|万元|亿元/;
/** a classification code and a name ("39909 经常性赠与"), not a year ("2026年预算数") */
const CODE_LABEL = /^[[【]?\d{3,7}[\]】]?[-－.、]?(?![年月日])[\u4e00-\u9fff]/;
/** an amount as tables print it (decimals, or thousands separators), or a share */
const figure = (w: string) => AMOUNT_TEXT.test(w) || PERCENT.test(w);
/** a blank written as a dash, or a share: neither is a label */
const notLabel = (w: string) => tokenKind(w) === "dash" || PERCENT.test(w);
/** how many pages back a right-hand part may stand from its left-hand part */
const REACH = 8;
/** how near the paper's edge a heading cut at it ends, in points */
const EDGE = 2;

const squash = (s: string) => s.replace(/\s+/g, "");

interface Row {
  y: number;
  h: number;
  /** the text before the row's first amount, spaces removed ("" when it has none) */
  label: string;
  /** figures only after the label, as a table's row prints them (not a sentence quoting amounts) */
  figures: boolean;
  /** a sentence quoting amounts ("…预算 45.60 万元，比上年…") */
  prose: boolean;
  /** where the line's first cell starts */
  x0: number;
}

interface Shape {
  page: PdfPage;
  lines: PdfLine[];
  /** lines printing an amount */
  rows: Row[];
  /** the lines above the first row (headings), less the title, the unit and page numbers */
  head: PdfLine[];
  /** the page's table title, when it prints one above its rows */
  title?: string;
  titleLine?: PdfLine;
  /** the paper of one part: the parts of one sheet print on the same paper, the same way up */
  sheet: { width: number; height: number };
  /** the first part's top line as printed, left to right (a joined page keeps its first part's) */
  top: readonly TextChunk[];
}

/** A line's words, an amount run into a label ("373,795.79一般公共服务支出") cut from it. */
function words(l: PdfLine): string[] {
  return l.cells.flatMap((c) => c.text.split(/\s+/).flatMap(splitWord)).filter((w) => w !== "");
}

/** the unit line ("单位：万元", "金额单位:元", "（单位万元）") */
const UNIT = /单位[:：]|^[（(]?单位/;

function shapeOf(page: PdfPage): Shape {
  const lines = pageLines(page);
  const rows: Row[] = [];
  const head: PdfLine[] = [];
  let title: string | undefined;
  let titleLine: PdfLine | undefined;
  for (const l of lines) {
    const ws = words(l);
    const first = ws.findIndex(figure);
    if (first < 0) {
      if (rows.length > 0 || isPageNumber(l.text)) continue;
      const t = squash(l.text);
      if (!title && t.length >= 3 && t.length <= 70 && classifyTitle(t)) [title, titleLine] = [t, l];
      else if (!UNIT.test(t)) head.push(l);
      continue;
    }
    const label = labelOf(l);
    const figures = ws.slice(first).every((w) => figure(w) || tokenKind(w) === "dash");
    rows.push({ y: l.y, h: l.h, label, figures, prose: PROSE.test(l.text), x0: l.cells[0]?.x0 ?? 0 });
  }
  const first = lines[0];
  const top = first
    ? page.chunks.filter((c) => Math.abs(c.y - first.y) <= Math.max(0.6, first.h * 0.35)).sort((a, b) => a.x0 - b.x0)
    : [];
  return { page, lines, rows, head, title, titleLine, sheet: { width: page.width, height: page.height }, top };
}

type Fit = "row" | "heading" | "loose";
const rowTolerance = (h: number) => Math.max(0.4, h * 0.04);

/**
 * The line of `lines` at the height of a line printed on another page. The same sheet row prints at
 * the same height on every page of it: its figures to a fraction of a point (a line's baseline is
 * averaged over its runs), its headings to a point or so (a heading wrapped in a tall cell sits
 * otherwise than one that is not), a heading's pieces in cells of different heights further apart.
 */
function levelWith(lines: readonly PdfLine[], y: number, h: number, fit: Fit = "row"): PdfLine | undefined {
  const tol = fit === "loose" ? h * 0.35 : fit === "heading" ? Math.max(0.6, h * 0.1) : rowTolerance(h);
  let best: PdfLine | undefined;
  for (const l of lines) if (Math.abs(l.y - y) <= tol && (!best || Math.abs(l.y - y) < Math.abs(best.y - y))) best = l;
  return best;
}

/** Whether a heading stands among `s`'s headings, between the first of them and its first row. */
function inHeadings(s: Shape, l: PdfLine): boolean {
  const top = s.head[0];
  const firstRow = s.rows[0];
  return !!top && !!firstRow && l.y >= top.y - top.h && l.y < firstRow.y - firstRow.h * 0.5;
}

function labelOf(l: PdfLine): string {
  const ws = words(l);
  const first = ws.findIndex(figure);
  return (first < 0 ? ws : ws.slice(0, first)).filter((w) => !notLabel(w)).join("");
}

/** The numbers of a line of column numbers among `head` ("※ ※ 1 2 3", "栏次 1 2": columns.ts), or none. */
function columnNumbers(head: readonly PdfLine[]): number[] {
  const line = gridLines(head).find(isColumnNumberLine);
  return line?.tokens.filter((t) => t.kind === "int").map((t) => Number(t.text)) ?? [];
}

/**
 * How well `right` continues `left` to the right, or undefined when it does not: every row of it
 * level with a line of `left`; no label of its own (none, or the same label as `left`'s line at that
 * height), or a table's right half (see below); no title of its own other than `left`'s (a piece of
 * it, cut at the page's edge, is the same title). The score is the share of its lines, headings too,
 * among `left`'s (at least 0.6), a little more the more closely level they stand.
 */
function continuation(left: Shape, right: Shape): number | undefined {
  if (left.rows.length === 0) return undefined;
  if (Math.abs(left.sheet.width - right.sheet.width) > 1 || Math.abs(left.sheet.height - right.sheet.height) > 1)
    return undefined;
  const bothTitled = !!right.title && !!left.title;
  // (a title centred over the sheet, cut at the paper's edge, its middle printed on both pages)
  const overlapping = overlappingTitle(left, right);
  if (bothTitled && !overlapping && !(sameText(right.titleLine, left.title) || sameText(left.titleLine, right.title)))
    return undefined;
  // a piece of the other part's title, level with it: a title centred over the sheet, cut at the edge
  const pieces = right.head.filter((l) => isPiece(l, left) || l === overlapping);
  const sameTitle = bothTitled || !!overlapping || pieces.length > 0 || left.head.some((l) => isPiece(l, right));
  // the label column printed again on rows whose amounts are all blank, above the part's first row
  // of figures (a code alone, level with the left part's row of that code): rows, not headings
  const echoes = right.head.filter((l) => {
    const beside = levelWith(left.lines, l.y, l.h);
    return !!beside && sameLabel(squash(l.text), beside) && left.rows.some((r) => Math.abs(r.y - beside.y) < 0.01);
  });
  const head = right.head.filter((l) => !pieces.includes(l) && !echoes.includes(l));
  // on the left part's title row, the right part prints its title (a piece of it, or all of it
  // again) or nothing: other words there are another table's title
  const titleRow = left.titleLine;
  if (
    titleRow &&
    right.lines.some((l) => l !== overlapping && levelWith([titleRow], l.y, l.h, "heading") && !sameText(l, left.title))
  )
    return undefined;
  // a line of column numbers on both that starts again where the left part's started, instead of
  // going on from its last: two tables, each numbered from 1 (收入决算表 and 支出决算表 list the same
  // codes at the same heights), not a table's columns and the columns to their right
  const [ln, rn] = [columnNumbers(left.head), columnNumbers(right.head)];
  if (ln.length >= 2 && rn.length >= 2 && (rn[0] as number) <= (ln[ln.length - 1] as number)) return undefined;
  // (a right-hand part prints figures in its rows, nothing after them: not prose quoting amounts)
  if (!right.rows.every((r) => r.figures)) return undefined;
  // and headings, not sentences; the left part a table's page
  if (head.some((l) => SENTENCE.test(l.text) || l.cells.some((c) => squash(c.text).length > 40))) return undefined;
  // (nor rows' labels above its first row of figures: a code and a name, "39909 经常性赠与")
  if (head.some((l) => CODE_LABEL.test(squash(l.text)) && !levelWith(left.lines, l.y, l.h)?.text.includes(l.text)))
    return undefined;
  if (!left.rows.some((r) => !r.prose)) return undefined;
  let repeated = echoes.length;
  let inPlace = 0;
  let own = 0;
  let unlevel = 0;
  for (const r of right.rows) {
    const l = levelWith(left.lines, r.y, r.h);
    if (!l) unlevel++;
    else if (r.label === "") continue;
    else if (sameLabel(r.label, l)) {
      repeated++;
      // (a column printed again on every page stands where it stood on the first)
      if (Math.abs((l.cells[0]?.x0 ?? Number.NaN) - r.x0) <= 1) inPlace++;
    } else own++;
  }
  // lines of words among the rows: labels of rows whose amounts are all blank, printed again, or
  // labels of its own (a label wrapped onto a line of its own between its amounts' lines)
  const firstRow = right.rows[0]?.y ?? Number.POSITIVE_INFINITY;
  for (const l of right.lines) {
    if (l.y <= firstRow || isPageNumber(l.text) || words(l).some(figure)) continue;
    const beside = levelWith(left.lines, l.y, l.h);
    if (beside && sameLabel(squash(l.text), beside)) repeated++;
    else own++;
  }
  // the left part's headings printed again, word for word where they stood: the next page of a
  // long table under its repeated header, not the columns to its right
  const cells = head.flatMap((l) => l.cells.filter((c) => squash(c.text) !== ""));
  const again = cells.filter((c) =>
    left.lines.some(
      (l) =>
        Math.abs(l.y - c.y) <= c.h * 0.35 &&
        l.cells.some((b) => b.text === c.text && Math.abs(b.x0 - c.x0) <= 1 && Math.abs(b.x1 - c.x1) <= 1),
    ),
  ).length;
  // (a single row, its label repeated but not where the left part prints it, is too little to tell
  // from another table's row)
  if ((repeated === 1 && inPlace < 1 && right.rows.length === 1) || (repeated > 0 && own > 0)) return undefined;
  const labelled = left.rows.some((r) => r.label !== "");
  const ownLabels = own > 0 || right.rows.some((r) => r.label !== "" && !levelWith(left.lines, r.y, r.h));
  if (!ownLabels) {
    // the row labels are the left part's: every row of figures stands level with one of its lines
    if (unlevel > 0) return undefined;
    // (unless its rows print the left part's labels again, level with them: the same sheet rows,
    // their headings printed where the left part's stand because both parts are centred alike)
    if (again >= 2 && again * 2 > cells.length && repeated < 3) return undefined;
  } else {
    // Labels of its own: the right half of a table printed in two halves side by side (收入 | 支出),
    // its title over both; one half may have rows the other leaves blank, but the two begin and end
    // on the same rows. A long table's next page, its title printed again, has rows at the same
    // heights too; but it follows a full page, and its last row is not level with the last one's.
    // (Its headings may stand word for word where the left half's do, 项目 | 预算数 on each side,
    // under a group heading of its own: 收入 | 支出)
    const tol = (r: Row) => rowTolerance(r.h);
    const [a0, a1] = [left.rows[0] as Row, left.rows[left.rows.length - 1] as Row];
    const [b0, b1] = [right.rows[0] as Row, right.rows[right.rows.length - 1] as Row];
    const full = a1.y > left.sheet.height * 0.8;
    if (!sameTitle || repeated > 0 || right.rows.length < 2 || full) return undefined;
    // (a half's first rows may print no amount: 一、一般公共服务支出 blank beside 一、一般公共预算拨款收入)
    const begin = a0.y <= b0.y ? a0 : b0;
    const lineAt = (s: Shape) => s.lines.some((l) => Math.abs(l.y - begin.y) <= tol(begin) && !isPageNumber(l.text));
    if (!lineAt(left) || !lineAt(right) || Math.abs(a1.y - b1.y) > tol(a1)) return undefined;
    if (again >= 2 && again === cells.length) return undefined;
  }
  // a title of its own, where the left part has none: a title centred over a sheet too wide for the
  // page lands on its right part. Another table's page follows one without its title too, so the
  // rows must show it: several of them level with the left part's (or its heading rows), or no labels
  // on either side
  const ownTitle = !!right.title && !sameTitle;
  const levelHeads = head.filter((l) => levelWith(left.lines, l.y, l.h, "heading")).length;
  if (ownTitle && (left.title || (labelled && right.rows.length < 2 && levelHeads < 2))) return undefined;
  const headings = head.filter((l) => inHeadings(left, l)).length;
  if (right.rows.length === 0) {
    // a column of text beside the label column printed again, its amounts on a page further on (a
    // 收支总表's 支出 items): most of its lines start with the left part's label of that row (each
    // part centred on its paper, not where the left part prints it) and go on with words the left
    // part's line does not print
    // (and no line level with a labelled line of the left part starts otherwise: another table)
    let echoing = 0;
    let other = 0;
    for (const l of head) {
      const beside = levelWith(left.lines, l.y, l.h);
      const [mine, theirs] = [l.cells[0], beside?.cells[0]];
      if (!beside || !mine || !theirs || beside.y < (left.rows[0]?.y ?? 0) - 0.5) continue;
      if (mine.text !== theirs.text) other++;
      else if (l.cells.slice(1).some((c) => !beside.cells.some((b) => squash(b.text) === squash(c.text)))) echoing++;
    }
    if (sameTitle && echoing >= 3 && echoing >= left.rows.length && other === 0) return 0.9;
    // headings alone, a part whose amounts are all blank: all of them among the left part's, and
    // some printed level with one of its headings (the same sheet rows); under a title of its own
    // only beside a part without labels (an empty table's page follows a long table's last page)
    if (ownTitle && labelled) return undefined;
    const enough = levelHeads * 2 >= head.length || (sameTitle && levelHeads >= 1);
    return head.length >= 2 && headings === head.length && enough ? 1 : undefined;
  }
  if (repeated === 0 && !labelled && !sameTitle && right.rows.length < 2 && headings === 0) return undefined;
  const score = (headings + right.rows.length) / (head.length + right.rows.length);
  if (score < 0.6) return undefined;
  // between two pages that would both do ("down, then over" prints several left parts of one
  // height), the one whose rows and headings stand closest level with it
  const dy = right.rows.reduce((sum, r) => sum + Math.abs((levelWith(left.lines, r.y, r.h)?.y ?? r.y) - r.y), 0);
  return score + (0.1 * levelHeads) / Math.max(1, head.length) - dy / right.rows.length / 10;
}

/**
 * Whether every cell of `l` is a piece of `title`, or holds all of it: a title printed again, or
 * cut at the page's edge (a spreadsheet may print two pieces of it on one page).
 */
function sameText(l: PdfLine | undefined, title: string | undefined): boolean {
  if (!l || !title) return false;
  return l.cells.every((c) => {
    const t = squash(c.text);
    return t === "" || title.includes(t) || t.includes(title);
  });
}

/** Whether `l` is a piece of `of`'s title, printed level with it (cut at the page's edge). */
function isPiece(l: PdfLine, of: Shape): boolean {
  const t = squash(l.text);
  return (
    !!of.title && !!of.titleLine && t !== "" && of.title.includes(t) && !!levelWith([of.titleLine], l.y, l.h, "heading")
  );
}

/**
 * Whether `label` is the label `l` starts with: the label column printed again beside the same
 * row (the row may print more words before its first amount: the other half's label, 收入 | 支出).
 */
function sameLabel(label: string, l: PdfLine): boolean {
  return label !== "" && labelOf(l).startsWith(label);
}

/** The cells of a line before its first amount (all of them in a line without amounts). */
function labelCells(l: PdfLine): TextChunk[] {
  const k = l.cells.findIndex((c) => c.text.split(/\s+/).some(figure));
  return k < 0 ? l.cells : l.cells.slice(0, k);
}

/** Whether a head line has a cell under [x0, x1], below `y` and above the first row. */
function headsUnder(s: Shape, y: number, x0: number, x1: number): boolean {
  const firstRow = s.rows[0]?.y ?? Number.POSITIVE_INFINITY;
  return s.lines.some((l) => l.y > y + l.h * 0.5 && l.y < firstRow && l.cells.some((c) => c.x1 > x0 && c.x0 < x1));
}

/**
 * The text of one heading printed on both sides of the page's edge, or undefined: the left part's
 * last heading on the line and the right part's first, either the same group heading on both sides
 * (a spreadsheet prints a merged cell's text on each page it spans), one cut short at the edge
 * ("公务用车购" | "公务用车购置及运行费"), or two halves of it, each at the edge.
 */
function acrossEdge(
  left: Shape,
  right: Shape,
  pl: PdfLine,
  p: TextChunk,
  ql: PdfLine,
  c: TextChunk,
): string | undefined {
  const a = squash(p.text);
  const b = squash(c.text);
  if (a === "" || b === "" || figure(a) || figure(b)) return undefined;
  // (cut at the edge: drawn up to the paper's edge, or past it)
  const atRight = p.x1 >= left.page.width - EDGE;
  const atLeft = c.x0 <= EDGE;
  if (a === b) return headsUnder(left, pl.y, p.x0, p.x1) || headsUnder(right, ql.y, c.x0, c.x1) ? b : undefined;
  if (atRight && b.startsWith(a)) return b;
  if (atLeft && a.endsWith(b)) return a;
  if (atRight && atLeft) return a + b.slice(overlap(a, b));
  return undefined;
}

/**
 * How many characters a text cut at the paper's right edge and its continuation from the left edge
 * print twice: a spreadsheet draws text running over the margins on both pages ("…江苏省高级人民法院部门"
 * | "苏省高级人民法院部门收支预算总表"). Two or more, or none.
 */
function overlap(a: string, b: string): number {
  for (let k = Math.min(a.length, b.length) - 1; k >= 2; k--) if (a.endsWith(b.slice(0, k))) return k;
  return 0;
}

/**
 * The right part's line that continues a title cut at the paper's edge on the left part, printing
 * the same characters again where the two pages' margins overlap: the left piece reaches the paper's
 * right edge, the right piece starts at its left edge, level with it, and the two make a table's title.
 */
function overlappingTitle(left: Shape, right: Shape): PdfLine | undefined {
  const top = (s: Shape) => s.lines.filter((l) => l.y < (s.rows[0]?.y ?? Number.POSITIVE_INFINITY));
  for (const l of top(left)) {
    const p = l.cells[l.cells.length - 1];
    if (!p || p.x1 < left.page.width - EDGE) continue;
    for (const r of top(right)) {
      const c = r.cells[0];
      if (!c || c.x0 > EDGE || !levelWith([l], r.y, r.h, "heading")) continue;
      const a = squash(l.text);
      const b = squash(r.text);
      const k = overlap(a, b);
      if (k >= 2 && classifyTitle(a + b.slice(k))) return r;
    }
  }
  return undefined;
}

/** a chunk of the right-hand part to place, in its own coordinates (a title's: printed over the table) */
interface Kept {
  c: TextChunk;
  title: boolean;
}

/** Where the figures in a part's rows end (right against their cells). */
function figureEnds(s: Shape): number[] {
  const first = s.rows[0];
  if (!first) return [];
  return s.lines
    .filter((l) => l.y >= first.y - 0.5)
    .flatMap((l) => l.cells.filter((c) => c.text.split(/\s+/).some(figure)).map((c) => c.x1));
}

/** a cell that prints one figure and nothing else */
const oneFigure = (c: TextChunk) => figure(c.text.trim());
/** the padding between a cell's edge and its text, points (amounts stand right against it) */
const PAD = 2;

/**
 * How far right of `left`'s origin `right`'s chunks go. Each page of a sheet printed across pages
 * has its margins, and the last column of one part and the first of the next share one edge on the
 * sheet: placed a page's width to the right, the right part stands off by both margins, and a group
 * heading centred over columns on both sides of the edge stands off the middle of its columns. The
 * edge is where the left part's amounts end (right against their cells, the last column's too) and
 * where the right part's first column of figures begins: as far left of its heading's centre as the
 * column ends right of it. `kept` are `right`'s chunks that will be placed (its own coordinates);
 * when one of them, other than the title, would stand left of that edge, or the figures do not tell
 * the edge, the part goes a page's width to the right, as printed side by side.
 */
function seamShift(left: Shape, right: Shape, kept: readonly Kept[]): number {
  const whole = left.page.width;
  const leftFirst = left.rows[0];
  const firstRow = right.rows[0];
  if (!leftFirst || !firstRow) return whole;
  const leftRows = left.lines.filter((l) => l.y >= leftFirst.y - 0.5);
  const ends = figureEnds(left);
  if (ends.length === 0) return whole;
  const edge = Math.max(...ends) + PAD;
  // (a column of text after the last figures, 备注 or 说明, or a column printed blank: its edge is not told)
  if (leftRows.some((l) => l.cells.some((c) => c.x1 > edge + 1))) return whole;
  const leftHeads = left.lines.filter((l) => l.y < leftFirst.y - leftFirst.h * 0.5 && l !== left.titleLine);
  if (leftHeads.some((l) => !UNIT.test(squash(l.text)) && l.cells.some((c) => (c.x0 + c.x1) / 2 > edge))) return whole;
  // the right part's first column of figures: where its leftmost single figure ends
  const rowLines = right.lines.filter((l) => l.y >= firstRow.y - 0.5);
  const starts = rowLines.flatMap((l) => l.cells.filter(oneFigure).map((c) => c.x1));
  if (starts.length === 0) return whole;
  const end = Math.min(...starts) + PAD;
  // its heading: the lowest of the headings placed above the rows that stand within that column
  let heading: TextChunk | undefined;
  for (const l of right.lines) {
    if (l.y >= firstRow.y - firstRow.h * 0.5 || l === right.titleLine) continue;
    for (const c of l.cells) {
      if (figure(c.text.trim()) || c.x1 > end + 1 || (c.x0 + c.x1) / 2 >= end) continue;
      if (!kept.some((k) => k.c === c && !k.title)) continue;
      if (!heading || c.y > heading.y + 0.5 || (Math.abs(c.y - heading.y) <= 0.5 && c.x1 > heading.x1)) heading = c;
    }
  }
  if (!heading) return whole;
  const begin = heading.x0 + heading.x1 - end;
  if (!(begin > 0) || !(begin < end)) return whole;
  if (kept.some((k) => !k.title && k.c.x0 < begin - PAD)) return whole;
  const shift = edge - begin;
  // (the margins of two pages: never more than the page itself, never a part over the other)
  return shift > 0 && shift <= whole ? shift : whole;
}

/**
 * The shift that prints `right`'s text where the same text stands on `left`: a spreadsheet draws a
 * title or a group heading at its place on the sheet on every page whose paper it falls on (beside
 * a part centred on its page, or running over the margins), so words printed level on both parts, in
 * full and once each, give the shift directly. Only when all such words agree, and the right part's
 * figures then stand right of the left part's.
 */
function sharedPlacement(left: Shape, right: Shape, kept: readonly Kept[]): number | undefined {
  const firstRow = right.rows[0];
  if (!firstRow) return undefined;
  const shifts: number[] = [];
  for (const r of right.lines) {
    if (r.y >= firstRow.y - firstRow.h * 0.5 || isPageNumber(r.text)) continue;
    const l = levelWith(left.lines, r.y, r.h, "heading");
    if (!l) continue;
    for (const c of r.cells) {
      const t = squash(c.text);
      if (t.length < 2 || figure(t) || r.cells.filter((o) => squash(o.text) === t).length !== 1) continue;
      const same = l.cells.filter((b) => squash(b.text) === t);
      const b = same[0];
      if (same.length !== 1 || !b || Math.abs(b.x1 - b.x0 - (c.x1 - c.x0)) > 1) continue;
      shifts.push(b.x0 - c.x0);
    }
  }
  if (shifts.length === 0) return undefined;
  shifts.sort((a, b) => a - b);
  const shift = shifts[Math.floor(shifts.length / 2)] as number;
  // (the same words at the same place on both parts: the next page under a repeated header)
  if (!(shift >= 1) || shifts.some((d) => Math.abs(d - shift) > 1.5)) return undefined;
  const ends = figureEnds(left);
  const rowChunks = kept.filter((k) => !k.title && k.c.y >= firstRow.y - firstRow.h * 0.5);
  if (ends.length > 0 && rowChunks.some((k) => k.c.x0 + shift < Math.max(...ends))) return undefined;
  return shift;
}

/** `right`'s chunks placed right of `left`, less its page numbers, repeated labels and title pieces. */
function join(left: Shape, right: Shape): Shape {
  const chunks: TextChunk[] = [...left.page.chunks];
  /** right's chunks to place (its own coordinates), and headings made one across the edge (x0 is left's) */
  const kept: Kept[] = [];
  const across: { c: TextChunk; x1: number }[] = [];
  const firstRow = Math.min(...right.rows.map((r) => r.y - Math.max(1.5, r.h * 0.3)), Number.POSITIVE_INFINITY);
  // where the label column printed again ends, when it is
  const repeats = right.lines.filter((l) => {
    const beside = l.y >= firstRow ? levelWith(left.lines, l.y, l.h) : undefined;
    return !!beside && sameLabel(labelOf(l), beside);
  });
  // (its headings stand left of the first column of figures)
  const labelRight =
    repeats.length === 0
      ? Number.NEGATIVE_INFINITY
      : Math.min(
          ...right.lines
            .filter((l) => l.y >= firstRow)
            .flatMap((l) => l.cells.filter((c) => c.text.split(/\s+/).some(figure)).map((c) => c.x0)),
        );
  for (const l of right.lines) {
    if (isPageNumber(l.text)) continue;
    const beside = levelWith(left.lines, l.y, l.h, l.y < firstRow ? "loose" : "row");
    let drop: ReadonlySet<TextChunk> = new Set();
    // (a part of text alone, its lines starting with the left part's labels printed again: those
    // labels go, the part's own text goes to the right of the left part's)
    const row = right.rows.length === 0 ? levelWith(left.lines, l.y, l.h) : undefined;
    if (row && l.cells.length >= 2 && l.cells[0]?.text === row.cells[0]?.text)
      drop = new Set([l.cells[0] as TextChunk]);
    else if (beside && l.y >= firstRow) {
      // a row's label printed again
      if (sameLabel(labelOf(l), beside)) drop = new Set(labelCells(l));
    } else if (beside) {
      const besideText = squash(beside.text);
      // the title printed on both parts, or cut at the edge: the longer of the two
      const mine = squash(l.text);
      if (mine.includes(besideText) && besideText !== "" && classifyTitle(mine)) {
        const tol = Math.max(0.6, beside.h * 0.08);
        for (let k = chunks.length - 1; k >= 0; k--)
          if (Math.abs((chunks[k] as TextChunk).y - beside.y) <= tol) chunks.splice(k, 1);
        for (const c of l.cells) kept.push({ c, title: true });
        continue;
      }
      if (besideText.includes(mine) && classifyTitle(besideText)) continue;
      drop = new Set(l.cells.filter((c) => c.x1 <= labelRight && besideText.includes(squash(c.text))));
      // a heading over columns on both sides of the page's edge, printed on each side (in full, or
      // cut at the edge): one heading over them all
      const p = beside.cells[beside.cells.length - 1] as TextChunk;
      const c = l.cells[0] as TextChunk;
      const text = acrossEdge(left, right, beside, p, l, c);
      if (!drop.has(c) && text !== undefined) {
        const tol = Math.max(0.6, beside.h * 0.08);
        const own = (k: TextChunk) => Math.abs(k.y - beside.y) <= tol && k.x0 >= p.x0 - 0.5 && k.x1 <= p.x1 + 0.5;
        const y = chunks.find(own)?.y ?? beside.y;
        for (let k = chunks.length - 1; k >= 0; k--) if (own(chunks[k] as TextChunk)) chunks.splice(k, 1);
        across.push({ c: { ...c, text, y, x0: p.x0 }, x1: c.x1 });
        drop = new Set([...drop, c]);
      }
    }
    for (const c of l.cells) {
      // (a column printed again on every page stands where it stood on the first)
      // (words, not figures: the same amount may well stand at the same place on both)
      const again =
        !c.text.split(/\s+/).some(figure) &&
        beside?.cells.some((b) => b.text === c.text && Math.abs(b.x0 - c.x0) <= 1 && Math.abs(b.x1 - c.x1) <= 1);
      if (!drop.has(c) && !again) kept.push({ c, title: false });
    }
  }
  const dx = sharedPlacement(left, right, kept) ?? seamShift(left, right, kept);
  for (const { c } of kept) chunks.push({ ...c, x0: c.x0 + dx, x1: c.x1 + dx });
  for (const { c, x1 } of across) chunks.push({ ...c, x1: x1 + dx });
  // (the right part's paper edge stays the joined page's edge: a heading cut at it is seen as cut)
  const page: PdfPage = { ...left.page, width: dx + right.page.width, chunks };
  const shape = shapeOf(page);
  return { ...shape, title: left.title ?? right.title, sheet: left.sheet, top: left.top };
}

/**
 * `right` less what its top line prints again of the first part's: a spreadsheet that prints its
 * label column on every page draws there again the part of the title that falls on that column,
 * beside the title's own part on this page ("表11 十一、2017年…部门一般" and "表11 十一、2017年…
 * 培训费支出预算表" on one line), where the label column stands on that page and cut at the paper's
 * edge. The words printed again: the first part's top line from its first word on, each as far
 * from where it stood there as the first (the last one may be cut short at the edge), after words
 * of the line's own. Only then: a title row printed again whole is the next page of a long table,
 * and stays.
 */
function withoutEcho(left: Shape, right: Shape): Shape {
  const line = right.lines[0];
  const theirs = left.top;
  const head = theirs[0];
  if (!line || !head || right.rows.some((r) => r.y <= line.y + 0.5)) return right;
  const mine = right.top;
  let echo: TextChunk[] = [];
  for (const start of mine) {
    if (start.text !== head.text) continue;
    const d = start.x0 - head.x0;
    const run: TextChunk[] = [];
    for (const b of theirs) {
      const at = (c: TextChunk) => Math.abs(c.x0 - b.x0 - d) <= 1 && Math.abs(c.y - b.y) <= Math.max(0.6, c.h * 0.1);
      const same = mine.find((c) => at(c) && c.text === b.text && Math.abs(c.x1 - b.x1 - d) <= 1);
      // (the last one cut at the paper's edge)
      const cut = mine.find(
        (c) => at(c) && c.text !== "" && b.text.startsWith(c.text) && c.x1 >= right.page.width - EDGE,
      );
      if (same) run.push(same);
      else if (cut) {
        run.push(cut);
        break;
      } else break;
    }
    if (run.length > echo.length) echo = run;
  }
  // (after words of the line's own: the title's own part on this page stands left of the label
  // column's, running in from the paper's edge; a title that merely starts as the first part's does
  // is its own)
  if (echo.length < 2 || echo.length === mine.length || mine.indexOf(echo[0] as TextChunk) === 0) return right;
  const gone = new Set(echo);
  return { ...shapeOf({ ...right.page, chunks: right.page.chunks.filter((c) => !gone.has(c)) }), sheet: right.sheet };
}

/**
 * Pages that continue an earlier page to the right, joined into it, and every page's lines. Pages
 * untouched otherwise; the joined page keeps the left-hand page's number.
 */
export function stitchPages(pages: readonly PdfPage[]): { pages: PdfPage[]; lines: PdfLine[]; stitches: Stitch[] } {
  const shapes: (Shape | undefined)[] = pages.map(shapeOf);
  const stitches = new Map<number, number[]>();
  // the pages of the table being printed that a right-hand part may continue, in order
  let open: number[] = [];
  let last: number | undefined;
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i] as Shape;
    const candidates = open.filter((k) => i - k <= REACH);
    // after the part last joined, then from the start again ("down, then over")
    const from = last === undefined ? 0 : candidates.indexOf(last) + 1;
    const order = [...candidates.slice(from), ...candidates.slice(0, from)];
    let target: number | undefined;
    let best = 0;
    let part = s;
    for (const k of order) {
      const r = withoutEcho(shapes[k] as Shape, s);
      const score = continuation(shapes[k] as Shape, r);
      if (score !== undefined && score > best) [target, best, part] = [k, score, r];
    }
    if (target !== undefined) {
      shapes[target] = join(shapes[target] as Shape, part);
      shapes[i] = undefined;
      const list = stitches.get(target) ?? [];
      list.push(pages[i]?.no as number);
      stitches.set(target, list);
      last = target;
      continue;
    }
    if (s.rows.length === 0 && s.head.length === 0) continue;
    // a page that opens a table with its title starts a new run
    if (s.title) {
      open = [i];
      last = undefined;
    } else open.push(i);
  }
  const kept = shapes.filter((s): s is Shape => s !== undefined);
  return {
    pages: kept.map((s) => s.page),
    // (each page's lines, as pageLines gives them: the reading goes on from these)
    lines: kept.flatMap((s) => s.lines),
    stitches: [...stitches].map(([k, from]) => ({ page: pages[k]?.no as number, from })),
  };
}
