/**
 * What a round trip must keep of a printed table: numbers, ids, titles, units, 编制部门, 空表说明,
 * columns, and every row's identity (kind, code, line key, label, level) and cells (amounts in
 * 分, blanks null). Page numbers are where the copy was printed, not part of the table.
 */
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";
import { matchKey } from "../../src/import/pdf/titles.ts";
import type { Disclosure, PrintedTable } from "../../src/model/disclosure.ts";

/** The seed (test/fixtures/bazhou-hrss-2025-budget.txt) as the text importer reads it. */
export async function seedDisclosure(): Promise<Disclosure> {
  const r = await importFile(new URL("../fixtures/bazhou-hrss-2025-budget.txt", import.meta.url).pathname);
  if (!r.disclosure) throw new Error(`seed did not import: ${JSON.stringify(r.problems)}`);
  return r.disclosure;
}

const head = (t: PrintedTable) => ({
  no: t.no,
  id: t.id,
  title: t.title,
  unit: t.unit,
  preparedBy: t.preparedBy,
  emptyNote: t.emptyNote,
  columns: t.columns,
});

/** Tables with full row identity. */
export const printedTables = (d: Disclosure) =>
  d.tables.map((t) => ({
    ...head(t),
    rows: t.rows.map((r) => ({
      kind: r.kind,
      code: r.code,
      lineKey: r.lineKey,
      label: r.label,
      level: r.level,
      cells: r.cells,
    })),
  }));

/**
 * Tables with their printed cells only: for hand-built Disclosures whose row kinds and levels
 * follow their own conventions rather than the importers' (an importer derives them from the spec).
 */
export const printedCells = (d: Disclosure) => d.tables.map((t) => ({ ...head(t), rows: t.rows.map((r) => r.cells) }));

/** No float ever reaches a table: every amount cell is an integer number of 分. */
export function amountsAreIntegers(d: Disclosure): boolean {
  return d.tables.every((t) =>
    t.rows.every((r) => r.cells.every((c) => typeof c !== "number" || Number.isSafeInteger(c))),
  );
}

/**
 * A document read by the general reader, as its rows print: number, id, unit and decimals of each
 * table, and each row's label and cells (what a round trip of a real document must keep).
 */
export const labelledRows = (d: Disclosure) =>
  d.tables.map((t) => ({
    no: t.no,
    id: t.id,
    unit: t.unit,
    precision: t.precision,
    rows: t.rows.map((r) => [r.label, ...r.cells]),
  }));

/** Error findings as "rule table". */
export const errorKeys = (d: Disclosure) =>
  check(d)
    .findings.filter((f) => f.severity === "error")
    .map((f) => `${f.rule} ${f.location.table ?? ""}`);

/**
 * A table's rows as another producer's print must give them back: each row's label as printed
 * (whatever the producer's brackets, spaces and the code before it) and its amounts.
 */
export const printedRows = (t: PrintedTable) =>
  t.rows.map((r) => ({
    label: matchKey(r.label ?? "").replace(/^\d{3,7}(?=\D)/, ""),
    amounts: r.cells.filter((c) => typeof c === "number"),
  }));

/** Error findings as "rule 表N", sorted. */
export const tableErrors = (d: Disclosure) =>
  check(d)
    .findings.filter((f) => f.severity === "error")
    .map((f) => `${f.rule} 表${f.location.table ?? ""}`)
    .sort();
