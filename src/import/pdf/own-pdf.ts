/**
 * PDFs printed by yusuan itself (src/render/html.ts through Chromium, tagged): tables are read
 * from the structure tree instead of from text positions alone.
 *
 * - A table starts at a heading "表 N　标题" whose title is table N of the template; the text
 *   runs after it give 编制部门 and 单位; a paragraph after its rows is its 空表说明; the next
 *   other heading ends it. A table continued on the next page simply has more rows there.
 * - Rows are the tree's TR elements, so a label wrapped onto two lines stays one cell and one
 *   row. Blank cells print nothing and have no content, so a row's cells are placed in their
 *   columns by position, using the 栏次 row (※ … 1 2 3), which prints one centred cell in every
 *   column on every page: a right-aligned amount ends between its column's centre and the next
 *   one's; a left-aligned text starts right of the previous column's centre; a centred code
 *   lies nearest to its column's centre.
 *
 * Returns undefined when the document does not look like one of ours, so the caller falls back
 * to the generic reader. It is ours only as a whole: the caller takes this reading when every table
 * of it was placed cell by cell under the template's own header (no problems); a document yusuan
 * read in another layout and printed again, or a damaged one, is read by the general reader.
 */
import type { Cell, ImportProblem, PrintedTable } from "../../model/disclosure.ts";
import { type AmountUnit, parseAmount } from "../../model/money.ts";
import type { TableSpec, TemplateSpec } from "../../templates/spec.ts";
import type { PdfPage } from "./extract.ts";
import { isAmountToken } from "./lines.ts";
import { OwnTableBuilder, ownProblem } from "./own-tables.ts";
import type { TaggedCell } from "./tagged.ts";
import { type Detection, detectTemplate, matchKey, matchTitle } from "./titles.ts";

const TITLE = /^表\s*(\d{1,2})/;
const UNIT = /^单位\s*[:：]\s*(万元|元)$/;
const PREPARED = /^编制部门\s*[:：]\s*(.*)$/;

/** "表 3　部门支出总体情况表" → its number and title, when the title is that table of `template`. */
function tableTitle(text: string, template?: TemplateSpec): { no: number; title: string } | undefined {
  const m = TITLE.exec(text);
  if (!m) return undefined;
  const digits = m[1] as string;
  // "表 1" + "2025年…" would read as 表 12: try the shorter number too
  for (const len of digits.length === 2 ? [2, 1] : [1]) {
    const no = Number(digits.slice(0, len));
    const title = text
      .slice(text.indexOf(digits) + len)
      .replace(/^[\s\u3000]+/, "")
      .trim();
    if (!title) continue;
    if (!template) return { no, title };
    if (matchTitle(title, template)?.spec.no === no) return { no, title };
  }
  return undefined;
}

/** The 栏次 row: ※ over code and text columns, 1 2 3 … over amount columns, one cell per column. */
function columnNumbers(cells: readonly TaggedCell[], spec: TableSpec): boolean {
  if (cells.length !== spec.columns.length) return false;
  let k = 0;
  return cells.every((c, i) => {
    const type = spec.columns[i]?.type;
    return type === "amount" ? c.text === String(++k) : c.text === "※";
  });
}

/**
 * The header printed over a table is the spec's: every column's heading stands in it. (A document
 * yusuan read in another layout and printed again has its own columns under a title the spec shares.)
 */
function headersOf(spec: TableSpec, printed: ReadonlySet<string>): boolean {
  return spec.columns.every((c) => c.path.length === 0 || printed.has(matchKey(c.path[c.path.length - 1] as string)));
}

