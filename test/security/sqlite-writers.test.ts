/**
 * Two writers on one SQLite file (issue 13, item 4): two `import --save` processes started at
 * once on a new file, and a CLI import beside the running server that takes uploads meanwhile.
 * Nothing is lost, migrations run once, and the server never answers 500.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { countDisclosures, createToken, openStore } from "../../src/store/index.ts";
import { makeDisclosure } from "../../src/store/testing.ts";
import { SEED } from "../cli/run.ts";
import { listen, yusuanAsync } from "./helpers.ts";

let dir: string;

/** `n` small disclosure.json files of distinct departments, named by `prefix`. */
function files(prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = join(dir, `${prefix}-${i}.json`);
    writeFileSync(f, JSON.stringify(makeDisclosure({ department: `${prefix}测试局${i}`, region: "并发", year: 2025 })));
    out.push(f);
  }
  return out;
}

const NUMBERS = "一二三四五六七八九十";
/** The seed (80 KB, 11 tables: a save that holds the write lock a while) under department `name`. */
const seedAs = (name: string) => readFileSync(SEED, "utf8").replaceAll("新疆巴州人力资源和社会保障局", name);
const seedName = (prefix: string, i: number) => `新疆巴州${prefix}${NUMBERS[Math.floor(i / 10)]}${NUMBERS[i % 10]}局`;

/** `n` variants of the seed, one department each. */
function seedFiles(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const f = join(dir, `${prefix}-${i}.txt`);
    writeFileSync(f, seedAs(seedName(prefix, i)));
    return f;
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "yusuan-writers-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("two writers on one SQLite file", () => {
  it("two import --save processes started together on a new file save every file once", async () => {
    const db = join(dir, "two.db");
    const [a, b] = await Promise.all([
      yusuanAsync(["import", ...files("甲", 24), "--save", "--db", db]),
      yusuanAsync(["import", ...files("乙", 24), "--save", "--db", db]),
    ]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(`${a.stderr}${b.stderr}`).not.toMatch(/locked|迁移失败|内部错误/);
    const store = await openStore({ kind: "sqlite", file: db });
    try {
      expect(await countDisclosures(store)).toBe(48);
      const names = await store.db.selectFrom("departments").select("name").execute();
      expect(new Set(names.map((n) => n.name)).size).toBe(48);
      // each migration recorded once
      const migrations = await store.db
        .selectFrom("kysely_migration" as never)
        .select("name" as never)
        .execute();
      expect(migrations.map((m) => (m as { name: string }).name)).toEqual([
        ...new Set(migrations.map((m) => (m as { name: string }).name)),
      ]);
    } finally {
      await store.close();
    }
  }, 300_000);

  it("a CLI import beside the running server loses nothing, and the server never answers 500", async () => {
    const db = join(dir, "server.db");
    const config = resolveConfig({ db, seed: false }, {});
    const store = await openStore(config.database, { busyWaitMs: 5_000 }); // the server's wait (DEFAULT_LIMITS)
    const admin = (await createToken(store, { name: "admin", role: "admin" })).token;
    const app = createApp(store, config);
    const server = await listen(app);
    try {
      const cli = yusuanAsync(["import", ...seedFiles("丙", 24), "--save", "--db", db]);
      let cliDone = false;
      void cli.then(() => {
        cliDone = true;
      });
      const statuses: number[] = [];
      let uploaded = 0;
      const pending = Array.from({ length: 24 }, (_, i) => i);
      // Two upload loops and reads through the server while the CLI writes, until both have done 24.
      const uploader = async () => {
        for (let tries = 0; (pending.length > 0 || !cliDone) && tries < 300; tries++) {
          const i = pending.shift();
          if (i !== undefined) {
            const res = await fetch(`${server.base}/api/disclosures?name=d${i}.txt`, {
              method: "POST",
              headers: { Authorization: `Bearer ${admin}`, "Content-Type": "text/plain" },
              body: seedAs(seedName("丁", i)),
            });
            statuses.push(res.status);
            await res.arrayBuffer();
            if (res.status === 201) uploaded++;
            else {
              // the only acceptable refusal: busy, with a time to come back (and then it is sent again)
              expect(res.status).toBe(503);
              expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
              pending.push(i);
            }
          }
          const read = await fetch(`${server.base}/api/departments?q=${encodeURIComponent("巴州")}`);
          statuses.push(read.status);
          await read.arrayBuffer();
        }
      };
      await Promise.all([uploader(), uploader()]);
      const run = await cli;
      expect(run.status, run.stderr).toBe(0);
      expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
      expect(uploaded).toBe(24);
      expect(await countDisclosures(store)).toBe(48);
    } finally {
      await server.close();
      await closeApp(app);
      await store.close();
    }
  }, 300_000);

  it("answers 503 with Retry-After when a write truly cannot proceed, and saves nothing half-way", async () => {
    const db = join(dir, "locked.db");
    const config = resolveConfig({ db, seed: false }, {});
    const store = await openStore(config.database, { busyWaitMs: 300 });
    const admin = (await createToken(store, { name: "admin", role: "admin" })).token;
    const app = createApp(store, config);
    // another process holds the write lock for as long as it likes
    const other = new Database(db, { timeout: 0 });
    other.prepare("begin immediate").run();
    const upload = () =>
      app.request("/api/disclosures?name=d.json", {
        method: "POST",
        headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
        body: JSON.stringify(makeDisclosure({ department: "锁定测试局" })),
      });
    try {
      const res = await upload();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain("数据库正忙");
      // reads go on meanwhile (WAL)
      expect((await app.request("/api/departments")).status).toBe(200);
      other.prepare("rollback").run();
      expect((await upload()).status).toBe(201);
      expect(await countDisclosures(store)).toBe(1);
    } finally {
      other.close();
      await closeApp(app);
      await store.close();
    }
  });
});
