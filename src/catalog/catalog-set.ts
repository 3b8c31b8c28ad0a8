/**
 * A pair of catalogs (支出功能分类 + 经济分类) as the builder needs them, loaded from any number of
 * CSV files in which each row's kind follows from its code (2… function, 3… economic); plus
 * `nearest` suggestions for unknown codes. Additive to catalog.ts; pure.
 *
 * @example
 *   const set = defaultCatalogSet(2025);
 *   nearest(set, "2080110") // [{ code: "2080101", name: "行政运行", … }, …]
 */
import { type Catalog, type CatalogEntry, parseCatalogCsv } from "./catalog.ts";
import { builtinEconomicCatalog, builtinFunctionCatalog } from "./index.ts";

export interface CatalogSet {
  readonly year?: number | undefined;
  readonly function: Catalog;
  readonly economic: Catalog;
  /** true when either catalog is known to be incomplete (the bundled default) */
  readonly partial: boolean;
  readonly sources: readonly string[];
}

/**
 * Rows the bundled partial 2025 catalog lacks but a real package needs, each with its reason.
 * 2080199: named in the seed's 说明五 (其他人力资源和社会保障管理事务支出（项）under 20801); the code
 * follows the catalog's "99 = 其他" convention but is not printed in the seed — verify it.
 * 31299: the seed's 表7 books 140.00 万元 under 对企业补助 (312) without a 款; 31299 其他对企业补助 is
 * the "99" 款 of 312 (name known from the 决算 Z05 list; code by convention) — verify it.
 */
export const SUPPLEMENT_2025_CSV = `code,name,level,parent
2080199,其他人力资源和社会保障管理事务支出,项,20801
31299,其他对企业补助,款,312
`;

const byKind = (code: string): "function" | "economic" | undefined =>
  /^2\d{2}(\d{2}(\d{2})?)?$/.test(code) ? "function" : /^3\d{2}(\d{2})?$/.test(code) ? "economic" : undefined;

function merge(
  kind: "function" | "economic",
  cats: readonly Catalog[],
  opts: { year?: number; partial: boolean; source: string },
): Catalog {
  const entries = new Map<string, CatalogEntry>();
  for (const c of cats) for (const e of c.entries.values()) if (byKind(e.code) === kind) entries.set(e.code, e);
  return {
    kind,
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    partial: opts.partial,
    source: opts.source,
    entries,
  };
}

/** The default for a year: the built-in partial catalogs plus the supplement (2025 only). */
export function defaultCatalogSet(year: number): CatalogSet {
  const fn = builtinFunctionCatalog(year) ?? builtinFunctionCatalog(2025);
  const sup = parseCatalogCsv(SUPPLEMENT_2025_CSV, {
    kind: "function",
    year: 2025,
    partial: true,
    source: "supplement",
  }).catalog;
  const sources = [
    "内置 function-classification-2025-partial.csv",
    "内置 economic-classification-dept-partial.csv",
    "内置补充目录",
  ];
  return {
    year: 2025,
    function: merge("function", [fn as Catalog, sup], { year: 2025, partial: true, source: sources[0] as string }),
    economic: merge("economic", [builtinEconomicCatalog(), sup], { partial: true, source: sources[1] as string }),
    partial: true,
    sources,
  };
}

/** A catalog set from CSV files (`code,name,level,parent`); rows are sorted into kinds by code. */
export function catalogSetFromCsv(
  files: readonly { text: string; source: string }[],
  year?: number,
): { set: CatalogSet; problems: { source: string; line: number; message: string }[] } {
  const cats: Catalog[] = [];
  const problems: { source: string; line: number; message: string }[] = [];
  for (const f of files) {
    const r = parseCatalogCsv(f.text, { kind: "function", source: f.source, ...(year !== undefined ? { year } : {}) });
    cats.push(r.catalog);
    for (const p of r.problems) problems.push({ source: f.source, ...p });
    for (const e of r.catalog.entries.values())
      if (!byKind(e.code))
        problems.push({
          source: f.source,
          line: 0,
          message: `编码 ${e.code} 既不是功能分类（2 开头）也不是经济分类（3 开头）`,
        });
  }
  const src = files.map((f) => f.source).join("、");
  return {
    set: {
      year,
      function: merge("function", cats, { ...(year !== undefined ? { year } : {}), partial: false, source: src }),
      economic: merge("economic", cats, { partial: false, source: src }),
      partial: false,
      sources: files.map((f) => f.source),
    },
    problems,
  };
}

/** Levenshtein distance (short strings). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min(tmp + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

/**
 * The valid codes nearest to an unknown one (same kind and length): longest shared prefix first
 * (same 类/款), then smallest edit distance, then code order.
 */
export function nearest(set: CatalogSet, code: string, n = 3): CatalogEntry[] {
  const cat = byKind(code) === "economic" || code.startsWith("3") ? set.economic : set.function;
  const prefix = (a: string) => {
    let i = 0;
    while (i < a.length && a[i] === code[i]) i++;
    return i;
  };
  return [...cat.entries.values()]
    .filter((e) => e.code.length === code.length)
    .map((e) => ({ e, p: prefix(e.code), d: editDistance(e.code, code) }))
    .sort((x, y) => y.p - x.p || x.d - y.d || x.e.code.localeCompare(y.e.code))
    .slice(0, n)
    .map((s) => s.e);
}

/** "2080101 行政运行、2080102 一般行政管理事务" for messages. */
export function describeNearest(set: CatalogSet, code: string, n = 3): string {
  const near = nearest(set, code, n);
  return near.length ? near.map((e) => `${e.code} ${e.name}`).join("、") : "（目录中没有同级编码）";
}

/** Name of a code in the set (function or economic), or undefined. */
export function codeName(set: CatalogSet, code: string): string | undefined {
  return (byKind(code) === "economic" ? set.economic : set.function).entries.get(code)?.name;
}

/** The entry of a code when it exists at the expected level. */
export function entryAt(set: CatalogSet, code: string, level: "类" | "款" | "项"): CatalogEntry | undefined {
  const e = (byKind(code) === "economic" ? set.economic : set.function).entries.get(code);
  return e && e.level === level ? e : undefined;
}
