/**
 * One table region → a grid: amount columns with their header paths, text columns, and rows with
 * one printed amount (or blank) per column. Each page of a table is read on its own (continuation
 * pages are often laid out with other widths), then pages are joined column by column: by header
 * path where the page repeats its header, else by position.
 */
import { type AmountColumn, pageColumns, type TextZone } from "./columns.ts";
import type { TableRegion } from "./regions.ts";
import {
  type GridRow,
  isLineLabel,
  isTotalLabel,
  labelMarker,
  type SegmentLayout,
  segmentRows,
  withoutLineNumbers,
  withoutRowNumbers,
} from "./rows.ts";
import type { GridLine, Token } from "./tokens.ts";

export interface GridColumn {
  path: string[];
  /** printed empty on every page read */
  phantom: boolean;
  /** the side of a two-sided table it belongs to */
  side: number;
}

export interface GridTextColumn {
  path: string[];
  side: number;
  /** how many of the table's amount columns are printed left of it (0: left of them all) */
  after: number;
}

export interface GridTable {
  region: TableRegion;
  columns: GridColumn[];
  /** text columns; the first of each side holds the row labels */
  textColumns: GridTextColumn[];
  /** 2 for a two-sided table (收支总表) */
  sides: number;
  rows: GridRow[];
  pages: number[];
  /** printed decimals of the amounts (2 usually; 6 in some 万元 tables) */
  decimals: number;
}

const CJK = /[\u4e00-\u9fff]/;

/** Zones that start a new side: text columns between amount columns with labels on several lines. */
function sideStarts(body: readonly GridLine[], layout: { columns: AmountColumn[]; zones: TextZone[] }): number[] {
  const starts = [0];
  layout.zones.forEach((z, i) => {
    if (z.after === 0 || z.after >= layout.columns.length) return;
    const left = layout.columns[z.after - 1] as AmountColumn;
    const right = layout.columns[z.after] as AmountColumn;
    let n = 0;
    for (const l of body) {
      if (l.tokens.some((t) => t.kind === "text" && CJK.test(t.text) && t.x0 > left.cx && t.x1 < right.cx + 2)) n++;
    }
    if (n >= 3) starts.push(i);
  });
  return starts;
}

const isAmountToken = (t: Token) => t.kind === "amount";

/** A classification code: 类/款/项 of the function (2xx) or economic (3xx, 5xx) catalogues. */
const CLASS_CODE = /^[235]\d{2}(?:\d{2}){0,2}$/;

/**
 * Tables printed in 元 (or 千元) may print every amount as a bare integer ("1957743", "0"). On a
 * body line of such a table an integer is an amount unless it is part of a classification code: the
 * integers before the line's label ("201" "08" "01" 行政运行, printed in three columns), or a run of
 * integers that reads as a code (2xx, 3xx or 5xx, then 2-digit parts) followed by its name (the second
 * block of a two-block table). Returns the lines with the other integers marked as amounts (new
 * tokens; the region's lines are not changed).
 */
export function bareIntegerAmounts(body: readonly GridLine[]): GridLine[] {
  return body.map((l) => {
    const ts = l.tokens;
    const firstText = ts.findIndex((t) => t.kind === "text");
    let changed = false;
    const tokens = ts.map((t, i) => {
      if (t.kind !== "int" || (firstText >= 0 && i < firstText)) return t;
      let a = i;
      while (a > 0 && ts[a - 1]?.kind === "int") a--;
      let b = i;
      while (ts[b + 1]?.kind === "int") b++;
      const run = ts.slice(a, b + 1);
      const code =
        ts[b + 1]?.kind === "text" &&
        CLASS_CODE.test(run[0]?.text ?? "") &&
        run.slice(1).every((x) => /^\d{2}$/.test(x.text));
      if (code) return t;
      changed = true;
      return { ...t, kind: "amount" as const };
    });
    return changed ? { ...l, tokens } : l;
  });
}

/**
 * A total printed across sides: its label stands in one side's label column, its amount in the
 * next side's amount column ("当年支出小计" under 功能分类, the amount under 支出用途). The amount's row,
 * printed without a label, takes the label of the blank row beside it.
 */
