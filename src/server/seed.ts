/**
 * Loading documents into the store: the bundled examples on first start (each file in its own
 * transaction), and `import --save` (the bulk path: a transaction per batch, each document still
 * all-or-nothing). A file that cannot be read is reported and skipped, leaving nothing behind.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { check } from "../check/index.ts";
import { importBufferAsync, mergeDisclosures, readInputFile } from "../import/index.ts";
import type { Disclosure } from "../model/disclosure.ts";
import { governmentLabel, identityOf } from "../model/identity.ts";
import { unusableReason } from "../model/validity.ts";
import {
  type ReadingReport,
  type Saved,
  type SaveInput,
  type Store,
  StoreError,
  saveDisclosure,
  saveDisclosures,
} from "../store/index.ts";

export const SEED_FILE = "test/fixtures/bazhou-hrss-2025-budget.txt";
export const EXAMPLES_DIR = "examples";
/**
 * Real published PDFs bundled as test fixtures that make the portal show several regions,
 * templates and years on first start (blank template forms and text-only halves are left out).
 */
export const CORPUS_EXAMPLES = [
  "shanghai-putuo-caizhengju-2025-yusuan.pdf",
  "shanghai-putuo-caizhengju-2024-juesuan.pdf",
  "jiangsu-gaoyuan-2017-yusuan.pdf",
  "jiangsu-jianchayuan-2017-yusuan.pdf",
  "jiangsu-renda-2017-yusuan.pdf",
  "jiangsu-shengweiban-2017-yusuan-tables.pdf",
  "jiangsu-zhengxie-2017-yusuan-tables.pdf",
].map((f) => `test/fixtures/corpus/${f}`);
/** A package that rebuilds a document already loaded (the seed) would only add a second version. */
const SKIP_PACKAGES = new Set(["bazhou-hrss-2025"]);

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * The folder of the installed yusuan package (where package.json names "yusuan"), found from this
 * module's own file (src/server/ or dist/chunks/), not from the working directory: the examples
 * are found wherever `yusuan serve` is started.
 */
export function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      if ((JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown }).name === "yusuan")
        return dir;
    } catch {
      // no package.json here: go up
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The name an example is saved under (its source file's name): a package folder is saved as NAME.json. */
export function exampleName(file: string): string {
  try {
    if (statSync(file).isDirectory()) return `${basename(file)}.json`;
  } catch {
    // a file that vanished is named as a file
  }
  return basename(file);
}

/**
 * The bundled examples: the seed document, the corpus PDFs above, every budget package under
 * examples/ (a folder with line-items.csv, built on load) and any .txt/.json there (not outputs).
 * Relative to the installed package unless `root` is given; none when it cannot be found.
 */
export function exampleFiles(root: string | undefined = packageRoot()): string[] {
  if (root === undefined) return [];
  const out: string[] = [];
  for (const f of [SEED_FILE, ...CORPUS_EXAMPLES]) if (isFile(join(root, f))) out.push(join(root, f));
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const e of entries) {
      if (e === "out" || e.startsWith(".")) continue;
      const p = join(dir, e);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (isFile(join(p, "line-items.csv"))) {
          if (!SKIP_PACKAGES.has(e)) out.push(p);
        } else walk(p);
      } else if (/\.(txt|json)$/i.test(e)) out.push(p);
    }
  };
  walk(join(root, EXAMPLES_DIR));
  return out;
}

/** Reads a document, or builds a budget package folder, into a Disclosure with its source bytes. */
async function readSource(
  file: string,
  text?: string,
): Promise<
  { disclosure: Disclosure; bytes: Uint8Array; name: string; report?: ReadingReport | undefined } | { error: string }
> {
  let dir = false;
  try {
    dir = statSync(file).isDirectory();
  } catch (e) {
    return { error: `无法读取：${(e as Error).message}` };
  }
  if (dir) {
    const { buildPackage } = await import("../build-io/build-package.ts");
    const b = await buildPackage(file);
    if (!b.disclosure) return { error: b.problems.map((p) => p.message).join("；") || "预算包无法编制" };
    const json = JSON.stringify(b.disclosure);
    return { disclosure: b.disclosure, bytes: new TextEncoder().encode(json), name: exampleName(file) };
  }
  const read = await readInputFile(file);
  if ("error" in read) return { error: read.error };
  const bytes = read.bytes;
  const r = await importBufferAsync(bytes, file);
  if (!r.disclosure) return { error: r.problems.map((p) => p.message).join("；") || "无法导入" };
  const empty = unusableReason(r.disclosure);
  if (empty && !text) return { error: empty };
  if (text) {
    // the text half of a two-file document, read with the tables' template (as `import --text`)
    const textRead = await readInputFile(text);
    if ("error" in textRead) return { error: `文字部分：${textRead.error}` };
    const t = await importBufferAsync(textRead.bytes, text, {
      template: r.disclosure.meta.template,
      textOnly: true,
    });
    if (!t.disclosure)
      return { error: `文字部分 ${basename(text)}：${t.problems.map((p) => p.message).join("；") || "无法导入"}` };
    return { disclosure: mergeDisclosures(r.disclosure, t.disclosure), bytes, name: basename(file), report: r.report };
  }
  return { disclosure: r.disclosure, bytes, name: basename(file), report: r.report };
}

