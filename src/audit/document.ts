/**
 * One document of an audit: read it (both halves of a two-file document), check it, score it.
 * Never throws for a document that cannot be read: that is a result with its reason.
 */
import { check } from "../check/index.ts";
import { ALL_RULES } from "../check/rules/index.ts";
import { importBufferAsync, mergeDisclosures } from "../import/index.ts";
import { readInputFile } from "../import/read-input.ts";
import type { Disclosure } from "../model/disclosure.ts";
import type { Category } from "../model/finding.ts";
import { governmentLabel, identityOf } from "../model/identity.ts";
import { unusableReason } from "../model/validity.ts";
import type { AuditInput } from "./discover.ts";
import { type AuditFinding, type Score, scoreDocument } from "./score.ts";

/** Changes when reading, checking or scoring changes what a document's result is (re-reads all). */
export const AUDIT_VERSION = `3/${ALL_RULES.length}`;

const CATEGORY = new Map<string, Category>(ALL_RULES.map((r) => [r.id, r.category]));

export interface TablesRead {
  /** tables found in the document */
  found: number;
  /** tables the template expects that were not found */
  missing: { no: number; title: string }[];
  /** tables read reliably (their own sums hold) */
  reliable: number;
  /** tables whose reading is not trusted (no arithmetic finding is drawn from them) */
  unreliable: number;
  /** mean reading confidence of the tables that carry one (0–1), or null (a text or JSON input) */
  confidence: number | null;
  tables: { no: number; title: string; pages: number[]; rows: number; confidence: number | null; status: string }[];
}

export interface DocumentResult {
  /** the document's main file, and its text half */
  file: string;
  text?: string;
  /** content hash (files + audit version); absent when a file could not be read at all */
  hash?: string;
  status: "ok" | "unreadable";
  /** why the document could not be read, and what to do */
  reason?: string;
  department?: string;
  government?: string;
  year?: number;
  kind?: "budget" | "finalAccounts";
  template?: string;
  format?: string;
  pages?: number;
  tables?: TablesRead;
  findings: AuditFinding[];
  summary: { errors: number; warnings: number; notices: number };
  byCategory: Record<string, { errors: number; warnings: number; notices: number }>;
  notChecked: { rule: string; reason: string }[];
  score?: Score;
  /**
   * Read alone, one half of a document published as two files: "text" (the 说明 with no tables)
   * or "tables" (tables with next to no text). An audit reads such halves together (pairs.ts).
   */
  half?: "text" | "tables";
  /** pages printed as pictures (a scan bound into the PDF): not read, nothing on them reported missing */
  imagePages?: number[];
  /** milliseconds spent reading and checking */
  ms: number;
}

/** The most explanatory sections a tables half carries (a cover line or a heading read as one). */
const TABLES_HALF_SECTIONS = 2;

/** Which half of a two-file document a Disclosure read from one file is, if it is one. */
function halfOf(d: Disclosure): "text" | "tables" | undefined {
  // (tables printed as pictures are in this file, not in another)
  if (d.provenance.imagePages?.length) return undefined;
  const parts = d.provenance.parts;
  if (d.tables.length === 0) return parts?.length === 1 && parts[0] === "text" ? "text" : undefined;
  return d.explanations.length <= TABLES_HALF_SECTIONS ? "tables" : undefined;
}

const HINT = "请确认文件是部门预算公开文档（PDF、Excel、从 PDF 提取的文本或 disclosure.json），未损坏且可以打开";

export function unreadable(doc: AuditInput, reason: string, hash?: string, ms = 0): DocumentResult {
  return {
    file: doc.file,
    ...(doc.text ? { text: doc.text } : {}),
    ...(hash ? { hash } : {}),
    status: "unreadable",
    reason,
    findings: [],
    summary: { errors: 0, warnings: 0, notices: 0 },
    byCategory: {},
    notChecked: [],
    ms,
  };
}