function borrowSpanningLabels(rows: GridRow[]): void {
  for (const r of rows) {
    if (r.side === 0 || r.label || r.blank) continue;
    const left = rows.find(
      (o) => o.side === r.side - 1 && o.page === r.page && Math.abs(o.y - r.y) < 3 && o.blank && o.label,
    );
    if (left) r.label = left.label;
  }
}

/**
 * A row a page break splits, as word processors let a tall row run on to the next page: the rest
 * of its label is the first line under the next page's header, a text alone ("机关事业单位职业年金"
 * with its code and amounts at the foot of one page, "缴费支出" at the top of the next). Taken for
 * the rest of the last row of the page before in a table whose rows carry classification codes,
 * where a line with neither code, amount, list number nor total's name cannot be a row; in any
 * table when it is a word's last character or two, no row's name ("二十六、抗疫特别国债安排的支" / "出").
 */
export function joinRowsSplitAtPages(rows: GridRow[]): void {
  const named = rows.filter((r) => !isTotalLabel(r.label) && !labelMarker(r.label));
  const coded = named.length >= 4 && named.filter((r) => r.code).length >= named.length * 0.8;
  for (let k = 1; k < rows.length; k++) {
    const r = rows[k] as GridRow;
    if (!r.blank || r.code || r.codes.length > 0 || r.texts.some((t) => t) || !CJK.test(r.label)) continue;
    if (isTotalLabel(r.label) || labelMarker(r.label) || /续表|单位\s*[:：]/.test(r.label)) continue;
    // the first row of its side on its page, after a row of the page before
    let prev: GridRow | undefined;
    for (let j = k - 1; j >= 0 && !prev; j--) if ((rows[j] as GridRow).side === r.side) prev = rows[j];
    if (!prev || prev.page >= r.page || !prev.label) continue;
    if (!(coded && prev.code) && (r.label.length > 2 || isLineLabel(r.label))) continue;
    prev.label += r.label;
    rows.splice(k--, 1);
  }
}

function decimalsOf(rows: readonly GridRow[]): number {
  let d = 0;
  for (const r of rows)
    for (const c of r.cells) {
      if (!c) continue;
      const dot = c.indexOf(".");
      if (dot >= 0) d = Math.max(d, c.length - dot - 1);
    }
  return d || 2;
}

/**
 * Pages of one table printed with the same layout (the same heading positions, or a continuation
 * page without heading) are read with one set of columns, found from all their amounts: a column
 * blank on one page is known from another. A page laid out with other widths starts a new run.
 */