export type LoadOutcome =
  | {
      file: string;
      saved: Saved;
      department: string;
      government: string;
      year: number;
      kind: Disclosure["meta"]["kind"];
    }
  | { file: string; error: string };

type LoadOptions = { status?: "draft" | "published"; createdBy?: string };
type Read = Exclude<Awaited<ReturnType<typeof readSource>>, { error: string }>;

const saveInput = (r: Read, opts: LoadOptions): SaveInput => ({
  disclosure: r.disclosure,
  report: check(r.disclosure),
  source: { name: r.name, bytes: r.bytes },
  status: opts.status ?? "published",
  createdBy: opts.createdBy ?? "import",
  importReport: r.report,
});

const savedOutcome = (file: string, r: Read, saved: Saved): LoadOutcome => {
  const m = r.disclosure.meta;
  return {
    file,
    saved,
    department: m.department,
    government: governmentLabel(identityOf(r.disclosure)),
    year: m.year,
    kind: m.kind,
  };
};

export async function loadFile(
  store: Store,
  file: string,
  opts: LoadOptions & { text?: string } = {},
): Promise<LoadOutcome> {
  const r = await readSource(file, opts.text);
  if ("error" in r) return { file, error: r.error };
  try {
    return savedOutcome(file, r, await saveDisclosure(store, saveInput(r, opts)));
  } catch (e) {
    return { file, error: (e as Error).message };
  }
}

/**
 * Reads documents one after another and saves them through the bulk path (`saveDisclosures`): the
 * documents read so far go into one transaction when there are `batch` of them or the first of them
 * was read `flushMs` ago (default 100 and half a second: outcomes show as the reading goes on), each still all-or-nothing (a refused one is left out alone). `each` hears
 * every document's outcome, in order, once its batch is committed: what it reports as saved is
 * saved, so a killed run can be run again as it was (what was saved is then "unchanged").
 * Thousands of disclosure.json files load in a transaction per hundred instead of one each.
 */
export async function loadFiles(
  store: Store,
  docs: readonly { file: string; text?: string | undefined }[],
  each: (o: LoadOutcome, index: number) => void,
  opts: LoadOptions & { batch?: number; flushMs?: number } = {},
): Promise<void> {
  const batch = Math.max(1, opts.batch ?? 100);
  const flushMs = opts.flushMs ?? 500;
  let pending: { index: number; file: string; read: Read | { error: string } }[] = [];
  let since = 0;
  const flush = async () => {
    const ok = pending.flatMap((p) => ("error" in p.read ? [] : [{ p, read: p.read }]));
    let outcomes: Awaited<ReturnType<typeof saveDisclosures>> = [];
    try {
      if (ok.length > 0)
        outcomes = await saveDisclosures(
          store,
          ok.map((o) => saveInput(o.read, opts)),
        );
    } catch (e) {
      // the database itself failed (gone, locked past the wait): nothing of this batch was saved
      const error = (e as Error).message;
      outcomes = ok.map(() => ({ ok: false as const, error: new StoreError("invalid", error) }));
    }
    const byIndex = new Map(ok.map((o, k) => [o.p.index, outcomes[k]]));
    for (const p of pending) {
      if ("error" in p.read) each({ file: p.file, error: p.read.error }, p.index);
      else {
        const o = byIndex.get(p.index);
        each(
          o?.ok ? savedOutcome(p.file, p.read, o.saved) : { file: p.file, error: o?.error.message ?? "未保存" },
          p.index,
        );
      }
    }
    pending = [];
  };
  for (const [index, doc] of docs.entries()) {
    if (pending.length === 0) since = performance.now();
    pending.push({ index, file: doc.file, read: await readSource(doc.file, doc.text) });
    if (pending.length >= batch || performance.now() - since >= flushMs) await flush();
  }
  if (pending.length > 0) await flush();
}

/** A batch's documents, the two halves of a two-file document paired (src/import/pair.ts). */
export { pairHalves } from "../import/pair.ts";
