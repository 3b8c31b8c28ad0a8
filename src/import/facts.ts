/**
 * Facts: what each printed amount cell means, template-independent. Generic over the template
 * spec: measure from the table (the expenditure side of a two-sided table is an expenditure),
 * dimensions merged from table dims, column dims, the row's code (function or economic), its spec
 * line, and the budget unit / project the row belongs to (表7, 表11).
 *
 * @example deriveFacts(disclosure.tables, xinjiang2025Budget)
 *   // → [{ measure: "income", dims: { fund: "total", functionCode: "205", … }, amount: 815900000,
 *   //      cell: { table: 2, row: 1, column: 4 } }, …]
 */
import type { Fact, PrintedTable } from "../model/disclosure.ts";
import type { TableSpec, TemplateSpec } from "../templates/spec.ts";

type Measure = Fact["measure"];

function sideMeasure(measure: TableSpec["measure"], side: "income" | "expenditure" | undefined): Measure {
  if (side !== "expenditure") return measure;
  if (measure === "income") return "expenditure";
  if (measure === "fiscalIncome") return "fiscalExpenditure";
  return measure;
}

/** The dims of a spec's column (table dims, column dims, column key), made once per spec and column. */
function columnDims(spec: TableSpec, key: string): Readonly<Record<string, string>> {
  let known = columnDimsOf.get(spec);
  if (!known || known.of !== spec.columns) {
    known = { of: spec.columns, dims: new Map() };
    columnDimsOf.set(spec, known);
  }
  let dims = known.dims.get(key);
  if (!dims) {
    const cs = spec.columns.find((s) => s.key === key);
    dims = { ...spec.dims, ...cs?.dims, column: key };
    known.dims.set(key, dims);
  }
  return dims;
}
const columnDimsOf = new WeakMap<TableSpec, { of: TableSpec["columns"]; dims: Map<string, Record<string, string>> }>();

export function deriveFacts(tables: readonly PrintedTable[], template: TemplateSpec): Fact[] {
  const facts: Fact[] = [];
  for (const table of tables) {
    const spec = template.tables.find((t) => t.id === table.id) ?? template.tables.find((t) => t.no === table.no);
    if (!spec) continue;
    const lineDims = new Map((spec.lines ?? []).map((l) => [l.key, l.dims]));
    const twoSided = spec.layout === "twoSided";
    const economic = spec.layout === "economicCoded";
    // Per amount column, computed once: its measure and the dims every cell of it shares.
    const cols = table.columns.map((col) => {
      if (col.type !== "amount") return undefined;
      return {
        measure: sideMeasure(spec.measure, col.side),
        // The dims every fact of the column starts with, copied per fact (same keys, same order).
        base: columnDims(spec, col.key),
        income: twoSided && col.side === "income",
      };
    });
    const projectCol = table.columns.findIndex((c) => c.key === "projectName");
    let unit: string | undefined;
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r] as PrintedTable["rows"][number];
      if (row.kind === "unit") unit = row.label;
      else if (row.kind === "total") unit = undefined;
      const project = row.kind === "project" ? (projectCol >= 0 ? row.cells[projectCol] : row.label) : undefined;
      for (let c = 0; c < row.cells.length; c++) {
        const cell = row.cells[c];
        const col = cols[c];
        if (typeof cell !== "number" || !col) continue;
        const dims: Record<string, string> = { ...col.base };
        dims.rowKind = row.kind;
        if (col.income) {
          if (row.lineKey) {
            dims.line = row.lineKey;
            const ld = lineDims.get(row.lineKey);
            if (ld) Object.assign(dims, ld);
          }
        } else {
          // (two stores with fixed names: a store under a computed name is slow)
          if (row.code) {
            if (economic) dims.economicCode = row.code;
            else dims.functionCode = row.code;
          }
          if (row.lineKey && (!twoSided || row.lineKey === "total")) dims.line = row.lineKey;
        }
        if (unit !== undefined) dims.unit = unit;
        if (typeof project === "string") dims.project = project;
        facts.push({ measure: col.measure, dims, amount: cell, cell: { table: table.no, row: r, column: c } });
      }
    }
  }
  return facts;
}
