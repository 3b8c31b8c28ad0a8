/**
 * The audit beyond one machine, on pg-boss over the PostgreSQL the portal uses (docs/audit.md says
 * why pg-boss): `yusuan audit … --queue URL` creates the audit in the store and enqueues one job per
 * document in one statement; `yusuan worker --db URL`, on any number of machines that see the same
 * files, takes jobs one at a time, reads and checks the document, and writes its result keyed by
 * (audit, content hash) — a second write of the same result is ignored. A worker killed mid-document
 * leaves its job active; when the job's time runs out pg-boss's maintenance fails it and it is
 * retried by another worker. The last result in finishes the audit (its summary, as audit.json's).
 */
import { resolve } from "node:path";
import PgBoss from "pg-boss";
import { resolveDatabase } from "../config.ts";
import {
  createAudit,
  finishAudit,
  getAudit,
  listAuditDocuments,
  openStore,
  type Store,
  saveAuditDocument,
} from "../store/index.ts";
import { discoverDocuments, documentHash } from "./discover.ts";
import { AUDIT_VERSION, auditDocument, type DocumentResult, unreadable } from "./document.ts";
import { assembleReport } from "./report.ts";
import { auditSummary, documentKeys, documentRow } from "./save.ts";

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

/** When every document of a running audit has its result: the summary, and the audit is done. */
export async function finishIfComplete(store: Store, auditId: number): Promise<boolean> {
  const a = await getAudit(store, auditId);
  if (!a || a.status === "done" || a.written < a.documents) return false;
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
        if (await finishIfComplete(store, j.auditId)) o.log(`审计 #${j.auditId} 已完成`);
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
