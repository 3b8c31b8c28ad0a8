/**
 * Resolving the function code a 说明 subject names ("社会保障和就业支出（类）就业补助（款）社会保险补贴（项）"
 * → 2080704). Names are looked up under their parent, first in the document's own coded tables
 * (表2/3/5/7), then in a classification catalog. Items that fell to 0.00 are not printed in the
 * tables (e.g. 机关事业单位职业年金缴费支出), so the catalog matters for them.
 */
import type { PrintedTable } from "../../model/disclosure.ts";
import { FUNCTION_CLASSES_2025 } from "../../templates/xinjiang-2025-budget.ts";
import { norm } from "./lines.ts";

/** A catalog row; src/catalog's entries fit (builtinFunctionCatalog(2025).entries.values()). */
export interface CatalogEntry {
  readonly code: string;
  readonly name: string;
}

const PATH = /^(.+?)\((?:类)\)(?:(.+?)\((?:款)\))?(?:(.+?)\((?:项)\))?$/;

export type CodeResolver = (subject: string) => string | undefined;

/** Codes by parent code ("" for a 类), then by normalised name. */
type CodeIndex = Map<string, Map<string, string>>;

/**
 * Adds a code under its parent and normalised name unless the pair is known (the first entry
 * wins); nothing when the code is no 类/款/项 code. (Two-level maps: no "parent|name" key strings
 * to build and hash per look-up.)
 */
function addCode(index: CodeIndex, code: string, name: string, replace: boolean): void {
  if (!/^\d{3}(?:\d{2}){0,2}$/.test(code) || !name) return;
  const parent = code.length === 3 ? "" : code.slice(0, code.length - 2);
  let names = index.get(parent);
  if (!names) {
    names = new Map();
    index.set(parent, names);
  }
  const key = norm(name);
  if (replace || !names.has(key)) names.set(key, code);
}

/**
 * FUNCTION_CLASSES_2025 and a catalog by key, the first entry of a key kept. Made once per catalog
 * array and reused while its entries are the same (compared entry by entry: cheap next to norm).
 */
function catalogIndex(catalog: readonly CatalogEntry[]): CodeIndex {
  const known = catalogIndexes.get(catalog);
  if (
    known &&
    known.entries.length === catalog.length &&
    known.entries.every(([code, name], i) => code === catalog[i]?.code && name === catalog[i]?.name)
  )
    return known.index;
  const index: CodeIndex = new Map();
  for (const [code, name] of FUNCTION_CLASSES_2025) addCode(index, code, name, false);
  for (const e of catalog) addCode(index, e.code, e.name, false);
  catalogIndexes.set(catalog, { entries: catalog.map((e) => [e.code, e.name]), index });
  return index;
}
const catalogIndexes = new WeakMap<readonly CatalogEntry[], { entries: [string, string][]; index: CodeIndex }>();

export function functionCodeResolver(
  tables: readonly PrintedTable[],
  catalog: readonly CatalogEntry[] = [],
): CodeResolver {
  // key: parent code + "|" + normalised name ("" parent for 类). The built-in classes and the
  // catalog (first entry of a key wins) are indexed once per catalog; the document's own tables
  // win over them and are indexed per call.
  const known = catalogIndex(catalog);
  const fromTables: CodeIndex = new Map();
  for (const t of tables) {
    const nameCol = t.columns.findIndex((c) => c.key === "name");
    if (nameCol < 0 || !t.columns.some((c) => c.key === "item")) continue;
    for (const r of t.rows) {
      const name = r.cells[nameCol];
      if (r.code && typeof name === "string") addCode(fromTables, r.code, name, true); // (the last row wins)
    }
  }
  // `key`: a normalised name (norm is idempotent, and the 类/款/项 names are cut out of a normalised
  // subject at ASCII brackets, so each is normalised as it is)
  const lookup = (parent: string, key: string): string | undefined =>
    fromTables.get(parent)?.get(key) ?? known.get(parent)?.get(key);

  return (subject: string) => {
    const s = norm(subject);
    const m = s.includes("(类)") ? PATH.exec(s) : null; // (most subjects name no 类)
    if (!m) return lookup("", s);
    const cls = lookup("", m[1] as string);
    if (!cls || !m[2]) return cls;
    const sec = lookup(cls, m[2]);
    if (!sec || !m[3]) return m[3] ? undefined : sec;
    const item = lookup(sec, m[3]);
    if (item) return item;
    // 政府收支分类科目 codes every "其他…支出" 项 as 99 within its 款 (2080199, 2101199, 2080799).
    if (/^其他.+支出$/.test(m[3])) return `${sec}99`;
    return undefined;
  };
}
