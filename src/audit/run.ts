/**
 * `yusuan audit`: every document under the paths given, read and checked in parallel, each result
 * kept in OUT/state/<hash>.json as soon as it is known (written to a temporary file and renamed,
 * so a killed run leaves whole results only). A run finds the results of unchanged documents there
 * and reads only the others: re-running skips what is done, and a killed run resumes. Copies of one
 * document (the same content under several names, as batch folders often hold) are read once and
 * reported under each name.
 */
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { type AuditInput, discoverDocuments, documentHash, readerKind } from "./discover.ts";
import { AUDIT_VERSION, type DocumentResult, unreadable } from "./document.ts";
import { contentPairs } from "./pairs.ts";
import { type PoolTask, runPool, type StartedReaders, startReaders, stopReaders } from "./pool.ts";
import { type AuditReport, assembleReport } from "./report.ts";

export interface AuditProgress {
  done: number;
  total: number;
  /** documents found in the state (not read again) */
  skipped: number;
  last?: DocumentResult;
}

export interface AuditOptions {
  paths: readonly string[];
  out: string;
  jobs: number;
  timeoutMs?: number;
  /** `toRead`: the distinct contents to read (copies of one are read once) */
  onStart?: (total: number, skipped: number, toRead: number) => void;
  onProgress?: (p: AuditProgress) => void;
  /** halves of two-file documents found by their content, about to be read as one (pairs.ts) */
  onPairs?: (pairs: { file: string; text: string }[]) => void;
}

export interface AuditRun {
  report: AuditReport;
  /** documents read in this run (the rest came from the state) */
  read: number;
  skipped: number;
  peakRss: number[];
  seconds: number;
}

export function stateDir(out: string): string {
  return join(out, "state");
}

async function readState(out: string, hash: string): Promise<DocumentResult | undefined> {
  try {
    const r = JSON.parse(await readFile(join(stateDir(out), `${hash}.json`), "utf8")) as DocumentResult;
    return r.hash === hash ? r : undefined;
  } catch {
    return undefined;
  }
}

let tmpSeq = 0;
/**
 * Writes a file whole or not at all: to a temporary name beside it (its own for every write, so
 * two writes of one path at once never share one), then renamed over it.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${++tmpSeq}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A result read from one file, its messages naming another file with the same content (a copy in
 * this run, or the name it had when its result was kept): the path, and the bare file name where a
 * message gives only that, are replaced wherever they stand as a whole name.
 */
export function renamed<T>(result: T, from: string, to: string): T {
  if (from === to) return result;
  const whole = (name: string) => new RegExp(`(?<![\\w./\\\\-])${escapeRe(name)}(?![\\w./\\\\-])`, "g");
  const path = whole(from);
  const base = basename(from) !== basename(to) ? whole(basename(from)) : undefined;
  const swap = (s: string) => {
    const t = s.replace(path, to);
    return base ? t.replace(base, basename(to)) : t;
  };
  return JSON.parse(JSON.stringify(result), (_k, v) => (typeof v === "string" ? swap(v) : v)) as T;
}

/** Bytes of a document's file(s); 0 when they cannot be read (such a document fails at once). */
async function documentBytes(doc: AuditInput): Promise<number> {
  let n = 0;
  for (const f of doc.text ? [doc.file, doc.text] : [doc.file])
    n += await stat(f).then(
      (s) => s.size,
      () => 0,
    );
  return n;
}

/**
 * Orders the documents to read largest first (in place; ties keep their order): with several
 * readers, the longest documents start at once instead of one of them starting last and leaving the
 * other readers idle at the end. The report's order is the documents' own, whatever the reading order.
 */
async function largestFirst(pending: { doc: AuditInput }[]): Promise<void> {
  const bytes = new Map<AuditInput, number>();
  for (const p of pending) bytes.set(p.doc, await documentBytes(p.doc));
  pending.sort((a, b) => (bytes.get(b.doc) ?? 0) - (bytes.get(a.doc) ?? 0));
}

export async function runAudit(o: AuditOptions): Promise<AuditRun> {
  const t0 = performance.now();
  await mkdir(stateDir(o.out), { recursive: true });
  const found = await discoverDocuments(o.paths, [o.out]);
  // the readers start loading their code now, while the documents are hashed and looked up in the
  // state; runPool takes them, and stops those it has no documents for
  const started = startReaders(Math.min(o.jobs, found.documents.length));
  try {
    return await readAndReport(o, found, started, t0);
  } finally {
    await stopReaders(started);
  }
}

