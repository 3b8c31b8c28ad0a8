/**
 * Shared building blocks for the arithmetic and cross-table rules: comparing a printed total with
 * printed parts (blank = none), locating findings in a table, and the "not checked" result.
 */

import { columnLabel, rowLabel, tableById, textAt } from "../../../model/access.ts";
import type { PrintedTable, Row } from "../../../model/disclosure.ts";
import type { Finding, Location } from "../../../model/finding.ts";
import { type AmountUnit, type Fen, fen, formatAmount, formatWanyuan, sum } from "../../../model/money.ts";
import type { TableSpec, TemplateSpec } from "../../../templates/spec.ts";
import {
  compareSum,
  force,
  type Lazy,
  type Rule,
  type RuleContext,
  tablesInOtherFile,
  whyNoTables,
} from "../../rule.ts";

export const PART = "部门预算公开表";

/** Why a template rule leaves a table to A-ROW/A-COL: the reader found the table's own identities. */
export const OWN_SUMS = "该表由通用读表器读取，表内恒等式由 A-ROW、A-COL 检查";

/** Location of a cell: the printed table number, row label and column header path. */
export function cellLocation(t: PrintedTable, row: Row | string | undefined, key?: string): Location {
  const loc: Location = { part: PART, table: t.no };
  if (row !== undefined) loc.row = typeof row === "string" ? row : rowLabelFor(t, row, key);
  if (key !== undefined) loc.column = columnLabel(t, key);
  if (typeof row === "object" && row.page !== undefined) loc.page = row.page;
  return loc;
}

/**
 * Row description for a cell: in two-sided tables (表1, 表4) a printed row holds an income line and
 * an expenditure class, so the label is taken from the side the column belongs to.
 */
export function rowLabelFor(t: PrintedTable, row: Row, key?: string): string {
  const side = key === undefined ? undefined : t.columns.find((c) => c.key === key)?.side;
  if (side) {
    const txt = textAt(t, row, side === "income" ? "incomeItem" : "expenditureItem");
    if (txt !== undefined && txt.trim() !== "") return txt.trim();
    if (side === "expenditure" && row.code) return row.code;
  }
  return rowLabel(row);
}

/**
 * Compares a printed total with printed parts. Blank parts count as nothing and add no rounding
 * allowance (a blank is exactly none); a blank total with non-zero parts is an error of its own
 * ("合计为空但分项不为空"), never silently read as 0. Both blank → nothing to compare.
 */
export function compareCells(
  rule: Pick<Rule, "id" | "severity">,
  opts: {
    total: Fen | null;
    parts: readonly (Fen | null)[];
    /** made only when there is a finding (see `Lazy`) */
    message: Lazy<string>;
    location: Lazy<Location>;
    /** the printed unit: a table in 元 is exact to 0.01 元, so its rounding allowance is 10,000× smaller */
    unit?: AmountUnit;
  },
): Finding | undefined {
  let expected = 0;
  let addends = 0;
  let nonZero = false;
  const parts = opts.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Fen | null;
    if (p === null) continue;
    expected += p;
    addends++;
    if (p !== 0) nonZero = true;
  }
  if (opts.total === null) {
    if (!nonZero) return undefined;
    return {
      rule: rule.id,
      severity: "error",
      message: `${force(opts.message)}：合计为空但分项不为空`,
      location: force(opts.location),
      expected: formatAmount(expected, opts.unit ?? "wanyuan"),
      actual: "（空）",
      difference: formatAmount(-expected, opts.unit ?? "wanyuan"),
    };
  }
  return compareSum(rule, {
    expected: fen(expected),
    actual: opts.total,
    addends,
    message: opts.message,
    location: opts.location,
    unit: opts.unit ?? "wanyuan",
  });
}

/**
 * True when `compareCells` with this total and these parts finds nothing because the figures agree
 * exactly (or both sides are blank/zero). Rules compare thousands of cells per document and almost
 * all agree: testing this first spares making the comparison's message and location closures.
 */
export function cellsAgree(total: Fen | null, parts: readonly (Fen | null)[]): boolean {
  let expected = 0;
  let nonZero = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Fen | null;
    if (p === null) continue;
    expected += p;
    if (p !== 0) nonZero = true;
  }
  return total === null ? !nonZero : total === expected;
}

/**
 * Compares two printed figures that must be equal (one figure in each of two places). A blank on
 * one side with a non-zero figure on the other is a difference; blank vs 0.00 is not.
 */
export function compareEqual(
  rule: Pick<Rule, "id" | "severity">,
  opts: {
    actual: Fen | null;
    expected: readonly (Fen | null)[];
    message: Lazy<string>;
    location: Lazy<Location>;
    unit?: AmountUnit;
  },
): Finding | undefined {
  if (opts.actual === null && opts.expected.some((p) => p !== null && p !== 0)) {
    const expected = sum(opts.expected.filter((p): p is Fen => p !== null));
    return {
      rule: rule.id,
      severity: "error",
      message: `${force(opts.message)}：此处为空，对应数为 ${formatAmount(expected, opts.unit ?? "wanyuan")}${opts.unit === "yuan" ? " 元" : ""}`,
      location: force(opts.location),
      expected: formatAmount(expected, opts.unit ?? "wanyuan"),
      actual: "（空）",
      difference: formatAmount(-expected, opts.unit ?? "wanyuan"),
    };
  }
  return compareCells(rule, {
    total: opts.actual,
    parts: opts.expected,
    message: opts.message,
    location: opts.location,
    unit: opts.unit,
  });
}

/** Pushes a possibly undefined finding. */
export function push(out: Finding[], f: Finding | undefined): void {
  if (f) out.push(f);
}

/** The template's spec for a table id, if the template has that table. */
export function tableSpec(template: TemplateSpec, id: string): TableSpec | undefined {
  return template.tables.find((s) => s.id === id);
}

/** Display name of a table for "not checked" reasons: "表3" (Xinjiang numbering) or the id. */
export function tableName(template: TemplateSpec, id: string): string {
  const s = tableSpec(template, id);
  return s ? `表${s.no}（${s.title}）` : `模板 ${template.id} 中与“${id}”对应的表（该模板没有此表）`;
}

/**
 * Resolves the printed tables a rule needs, or the "not checked" reason naming the first missing
 * one ("缺少表3（部门支出总体情况表）").
 */
export function needTables(
  ctx: RuleContext,
  ids: readonly string[],
): { tables: PrintedTable[] } | { notChecked: string } {
  if (tablesInOtherFile(ctx.d)) return { notChecked: whyNoTables(ctx.d) };
  const tables: PrintedTable[] = [];
  for (const id of ids) {
    const t = tableById(ctx.d, id);
    if (!t) return { notChecked: `缺少${tableName(ctx.template, id)}` };
    tables.push(t);
  }
  return { tables };
}

/** Formats an amount or "（空）" for messages. */
export function show(a: Fen | null): string {
  return a === null ? "（空）" : formatWanyuan(a);
}
