/** Departments: list, search by name or region, and the regions and years present. */
import { sql } from "kysely";
import { LruCache, storeKey } from "./cache.ts";
import type { Store } from "./open-store.ts";
import type { DepartmentRow } from "./schema.ts";
import type { Department, DepartmentLevel, DepartmentSummary, Page } from "./types.ts";

export function toDepartment(
  r: Pick<DepartmentRow, "name" | "region" | "level"> & { id: number; city: string; county: string },
): Department {
  return {
    id: r.id,
    name: r.name,
    region: r.region,
    city: r.city,
    county: r.county,
    level: r.level as DepartmentLevel,
  };
}

/** Escapes LIKE wildcards so user text matches literally (used with `escape '\'`). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface DepartmentQuery {
  q?: string | undefined;
  region?: string | undefined;
  level?: DepartmentLevel | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export async function getDepartment(store: Store, id: number): Promise<Department | undefined> {
  const r = await store.db.selectFrom("departments").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toDepartment(r) : undefined;
}

export async function listDepartments(store: Store, q: DepartmentQuery = {}): Promise<Page<DepartmentSummary>> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const offset = Math.max(q.offset ?? 0, 0);
  let base = store.db.selectFrom("departments");
  if (q.q) base = base.where(sql<boolean>`name like ${likePattern(q.q)} escape '\\'`);
  if (q.region) base = base.where("region", "=", q.region);
  if (q.level) base = base.where("level", "=", q.level);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy("region")
    .orderBy("name")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
  const years = await yearsByDepartment(
    store,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      ...toDepartment(r),
      years: years.get(r.id)?.years ?? [],
      current: years.get(r.id)?.current ?? [],
    })),
    total: Number(n),
    limit,
    offset,
  };
}

async function yearsByDepartment(
  store: Store,
  ids: number[],
): Promise<Map<number, { years: number[]; current: { year: number; kind: "budget" | "finalAccounts" }[] }>> {
  const out = new Map<number, { years: number[]; current: { year: number; kind: "budget" | "finalAccounts" }[] }>();
  if (ids.length === 0) return out;
  const rows = await store.db
    .selectFrom("disclosures")
    .select(["department_id", "year", "kind"])
    .where("department_id", "in", ids)
    .where("is_current", "=", 1)
    .orderBy("year")
    .orderBy("kind")
    .execute();
  for (const r of rows) {
    const e = out.get(r.department_id) ?? { years: [], current: [] };
    if (!e.years.includes(r.year)) e.years.push(r.year);
    e.current.push({ year: r.year, kind: r.kind as "budget" | "finalAccounts" });
    out.set(r.department_id, e);
  }
  return out;
}

export async function listRegions(store: Store): Promise<{ region: string; departments: number }[]> {
  const rows = await store.db
    .selectFrom("departments")
    .select(["region", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("region")
    .orderBy("region")
    .execute();
  return rows.map((r) => ({ region: r.region, departments: Number(r.n) }));
}

export async function listYears(store: Store): Promise<number[]> {
  const rows = await store.db
    .selectFrom("disclosures")
    .select("year")
    .distinct()
    .where("is_current", "=", 1)
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => r.year);
}

export interface SearchHit {
  kind: "department" | "project" | "function";
  term: string;
  code: string | null;
  department: Department;
  year: number;
}

/**
 * Searches departments, projects and function names or codes. Parameterised; LIKE wildcards in
 * the query are matched literally.
 */
// 30 s fresh, then answered stale for up to 10 minutes while one query refreshes it (cache.ts)
const searchCache = new LruCache<Page<SearchHit>>(2000, 30_000, undefined, 10 * 60_000);
export async function search(
  store: Store,
  q: string,
  opts: { limit?: number; offset?: number } = {},
): Promise<Page<SearchHit>> {
  // Results are cached briefly per store generation: searches repeat, and writes are rare.
  const key = JSON.stringify([storeKey(store), store.generation, q, opts.limit, opts.offset]);
  return searchCache.wrap(key, () => searchUncached(store, q, opts));
}

