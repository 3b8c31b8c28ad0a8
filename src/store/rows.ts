/**
 * Domain → row mapping for a Disclosure's tables, facts and findings (the only place that knows
 * both shapes, with the record mapping in disclosures.ts).
 */

import type { Insertable } from "kysely";
import type { Disclosure, Fact, PrintedTable } from "../model/disclosure.ts";
import type { Finding } from "../model/finding.ts";
import type { FactRow, FindingRow } from "./schema.ts";

/**
 * The printed table a fact's cell points at. `cell.table` is the table's printed number (see
 * deriveFacts); never a position, which would point a fact at another table.
 */
export function tableOfCell(d: Disclosure, tableNo: number): PrintedTable | undefined {
  return d.tables.find((t) => t.no === tableNo);
}

const pick = (dims: Record<string, string>, ...keys: string[]): string | null => {
  for (const k of keys) {
    const v = dims[k];
    if (v !== undefined && v !== "") return v;
  }
  return null;
};

export interface DisclosureContext {
  disclosureId: number;
  departmentId: number;
  year: number;
  region: string;
}

/**
 * A fact as a row. Every dimension column comes from the fact's own dims, which the saved body
 * keeps whole (migration 0008 dropped the JSON copy): the columns are an index over them, never a
 * second opinion. (They used to fall back to
 * the printed row's code and line key, which in a two-sided table belong to the other side: the
 * expenditure fact of 205 教育支出 took the income line 政府性基金 of its row, and the income facts
 * the row's function code.)
 */
export function factRow(d: Disclosure, f: Fact, seq: number, ctx: DisclosureContext): Insertable<FactRow> {
  const t = tableOfCell(d, f.cell.table);
  const dims = f.dims;
  const functionCode = pick(dims, "functionCode", "function");
  const economicCode = pick(dims, "economicCode", "economicClass", "economic");
  return {
    disclosure_id: ctx.disclosureId,
    seq,
    measure: f.measure,
    table_key: t?.id ?? null,
    column_key: pick(dims, "column") ?? t?.columns[f.cell.column]?.key ?? null,
    grain: pick(dims, "rowKind") ?? t?.rows[f.cell.row]?.kind ?? null,
    line_key: pick(dims, "line", "lineKey"),
    fund: pick(dims, "fund"),
    function_code: functionCode,
    function_class: functionCode ? functionCode.slice(0, 3) : null,
    economic_code: economicCode,
    economic_class: economicCode ? economicCode.slice(0, 3) : null,
    nature: pick(dims, "nature"),
    basic_kind: pick(dims, "basicKind"),
    unit: pick(dims, "budgetUnit", "unit"),
    project: pick(dims, "project"),
    amount_fen: f.amount,
    table_no: f.cell.table,
    row_index: f.cell.row,
    col_index: f.cell.column,
    department_id: ctx.departmentId,
    year: ctx.year,
    region: ctx.region,
    is_current: 0,
  };
}

export function findingRow(f: Finding, seq: number, disclosureId: number): FindingRow {
  return {
    disclosure_id: disclosureId,
    seq,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    location: JSON.stringify(f.location),
    table_no: f.location.table ?? null,
    expected: f.expected ?? null,
    actual: f.actual ?? null,
    difference: f.difference ?? null,
  };
}

export function rowToFinding(r: FindingRow): Finding {
  return {
    rule: r.rule,
    severity: r.severity as Finding["severity"],
    message: r.message,
    location: JSON.parse(r.location) as Finding["location"],
    ...(r.expected !== null ? { expected: r.expected } : {}),
    ...(r.actual !== null ? { actual: r.actual } : {}),
    ...(r.difference !== null ? { difference: r.difference } : {}),
  };
}

/** Search terms a disclosure contributes: its department, projects and function 项/款/类. */
export function searchTerms(d: Disclosure): { kind: string; term: string; code: string }[] {
  const out = new Map<string, { kind: string; term: string; code: string }>();
  const add = (kind: string, term: string, code: string) => {
    const t = term.trim();
    if (t) out.set(`${kind}\u0000${t}\u0000${code ?? ""}`, { kind, term: t, code });
  };
  add("department", d.meta.department, "");
  for (const p of d.projects) add("project", p.name, "");
  for (const t of d.tables) {
    for (const r of t.rows) {
      if (r.kind === "project") add("project", r.label, r.code ?? "");
      else if (r.code && /^2\d{2}(\d{2}){0,2}$/.test(r.code) && ["class", "section", "item"].includes(r.kind))
        add("function", r.label, r.code);
    }
  }
  return [...out.values()];
}
