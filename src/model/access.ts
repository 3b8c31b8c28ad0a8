/**
 * Read helpers over a Disclosure's printed tables, by template table id and column key. Rules,
 * renderers and the store use these instead of positions, so they work for every template whose
 * spec maps its tables to the same ids and keys.
 */
import { normaliseLabel, type TableSpec } from "../templates/spec.ts";
import type { Cell, Disclosure, PrintedTable, Row } from "./disclosure.ts";
import type { Fen } from "./money.ts";

// ---------------------------------------------------------------------------------------------
// A read cache for one pass over a Disclosure that does not change it (one `check` run): rules ask
// for the same derived views (a table's rows by code, its total row, normalised labels) many times.
// Outside such a pass nothing is cached, so code that edits a Disclosure never reads a stale view.

// (plain Maps, not WeakMaps: the objects read are alive for the whole pass anyway, and a WeakMap's
// entries cost the garbage collector more, as ephemerons, than a Map's dropped with it at the end)
let readCache: Map<string, Map<object, unknown>> | undefined;
let textCache: Map<(s: string) => string, Map<string, string>> | undefined;

/**
 * Runs `fn` with a fresh read cache: derived views asked for through `cached` are made once per
 * object and reused until `fn` returns. `fn` must not change the objects it reads.
 */
export function withReadCache<T>(fn: () => T): T {
  const previous = readCache;
  const previousText = textCache;
  readCache = new Map();
  textCache = new Map();
  try {
    return fn();
  } finally {
    readCache = previous;
    textCache = previousText;
  }
}

/**
 * `normalise(s)` for a pure string function, computed once per distinct string within a
 * `withReadCache` pass (rules normalise the same labels and sentences many times).
 */
export function cachedText(normalise: (s: string) => string, s: string): string {
  if (!textCache) return normalise(s);
  let m = textCache.get(normalise);
  if (!m) {
    m = new Map();
    textCache.set(normalise, m);
  }
  let v = m.get(s);
  if (v === undefined) {
    v = normalise(s);
    m.set(s, v);
  }
  return v;
}

/**
 * A derived view of `obj` under `key`: `make(obj)` once per `withReadCache` pass (and every time
 * outside one). Callers must treat the value as read-only. `make` should be a function defined once
 * (not a closure made per call), so a cached read allocates nothing.
 */
export function cached<O extends object, T>(obj: O, key: string, make: (obj: O) => T): T {
  if (!readCache) return make(obj);
  // one map per kind of view (few kinds, many objects): no map made per object
  let views = readCache.get(key);
  if (!views) {
    views = new Map();
    readCache.set(key, views);
  } else {
    const known = views.get(obj);
    // (a view may be undefined, e.g. a table without a total row: only then is `has` asked)
    if (known !== undefined || views.has(obj)) return known as T;
  }
  const v = make(obj);
  views.set(obj, v);
  return v;
}

export function tableById(d: Disclosure, id: string): PrintedTable | undefined {
  return d.tables.find((t) => t.id === id);
}

/**
 * Every printing of a standard table: the table, and the same table printed again further on (a
 * department's tables followed by each unit's in one file, read as id-2, id-3…). A figure the 说明
 * gives of the table may be of any of them.
 */
export function printingsOf(d: Disclosure, id: string): PrintedTable[] {
  return d.tables.filter((t) => t.id === id || (t.id.startsWith(`${id}-`) && /^\d+$/.test(t.id.slice(id.length + 1))));
}

export function tableByNo(d: Disclosure, no: number): PrintedTable | undefined {
  return d.tables.find((t) => t.no === no);
}

/** Per-table column index, built once per table object (rules look columns up thousands of times). */
const columnIndexes = new WeakMap<PrintedTable, Map<string, number>>();

/**
 * The table asked about last and its index: rules ask about one table many times in a row, and
 * this spares the weak map's look-up then. (It keeps that one table alive until another is asked.)
 */
