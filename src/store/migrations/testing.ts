/**
 * For migration tests: a database as an older version of the code left it — a fresh SQLite file or
 * PostgreSQL schema, migrated with the migrations named up to (not including) `before` — and a way
 * to drop it afterwards.
 *
 * @example
 *   const old = await databaseBefore("postgres", "0007");
 *   try { ...; await migrate(old.db, "postgres", old.schema); } finally { await old.done(); }
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "../schema.ts";
import { TEST_PG_URL } from "../test-stores.ts";
import { type Dialect, migrationProvider } from "./index.ts";

export interface OldDatabase {
  db: Kysely<Database>;
  /** the PostgreSQL schema it lives in (undefined on SQLite) */
  schema: string | undefined;
  done: () => Promise<void>;
}

export async function databaseBefore(dialect: Dialect, before: string): Promise<OldDatabase> {
  let old: OldDatabase;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), `yusuan-m${before}-`));
    const raw = new SqliteDatabase(join(dir, "old.db"));
    raw.pragma("foreign_keys = ON");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    old = {
      db,
      schema: undefined,
      done: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    const schema = `m${before}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Pool({ connectionString: TEST_PG_URL, max: 1 });
    await admin.query(`create schema ${schema}`);
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` }),
      }),
    });
    old = {
      db,
      schema,
      done: async () => {
        await db.destroy();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      },
    };
  }
  const all = await migrationProvider(dialect).getMigrations();
  const migrations: Record<string, Migration> = Object.fromEntries(
    Object.entries(all).filter(([name]) => name < before),
  );
  const r = await new Migrator({
    db: old.db,
    provider: { getMigrations: async () => migrations },
    ...(old.schema ? { migrationTableSchema: old.schema } : {}),
  }).migrateToLatest();
  if (r.error) {
    await old.done();
    throw r.error;
  }
  return old;
}
