/**
 * 0007: searches that stay fast at 300,000 disclosures. Forward-only: once landed, never edit this
 * file.
 *
 * A search counted and sorted every matching term before it took a page: at 300,000 disclosures
 * (a million search terms) a word such as 财政 matched 17,000 terms and the query read the whole
 * table (216 ms at p50 on PostgreSQL). Now:
 *
 * - `search_words.terms`: how many search terms point at the word, kept by every save (a new term
 *   adds one). A search's total is the sum over the matching words, without reading the terms.
 * - `search_terms.department_name`: the department's name beside its id (a department's name is
 *   part of its identity and never changes), and the index `search_terms_word_name` on (word_id,
 *   department_name, id): a page of a word's terms, in the order searches list them, is read from
 *   the index without touching the rest. It replaces `search_terms_word` (word_id, department_id).
 */
import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "./index.ts";

export function search(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // SQLite migrations run outside a transaction (Kysely): a savepoint makes this one atomic
      if (dialect === "sqlite") await sql`savepoint m0007`.execute(db);
      try {
        await sql`alter table search_words add column terms bigint not null default 0`.execute(db);
        await sql`update search_words set terms = (select count(*) from search_terms s where s.word_id = search_words.id)`.execute(
          db,
        );
        await sql`alter table search_terms add column department_name text not null default ''`.execute(db);
        await sql`update search_terms set department_name = (select d.name from departments d where d.id = search_terms.department_id)`.execute(
          db,
        );
        await sql`create index search_terms_word_name on search_terms (word_id, department_name, id)`.execute(db);
        await sql`drop index if exists search_terms_word`.execute(db);
        if (dialect === "sqlite") await sql`release m0007`.execute(db);
      } catch (e) {
        if (dialect === "sqlite") {
          await sql`rollback to m0007`.execute(db);
          await sql`release m0007`.execute(db);
        }
        throw e;
      }
      if (dialect === "postgres") await sql`analyze search_words, search_terms`.execute(db);
    },
  };
}