let lastTable: PrintedTable | undefined;
let lastIndex: Map<string, number> | undefined;

export function columnIndex(t: PrintedTable, key: string): number {
  let m = t === lastTable ? lastIndex : columnIndexes.get(t);
  if (!m) {
    m = new Map();
    t.columns.forEach((c, i) => {
      if (!m!.has(c.key)) m!.set(c.key, i);
    });
    columnIndexes.set(t, m);
  }
  lastTable = t;
  lastIndex = m;
  return m.get(key) ?? -1;
}

/** The amount in a row's column with the given key: a number in 分, or null for blank / no such column. */
export function amountAt(t: PrintedTable, row: Row, key: string): Fen | null {
  const i = columnIndex(t, key);
  if (i < 0) return null;
  const v: Cell | undefined = row.cells[i];
  return typeof v === "number" ? v : null;
}

/**
 * The amount in a row's cell at a column index (from `columnIndex`): a number in 分, or null for
 * blank / no such column (index -1). For loops over many rows: look the index up once.
 */
export function amountIn(row: Row, index: number): Fen | null {
  if (index < 0) return null;
  const v = row.cells[index];
  return typeof v === "number" ? v : null;
}

/** The text in a row's column with the given key, or undefined. */
export function textAt(t: PrintedTable, row: Row, key: string): string | undefined {
  const i = columnIndex(t, key);
  if (i < 0) return undefined;
  const v = row.cells[i];
  return typeof v === "string" ? v : undefined;
}

/** The first row with the given code (and kind, when given). */
export function rowByCode(t: PrintedTable, code: string, kind?: Row["kind"]): Row | undefined {
  return t.rows.find((r) => r.code === code && (kind === undefined || r.kind === kind));
}

/** The total row (kind "total"), if the table has one. */
export function totalRow(t: PrintedTable): Row | undefined {
  return cached(t, "totalRow", findTotalRow);
}

function findTotalRow(t: PrintedTable): Row | undefined {
  return t.rows.find((r) => r.kind === "total");
}

/** A table is empty when it has no amount in any cell. */
export function isEmptyTable(t: PrintedTable): boolean {
  return !t.rows.some((r) => r.cells.some((c) => typeof c === "number"));
}

/** Column header path joined for display: "财政拨款/基本支出/人员经费". */
export function columnLabel(t: PrintedTable, key: string): string {
  const c = t.columns[columnIndex(t, key)];
  return c ? c.path.join("/") : key;
}

/** Row description for findings: "2080101 行政运行" or the label. */
export function rowLabel(row: Row): string {
  return row.code ? `${row.code} ${row.label}` : row.label;
}

/**
 * For two-sided tables: the rows of the table as (lineKey, amount) on the income side. The
 * importer stores the template line key of each income line in `rowKeys` order; this reads them back.
 */
export function lineAmount(
  t: PrintedTable,
  lineKey: string,
  amountKey = "incomeAmount",
): { row: Row; amount: Fen | null } | undefined {
  const row = t.rows.find((r) => r.lineKey === lineKey);
  if (!row) return undefined;
  return { row, amount: amountAt(t, row, amountKey) };
}

// ---------------------------------------------------------------------------------------------
// Additive helpers for the checker (arithmetic and cross-table rules). They read structure from
// codes and kinds, never from row positions, so they hold for every template.

/** Normalises printed text for comparison: no whitespace, full-width brackets. */
export function normaliseText(s: string): string {
  if (!/[\s()]/.test(s)) return s;
  return s.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
}

/**
 * Classification level from a joined code's length: function codes 3/5/7 digits → 1/2/3
 * (类/款/项); economic codes 3/5 → 1/2 (类/款). Undefined for anything else.
 */
export function codeLevel(code: string | undefined): 1 | 2 | 3 | undefined {
  if (!code || !/^\d+$/.test(code)) return undefined;
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : undefined;
}

