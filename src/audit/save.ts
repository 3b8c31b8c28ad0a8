/**
 * An audit into the store (`yusuan audit … --save [--db FILE|URL]`): the audit, each document's
 * result keyed by its content hash (written once), then the summary. The portal shows it at
 * /audits/:id and on each department-year's page.
 */
import { createHash } from "node:crypto";
import type { DatabaseConfig } from "../config.ts";
import { resolveDatabase } from "../config.ts";
import type { AuditDocumentInput, Store } from "../store/index.ts";
import type { DocumentResult } from "./document.ts";
import type { AuditReport } from "./report.ts";

/** --db FILE (SQLite) or a postgres:// URL; else DATABASE_URL, YUSUAN_DB, ./data/yusuan.db. */
export function auditDatabase(db: string | undefined, env: NodeJS.ProcessEnv): DatabaseConfig {
  if (db && /^postgres(ql)?:\/\//.test(db)) return resolveDatabase({ databaseUrl: db }, env);
  return resolveDatabase({ db }, env);
}

/** The key of a document's result: its content hash, or (a file that could not be read at all) its path's. */
export function resultKey(d: Pick<DocumentResult, "hash" | "file" | "text">): string {
  return (
    d.hash ??
    `path:${createHash("sha256")
      .update(`${d.file}\n${d.text ?? ""}`)
      .digest("hex")}`
  );
}

/**
 * The keys of an audit's documents: each its result key; a document with the same content as an
 * earlier one of the batch (a copy under another name) gets its place appended, so both are kept.
 */
export function documentKeys(docs: readonly Pick<DocumentResult, "hash" | "file" | "text">[]): string[] {
  const seen = new Set<string>();
  return docs.map((d, seq) => {
    const k = resultKey(d);
    if (!seen.has(k)) {
      seen.add(k);
      return k;
    }
    return `${k}:${seq}`;
  });
}

export function documentRow(d: DocumentResult, seq: number, key = resultKey(d)): AuditDocumentInput {
  return {
    hash: key,
    seq,
    file: d.text ? `${d.file} + ${d.text}` : d.file,
    status: d.status,
    government: d.government,
    department: d.department,
    year: d.year,
    kind: d.kind,
    score: d.score?.total,
    coverage: d.score?.coverage,
    summary: d.summary,
    result: { ...d, ms: 0 },
  };
}

/** The summary kept with an audit: audit.json without its documents. */
export function auditSummary(r: AuditReport): Omit<AuditReport, "documents"> {
  const { documents: _documents, ...rest } = r;
  return rest;
}

export async function saveAudit(
  store: Store,
  r: AuditReport,
  o: { title: string; createdBy?: string | undefined },
): Promise<number> {
  const { createAudit, finishAudit, saveAuditDocument } = await import("../store/index.ts");
  const id = await createAudit(store, {
    title: o.title,
    inputs: r.inputs,
    documents: r.documents.length,
    createdBy: o.createdBy,
  });
  const keys = documentKeys(r.documents);
  for (const [i, d] of r.documents.entries()) await saveAuditDocument(store, id, documentRow(d, i, keys[i]));
  await finishAudit(store, id, auditSummary(r));
  return id;
}
