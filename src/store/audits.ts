/**
 * Audits in the store (migration 0005): an audit is created with its document count, each
 * document's result is written once — keyed by (audit, content hash), so writing it again (a
 * retried job) changes nothing — and the audit is finished with its summary once all are in.
 */
import { LruCache, storeKey } from "./cache.ts";
import type { Store } from "./open-store.ts";

export interface AuditDocumentInput {
  hash: string;
  seq: number;
  file: string;
  status: "ok" | "unreadable";
  government?: string | undefined;
  department?: string | undefined;
  year?: number | undefined;
  kind?: string | undefined;
  score?: number | undefined;
  coverage?: number | undefined;
  summary: { errors: number; warnings: number; notices: number };
  /** the whole result (as in audit.json), stored as JSON */
  result: unknown;
}

export interface AuditRecord {
  id: number;
  title: string;
  inputs: string[];
  documents: number;
  status: "running" | "done";
  summary: Record<string, unknown> | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** results written so far */
  written: number;
}

export interface AuditDocumentRecord {
  hash: string;
  seq: number;
  file: string;
  status: "ok" | "unreadable";
  government: string | null;
  department: string | null;
  year: number | null;
  kind: string | null;
  score: number | null;
  coverage: number | null;
  errors: number;
  warnings: number;
  notices: number;
  result: Record<string, unknown>;
}

export async function createAudit(
  store: Store,
  a: { title: string; inputs: string[]; documents: number; createdBy?: string | undefined },
): Promise<number> {
  const row = await store.db
    .insertInto("audits")
    .values({
      title: a.title,
      inputs: JSON.stringify(a.inputs),
      documents: a.documents,
      status: "running",
      summary: null,
      created_by: a.createdBy ?? null,
      created_at: new Date().toISOString(),
      finished_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  store.generation++;
  return Number(row.id);
}

/** Writes a document's result once: a second write of the same (audit, hash) is ignored. Returns whether it was new. */
export async function saveAuditDocument(store: Store, auditId: number, d: AuditDocumentInput): Promise<boolean> {
  const r = await store.db
    .insertInto("audit_documents")
    .values({
      audit_id: auditId,
      doc_hash: d.hash,
      seq: d.seq,
      file: d.file,
      status: d.status,
      government: d.government ?? null,
      department: d.department ?? null,
      year: d.year ?? null,
      kind: d.kind ?? null,
      score: d.score ?? null,
      coverage: d.coverage ?? null,
      errors: d.summary.errors,
      warnings: d.summary.warnings,
      notices: d.summary.notices,
      result: JSON.stringify(d.result),
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(["audit_id", "doc_hash"]).doNothing())
    .executeTakeFirst();
  store.generation++;
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Takes the rows of the two halves of a document (their keys) out of an audit once their pair's
 * row is written: one document fewer to wait for, in the same transaction, so a worker that dies
 * between leaves the audit as it was or as it is after. Halves already taken out change nothing.
 */
export async function mergeAuditHalves(
  store: Store,
  auditId: number,
  halves: readonly [string, string],
): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom("audit_documents")
      .where("audit_id", "=", auditId)
      .where("doc_hash", "in", [...halves])
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 2)
      await trx
        .updateTable("audits")
        .set((eb) => ({ documents: eb("documents", "-", 1) }))
        .where("id", "=", auditId)
        .execute();
  });
  store.generation++;
}

export async function finishAudit(store: Store, auditId: number, summary: unknown): Promise<void> {
  await store.db
    .updateTable("audits")
    .set({ status: "done", summary: JSON.stringify(summary), finished_at: new Date().toISOString() })
    .where("id", "=", auditId)
    .execute();
  store.generation++;
}

function toAudit(r: {
  id: number;
  title: string;
  inputs: string;
  documents: number;
  status: string;
  summary: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
  written?: number | string | null;
}): AuditRecord {
  return {
    id: Number(r.id),
    title: r.title,
    inputs: JSON.parse(r.inputs) as string[],
    documents: r.documents,
    status: r.status === "done" ? "done" : "running",
    summary: r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    written: Number(r.written ?? 0),
  };
}

/** Audits with the number of documents written for each so far. */
function auditsWithWritten(store: Store) {
  return store.db
    .selectFrom("audits")
    .selectAll("audits")
    .select((eb) =>
      eb
        .selectFrom("audit_documents")
        .whereRef("audit_documents.audit_id", "=", "audits.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("written"),
    );
}

export async function listAudits(store: Store, limit = 100): Promise<AuditRecord[]> {
  const rows = await auditsWithWritten(store).orderBy("id", "desc").limit(limit).execute();
  return rows.map(toAudit);
}

export async function getAudit(store: Store, id: number): Promise<AuditRecord | undefined> {
  const r = await auditsWithWritten(store).where("id", "=", id).executeTakeFirst();
  return r ? toAudit(r) : undefined;
}

export async function listAuditDocuments(store: Store, auditId: number): Promise<AuditDocumentRecord[]> {
  const rows = await store.db
    .selectFrom("audit_documents")
    .selectAll()
    .where("audit_id", "=", auditId)
    .orderBy("seq")
    .orderBy("doc_hash")
    .execute();
  return rows.map((r) => ({
    hash: r.doc_hash,
    seq: r.seq,
    file: r.file,
    status: r.status === "ok" ? "ok" : "unreadable",
    government: r.government,
    department: r.department,
    year: r.year,
    kind: r.kind,
    score: r.score,
    coverage: r.coverage,
    errors: r.errors,
    warnings: r.warnings,
    notices: r.notices,
    result: JSON.parse(r.result) as Record<string, unknown>,
  }));
}

/** The latest finished audit's result for one department-year (government as shown: "上海 · 普陀区"). */
/**
 * Whether any audit has finished, per store and write generation (an audit's writes bump it), for
 * 30 s: another process's audit shows within that.
 */
const finished = new LruCache<boolean>(100, 30_000);
function anyFinishedAudit(store: Store): Promise<boolean> {
  return finished.wrap(`${storeKey(store)}:${store.generation}`, async () => {
    const r = await store.db.selectFrom("audits").select("id").where("status", "=", "done").limit(1).executeTakeFirst();
    return r !== undefined;
  });
}

export async function latestQuality(
  store: Store,
  who: { government: string; department: string; year: number; kind: string },
): Promise<
  { auditId: number; score: number | null; coverage: number | null; errors: number; warnings: number } | undefined
> {
  // Most stores hold no finished audit: then no page asks the database for its document's line.
  if (!(await anyFinishedAudit(store))) return undefined;
  const r = await store.db
    .selectFrom("audit_documents")
    .innerJoin("audits", "audits.id", "audit_documents.audit_id")
    .select([
      "audit_documents.audit_id",
      "audit_documents.score",
      "audit_documents.coverage",
      "audit_documents.errors",
      "audit_documents.warnings",
    ])
    .where("audits.status", "=", "done")
    .where("audit_documents.status", "=", "ok")
    .where("audit_documents.department", "=", who.department)
    .where("audit_documents.government", "=", who.government)
    .where("audit_documents.year", "=", who.year)
    .where("audit_documents.kind", "=", who.kind)
    .orderBy("audit_documents.audit_id", "desc")
    .limit(1)
    .executeTakeFirst();
  return r
    ? {
        auditId: Number(r.audit_id),
        score: r.score,
        coverage: r.coverage,
        errors: r.errors,
        warnings: r.warnings,
      }
    : undefined;
}
