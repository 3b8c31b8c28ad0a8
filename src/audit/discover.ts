/**
 * The documents of an audit: files and folders (recursive) → one entry per document. A document
 * published as two files ("X-tables.pdf" and "X-text.pdf", as Jiangsu 2017 and Beijing 2026 do) is
 * one document, read as `import X-tables.pdf --text X-text.pdf`.
 *
 * @example discoverDocuments(["test/fixtures/corpus"]) // [{ key: "…/jiangsu-zhengxie-2017-yusuan-tables.pdf", file, text }, …]
 */
import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { pairHalves } from "../import/pair.ts";
import { streamInputFile } from "../import/read-input.ts";

/**
 * The kinds of file an audit takes from folders (a file named on the command line is always taken):
 * those yusuan reads (old Excel, WPS and Word files too, where LibreOffice is installed to convert
 * them), and those disclosures are also published in that it does not (OFD; the others without
 * LibreOffice), so that such a file is a row saying what to do, not left out unseen.
 */
export const AUDIT_EXTENSIONS = new Set([
  ".pdf",
  ".xlsx",
  ".txt",
  ".json",
  ".xls",
  ".et",
  ".doc",
  ".docx",
  ".wps",
  ".ofd",
]);

/**
 * Which of yusuan's readers a document will most likely need, by its main file's extension: "pdf",
 * "xlsx", "json" or "text". Only the audit's scheduling uses it (a wrong guess costs time, never a
 * result: the reader still goes by the file's bytes).
 */
export function readerKind(doc: AuditInput): string {
  const ext = extname(doc.file).toLowerCase();
  // turned into .xlsx or PDF first, where LibreOffice is installed
  if (ext === ".xls" || ext === ".et") return "xlsx";
  if (ext === ".doc" || ext === ".docx" || ext === ".wps") return "pdf";
  return ext === ".pdf" || ext === ".xlsx" || ext === ".json" ? ext.slice(1) : "text";
}

export interface AuditInput {
  /** the document's main file (the tables half of a two-file document) */
  file: string;
  /** the text half of a two-file document */
  text?: string;
}

export interface Discovered {
  documents: AuditInput[];
  /** paths named that do not exist or cannot be listed: each becomes an unreadable row */
  missing: { path: string; reason: string }[];
}

async function walk(dir: string, out: string[], skip: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip.has(resolve(p))) await walk(p, out, skip);
    } else if (e.isFile() && AUDIT_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
  }
}

/** Pairs the halves of two-file documents; every other file is a document of its own. */
export function pairDocuments(files: readonly string[]): AuditInput[] {
  return pairHalves(files);
}

/**
 * @param exclude folders not to read (the audit's own output folder, when it sits under a path
 *   given: its audit.json and state files are not documents)
 */
export async function discoverDocuments(
  paths: readonly string[],
  exclude: readonly string[] = [],
): Promise<Discovered> {
  const skip = new Set(exclude.map((p) => resolve(p)));
  const files: string[] = [];
  const missing: Discovered["missing"] = [];
  for (const p of paths) {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      missing.push({
        path: p,
        reason: code === "ENOENT" ? `找不到 ${p}；请检查路径` : `无法访问 ${p}（${code ?? (e as Error).message}）`,
      });
      continue;
    }
    if (s.isDirectory()) {
      try {
        await walk(p, files, skip);
      } catch (e) {
        missing.push({
          path: p,
          reason: `无法列出目录 ${p}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`,
        });
      }
    } else files.push(p);
  }
  // the same file named twice (a folder and a file in it) is one document
  const seen = new Set<string>();
  const unique = files.filter((f) => {
    const r = resolve(f);
    if (seen.has(r)) return false;
    seen.add(r);
    return true;
  });
  return { documents: pairDocuments(unique), missing };
}

/**
 * The content hash of a document: its file(s), in order, and the version of the audit that read
 * it (a new scoring or rule set re-reads every document). A file that cannot be read has no hash:
 * it is read again on every run.
 */
export async function documentHash(doc: AuditInput, version: string): Promise<string | undefined> {
  const h = createHash("sha256");
  h.update(`yusuan-audit ${version}\n`);
  for (const f of doc.text ? [doc.file, doc.text] : [doc.file]) {
    let size = 0;
    // streamed (a province's batch is gigabytes): the extension and size, then the bytes
    const r = await streamInputFile(
      f,
      (n) => {
        size = n;
        // the extension too: it decides how content that is not recognised by its bytes is read
        h.update(`${extname(f).toLowerCase()} ${n}\n`);
      },
      (chunk) => h.update(chunk),
    );
    // unreadable, or changed while it was hashed: no hash (read afresh, and not kept)
    if ("error" in r || r.bytesRead !== size) return undefined;
  }
  return h.digest("hex");
}