/** Rows that carry a classification code of the given level (类 = 1, 款 = 2, 项 = 3). */
export function rowsAtLevel(t: PrintedTable, level: 1 | 2 | 3): Row[] {
  return t.rows.filter((r) => r.kind !== "header" && r.kind !== "total" && codeLevel(r.code) === level);
}

/** Keys of the table's amount columns, optionally only one side of a two-sided table. */
export function amountKeys(t: PrintedTable, side?: "income" | "expenditure"): readonly string[] {
  if (side === "income") return cached(t, "amountKeys:income", incomeAmountKeys);
  if (side === "expenditure") return cached(t, "amountKeys:expenditure", expenditureAmountKeys);
  return cached(t, "amountKeys", allAmountKeys);
}

const keysOf = (t: PrintedTable, side?: "income" | "expenditure") =>
  t.columns.filter((c) => c.type === "amount" && (side === undefined || c.side === side)).map((c) => c.key);
const incomeAmountKeys = (t: PrintedTable) => keysOf(t, "income");
const expenditureAmountKeys = (t: PrintedTable) => keysOf(t, "expenditure");
const allAmountKeys = (t: PrintedTable) => keysOf(t);

/** A table has a column with this key. */
export function hasColumn(t: PrintedTable, key: string): boolean {
  return columnIndex(t, key) >= 0;
}

/**
 * 表7-style project rows: a row with a project name (column `projectName`) or of kind "project".
 * Aggregate rows (total, unit, 类/款/项 without a project name) are not project rows.
 */
export function isProjectRow(t: PrintedTable, row: Row): boolean {
  if (row.kind === "project") return true;
  const name = textAt(t, row, "projectName");
  return name !== undefined && name.trim() !== "";
}

/**
 * The expenditure-side 总计 row of a two-sided table (表1 支出总计, 表4 支出总计). Importers put it on
 * the same printed row as 收入总计; this finds it by the printed expenditure label first, then by
 * the income line key "total", then by kind.
 */
export function expenditureTotalRow(t: PrintedTable): Row | undefined {
  return cached(t, "expenditureTotalRow", findExpenditureTotalRow);
}

function findExpenditureTotalRow(t: PrintedTable): Row | undefined {
  const byLabel = t.rows.find((r) => {
    const s = textAt(t, r, "expenditureItem");
    return s !== undefined && /^(支出)?[总合]计$/.test(normaliseText(s));
  });
  return byLabel ?? t.rows.find((r) => r.lineKey === "total") ?? totalRow(t);
}

/** A fixed line's printed cell, wherever the template prints it. */
export interface LineCell {
  row: Row;
  /** the column key holding the amount */
  column: string;
  amount: Fen | null;
  /** the line as printed: the row label, or the column header when lines are columns */
  label: string;
}

/**
 * A fixed line of a lines table (三公: total, overseasTravel, officialReception, officialVehicles,
 * vehiclePurchase, vehicleOperation), read the way the template prints it: one row per line
 * (Xinjiang 表10, amount in `column`, default "total") or one row with a column per line (the spec's
 * `lineColumns`: Shanghai, Jiangsu, 决算; `stage` picks 预算数 or 决算数, default 决算数 when paired).
 * Undefined when the line is not printed.
 * @example lineCell(t9, shanghaiSpec.tables[8], "officialReception")?.amount
 */
export function lineCell(
  t: PrintedTable,
  spec: Pick<TableSpec, "lineColumns"> | undefined,
  lineKey: string,
  opts: { column?: string; stage?: "budget" | "actual" } = {},
): LineCell | undefined {
  const lc = spec?.lineColumns;
  if (lc && lc.length > 0) {
    const stage = opts.stage ?? (lc.some((c) => c.stage) ? "actual" : undefined);
    const m = lc.find((c) => c.line === lineKey && c.stage === stage);
    if (!m || !hasColumn(t, m.column)) return undefined;
    // the single data row: the printed 合计 row if any, else the first row with an amount, else the first
    const row =
      totalRow(t) ??
      t.rows.find((r) => r.cells.some((c) => typeof c === "number")) ??
      t.rows.find((r) => r.kind !== "header");
    if (!row) return undefined;
    return { row, column: m.column, amount: amountAt(t, row, m.column), label: columnLabel(t, m.column) };
  }
  const row = t.rows.find((r) => r.lineKey === lineKey);
  if (!row) return undefined;
  const column = opts.column ?? "total";
  return { row, column, amount: amountAt(t, row, column), label: row.label.trim() };
}

