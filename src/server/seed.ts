/**
 * Loading documents into the store: the bundled examples on first start, and `import --save`.
 * Each file is imported, checked and saved in its own transaction; a file that cannot be read is
 * reported and skipped, leaving nothing behind.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { check } from "../check/index.ts";
import { importBufferAsync } from "../import/index.ts";
import type { Disclosure } from "../model/disclosure.ts";
import { type Saved, type Store, saveDisclosure } from "../store/index.ts";

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
 * The bundled examples: the seed document, the corpus PDFs above, every budget package under
 * examples/ (a folder with line-items.csv, built on load) and any .txt/.json there (not outputs).
 */
export function exampleFiles(root = "."): string[] {
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
): Promise<{ disclosure: Disclosure; bytes: Uint8Array; name: string } | { error: string }> {
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
    return { disclosure: b.disclosure, bytes: new TextEncoder().encode(json), name: `${basename(file)}.json` };
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { error: `无法读取：${(e as Error).message}` };
  }
  const r = await importBufferAsync(bytes, file);
  if (!r.disclosure) return { error: r.problems.map((p) => p.message).join("；") || "无法导入" };
  return { disclosure: r.disclosure, bytes, name: basename(file) };
}

export type LoadOutcome =
  | { file: string; saved: Saved; department: string; year: number }
  | { file: string; error: string };

export async function loadFile(
  store: Store,
  file: string,
  opts: { status?: "draft" | "published"; createdBy?: string } = {},
): Promise<LoadOutcome> {
  const r = await readSource(file);
  if ("error" in r) return { file, error: r.error };
  try {
    const saved = await saveDisclosure(store, {
      disclosure: r.disclosure,
      report: check(r.disclosure),
      source: { name: r.name, bytes: r.bytes },
      status: opts.status ?? "published",
      createdBy: opts.createdBy ?? "import",
    });
    return { file, saved, department: r.disclosure.meta.department, year: r.disclosure.meta.year };
  } catch (e) {
    return { file, error: `保存失败：${(e as Error).message}` };
  }
}