async function searchUncached(
  store: Store,
  q: string,
  opts: { limit?: number; offset?: number },
): Promise<Page<SearchHit>> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
  const offset = Math.max(opts.offset ?? 0, 0);
  const text = q.trim().slice(0, 100);
  if (!text) return { items: [], total: 0, limit, offset };
  const pattern = likePattern(text);
  const isCode = /^\d{3,7}$/.test(text);
  // The short dictionary of distinct words first, with how many terms point at each (0007).
  const words = await store.db
    .selectFrom("search_words as w")
    .select(["w.id", "w.kind", "w.term", "w.terms"])
    .where((eb) =>
      isCode
        ? eb.or([eb("w.code", "like", `${text}%`), sql<boolean>`w.term like ${pattern} escape '\\'`])
        : sql<boolean>`w.term like ${pattern} escape '\\'`,
    )
    .execute();
  // Hits are listed by kind (departments, projects, function names), term, department name, id:
  // the words of one kind and term (several codes) form one group, read together.
  const groups = new Map<string, { kind: string; term: string; ids: number[]; terms: number }>();
  for (const w of words) {
    const k = `${w.kind}\u0000${w.term}`;
    const g = groups.get(k) ?? { kind: w.kind, term: w.term, ids: [], terms: 0 };
    g.ids.push(Number(w.id));
    g.terms += Number(w.terms);
    groups.set(k, g);
  }
  const ordered = [...groups.values()].sort(
    (a, b) => (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) || compareText(a.term, b.term),
  );
  const total = ordered.reduce((n, g) => n + g.terms, 0);
  // Only the groups the page falls in are read, each from the index (word_id, department_name, id).
  const rows: SearchRow[] = [];
  let skip = offset;
  for (const g of ordered) {
    if (rows.length >= limit) break;
    if (skip >= g.terms) {
      skip -= g.terms;
      continue;
    }
    const need = limit - rows.length;
    const page = (wordId: number, take: number, from: number) =>
      store.db
        .selectFrom("search_terms as s")
        .innerJoin("departments as d", "d.id", "s.department_id")
        .where("s.word_id", "=", wordId)
        .select([
          "s.id as sid",
          "s.kind",
          "s.term",
          "s.code",
          "s.year",
          "s.department_name",
          "d.id",
          "d.name",
          "d.region",
          "d.city",
          "d.county",
          "d.level",
        ])
        .orderBy("s.department_name")
        .orderBy("s.id")
        .limit(take)
        .offset(from)
        .execute();
    if (g.ids.length === 1) rows.push(...(await page(g.ids[0] ?? 0, need, skip)));
    else {
      // one term under several codes: each word's first skip + need from its index, merged
      const parts = [];
      for (const id of g.ids) parts.push(...(await page(id, skip + need, 0)));
      parts.sort((a, b) => compareText(a.department_name, b.department_name) || Number(a.sid) - Number(b.sid));
      rows.push(...parts.slice(skip, skip + need));
    }
    skip = 0;
  }
  return {
    items: rows.map((r) => ({
      kind: r.kind as SearchHit["kind"],
      term: r.term,
      code: r.code || null,
      department: toDepartment(r),
      year: r.year,
    })),
    total,
    limit,
    offset,
  };
}

/** Departments first, then projects, then function names (the order searches list hits in). */
const KIND_ORDER: Record<string, number> = { department: 0, project: 1, function: 2 };

/**
 * Compares by code point, as UTF-8 bytes compare: SQLite's default collation, and PostgreSQL's
 * "C" and "C.UTF-8". JavaScript's `<` compares UTF-16 units, which puts code points above U+FFFF
 * (surrogate pairs) before U+E000–U+FFFF; each unit is shifted so that they come after.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

const codePointRank = (u: number) => (u >= 0xe000 ? u - 0x800 : u >= 0xd800 ? u + 0x2000 : u);

interface SearchRow {
  sid: number | bigint | string;
  department_name: string;
  kind: string;
  term: string;
  code: string;
  year: number;
  id: number;
  name: string;
  region: string;
  city: string;
  county: string;
  level: string;
}
