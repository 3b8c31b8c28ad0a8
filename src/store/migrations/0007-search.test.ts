/**
 * Migration 0007 on a database saved before it (both engines): every word gets the count of the
 * search terms that point at it, and every term its department's name.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrate } from "../open-store.ts";
import { databaseBefore } from "./testing.ts";

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`migration 0007 on ${dialect}`, () => {
    it("counts each word's terms and names each term's department", async () => {
      const { db, schema, done } = await databaseBefore(dialect, "0007");
      try {
        const now = new Date().toISOString();
        for (const [id, name] of [
          [1, "甲市财政局"],
          [2, "乙市财政局"],
          [3, "乙市公安局"],
        ] as const)
          await sql`insert into departments (id, name, region, city, county, level, created_at)
            values (${id}, ${name}, ${"甲"}, ${""}, ${""}, ${"市"}, ${now})`.execute(db);
        await sql`insert into search_words (id, kind, term, code) values
          (1, 'department', '甲市财政局', ''), (2, 'project', '信息化建设', ''), (3, 'function', '行政运行', '2010101')`.execute(
          db,
        );
        await sql`insert into search_terms (kind, term, code, department_id, year, word_id) values
          ('department', '甲市财政局', '', 1, 2025, 1),
          ('project', '信息化建设', '', 1, 2025, 2), ('project', '信息化建设', '', 2, 2024, 2), ('project', '信息化建设', '', 3, 2025, 2)`.execute(
          db,
        );
        await migrate(db, dialect, schema);
        const words = await db.selectFrom("search_words").select(["id", "terms"]).orderBy("id").execute();
        expect(words.map((w) => [Number(w.id), Number(w.terms)])).toEqual([
          [1, 1],
          [2, 3],
          [3, 0],
        ]);
        const terms = await db
          .selectFrom("search_terms")
          .select(["department_id", "department_name"])
          .where("word_id", "=", 2)
          .orderBy("department_id")
          .execute();
        expect(terms.map((t) => t.department_name)).toEqual(["甲市财政局", "乙市财政局", "乙市公安局"]);
      } finally {
        await done();
      }
    });
  });
}
