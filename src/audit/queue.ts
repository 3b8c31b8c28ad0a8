/**
 * The audit beyond one machine, on pg-boss over the PostgreSQL the portal uses (docs/audit.md says
 * why pg-boss): `yusuan audit … --queue URL` creates the audit in the store and enqueues one job per
 * document in one statement; `yusuan worker --db URL`, on any number of machines that see the same
 * files, takes jobs one at a time, reads and checks the document, and writes its result keyed by
 * (audit, content hash) — a second write of the same result is ignored. A worker killed mid-document
 * leaves its job active; when the job's time runs out pg-boss's maintenance fails it and it is
 * retried by another worker. The last result in finishes the audit (its summary, as audit.json's),
 * after reading as one document the halves of two-file documents that only their content pairs.
 */
import { resolve } from "node:path";
import PgBoss from "pg-boss";
import { resolveDatabase } from "../config.ts";
import {
  type AuditDocumentRecord,
  createAudit,
  finishAudit,
  getAudit,
  listAuditDocuments,
  mergeAuditHalves,
  openStore,
  type Store,
  saveAuditDocument,
} from "../store/index.ts";
import { type AuditInput, discoverDocuments, documentHash } from "./discover.ts";
import { AUDIT_VERSION, auditDocument, type DocumentResult, unreadable } from "./document.ts";
import { contentPairs } from "./pairs.ts";
import { assembleReport } from "./report.ts";
import { auditSummary, documentKeys, documentRow, resultKey } from "./save.ts";

export const QUEUE = "yusuan-audit";

export interface AuditJob {
  auditId: number;
  seq: number;
  /** as given on the command line (results show it), read relative to `cwd` */
  file: string;
  text?: string;
  cwd: string;
  hash?: string;
  /** the result's key in the store (the content hash; a copy of an earlier document gets its place appended) */
  key: string;
}

/** The queue's schema beside the store's: `yusuan_queue`, or `<YUSUAN_PG_SCHEMA>_queue`. */
export function queueSchema(env: NodeJS.ProcessEnv): string {
  return env.YUSUAN_PG_SCHEMA ? `${env.YUSUAN_PG_SCHEMA}_queue` : "yusuan_queue";
}

export function pgConfig(url: string, env: NodeJS.ProcessEnv) {
  const c = resolveDatabase({ databaseUrl: url }, env);
  if (c.kind !== "postgres") throw new Error("unreachable");
  return c;
}

async function startBoss(url: string, env: NodeJS.ProcessEnv, o: { maintenanceSeconds?: number } = {}) {
  const boss = new PgBoss({
    connectionString: url,
    schema: queueSchema(env),
    schedule: false,
    max: 2,
    maintenanceIntervalSeconds: o.maintenanceSeconds ?? 10,
  });
  const errors: Error[] = [];
  boss.on("error", (e) => errors.push(e));
  await boss.start();
  await boss.createQueue(QUEUE);
  return { boss, errors };
}

/**
 * Enqueues every document under `paths` as one audit. Returns the audit id and the document count.
 * `timeoutSeconds`: a job active longer than this is taken to be lost (its worker killed) and retried.
 */
