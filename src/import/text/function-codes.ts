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

/** The look-up key of a code and its name, undefined when the code is no 类/款/项 code. */
function codeKey(code: string, name: string): string | undefined {
  if (!/^\d{3}(?:\d{2}){0,2}$/.test(code) || !name) return undefined;
  const parent = code.length === 3 ? "" : code.slice(0, code.length - 2);
  return `${parent}|${norm(name)}`;
}

/**
 * FUNCTION_CLASSES_2025 and a catalog by key, the first entry of a key kept. Made once per catalog
 * array and reused while its entries are the same (compared entry by entry: cheap next to norm).
 */
function catalogIndex(catalog: readonly CatalogEntry[]): ReadonlyMap<string, string> {
  const known = catalogIndexes.get(catalog);
  if (
    known &&
    known.entries.length === catalog.length &&
    known.entries.every(([code, name], i) => code === catalog[i]?.code && name === catalog[i]?.name)
  )
    return known.index;
  const index = new Map<string, string>();
  const add = (code: string, name: string): void => {
    const key = codeKey(code, name);
    if (key !== undefined && !index.has(key)) index.set(key, code);
  };
  for (const [code, name] of FUNCTION_CLASSES_2025) add(code, name);
  for (const e of catalog) add(e.code, e.name);
  catalogIndexes.set(catalog, { entries: catalog.map((e) => [e.code, e.name]), index });
  return index;
}
const catalogIndexes = new WeakMap<
  readonly CatalogEntry[],
  { entries: [string, string][]; index: Map<string, string> }
>();

export function functionCodeResolver(
  tables: readonly PrintedTable[],
  catalog: readonly CatalogEntry[] = [],
): CodeResolver {
  // key: parent code + "|" + normalised name ("" parent for 类). The built-in classes and the
  // catalog (first entry of a key wins) are indexed once per catalog; the document's own tables
  // win over them and are indexed per call.
  const known = catalogIndex(catalog);
  const fromTables = new Map<string, string>();
  for (const t of tables) {
    const nameCol = t.columns.findIndex((c) => c.key === "name");
    if (nameCol < 0 || !t.columns.some((c) => c.key === "item")) continue;
    for (const r of t.rows) {
      const name = r.cells[nameCol];
      if (r.code && typeof name === "string") {
        const key = codeKey(r.code, name);
        if (key !== undefined) fromTables.set(key, r.code);
      }
    }
  }
  const lookup = (parent: string, name: string): string | undefined => {
    const key = `${parent}|${norm(name)}`;
    return fromTables.get(key) ?? known.get(key);
  };

  return (subject: string) => {
    const s = norm(subject);
    const m = PATH.exec(s);
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