/** Places a row's printed cells in their columns (see the module comment). */
function placeCells(
  cells: readonly TaggedCell[],
  centres: readonly number[],
  spec: TableSpec,
): { at: (string | null)[]; lost: string[] } {
  const cols = spec.columns;
  const at: (string | null)[] = cols.map(() => null);
  const lost: string[] = [];
  const ofType = (t: string) => cols.flatMap((c, i) => (c.type === t ? [i] : []));
  const amountCols = ofType("amount");
  const textCols = ofType("text");
  const codeCols = ofType("code");
  const nearest = (cands: number[], x: number) =>
    cands.reduce((a, b) => (Math.abs((centres[b] ?? 0) - x) < Math.abs((centres[a] ?? 0) - x) ? b : a));
  for (const c of cells) {
    let col: number | undefined;
    if (isAmountToken(c.text) && amountCols.length > 0) {
      // the last amount column whose centre lies left of the amount's right end
      const left = amountCols.filter((i) => (centres[i] ?? 0) < c.x1);
      col = left.length > 0 ? left[left.length - 1] : nearest(amountCols, c.x1);
    } else if (/^\d{2,3}$/.test(c.text) && codeCols.length > 0) {
      const any = nearest(
        cols.map((_, i) => i),
        (c.x0 + c.x1) / 2,
      );
      if (cols[any]?.type === "code") col = any;
    }
    if (col === undefined && textCols.length > 0) {
      // the rightmost text column whose left neighbour's centre lies left of the text's start
      const right = textCols.filter((i) => i === 0 || (centres[i - 1] ?? 0) < c.x0);
      col = right.length > 0 ? right[right.length - 1] : textCols[0];
    }
    if (col === undefined || at[col] !== null) lost.push(c.text);
    else at[col] = c.text;
  }
  return { at, lost };
}

export interface OwnPdfResult {
  detection: Detection;
  tables: PrintedTable[];
  problems: ImportProblem[];
}

/**
 * Reads the tables of a tagged yusuan PDF.
 * @example const r = readOwnPdf(extracted.pages); r?.tables.length // 11 for the seed
 */
export function readOwnPdf(pages: readonly PdfPage[], forced?: string): OwnPdfResult | undefined {
  if (!pages.some((p) => p.tagged && p.tagged.length > 0)) return undefined;
  const titles: string[] = [];
  for (const p of pages)
    for (const b of p.tagged ?? []) {
      if (b.kind !== "heading") continue;
      const t = tableTitle(b.text);
      if (t) titles.push(t.title);
    }
  const detection = detectTemplate(titles, forced);
  if (!detection) return undefined;
  const template = detection.template;
  const problems: ImportProblem[] = [];
  const tables: PrintedTable[] = [];
  let cur:
    | { b: OwnTableBuilder; headerSeen: boolean; headings: Set<string>; centres?: number[]; centresPage?: number }
    | undefined;
  for (const p of pages) {
    for (const block of p.tagged ?? []) {
      if (block.kind === "heading") {
        const t = tableTitle(block.text, template);
        const spec = t ? matchTitle(t.title, template)?.spec : undefined;
        if (t && spec) {
          cur = { b: new OwnTableBuilder(spec, t.title, template.unit), headerSeen: false, headings: new Set() };
          cur.b.table.pages = [p.no]; // an empty table is still printed on its page
          tables.push(cur.b.table);
        } else cur = undefined;
        continue;
      }
      if (!cur) continue;
      const { b } = cur;
      if (block.kind === "text") {
        if (!cur.headerSeen) {
          const u = UNIT.exec(block.text);
          if (u) b.table.unit = (u[1] === "元" ? "yuan" : "wanyuan") as AmountUnit;
          const d = PREPARED.exec(block.text);
          if (d?.[1]?.trim()) b.table.preparedBy = d[1].trim();
        } else if (block.role === "P") {
          b.table.emptyNote = (b.table.emptyNote ?? "") + block.text;
        }
        continue;
      }
      const spec = b.spec;
      if (block.cells.every((c) => c.header)) {
        cur.headerSeen = true;
        for (const c of block.cells) cur.headings.add(matchKey(c.text));
        if (columnNumbers(block.cells, spec) && headersOf(spec, cur.headings)) {
          cur.centres = block.cells.map((c) => (c.x0 + c.x1) / 2);
          cur.centresPage = p.no;
        }
        continue;
      }
      if (!cur.centres || cur.centresPage !== p.no) {
        problems.push(ownProblem(spec, `第 ${p.no} 页的表格没有栏次行，无法确定列`, p.no));
        continue;
      }
      const { at, lost } = placeCells(block.cells, cur.centres, spec);
      if (lost.length > 0) problems.push(ownProblem(spec, `第 ${p.no} 页有单元格无法归入列：${lost.join("、")}`, p.no));
      const unit = b.table.unit;
      const cells: Cell[] = at.map((s, i) => {
        if (s === null) return null;
        if (spec.columns[i]?.type !== "amount") return s;
        const v = parseAmount(s, unit);
        if (v === undefined) problems.push(ownProblem(spec, `第 ${p.no} 页“${s}”不是金额，已留空`, p.no));
        return v ?? null;
      });
      b.addRow(cells, p.no);
    }
  }
  if (tables.length === 0) return undefined;
  return { detection, tables, problems };
}
