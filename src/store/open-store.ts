/**
 * Opens the store: SQLite (better-sqlite3, a file whose parent directory is created) or
 * PostgreSQL (pg), migrates it to the latest schema, and returns a handle the repository uses.
 *
 * @example
 *   const store = await openStore({ kind: "sqlite", file: "./data/yusuan.db" });
 *   try { ... } finally { await store.close(); }
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config.ts";
import { type Dialect, migrationProvider } from "./migrations/index.ts";
import type { Database } from "./schema.ts";
import { BusyAwareSqliteDialect, retryBusy } from "./sqlite-dialect.ts";

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Bumped on every write through this handle; caches key on it. */
  generation: number;
  close(): Promise<void>;
}

/** pg returns int8 and numeric as strings; amounts are safe integers, so parse them to numbers. */
function parseInteger(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer out of the safe range: ${v}`);
  return n;
}
function parseNumeric(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${v}`);
  return n;
}
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === PG_INT8) return parseInteger;
    if (oid === PG_NUMERIC) return parseNumeric;
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads want a format literal
    return pg.types.getTypeParser(oid, format as any);
  },
};

export interface StoreOptions {
  /**
   * SQLite: how long a statement waits for a database another process is writing before it fails
   * as StoreError "busy" (default 30 s: an import waits rather than loses a file; the server
   * passes a shorter wait and answers 503).
   */
  busyWaitMs?: number | undefined;
}

export const DEFAULT_BUSY_WAIT_MS = 30_000;

async function sqliteDb(file: string, busyWaitMs: number): Promise<Kysely<Database>> {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  // SQLite's own busy wait blocks the whole process, so it is kept short; the dialect then waits
  // asynchronously (sqlite-dialect.ts).
  const database = new SqliteDatabase(file, { timeout: 20 });
  try {
    // Two processes creating the same file race for the journal mode switch: wait for each other.
    await retryBusy(() => database.pragma("journal_mode = WAL"), busyWaitMs);
    database.pragma("synchronous = NORMAL");
    // 64 MB of page cache (the default is 2 MB): the indexes a save writes into stay in memory as
    // the store grows past tens of thousands of disclosures, instead of being read back each time.
    database.pragma("cache_size = -65536");
    database.pragma("foreign_keys = ON");
  } catch (e) {
    database.close();
    throw e;
  }
  return new Kysely<Database>({ dialect: new BusyAwareSqliteDialect(database, busyWaitMs) });
}

function postgresDb(url: string, schema?: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Migrates to the latest schema. Kysely's migrator returns errors rather than throwing. */
export async function migrate(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<void> {
  // With a PostgreSQL schema, name it: the migrator's table lookup otherwise sees other schemas' tables.
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
    // 0003 (app_state) landed after 0004 (identity): a database already at 0004 runs 0003 next.
    // Each migration stands alone, so the order they ran in does not matter.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ""}：${(error as Error)?.message ?? ""}`);
  }
}

export async function openStore(config: DatabaseConfig, opts: StoreOptions = {}): Promise<Store> {
  const dialect: Dialect = config.kind;
  if (config.kind === "postgres" && config.schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(config.schema)) throw new Error(`invalid schema name ${config.schema}`);
    const admin = postgresDb(config.url);
    await sql`create schema if not exists ${sql.id(config.schema)}`.execute(admin);
    await admin.destroy();
  }
  const db =
    config.kind === "sqlite"
      ? await sqliteDb(config.file, opts.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS)
      : postgresDb(config.url, config.schema);
  try {
    // Migrations run in one transaction, which on SQLite takes the write lock first (BEGIN
    // IMMEDIATE) and on PostgreSQL an advisory lock: a second process waits, then finds nothing to do.
    // Without a schema of its own, PostgreSQL's is `public`: named, so migration tables that other
    // schemas of the same database hold (tests, other installations) are not taken for this one's.
    await migrate(db, dialect, config.kind === "postgres" ? (config.schema ?? "public") : undefined);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return {
    db,
    dialect,
    generation: 0,
    close: () => db.destroy(),
  };
}
