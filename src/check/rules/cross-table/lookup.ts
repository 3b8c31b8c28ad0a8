/** Small readers shared by the cross-table rules. */
import { amountAt, cached, expenditureTotalRow, rowByCode, rowsAtLevel, totalRow } from "../../../model/access.ts";
import type { PrintedTable, Row } from "../../../model/disclosure.ts";
import type { Fen } from "../../../model/money.ts";
import { lineRow } from "../arithmetic/line-sums.ts";

/** The row for a function code, or the 总计 row for "". */
export function rowFor(t: PrintedTable, code: string): Row | undefined {
  return code === "" ? totalRow(t) : rowsByCode(t).get(code);
}

/** The first non-project row of each code. */
function rowsByCode(t: PrintedTable): ReadonlyMap<string, Row> {
  return cached(t, "rowsByCode", indexByCode);
}

function indexByCode(t: PrintedTable): Map<string, Row> {
  const m = new Map<string, Row>();
  for (const r of t.rows) if (r.code !== undefined && r.kind !== "project" && !m.has(r.code)) m.set(r.code, r);
  return m;
}

/** Amount at a code's row ("" = 总计), null when the row or cell is blank/absent. */
export function amountFor(t: PrintedTable, code: string, key: string): Fen | null {
  const r = rowFor(t, code);
  return r ? amountAt(t, r, key) : null;
}

/** The income-line amount of a two-sided table, null when the line is absent or blank. */
export function lineAmountOf(t: PrintedTable, key: string, column = "incomeAmount"): Fen | null {
  const r = lineRow(t, key);
  return r ? amountAt(t, r, column) : null;
}

/** Codes of the classification rows of a function-coded table, "" first for the 总计. */
export function codesOf(t: PrintedTable): readonly string[] {
  return cached(t, "codesOf", listCodes);
}

function listCodes(t: PrintedTable): string[] {
  const codes = t.rows.flatMap((r) => (r.code && /^\d+$/.test(r.code) && r.kind !== "project" ? [r.code] : []));
  return [...(totalRow(t) ? [""] : []), ...new Set(codes)];
}

/** Class (类) rows of the expenditure side of a two-sided table, by code. */
export function classRows(t: PrintedTable): ReadonlyMap<string, Row> {
  return cached(t, "classRows", indexClassRows);
}

function indexClassRows(t: PrintedTable): Map<string, Row> {
  return new Map(rowsAtLevel(t, 1).map((r) => [r.code!, r]));
}

/** The expenditure 总计 amount of a two-sided table in a column. */
export function expenditureTotal(t: PrintedTable, key: string): Fen | null {
  const r = expenditureTotalRow(t);
  return r ? amountAt(t, r, key) : null;
}

export { rowByCode };
