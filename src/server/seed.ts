/**
 * Loading documents into the store: the bundled examples on first start, and `import --save`.
 * Each file is imported, checked and saved in its own transaction; a file that cannot be read is
 * reported and skipped, leaving nothing behind.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { check } from "../check/index.ts";
import { importBuffer } from "../import/index.ts";
import { type Saved, type Store, saveDisclosure } from "../store/index.ts";

export const SEED_FILE = "test/fixtures/bazhou-hrss-2025-budget.txt";
export const EXAMPLES_DIR = "examples";

/** The bundled examples: the seed document, then every .txt/.json under examples/ (not outputs). */
export function exampleFiles(root = "."): string[] {
  const out: string[] = [];
  const seed = join(root, SEED_FILE);
  try {
    if (statSync(seed).isFile()) out.push(seed);
  } catch {}
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
      if (st.isDirectory()) walk(p);
      else if (/\.(txt|json)$/i.test(e)) out.push(p);
    }
  };
  walk(join(root, EXAMPLES_DIR));
  return out;
}

export type LoadOutcome =
  | { file: string; saved: Saved; department: string; year: number }
  | { file: string; error: string };

export async function loadFile(
  store: Store,
  file: string,
  opts: { status?: "draft" | "published"; createdBy?: string } = {},
): Promise<LoadOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { file, error: `无法读取：${(e as Error).message}` };
  }
  const r = importBuffer(bytes, file);
  if (!r.disclosure) {
    return { file, error: r.problems.map((p) => p.message).join("；") || "无法导入" };
  }
  try {
    const saved = await saveDisclosure(store, {
      disclosure: r.disclosure,
      report: check(r.disclosure),
      source: { name: basename(file), bytes },
      status: opts.status ?? "published",
      createdBy: opts.createdBy ?? "import",
    });
    return { file, saved, department: r.disclosure.meta.department, year: r.disclosure.meta.year };
  } catch (e) {
    return { file, error: `保存失败：${(e as Error).message}` };
  }
}
