/**
 * Inserting many rows at once: on PostgreSQL one `insert … select * from unnest($1::type[], …)`
 * per few thousand rows (a parameter per column instead of one per value: the statement is
 * parsed and planned once, whatever the number of rows), on SQLite multi-row inserts as large
 * as its parameter limit allows. `RowSink` holds a batch's rows until the batch is written.
 */
import { type Insertable, type Kysely, sql } from "kysely";
import type { Dialect } from "./migrations/index.ts";
import type { Database, FactRow, FindingRow, RollupRow } from "./schema.ts";

/** Column → PostgreSQL type, in insert order, for the tables written in bulk. */
const COLUMNS = {
  facts: {
    disclosure_id: "bigint",
    seq: "integer",
    measure: "text",
    table_key: "text",
    column_key: "text",
    grain: "text",
    line_key: "text",
    fund: "text",
    function_code: "text",
    function_class: "text",
    economic_code: "text",
    economic_class: "text",
    nature: "text",
    basic_kind: "text",
    unit: "text",
    project: "text",
    amount_fen: "bigint",
    table_no: "integer",
    row_index: "integer",
    col_index: "integer",
    department_id: "bigint",
    year: "integer",
    region: "text",
    is_current: "integer",
  },
  rollups: {
    disclosure_id: "bigint",
    dim: "text",
    metric: "text",
    key: "text",
    amount_fen: "bigint",
    department_id: "bigint",
    year: "integer",
    region: "text",
    is_current: "integer",
  },
  findings: {
    disclosure_id: "bigint",
    seq: "integer",
    rule: "text",
    severity: "text",
    message: "text",
    location: "text",
    table_no: "integer",
    expected: "text",
    actual: "text",
    difference: "text",
  },
} as const;

/** A department's search term as saved: the word and the latest year it was seen in. */
export interface SearchTermInput {
  kind: string;
  term: string;
  code: string;
  department_id: number;
  /** the department's name: searches list a word's departments in its order */
  department_name: string;
  year: number;
}

export type BulkTable = keyof typeof COLUMNS;
type Row<T extends BulkTable> = Insertable<T extends "facts" ? FactRow : T extends "rollups" ? RollupRow : FindingRow>;

/** SQLite allows 32,766 parameters a statement (better-sqlite3's build); stay under it. */
const SQLITE_PARAMETERS = 30_000;
const PG_ROWS = 5_000;

/** Inserts rows into one of the bulk tables, in as few statements as the engine allows. */
export async function insertRows<T extends BulkTable>(
  db: Kysely<Database>,
  dialect: Dialect,
  table: T,
  rows: readonly Row<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(COLUMNS[table]) as [string, string][];
  if (dialect === "postgres") {
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const part = rows.slice(i, i + PG_ROWS) as readonly Record<string, unknown>[];
      const arrays = columns.map(([c, type]) => sql`${part.map((r) => r[c] ?? null)}::${sql.raw(type)}[]`);
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))})
        select * from unnest(${sql.join(arrays)})`.execute(db);
    }
    return;
  }
  const per = Math.max(1, Math.floor(SQLITE_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    // Kysely's per-table insert type cannot be expressed for a generic table name.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + per) as never)
      .execute();
  }
}

/**
 * The facts, rollups and findings of a batch's documents, held until the batch is written in a
 * few statements. A document superseded (or published) later in the same batch has its held rows
 * flagged here as well as in the database.
 */
export class RowSink {
  /** departments met in this batch, by identity (name, region, city, county) */
  readonly departments = new Map<string, { id: number; region: string; name: string }>();
  readonly terms: SearchTermInput[] = [];
  readonly facts: Row<"facts">[] = [];
  readonly rollups: Row<"rollups">[] = [];
  readonly findings: Row<"findings">[] = [];

  /** Sets is_current on the held facts and rollups of one disclosure. */
  setCurrent(disclosureId: number, current: 0 | 1): void {
    for (const r of this.facts) if (r.disclosure_id === disclosureId) r.is_current = current;
    for (const r of this.rollups) if (r.disclosure_id === disclosureId) r.is_current = current;
  }

  async flush(
    db: Kysely<Database>,
    dialect: Dialect,
    saveTerms: (db: Kysely<Database>, dialect: Dialect, terms: SearchTermInput[]) => Promise<void>,
  ): Promise<void> {
    await insertRows(db, dialect, "facts", this.facts);
    await insertRows(db, dialect, "rollups", this.rollups);
    await insertRows(db, dialect, "findings", this.findings);
    await saveTerms(db, dialect, this.terms);
    this.terms.length = 0;
    this.facts.length = 0;
    this.rollups.length = 0;
    this.findings.length = 0;
  }
}
