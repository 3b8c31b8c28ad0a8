/**
 * Read helpers over a Disclosure's printed tables, by template table id and column key. Rules,
 * renderers and the store use these instead of positions, so they work for every template whose
 * spec maps its tables to the same ids and keys.
 */
import type { Cell, Disclosure, PrintedTable, Row } from "./disclosure.ts";
import type { Fen } from "./money.ts";

export function tableById(d: Disclosure, id: string): PrintedTable | undefined {
  return d.tables.find((t) => t.id === id);
}

export function tableByNo(d: Disclosure, no: number): PrintedTable | undefined {
  return d.tables.find((t) => t.no === no);
}

export function columnIndex(t: PrintedTable, key: string): number {
  return t.columns.findIndex((c) => c.key === key);
}

/** The amount in a row's column with the given key: a number in 分, or null for blank / no such column. */
export function amountAt(t: PrintedTable, row: Row, key: string): Fen | null {
  const i = columnIndex(t, key);
  if (i < 0) return null;
  const v: Cell | undefined = row.cells[i];
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
  return t.rows.find((r) => r.kind === "total");
}

/** A table is empty when it has no amount in any cell. */
export function isEmptyTable(t: PrintedTable): boolean {
  return !t.rows.some((r) => r.cells.some((c) => typeof c === "number"));
}

/** Column header path joined for display: "财政拨款/基本支出/人员经费". */
export function columnLabel(t: PrintedTable, key: string): string {
  const c = t.columns.find((x) => x.key === key);
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
