/**
 * Classification catalogs (支出功能分类 类/款/项, 部门预算支出经济分类 类/款), parsed from CSV text
 * given by the caller: the core does no I/O, so files are read at the edges (CLI) or embedded as
 * string modules (data/). Catalogs are versioned by year and may be partial: a code missing from
 * a partial catalog is "unknown", not "invalid".
 *
 * CSV format (as in test/fixtures/catalog): `code,name,level,parent`; lines starting with `#` are
 * comments; level is 类, 款 or 项.
 *
 * @example
 *   const { catalog } = parseCatalogCsv(text, { kind: "function", year: 2025, partial: true });
 *   catalog.entries.get("2080101")?.name // "行政运行"
 */

export type CatalogKind = "function" | "economic";
export type CatalogLevel = "类" | "款" | "项";

export interface CatalogEntry {
  readonly code: string;
  readonly name: string;
  readonly level: CatalogLevel;
  readonly parent?: string;
}

export interface Catalog {
  readonly kind: CatalogKind;
  /** the budget year the catalog applies to (economic catalogs change rarely: may be undefined) */
  readonly year?: number;
  /** true when the catalog is known to lack codes: unknown codes are then only "not found" */
  readonly partial: boolean;
  readonly source: string;
  readonly entries: ReadonlyMap<string, CatalogEntry>;
}

export interface CatalogProblem {
  readonly line: number;
  readonly message: string;
}

/** Splits one CSV line (fields may be double-quoted; "" escapes a quote). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const LEVELS: readonly CatalogLevel[] = ["类", "款", "项"];

/** Parses catalog CSV text. Bad lines are skipped and reported, never thrown. */
export function parseCatalogCsv(
  text: string,
  opts: { kind: CatalogKind; year?: number; partial?: boolean; source?: string },
): { catalog: Catalog; problems: CatalogProblem[] } {
  const entries = new Map<string, CatalogEntry>();
  const problems: CatalogProblem[] = [];
  let header: string[] | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, "").trim();
    if (line === "" || line.startsWith("#")) return;
    const fields = splitCsvLine(line);
    if (!header) {
      header = fields.map((f) => f.toLowerCase());
      if (!header.includes("code") || !header.includes("name")) {
        problems.push({ line: i + 1, message: "表头应为 code,name,level,parent" });
      }
      return;
    }
    const get = (k: string) => {
      const j = header?.indexOf(k) ?? -1;
      return j >= 0 ? (fields[j] ?? "") : "";
    };
    const code = get("code");
    const name = get("name");
    if (!/^\d+$/.test(code) || name === "") {
      problems.push({ line: i + 1, message: `无效的编码或名称：${line}` });
      return;
    }
    const lv = get("level");
    const level: CatalogLevel = LEVELS.includes(lv as CatalogLevel)
      ? (lv as CatalogLevel)
      : code.length === 3
        ? "类"
        : code.length === 5
          ? "款"
          : "项";
    const parent = get("parent");
    if (entries.has(code)) problems.push({ line: i + 1, message: `编码 ${code} 重复` });
    entries.set(code, { code, name, level, ...(parent ? { parent } : {}) });
  });
  return {
    catalog: {
      kind: opts.kind,
      ...(opts.year !== undefined ? { year: opts.year } : {}),
      partial: opts.partial ?? false,
      source: opts.source ?? "csv",
      entries,
    },
    problems,
  };
}

/** Normalises a classification name for comparison: no spaces, unified brackets. */
export function normaliseName(name: string): string {
  if (!/[\s()]/.test(name)) return name;
  return name.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
}

/** Looks a code up; compares the printed name when given. */
export function lookupCode(
  catalog: Catalog,
  code: string,
  name?: string,
): { kind: "ok" } | { kind: "unknown" } | { kind: "nameMismatch"; expected: string } {
  const e = catalog.entries.get(code);
  if (!e) return UNKNOWN;
  if (name !== undefined && normaliseName(name) !== normaliseName(e.name))
    return { kind: "nameMismatch", expected: e.name };
  return OK;
}

// shared answers (callers only read them): a lookup per table row allocates nothing
const OK = Object.freeze({ kind: "ok" as const });
const UNKNOWN = Object.freeze({ kind: "unknown" as const });

/** The 类 entries of a catalog, in code order. */
export function classesOf(catalog: Catalog): readonly CatalogEntry[] {
  let classes = classLists.get(catalog);
  if (!classes) {
    classes = [...catalog.entries.values()]
      .filter((e) => e.level === "类")
      .sort((a, b) => a.code.localeCompare(b.code));
    classLists.set(catalog, classes);
  }
  return classes;
}

/** 类 lists by catalog (catalogs are not changed once loaded). */
const classLists = new WeakMap<Catalog, CatalogEntry[]>();
