/**
 * The audit as jobs on the local PostgreSQL: `audit --queue` enqueues, two `yusuan worker`s take
 * the jobs, one is killed while it reads a document. Its job is retried by the other, nothing is
 * lost or counted twice, and the finished audit equals a single-process run of the same batch.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getAudit, listAuditDocuments, openStore } from "../../src/store/index.ts";
import { TEST_PG_URL } from "../../src/store/test-stores.ts";
import { ROOT, SEED, yusuan } from "./run.ts";

const tmp = mkdtempSync(join(tmpdir(), "yusuan-queue-"));
const schema = `q_${Date.now().toString(36)}_${process.pid}`;
const env = { ...process.env, NO_COLOR: "1", YUSUAN_PG_SCHEMA: schema };

afterAll(async () => {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_PG_URL, max: 1 }) }),
  });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
  await sql`drop schema if exists ${sql.id(`${schema}_queue`)} cascade`.execute(admin);
  await admin.destroy();
});

function worker(): { child: ChildProcess; out: () => string } {
  const child = spawn(process.execPath, [join(ROOT, "bin/yusuan.js"), "worker", "--db", TEST_PG_URL, "--until-idle"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  return { child, out: () => out };
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once("exit", (code) => r(code))));

describe("audit --queue and yusuan worker", () => {
  it("a worker killed mid-document: its job is retried, nothing lost or counted twice, same result as one process", async () => {
    const dir = join(tmp, "batch");
    mkdirSync(dir);
    // a PDF first (the job the first worker takes, and is killed on), then text documents and a corrupt file
    copyFileSync(
      join(ROOT, "test/fixtures/corpus/shanghai-putuo-caizhengju-2025-yusuan.pdf"),
      join(dir, "a-putuo.pdf"),
    );
    const seedText = readFileSync(SEED, "utf8");
    writeFileSync(join(dir, "b-seed.txt"), seedText);
    writeFileSync(join(dir, "c-broken.pdf"), "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
    for (let i = 0; i < 4; i++)
      writeFileSync(join(dir, `d-${i}.txt`), seedText.replaceAll("新疆巴州人力资源和社会保障局", `新疆巴州第${i}局`));
    // a copy of a document under another name: the same content, kept as a document of its own
    writeFileSync(join(dir, "e-copy-of-seed.txt"), seedText);
    const rel = dir; // the same paths for both runs: results name files as given

    const single = yusuan(["audit", rel, "-o", join(tmp, "single"), "--jobs", "2"]);
    expect(single.status, single.stderr).toBe(0);
    const expected = JSON.parse(readFileSync(join(tmp, "single", "audit.json"), "utf8"));

    const q = spawn(
      process.execPath,
      [join(ROOT, "bin/yusuan.js"), "audit", rel, "--queue", TEST_PG_URL, "--timeout", "4", "--title", "队列测试"],
      { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let qOut = "";
    q.stdout?.on("data", (d) => {
      qOut += d;
    });
    expect(await exited(q)).toBe(0);
    const auditId = Number(qOut.trim());
    expect(auditId).toBeGreaterThan(0);

    const a = worker();
    const b = worker();
    // kill the first worker as soon as it has begun a document
    const started = await new Promise<string>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const m = /开始 #\d+ \[(\d+)\]/.exec(a.out());
        if (m || Date.now() - t0 > 120_000) {
          clearInterval(poll);
          if (m) {
            a.child.kill("SIGKILL");
            resolve(m[1] as string);
          } else reject(new Error(`worker A took no job: ${a.out()}`));
        }
      }, 20);
    });
    await exited(a.child);
    expect(await exited(b.child), b.out()).toBe(0);
    // A did not finish the document it began; B did, on the retried job
    expect(a.out()).not.toMatch(new RegExp(`完成 #${auditId} \\[${started}\\]`));
    expect(b.out()).toMatch(new RegExp(`完成 #${auditId} \\[${started}\\]`));
    expect(b.out()).toMatch(`审计 #${auditId} 已完成`);

    const store = await openStore({ kind: "postgres", url: TEST_PG_URL, schema });
    try {
      const audit = await getAudit(store, auditId);
      expect(audit).toMatchObject({ status: "done", documents: 8, written: 8 });
      const docs = await listAuditDocuments(store, auditId);
      expect(docs.map((d) => d.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(docs[7]?.hash).toBe(`${docs[1]?.hash}:7`);
      // the same results as one process: every document, field for field (time spent aside)
      expect(docs.map((d) => d.result)).toEqual(
        expected.documents.map((d: Record<string, unknown>) => ({ ...d, ms: 0 })),
      );
      const summary = audit?.summary as { summary: unknown; ranking: unknown; commonProblems: unknown };
      expect(summary.summary).toEqual(expected.summary);
      expect(summary.ranking).toEqual(expected.ranking);
      expect(summary.commonProblems).toEqual(expected.commonProblems);
    } finally {
      await store.close();
    }
  }, 300_000);

  it("reads the halves of a document published as two files as one, as a single process does", async () => {
    const dir = join(tmp, "halves");
    mkdirSync(dir);
    const regions = join(ROOT, "test/fixtures/regions");
    copyFileSync(
      join(regions, "beijing-caizhengju-2026-yusuan-text.pdf"),
      join(dir, "2026年北京市财政局部门预算情况说明.pdf"),
    );
    copyFileSync(
      join(regions, "beijing-caizhengju-2026-yusuan-tables.pdf"),
      join(dir, "2026年北京市财政局部门预算报表.pdf"),
    );
    writeFileSync(join(dir, "b-seed.txt"), readFileSync(SEED, "utf8"));
    const single = yusuan(["audit", dir, "-o", join(tmp, "single-halves")]);
    expect(single.status, single.stderr).toBe(0);
    const expected = JSON.parse(readFileSync(join(tmp, "single-halves", "audit.json"), "utf8"));
    expect(expected.documents).toHaveLength(2);

    const q = spawnSync(
      process.execPath,
      [join(ROOT, "bin/yusuan.js"), "audit", dir, "--queue", TEST_PG_URL, "--title", "两部分"],
      { cwd: ROOT, env, encoding: "utf8" },
    );
    expect(q.status, q.stderr).toBe(0);
    const auditId = Number(q.stdout.trim());
    const w = worker();
    expect(await exited(w.child), w.out()).toBe(0);
    expect(w.out()).toMatch(/合并 #\d+ .*部门预算报表\.pdf \+ .*部门预算情况说明\.pdf/);
    expect(w.out()).toMatch(`审计 #${auditId} 已完成`);
    const store = await openStore({ kind: "postgres", url: TEST_PG_URL, schema });
    try {
      expect(await getAudit(store, auditId)).toMatchObject({ status: "done", documents: 2, written: 2 });
      const docs = await listAuditDocuments(store, auditId);
      expect(docs.map((d) => d.result)).toEqual(
        expected.documents.map((d: Record<string, unknown>) => ({ ...d, ms: 0 })),
      );
      expect((await getAudit(store, auditId))?.summary).toMatchObject({ summary: expected.summary });
    } finally {
      await store.close();
    }
  }, 300_000);

  it("refuses a queue or worker address that is not PostgreSQL", () => {
    const r = yusuan(["audit", SEED, "--queue", "mysql://x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^错误：--queue：--queue 应为 PostgreSQL 地址/);
    const w = yusuan(["worker", "--db", "out/x.db"]);
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/任务队列需要 PostgreSQL/);
  });
});
