/**
 * Migration 0007 on a database saved before it (both engines): every word gets the count of the
 * search terms that point at it, and every term its department's name.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate } from "../open-store.ts";
import type { Database } from "../schema.ts";
import { TEST_PG_URL } from "../test-stores.ts";
import { migrationProvider } from "./index.ts";

/** The database as the code before 0007 left it: every migration up to 0006. */
async function before0007(db: Kysely<Database>, dialect: "sqlite" | "postgres", schema?: string) {
  const all = await migrationProvider(dialect).getMigrations();
  const migrations: Record<string, Migration> = Object.fromEntries(
    Object.entries(all).filter(([name]) => name < "0007"),
  );
  const m = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const r = await m.migrateToLatest();
  if (r.error) throw r.error;
}

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`migration 0007 on ${dialect}`, () => {
    it("counts each word's terms and names each term's department", async () => {
      let db: Kysely<Database>;
      let done: () => Promise<void>;
      let schema: string | undefined;
      if (dialect === "sqlite") {
        const dir = mkdtempSync(join(tmpdir(), "yusuan-m7-"));
        db = new Kysely<Database>({
          dialect: new SqliteDialect({ database: new SqliteDatabase(join(dir, "old.db")) }),
        });
        done = async () => {
          await db.destroy();
          rmSync(dir, { recursive: true, force: true });
        };
      } else {
        schema = `m7_${randomBytes(4).toString("hex")}`;
        const admin = new pg.Pool({ connectionString: TEST_PG_URL, max: 1 });
        await admin.query(`create schema ${schema}`);
        db = new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` }),
          }),
        });
        done = async () => {
          await db.destroy();
          await admin.query(`drop schema ${schema} cascade`);
          await admin.end();
        };
      }
      try {
        await before0007(db, dialect, schema);
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