export async function enqueueAudit(
  url: string,
  paths: readonly string[],
  o: { title: string; timeoutSeconds: number; env: NodeJS.ProcessEnv; retries?: number },
): Promise<{ auditId: number; documents: number }> {
  const found = await discoverDocuments(paths);
  const total = found.documents.length + found.missing.length;
  const store = await openStore(pgConfig(url, o.env));
  try {
    const auditId = await createAudit(store, {
      title: o.title,
      inputs: [...paths],
      documents: total,
      createdBy: "queue",
    });
    const jobs: { name: string; data: AuditJob; expireInSeconds: number; retryLimit: number; retryDelay: number }[] =
      [];
    const hashes: (string | undefined)[] = [];
    for (const doc of found.documents) hashes.push(await documentHash(doc, AUDIT_VERSION));
    const keys = documentKeys([
      ...found.documents.map((d, i) => ({ file: d.file, ...(d.text ? { text: d.text } : {}), hash: hashes[i] })),
      ...found.missing.map((m) => ({ file: m.path })),
    ]);
    for (const [seq, doc] of found.documents.entries()) {
      const hash = hashes[seq];
      jobs.push({
        name: QUEUE,
        data: {
          auditId,
          seq,
          file: doc.file,
          ...(doc.text ? { text: doc.text } : {}),
          cwd: process.cwd(),
          ...(hash ? { hash } : {}),
          key: keys[seq] as string,
        },
        expireInSeconds: o.timeoutSeconds,
        retryLimit: o.retries ?? 3,
        retryDelay: 0,
      });
    }
    // paths that do not exist are results already
    for (const [i, m] of found.missing.entries())
      await saveAuditDocument(
        store,
        auditId,
        documentRow(
          unreadable({ file: m.path }, m.reason),
          found.documents.length + i,
          keys[found.documents.length + i],
        ),
      );
    if (jobs.length > 0) {
      const { boss } = await startBoss(url, o.env);
      try {
        await boss.insert(jobs);
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    } else await finishIfComplete(store, auditId);
    return { auditId, documents: total };
  } finally {
    await store.close();
  }
}

/**
 * The halves of two-file documents that their names did not pair (pairs.ts), once every document
 * has its result: each pair is read here as one document, its row written at the tables half's
 * place, and the halves' rows taken out (as a single-process run lists the pair once). Paths are
 * the results' as given, read relative to the audit's `cwd`. A worker that dies meanwhile leaves its
 * job to be retried, and the retry does what is left.
 */
async function pairHalves(store: Store, auditId: number, cwd: string, log: (line: string) => void): Promise<void> {
  const rows = await listAuditDocuments(store, auditId);
  const inputs = rows.map((r) => {
    const d = r.result as unknown as DocumentResult;
    return { input: { file: d.file, ...(d.text ? { text: d.text } : {}) } as AuditInput, row: r, result: d };
  });
  const pairs = contentPairs(
    inputs.map((i) => i.input),
    new Map(inputs.map((i) => [i.input, i.result])),
  );
  const rowOf = new Map(inputs.map((i) => [i.input, i.row]));
  const written = new Set(rows.map((r) => r.hash));
  for (const p of pairs) {
    const tables = rowOf.get(p.tables) as AuditDocumentRecord;
    const text = rowOf.get(p.text) as AuditDocumentRecord;
    const abs = { file: resolve(cwd, p.merged.file), text: resolve(cwd, p.merged.text as string) };
    const hash = await documentHash(abs, AUDIT_VERSION);
    const key = resultKey({ ...p.merged, hash });
    if (!written.has(key)) {
      log(`合并 #${auditId} ${p.merged.file} + ${p.merged.text}（按内容是同一文档的两部分）`);
      const r = await auditDocument(abs, hash);
      const result: DocumentResult = { ...r, file: p.merged.file, text: p.merged.text as string };
      await saveAuditDocument(store, auditId, documentRow(result, tables.seq, key));
    }
    await mergeAuditHalves(store, auditId, [tables.hash, text.hash]);
  }
}

/**
 * When every document of a running audit has its result: with `cwd` (a worker's last job), halves
 * of two-file documents are read as one (pairHalves); then the summary, and the audit is done.
 */
export async function finishIfComplete(
  store: Store,
  auditId: number,
  cwd?: string,
  log: (line: string) => void = () => {},
): Promise<boolean> {
  const a = await getAudit(store, auditId);
  if (!a || a.status === "done" || a.written < a.documents) return false;
  if (cwd !== undefined) await pairHalves(store, auditId, cwd, log);
  const docs = (await listAuditDocuments(store, auditId)).map((d) => d.result as unknown as DocumentResult);
  await finishAudit(store, auditId, auditSummary(assembleReport(docs, { inputs: a.inputs })));
  return true;
}

export interface WorkerOptions {
  env: NodeJS.ProcessEnv;
  /** exit when no job is waiting or active (else run until stopped) */
  untilIdle?: boolean;
  maintenanceSeconds?: number;
  log: (line: string) => void;
}

/** Takes audit jobs until stopped (SIGINT/SIGTERM) or, with untilIdle, until the queue is empty. */
export async function runWorker(url: string, o: WorkerOptions): Promise<{ done: number }> {
  const store = await openStore(pgConfig(url, o.env));
  const { boss, errors } = await startBoss(url, o.env, { maintenanceSeconds: o.maintenanceSeconds ?? 5 });
  let done = 0;
  let busy = false;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    stop = r;
  });
  try {
    await boss.work<AuditJob>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) {
        busy = true;
        const j = job.data;
        o.log(`开始 #${j.auditId} [${j.seq}] ${j.file}`);
        const abs = (p: string) => resolve(j.cwd, p);
        const r = await auditDocument({ file: abs(j.file), ...(j.text ? { text: abs(j.text) } : {}) }, j.hash);
        // results show the paths as given, as a single-process run does
        const result: DocumentResult = { ...r, file: j.file, ...(j.text ? { text: j.text } : {}) };
        const fresh = await saveAuditDocument(store, j.auditId, documentRow(result, j.seq, j.key));
        done++;
        o.log(
          `${fresh ? "完成" : "已有结果（重试的任务，未重复计入）"} #${j.auditId} [${j.seq}] ${j.file}：${result.status === "ok" ? `${result.score?.total ?? "—"} 分` : "无法读取"}`,
        );
        if (await finishIfComplete(store, j.auditId, j.cwd, o.log)) o.log(`审计 #${j.auditId} 已完成`);
        busy = false;
      }
    });
    const onSignal = () => stop();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    if (o.untilIdle) {
      const poll = setInterval(async () => {
        try {
          // waiting, retrying or active (a lost job is active until its time runs out)
          const left = await boss.getQueueSize(QUEUE, { before: "completed" });
          if (!busy && left === 0) stop();
        } catch (e) {
          errors.push(e as Error);
        }
      }, 1000);
      await stopped;
      clearInterval(poll);
    } else await stopped;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  } finally {
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await store.close();
  }
  for (const e of errors) o.log(`队列错误：${e.message}`);
  return { done };
}