async function read(
  doc: AuditInput,
): Promise<{ disclosure: Disclosure; report?: Awaited<ReturnType<typeof importBufferAsync>>["report"] } | string> {
  const r0 = await readInputFile(doc.file);
  if ("error" in r0) return r0.error;
  const r = await importBufferAsync(r0.bytes, doc.file);
  if (!r.disclosure)
    return (
      r.problems
        .filter((p) => p.severity === "error")
        .map((p) => p.message)
        .join("；") || "无法读取"
    );
  const empty = unusableReason(r.disclosure);
  if (empty && !doc.text) return empty;
  if (!doc.text) return { disclosure: r.disclosure, report: r.report };
  const t0 = await readInputFile(doc.text);
  if ("error" in t0) return `文字部分：${t0.error}`;
  const t = await importBufferAsync(t0.bytes, doc.text, { template: r.disclosure.meta.template, textOnly: true });
  if (!t.disclosure) return `文字部分 ${doc.text}：${t.problems.map((p) => p.message).join("；") || "无法读取"}`;
  return { disclosure: mergeDisclosures(r.disclosure, t.disclosure), report: r.report };
}

export async function auditDocument(doc: AuditInput, hash?: string): Promise<DocumentResult> {
  const started = performance.now();
  let r: Awaited<ReturnType<typeof read>>;
  try {
    r = await read(doc);
  } catch (e) {
    r = `读取时出错：${(e as Error).message ?? String(e)}`;
  }
  if (typeof r === "string") return unreadable(doc, `${r}。${HINT}`, hash, Math.round(performance.now() - started));
  const d = r.disclosure;
  const report = check(d);
  const pagesOf = new Map(d.tables.map((t) => [t.no, t.pages ?? []]));
  const seen = new Map<string, number>();
  const findings: AuditFinding[] = report.findings.map((f) => {
    const n = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, n);
    const pages = f.location.page ? [f.location.page] : f.location.table ? (pagesOf.get(f.location.table) ?? []) : [];
    return {
      id: `${f.rule}#${n}`,
      rule: f.rule,
      severity: f.severity,
      category: CATEGORY.get(f.rule) ?? "reading",
      message: f.message,
      location: f.location,
      pages,
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      ...(f.difference !== undefined ? { difference: f.difference } : {}),
    };
  });
  const byCategory: DocumentResult["byCategory"] = {};
  for (const f of findings) {
    const c = byCategory[f.category] ?? { errors: 0, warnings: 0, notices: 0 };
    byCategory[f.category] = c;
    c[f.severity === "error" ? "errors" : f.severity === "warning" ? "warnings" : "notices"]++;
  }
  const withConfidence = d.tables.filter((t) => t.reading);
  const confidence =
    r.report && r.report.tables.length > 0
      ? r.report.tables.reduce((s, t) => s + t.confidence, 0) / r.report.tables.length
      : withConfidence.length > 0
        ? withConfidence.reduce((s, t) => s + (t.reading?.confidence ?? 0), 0) / withConfidence.length
        : null;
  const tables: TablesRead = {
    found: d.tables.length,
    missing: (r.report?.missing ?? []).map((m) => ({ no: m.no, title: m.title })),
    reliable: d.tables.filter((t) => t.reading?.status !== "unreliable").length,
    unreliable: d.tables.filter((t) => t.reading?.status === "unreliable").length,
    confidence: confidence === null ? null : Math.round(confidence * 1000) / 1000,
    tables: d.tables.map((t) => ({
      no: t.no,
      title: t.title,
      pages: t.pages ?? [],
      rows: t.rows.length,
      confidence: t.reading ? Math.round(t.reading.confidence * 1000) / 1000 : null,
      status: t.reading?.status ?? "reliable",
    })),
  };
  const id = identityOf(d);
  const half = doc.text ? undefined : halfOf(d);
  return {
    file: doc.file,
    ...(doc.text ? { text: doc.text } : {}),
    ...(hash ? { hash } : {}),
    status: "ok",
    department: d.meta.department,
    government: governmentLabel(id),
    year: d.meta.year,
    kind: d.meta.kind,
    template: d.meta.template,
    format: d.provenance.format ?? r.report?.format ?? "text",
    ...(r.report?.pages !== undefined ? { pages: r.report.pages } : {}),
    tables,
    findings,
    summary: report.summary,
    byCategory,
    notChecked: report.notChecked,
    score: scoreDocument(findings, report.notChecked, report.ran, (r) => CATEGORY.get(r)),
    ...(half ? { half } : {}),
    ...(d.provenance.imagePages?.length ? { imagePages: d.provenance.imagePages } : {}),
    ms: Math.round(performance.now() - started),
  };
}
