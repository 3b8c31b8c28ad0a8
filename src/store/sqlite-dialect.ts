/**
 * Kysely's SQLite dialect, made safe for several processes on one file (a CLI import beside the
 * running server, two imports at once):
 *
 * - Transactions begin IMMEDIATE: the write lock is taken at BEGIN, where SQLite can wait for it.
 *   A DEFERRED transaction that reads first and writes later fails with "database is locked" at
 *   its first write when another process wrote meanwhile, and no busy timeout helps it.
 * - A statement that finds the database locked is retried after a short, growing, randomised
 *   pause (an async sleep, so the server keeps answering meanwhile) for up to `busyWaitMs`; only
 *   then does it fail, as StoreError "busy" (the server answers 503 with Retry-After).
 * - Migrations run inside such a transaction (SQLite's DDL is transactional; Kysely's adapter
 *   says otherwise and would run them bare), so two processes opening a new file migrate it once.
 * - Prepared statements are kept (the last 500 distinct SQL texts): Kysely's driver prepares every
 *   query anew, which costs more than running most of the portal's small queries.
 */
import type BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
} from "kysely";
import { StoreError } from "./store-error.ts";

const MAX_STATEMENTS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …). */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, pausing 5, 10, 20 … 200 ms (± half)
 * between tries, for `waitMs` at most; then throws StoreError "busy".
 */
export async function retryBusy<T>(attempt: () => T | Promise<T>, waitMs: number): Promise<T> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isBusy(e)) throw e;
      if (Date.now() - started >= waitMs)
        throw new StoreError(
          "busy",
          `数据库正忙（另一个程序正在写入），等待 ${Math.round(waitMs / 1000)} 秒后仍未完成；请稍后重试`,
        );
      const pause = Math.min(200, 5 * 2 ** n);
      await sleep(pause / 2 + Math.random() * pause);
    }
  }
}

class Connection implements DatabaseConnection {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly inner: DatabaseConnection,
    private readonly busyWaitMs: number,
  ) {}

  private statement(sqlText: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sqlText);
    if (stmt) {
      this.statements.delete(sqlText);
    } else {
      stmt = this.db.prepare(sqlText);
      if (this.statements.size >= MAX_STATEMENTS) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
    }
    this.statements.set(sqlText, stmt);
    return stmt;
  }

  private run<R>(q: CompiledQuery): QueryResult<R> {
    const stmt = this.statement(q.sql);
    const params = q.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(params);
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    };
  }

  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.run<R>(q));
    } catch (e) {
      if (!isBusy(e)) return Promise.reject(e);
      return retryBusy(() => this.run<R>(q), this.busyWaitMs);
    }
  }

  streamQuery<R>(q: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(q, chunkSize);
  }
}

class Sqlite extends SqliteDriver {
  private connection: Connection | undefined;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly busyWaitMs: number,
  ) {
    super({ database: db });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.connection ??= new Connection(this.db, inner, this.busyWaitMs);
    return this.connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** The dialect for one better-sqlite3 database; `busyWaitMs`: how long a statement waits for a lock. */
export class BusyAwareSqliteDialect extends SqliteDialect {
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly busyWaitMs: number,
  ) {
    super({ database: db });
  }

  override createDriver(): Driver {
    return new Sqlite(this.db, this.busyWaitMs);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
