/**
 * Domain → row mapping for a Disclosure's tables, facts and findings (the only place that knows
 * both shapes, with the record mapping in disclosures.ts).
 */

import type { Insertable } from "kysely";
import type { Disclosure, Fact, PrintedTable } from "../model/disclosure.ts";
import type { Finding } from "../model/finding.ts";
import type { FactRow, FindingRow, TableRow, TableRowRow } from "./schema.ts";

/** The printed table a fact's cell points at: by number first, else by position. */
export function tableOfCell(d: Disclosure, tableRef: number): PrintedTable | undefined {
  return d.tables.find((t) => t.no === tableRef) ?? d.tables[tableRef];
}

const pick = (dims: Record<string, string>, ...keys: string[]): string | null => {
  for (const k of keys) {
    const v = dims[k];
    if (v !== undefined && v !== "") return v;
  }
  return null;
};

/** Dimension keys that get their own column; the rest stay in the `dims` JSON. */
const COLUMN_DIMS = new Set([
  "fund",
  "functionCode",
  "function",
  "economicCode",
  "economicClass",
  "economic",
  "nature",
  "basicKind",
  "budgetUnit",
  "unit",
  "project",
  "line",
  "lineKey",
  "column",
  "rowKind",
]);

export interface DisclosureContext {
  disclosureId: number;
  departmentId: number;
  year: number;
  region: string;
}

export function factRow(d: Disclosure, f: Fact, seq: number, ctx: DisclosureContext): Insertable<FactRow> {
  const t = tableOfCell(d, f.cell.table);
  const row = t?.rows[f.cell.row];
  const col = t?.columns[f.cell.column];
  const dims = f.dims;
  // Function-coded tables carry the code on the row; take it from there when the fact has none.
  const functionCode =
    pick(dims, "functionCode", "function") ?? (row?.code && /^2\d{2,6}$/.test(row.code) ? row.code : null);
  const economicCode =
    pick(dims, "economicCode", "economicClass", "economic") ??
    (row?.code && /^3\d{2,4}$/.test(row.code) && t?.id === "basicExpenditure" ? row.code : null);
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(dims)) if (!COLUMN_DIMS.has(k)) rest[k] = v;
  return {
    disclosure_id: ctx.disclosureId,
    seq,
    measure: f.measure,
    table_key: t?.id ?? null,
    column_key: pick(dims, "column") ?? col?.key ?? null,
    grain: pick(dims, "rowKind") ?? row?.kind ?? null,
    line_key: pick(dims, "line", "lineKey") ?? row?.lineKey ?? null,
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
    dims: JSON.stringify(rest),
    table_no: t?.no ?? f.cell.table,
    row_index: f.cell.row,
    col_index: f.cell.column,
    department_id: ctx.departmentId,
    year: ctx.year,
    region: ctx.region,
    is_current: 0,
  };
}

export function tableRows(d: Disclosure, disclosureId: number): { tables: TableRow[]; rows: TableRowRow[] } {
  const tables: TableRow[] = [];
  const rows: TableRowRow[] = [];
  for (const t of d.tables) {
    tables.push({
      disclosure_id: disclosureId,
      no: t.no,
      table_key: t.id,
      title: t.title,
      unit: t.unit,
      columns: JSON.stringify(t.columns),
      empty_note: t.emptyNote ?? null,
    });
    t.rows.forEach((r, i) => {
      rows.push({
        disclosure_id: disclosureId,
        table_no: t.no,
        row_index: i,
        kind: r.kind,
        code: r.code ?? null,
        label: r.label,
        level: r.level,
        cells: JSON.stringify(r.cells),
      });
    });
  }
  return { tables, rows };
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
