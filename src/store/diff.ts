/**
 * Differences between two versions of a disclosure: metadata and every printed cell that changed,
 * was added or removed. Pure; used by the history view and the API.
 */
import type { Disclosure } from "../model/disclosure.ts";

export interface CellChange {
  table: number;
  tableTitle: string;
  row: string;
  column: string;
  before: number | string | null;
  after: number | string | null;
}

export interface DisclosureDiff {
  meta: { field: string; before: unknown; after: unknown }[];
  tablesAdded: number[];
  tablesRemoved: number[];
  cells: CellChange[];
  explanationsChanged: number[];
}

const rowKey = (r: { code?: string | undefined; lineKey?: string | undefined; label: string }) =>
  r.code ? `${r.code} ${r.label}` : r.label;

export function diffDisclosures(a: Disclosure, b: Disclosure): DisclosureDiff {
  const meta: DisclosureDiff["meta"] = [];
  for (const k of Object.keys({ ...a.meta, ...b.meta }) as (keyof Disclosure["meta"])[]) {
    if (a.meta[k] !== b.meta[k]) meta.push({ field: k, before: a.meta[k], after: b.meta[k] });
  }
  const cells: CellChange[] = [];
  const tablesAdded = b.tables.filter((t) => !a.tables.some((x) => x.no === t.no)).map((t) => t.no);
  const tablesRemoved = a.tables.filter((t) => !b.tables.some((x) => x.no === t.no)).map((t) => t.no);
  for (const tb of b.tables) {
    const ta = a.tables.find((x) => x.no === tb.no);
    if (!ta) continue;
    const rowsA = new Map(ta.rows.map((r) => [rowKey(r), r]));
    const rowsB = new Map(tb.rows.map((r) => [rowKey(r), r]));
    for (const key of new Set([...rowsA.keys(), ...rowsB.keys()])) {
      const ra = rowsA.get(key);
      const rb = rowsB.get(key);
      tb.columns.forEach((col, ci) => {
        if (col.type !== "amount") return;
        const ai = ta.columns.findIndex((c) => c.key === col.key);
        const before = ra && ai >= 0 ? (ra.cells[ai] ?? null) : null;
        const after = rb ? (rb.cells[ci] ?? null) : null;
        if (before !== after)
          cells.push({ table: tb.no, tableTitle: tb.title, row: key, column: col.path.join("/"), before, after });
      });
    }
  }
  const explanationsChanged = b.explanations
    .filter((e) => a.explanations.find((x) => x.no === e.no)?.text !== e.text)
    .map((e) => e.no);
  return { meta, tablesAdded, tablesRemoved, cells, explanationsChanged };
}