/** The template prints this table's fixed lines as columns of one row. */
export function linesAreColumns(spec: Pick<TableSpec, "lineColumns"> | undefined): boolean {
  return (spec?.lineColumns?.length ?? 0) > 0;
}

/**
 * An expenditure-side line of a two-sided table (决算 本年支出合计 / 结余分配 / 年末结转和结余 / 总计,
 * Jiangsu 当年支出小计 / 结转下年资金 / 支出合计), found by its printed expenditure label against the
 * spec's `lines` with side "expenditure". "total" falls back to the printed 支出总计 row.
 */
export function expenditureLineRow(
  t: PrintedTable,
  spec: Pick<TableSpec, "lines"> | undefined,
  key: string,
): Row | undefined {
  const ls = spec?.lines?.find((l) => l.side === "expenditure" && l.key === key);
  if (ls) {
    const names = [ls.label, ...(ls.aliases ?? [])].map(normaliseLabel);
    const row = t.rows.find((r) => {
      const s = textAt(t, r, "expenditureItem");
      return s !== undefined && names.includes(normaliseLabel(s));
    });
    if (row) return row;
  }
  return key === "total" ? expenditureTotalRow(t) : undefined;
}

/**
 * The amount of an expenditure-side row: the main expenditure column (`expenditureAmount` or
 * `expenditureTotal`) or, when that is blank, the one other expenditure amount printed on the row —
 * Jiangsu prints 当年支出小计 / 支出合计 once, under the 支出用途 group.
 */
export function expenditureAmountOn(t: PrintedTable, row: Row, key?: string): { column: string; amount: Fen | null } {
  const main = key ?? (hasColumn(t, "expenditureAmount") ? "expenditureAmount" : "expenditureTotal");
  const v = amountAt(t, row, main);
  if (v !== null || key !== undefined) return { column: main, amount: v };
  const others = amountKeys(t, "expenditure").filter((k) => k !== main && amountAt(t, row, k) !== null);
  if (others.length === 1) return { column: others[0] as string, amount: amountAt(t, row, others[0] as string) };
  return { column: main, amount: null };
}

/**
 * The expenditure line the function classes of a two-sided table add up to: 本年支出合计 / 当年支出小计
 * where the template prints one (its 总计 also holds 结转/结余), else the 支出总计.
 */
export function classSumLine(spec: Pick<TableSpec, "lines"> | undefined): "currentYear" | "total" {
  return spec?.lines?.some((l) => l.side === "expenditure" && l.key === "currentYear") ? "currentYear" : "total";
}

/**
 * The 总计 of a 基本支出 table: the printed 总计 row, or — where the template prints 人员经费合计 and
 * 公用经费合计 instead (决算 表6, spec `personnelClasses`) — those two rows.
 */
export function basicTotalRows(
  t: PrintedTable,
  spec: Pick<TableSpec, "personnelClasses"> | undefined,
): { personnel: Row; operating: Row } | { total: Row } | undefined {
  if (spec?.personnelClasses) {
    const totals = t.rows.filter((r) => r.kind === "total");
    const personnel = totals.find((r) => /人员经费合计/.test(r.label));
    const operating = totals.find((r) => /公用经费合计/.test(r.label));
    return personnel && operating ? { personnel, operating } : undefined;
  }
  const total = totalRow(t);
  return total ? { total } : undefined;
}
