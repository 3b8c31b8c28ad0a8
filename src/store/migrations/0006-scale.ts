/**
 * 0006: the store at national scale (hundreds of thousands of disclosures). Forward-only: once
 * landed, never edit this file.
 *
 * Measured on the portal bench's data (bench/portal.ts), a disclosure cost about 64 KB on SQLite,
 * and saving got slower as the store grew. What this migration removes held the same numbers a
 * second or third time, or served no read:
 *
 * - `disclosure_tables` and `table_rows`: the printed tables again, row by row (about 8 KB and 42
 *   rows per disclosure). The saved body holds them; `getTable` reads them from there.
 * - `facts_by_function` and `facts_by_year`: two covering indexes over every fact (about 13 KB per
 *   disclosure, and two index entries written, then rewritten when the version became current, in
 *   pages spread over the whole index). Aggregates over all current disclosures read `rollups`;
 *   the one read left on the facts (a function-class filter on economic class, fund or 三公 item)
 *   gets a partial index over the current facts that have a function class, keyed so that a new
 *   disclosure's entries append at the end of each class.
 * - `disclosures_department` repeated the unique key (department_id, year, kind, version);
 *   `search_terms_code` served no query since searches go through `search_words` (0002).
 */
import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "./index.ts";

export function scale(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // SQLite migrations run outside a transaction (Kysely): a savepoint makes this one atomic
      if (dialect === "sqlite") await sql`savepoint m0006`.execute(db);
      try {
        await sql`drop table if exists table_rows`.execute(db);
        await sql`drop table if exists disclosure_tables`.execute(db);
        await sql`drop index if exists facts_by_function`.execute(db);
        await sql`drop index if exists facts_by_year`.execute(db);
        await sql`drop index if exists disclosures_department`.execute(db);
        await sql`drop index if exists search_terms_code`.execute(db);
        await sql`create index facts_current_function on facts (function_class, table_key, grain, disclosure_id)
          where is_current = 1 and function_class is not null`.execute(db);
        if (dialect === "sqlite") await sql`release m0006`.execute(db);
      } catch (e) {
        if (dialect === "sqlite") {
          await sql`rollback to m0006`.execute(db);
          await sql`release m0006`.execute(db);
        }
        throw e;
      }
      if (dialect === "postgres") await sql`analyze facts`.execute(db);
    },
  };
}
