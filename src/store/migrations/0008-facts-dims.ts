/**
 * 0008: a fact's `dims` JSON is no longer stored beside its dimension columns. Forward-only: once
 * landed, never edit this file.
 *
 * Every fact's dimensions were kept three times: in the saved body (the Disclosure's own facts), as
 * a JSON copy in `facts.dims` (about 54 bytes a fact, 4.5 KB of a disclosure's 39 KB on
 * PostgreSQL at 300,000), and as the columns that index them. No query reads the copy: the facts
 * API takes a fact's dimensions from the saved body, by the fact's position (`seq`).
 */
import { type Kysely, type Migration, sql } from "kysely";

export function factsDims(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`alter table facts drop column dims`.execute(db);
    },
  };
}
