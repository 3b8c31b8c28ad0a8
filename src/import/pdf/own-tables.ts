/**
 * Tables in yusuan's own layout (the PDF and XLSX that src/render/ writes) → PrintedTables,
 * exactly. Both renderers print one cell per spec column in spec order, so once the importer has
 * put every printed cell into its column, what is left is what the text importer does: identify
 * the row (total, 类/款/项, unit, project, fixed line) from the spec with the same `classifyRow`,
 * so a round trip gives the same kinds, codes, levels and line keys as the source.
 */
import type { Cell, Column, ImportProblem, PrintedTable, Row } from "../../model/disclosure.ts";
import type { AmountUnit } from "../../model/money.ts";
import type { TableSpec } from "../../templates/spec.ts";
import { classifyRow, newRowState, type RowState } from "../text/table-rows.ts";

/** A table being read: its spec, what its title block said, and rows of cells in spec order. */
export class OwnTableBuilder {
  readonly table: PrintedTable;
  private readonly keyIndex: Map<string, number>;
  private readonly state: RowState;

  constructor(
    readonly spec: TableSpec,
    title: string,
    unit: AmountUnit,
  ) {
    this.table = {
      no: spec.no,
      id: spec.id,
      title,
      unit,
      columns: spec.columns.map(({ key, path, type, side }): Column => {
        const c: Column = { key, path: [...path], type };
        if (side) c.side = side;
        return c;
      }),
      rows: [],
    };
    this.keyIndex = new Map(spec.columns.map((c, i) => [c.key, i]));
    this.state = newRowState(spec, new Set());
  }

  /** Adds a data row; `cells` has one entry per spec column (amounts in 分, blanks null). */
  addRow(cells: Cell[], page?: number): Row {
    const shape = classifyRow(this.spec, cells, this.keyIndex, this.state);
    const row: Row = { kind: shape.kind, label: shape.label, level: shape.level, cells };
    if (shape.code !== undefined) row.code = shape.code;
    if (shape.lineKey !== undefined) row.lineKey = shape.lineKey;
    if (page !== undefined) {
      row.page = page;
      this.table.pages ??= [];
      if (!this.table.pages.includes(page)) this.table.pages.push(page);
    }
    this.table.rows.push(row);
    return row;
  }
}

/** Problems found while reading own-layout tables, with the table named. */
export function ownProblem(spec: TableSpec, message: string, page?: number): ImportProblem {
  const p: ImportProblem = {
    code: "own.cells",
    severity: "warning",
    message: `表 ${spec.no}“${spec.title}”：${message}`,
  };
  if (page !== undefined) p.page = page;
  return p;
}