/** The audit's body once its documents are found: hash, skip what the state holds, read the rest, report. */
async function readAndReport(
  o: AuditOptions,
  found: Awaited<ReturnType<typeof discoverDocuments>>,
  started: StartedReaders,
  t0: number,
): Promise<AuditRun> {
  const results = new Map<AuditInput, DocumentResult>();
  // the state holds results by content; the file names are this run's
  const named = (r: DocumentResult, doc: AuditInput): DocumentResult => ({
    ...renamed(r, r.file, doc.file),
    file: doc.file,
    ...(doc.text ? { text: doc.text } : {}),
  });
  const pending: PoolTask[] = [];
  /** the other documents with the same content as a pending one, by its hash */
  const copies = new Map<string, AuditInput[]>();
  /** the documents whose result is the state's (read by an earlier run) */
  const fromState = new Set<AuditInput>();
  for (const doc of found.documents) {
    const hash = await documentHash(doc, AUDIT_VERSION);
    const kept = hash ? await readState(o.out, hash) : undefined;
    if (kept) {
      results.set(doc, named(kept, doc));
      fromState.add(doc);
    } else if (hash && copies.has(hash)) copies.get(hash)?.push(doc);
    else {
      pending.push({ doc, hash, kind: readerKind(doc) });
      if (hash) copies.set(hash, []);
    }
  }
  const skipped = results.size;
  await largestFirst(pending);
  const total = found.documents.length;
  o.onStart?.(total, skipped, pending.length);
  let done = skipped;
  const { peakRss } = await runPool(pending, {
    jobs: o.jobs,
    started,
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    onDone: async ({ task, result, lost }) => {
      // a document whose reader timed out or died is read again next run (perhaps with a longer --timeout)
      if (task.hash && !lost) await writeAtomic(join(stateDir(o.out), `${task.hash}.json`), JSON.stringify(result));
      for (const doc of [task.doc, ...((task.hash && copies.get(task.hash)) || [])]) {
        const r = doc === task.doc ? result : named(result, doc);
        results.set(doc, r);
        done++;
        o.onProgress?.({ done, total, skipped, last: r });
      }
    },
  });
  // halves of two-file documents that their names did not pair: each pair read again as one
  // document (kept in the state by the hash of both files, as a pair found by name is)
  const pairs = contentPairs(found.documents, results);
  const again: PoolTask[] = [];
  if (pairs.length > 0) {
    o.onPairs?.(pairs.map((p) => ({ file: p.tables.file, text: p.text.file })));
    for (const p of pairs) {
      const hash = await documentHash(p.merged, AUDIT_VERSION);
      const kept = hash ? await readState(o.out, hash) : undefined;
      if (kept) {
        results.set(p.merged, named(kept, p.merged));
        fromState.add(p.merged);
      } else again.push({ doc: p.merged, hash, kind: readerKind(p.merged) });
    }
    const more = await runPool(again, {
      jobs: o.jobs,
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      onDone: async ({ task, result, lost }) => {
        if (task.hash && !lost) await writeAtomic(join(stateDir(o.out), `${task.hash}.json`), JSON.stringify(result));
        results.set(task.doc, result);
      },
    });
    more.peakRss.forEach((r, i) => {
      peakRss[i] = Math.max(peakRss[i] ?? 0, r);
    });
  }
  // the report lists a pair once, where its tables half was
  const merged = new Map(pairs.map((p) => [p.tables, p.merged]));
  const textHalves = new Set(pairs.map((p) => p.text));
  const documents = found.documents.filter((d) => !textHalves.has(d)).map((d) => merged.get(d) ?? d);
  const docs = [
    ...documents.map((d) => results.get(d) ?? unreadable(d, "未读取")),
    ...found.missing.map((m) => unreadable({ file: m.path }, m.reason)),
  ];
  const report = assembleReport(docs, { inputs: [...o.paths] });
  // as the report counts them: a pair is one document, from the state when its pair reading was
  const paired = new Set(pairs.flatMap((p) => [p.tables, p.text]));
  return {
    report,
    read: pending.filter((t) => !paired.has(t.doc)).length + again.length,
    skipped: documents.filter((d) => fromState.has(d)).length,
    peakRss,
    seconds: (performance.now() - t0) / 1000,
  };
}