function sameGeometry(a: readonly GridLine[], b: readonly GridLine[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const xs = (h: readonly GridLine[]) =>
    h.flatMap((l) => l.tokens.filter((t) => t.kind === "text").map((t) => t.x0)).sort((p, q) => p - q);
  const pa = xs(a);
  const pb = xs(b);
  if (pa.length === 0 || pb.length === 0) return true;
  return (
    Math.abs((pa[0] as number) - (pb[0] as number)) <= 4 && Math.abs((pa.at(-1) as number) - (pb.at(-1) as number)) <= 4
  );
}

export function readGrid(region: TableRegion): GridTable {
  // a table in 元 whose amounts are all printed as bare integers (none with decimals or separators:
  // where some are, an integer is a count, a 数量 or a 0, and an integer in an amount column is read
  // as an amount already)
  const bareIntegers =
    (region.unit === "yuan" || region.unit === "qianyuan") &&
    !region.segments.some((seg) => seg.body.some((l) => l.tokens.some((t) => t.kind === "amount")));
  const global: (GridColumn & { cx: number })[] = [];
  let textColumns: GridTextColumn[] = [];
  let sides = 1;
  const rows: GridRow[] = [];
  const pages: number[] = [];
  // runs of pages with one layout
  const runs: { head: GridLine[]; segs: typeof region.segments }[] = [];
  for (const seg of region.segments) {
    pages.push(seg.page);
    const last = runs[runs.length - 1];
    if (last && sameGeometry(last.head, seg.head)) {
      last.segs.push(seg);
      if (last.head.length === 0) last.head = seg.head;
    } else runs.push({ head: seg.head, segs: [seg] });
  }
  for (const run of runs) {
    for (const seg of run.segs) {
      seg.body = [...withoutLineNumbers(withoutRowNumbers(seg.body), run.head)];
      if (bareIntegers) seg.body = bareIntegerAmounts(seg.body);
    }
    const body = run.segs.flatMap((s) => s.body);
    if (body.length === 0 && global.length > 0) continue;
    const pc = pageColumns(run.head, body, isAmountToken);
    const starts = sideStarts(body, pc);
    const layout: SegmentLayout = { columns: pc.columns, zones: pc.zones, sideStarts: starts };
    // which global column each of the run's columns is
    const map = mapColumns(global, pc.columns, starts, pc.zones, run.head.length > 0);
    if (textColumns.length === 0 || pc.zones.length > textColumns.length) {
      textColumns = pc.zones.map((z, i) => ({
        path: z.path,
        side: starts.filter((s) => s <= i).length - 1,
        // (the run's columns as the table's: right of the global column its left neighbour is)
        after: z.after === 0 ? 0 : (map[z.after - 1] ?? z.after - 1) + 1,
      }));
      sides = Math.max(sides, starts.length);
    }
    for (const seg of run.segs) {
      for (const r of segmentRows(seg.body, layout)) {
        const cells: (string | null)[] = new Array(global.length).fill(null);
        let overfull = r.overfull ?? 0;
        r.cells.forEach((v, i) => {
          const g = map[i];
          if (g !== undefined && g >= 0) {
            if (v !== null && cells[g] !== null) overfull++;
            cells[g] = v;
          } else if (v !== null) overfull++;
        });
        rows.push({ ...r, cells, ...(overfull > 0 ? { overfull } : {}) });
      }
    }
  }
  for (const r of rows) while (r.cells.length < global.length) r.cells.push(null);
  joinRowsSplitAtPages(rows);
  borrowSpanningLabels(rows);
  // a column found from its heading alone, with no amount under it, whose heading names text
  // (备注, 说明, 项目简介; 科目编码 and 科目名称 over an empty table) is no amount column
  const textual = new Set(
    global.flatMap((c, i) =>
      c.phantom &&
      TEXT_HEADING.test((c.path[c.path.length - 1] ?? "").replace(/\s+/g, "")) &&
      rows.every((r) => r.cells[i] === null)
        ? [i]
        : [],
    ),
  );
  if (textual.size > 0) {
    for (const r of rows) r.cells = r.cells.filter((_, i) => !textual.has(i));
    for (const t of textColumns) t.after -= [...textual].filter((i) => i < t.after).length;
  }
  return stackBlocks({
    region,
    columns: global.filter((_, i) => !textual.has(i)).map(({ cx: _cx, ...c }) => c),
    textColumns,
    sides,
    rows,
    pages,
    decimals: decimalsOf(rows),
  });
}

/** Headings of text columns, never of amounts. */
const TEXT_HEADING =
  /^(?:备注|说明|备注说明|项目简介|项目概述|项目说明|项目内容|绩效目标|科目编码|科目代码|功能科目编码|科目名称|功能分类科目名称|经济分类科目名称|单位编码|单位名称|项目名称|项目)$/;

const leaves = (cols: readonly { path: readonly string[] }[]) =>
  cols.map((c) => (c.path[c.path.length - 1] ?? "").replace(/\s+/g, "")).join("|");

/**
 * One classified list printed in blocks side by side (决算's 一般公共预算财政拨款基本支出决算表: 人员经费
 * classes in the left block, 公用经费 classes in the next ones, each block 科目代码 | 科目名称 | 决算数) is
 * one list: its blocks are read as sides, and stacked here, block after block (each block in page
 * order), into one side. Blocks are told from the two sides of a 收支总表 by their headings, the same
 * in every block, and by their rows, which carry classification codes that no other block repeats.
 */
export function stackBlocks(g: GridTable): GridTable {
  if (g.sides < 2) return g;
  const colsOf = (side: number) => g.columns.filter((c) => c.side === side);
  const textOf = (side: number) => g.textColumns.filter((c) => c.side === side);
  const first = colsOf(0);
  if (first.length === 0) return g;
  for (let side = 1; side < g.sides; side++) {
    const cols = colsOf(side);
    if (cols.length !== first.length || leaves(cols) !== leaves(first)) return g;
    if (textOf(side).length !== textOf(0).length) return g;
  }
  const codes = new Map<string, number>();
  for (let side = 0; side < g.sides; side++) {
    const mine = g.rows.filter((r) => r.side === side && r.code);
    if (mine.length < 2) return g;
    for (const r of mine) {
      const seen = codes.get(r.code as string);
      if (seen !== undefined && seen !== side) return g;
      codes.set(r.code as string, side);
    }
  }
  // column k of side s becomes column k of side 0
  const at = new Map<number, number>();
  for (let side = 0; side < g.sides; side++) {
    let k = 0;
    g.columns.forEach((c, i) => {
      if (c.side === side) at.set(i, g.columns.indexOf(first[k++] as GridColumn));
    });
  }
  const order = (r: GridRow) => g.pages.indexOf(r.page);
  const rows: GridRow[] = [];
  for (let side = 0; side < g.sides; side++) {
    const mine = g.rows.filter((r) => r.side === side).sort((a, b) => order(a) - order(b) || a.y - b.y);
    for (const r of mine) {
      const cells: (string | null)[] = new Array(g.columns.length).fill(null);
      r.cells.forEach((v, i) => {
        const to = at.get(i);
        if (to !== undefined && v !== null) cells[to] = v;
      });
      rows.push({ ...r, side: 0, cells: cells.filter((_, i) => (g.columns[i] as GridColumn).side === 0) });
    }
  }
  // (only side 0's columns remain: cells were moved onto them and cut to them above)
  const kept = g.columns.filter((c) => c.side === 0);
  return { ...g, columns: kept, textColumns: textOf(0), sides: 1, rows };
}

/**
 * Maps a page's amount columns to the table's columns (extending them on the first page): by
 * header path when the page printed its header and the paths are distinct, else by order when the
 * counts agree, else by the nearest position.
 */
function mapColumns(
  global: (GridColumn & { cx: number })[],
  cols: readonly AmountColumn[],
  starts: readonly number[],
  zones: readonly TextZone[],
  ownHead: boolean,
): number[] {
  const sideOf = (i: number) => {
    let s = 0;
    starts.forEach((z, k) => {
      const zone = zones[z];
      if (zone && i >= zone.after) s = k;
    });
    return s;
  };
  if (global.length === 0) {
    cols.forEach((c, i) => {
      global.push({ path: c.path, phantom: c.phantom, side: sideOf(i), cx: c.cx });
    });
    return cols.map((_, i) => i);
  }
  // the same number of columns: the same columns, in order (a page's header may be read with
  // slightly different words, but a table does not change its columns between pages)
  if (cols.length === global.length) {
    cols.forEach((c, i) => {
      if (!c.phantom) (global[i] as GridColumn).phantom = false;
    });
    return cols.map((_, i) => i);
  }
  const paths = global.map((g) => g.path.join("/"));
  const distinct = new Set(paths).size === paths.length && paths.every((p) => p);
  if (ownHead && distinct) {
    const out = cols.map((c) => paths.indexOf(c.path.join("/")));
    const unmatched = out.filter((g) => g < 0).length;
    if (unmatched <= cols.length / 3) {
      for (const [i, g] of out.entries()) {
        if (g >= 0 && !(cols[i] as AmountColumn).phantom) (global[g] as GridColumn).phantom = false;
      }
      return out;
    }
  }
  const real = cols.filter((c) => !c.phantom);
  // by position: nearest global column centre (same page geometry, continuation without header)
  const out = cols.map((c) => {
    let best = -1;
    let d = Number.POSITIVE_INFINITY;
    global.forEach((g, i) => {
      const dd = Math.abs(g.cx - c.cx);
      if (dd < d) {
        d = dd;
        best = i;
      }
    });
    return best;
  });
  for (const c of real) {
    const g = out[cols.indexOf(c)];
    if (g !== undefined && g >= 0) (global[g] as GridColumn).phantom = false;
  }
  return out;
}
