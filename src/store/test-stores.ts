/**
 * Test backends: every storage test runs on both. SQLite gets a temp file; PostgreSQL a unique
 * schema in the `test` database (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
 * dropped afterwards. No mocks, and no skipping: a test run without PostgreSQL fails.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config.ts";
import { openStore, type Store } from "./open-store.ts";

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestStore {
  store: Store;
  config: DatabaseConfig;
  cleanup(): Promise<void>;
}

export const BACKENDS = ["sqlite", "postgres"] as const;

export async function openTestStore(kind: (typeof BACKENDS)[number]): Promise<TestStore> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "yusuan-store-"));
    const config: DatabaseConfig = { kind: "sqlite", file: join(dir, "sub", "test.db") };
    const store = await openStore(config);
    return {
      store,
      config,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const config: DatabaseConfig = { kind: "postgres", url: TEST_PG_URL, schema };
  const store = await openStore(config);
  return {
    store,
    config,
    async cleanup() {
      await store.close();
      const admin = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_PG_URL, max: 1 }) }),
      });
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}
