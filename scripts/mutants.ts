/**
 * The planted-change measurement of issue 11: is a one-digit change in a table amount of a real PDF
 * reported as an error at its table, and are the unchanged documents clean?
 *
 *   npx tsx scripts/mutants.ts [DIR] [--json]      (DIR defaults to test/fixtures/mutants)
 *
 * DIR/manifest.json lists the cut originals (`documents`) and the mutants (`mutants`: file, original,
 * page in the cut file, old and new figure, title of the table on that page); see DIR/README.md.
 * Every mutant and every original is imported and checked with the library's own API (importFile,
 * check), exactly as `yusuan check` does. A mutant counts as caught only when
 * - the table holding the changed figure is found in its disclosure: a table whose pages include the
 *   figure's page and whose title is the one printed above the figure (locateTable), and
 * - an error finding points at that table (location.table) that the original does not have
 *   (same rule, table, row, column, expected and actual): an error the original already has is
 *   noise, not the planted change standing out.
 * Everything else counts as missed — a table not found, a document not read, an error at another
 * table — and is listed with the reason. For each original: its error findings (the target is none).
 * Exit code 0 whatever the figures: this is a measurement; test/check/mutants.test.ts holds the bar.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { check } from "../src/check/index.ts";
import { ALL_RULES } from "../src/check/rules/index.ts";
import { importFile } from "../src/import/index.ts";
import type { Disclosure, PrintedTable } from "../src/model/disclosure.ts";
import type { Finding } from "../src/model/finding.ts";
import { parseAmount } from "../src/model/money.ts";

/** The catch rate issue 11 asks of planted table changes in real PDFs of six or more regions. */
export const TARGET_RATE = 0.95;

export interface ManifestDocument {
  region: string;
  /** the published document it was cut from (under ../shared/corpus) */
  source: string;
  /** the cut original, relative to the manifest */
  original: string;
  /** pages of the source kept in the cut, 1-based */
  pages: number[];
}

export interface ManifestMutant {
  file: string;
  original: string;
  /** 1-based page of the cut file holding the changed figure */
  page: number;
  sourcePage: number;
  old: string;
  new: string;
  /** title of the table the figure stands in, as printed (spaces removed) */
  title: string;
  seed: number;
}

export interface Manifest {
  documents: ManifestDocument[];
  mutants: ManifestMutant[];
}

export type MutantStatus = "caught" | "elsewhere" | "missed" | "no-table" | "unread";

export interface MutantResult {
  file: string;
  region: string;
  page: number;
  old: string;
  new: string;
  title: string;
  status: MutantStatus;
  /** the table found to hold the changed figure, and how it was found */
  table?: { no: number; title: string; by: "title" | "cell" };
  /** error findings at that table that the original does not have */
  newErrorsAtTable: Finding[];
  /** error findings the original does not have, anywhere */
  newErrors: number;
  note?: string;
}

export interface OriginalResult {
  file: string;
  region: string;
  read: boolean;
  department?: string;
  year?: number;
  tables: number;
  errors: Finding[];
  note?: string;
}

export interface MutantReport {
  dir: string;
  total: number;
  caught: number;
  rate: number;
  byRegion: Record<string, { caught: number; total: number }>;
  mutants: MutantResult[];
  originals: OriginalResult[];
  /** error findings on the originals, all together */
  originalErrors: number;
  originalsUnread: number;
}

interface Checked {
  d?: Disclosure;
  errors: Finding[];
  note?: string;
}

async function importAndCheck(path: string): Promise<Checked> {
  const r = await importFile(path);
  if (!r.disclosure) {
    const why = r.problems.find((p) => p.severity === "error")?.message ?? "no disclosure";
    return { errors: [], note: `未能读取：${why}` };
  }
  const c = check(r.disclosure);
  // the cuts keep the cover and the tables part: a section of the text missing from a cut is the
  // cutting's doing, so completeness findings are not counted (the whole documents are checked for
  // them in test/check/corpus-findings.test.ts)
  return {
    d: r.disclosure,
    errors: c.findings.filter((f) => f.severity === "error" && CATEGORY.get(f.rule) !== "completeness"),
  };
}

const CATEGORY = new Map(ALL_RULES.map((r) => [r.id, r.category]));

const key = (f: Finding) =>
  [f.rule, f.location.table, f.location.row, f.location.column, f.expected, f.actual].join("\u0001");

/**
 * A title's words only: NFKC, no spaces or quotes, no numbering (表3, 预算03表, 部门公开表5, 一、)
 * and no leading year.
 */
export function normaliseTitle(t: string): string {
  return t
    .normalize("NFKC")
    .replace(
      /^\s*(附?表\s*(\d+(-\d+)?|[一二三四五六七八九十]+)\s*[:.、]?|预算\d+表|部门公开表\s*\d+|[一二三四五六七八九十]+[、.])/,
      "",
    )
    .replace(/[\s"'“”‘’]+/g, "")
    .replace(/^\d{4}年度?/, "");
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** Dice similarity of two titles' character bigrams (0…1) after normaliseTitle. */
export function titleSimilarity(a: string, b: string): number {
  const x = normaliseTitle(a);
  const y = normaliseTitle(b);
  if (x === "" || y === "") return 0;
  if (x === y) return 1;
  const bx = bigrams(x);
  const by = bigrams(y);
  let common = 0;
  for (const [g, n] of bx) common += Math.min(n, by.get(g) ?? 0);
  const total = Math.max(x.length - 1, 0) + Math.max(y.length - 1, 0);
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * Whether a table read under one title is the table printed under the other: the same words once
 * numbering, year and a closing bracketed qualifier are set aside, or nearly the same (Dice ≥ 0.8).
 * Strict on purpose: 支出总表 is not 基本支出总表, nor 一般公共预算支出表 一般公共预算基本支出表.
 */
export function sameTitle(a: string, b: string): boolean {
  const bare = (t: string) => normaliseTitle(t).replace(/(\([^()]*\))+$/, "");
  const x = bare(a);
  return (x !== "" && x === bare(b)) || titleSimilarity(a, b) >= 0.8;
}

const holds = (t: PrintedTable, amount: number) => t.rows.some((r) => r.cells.some((c) => c === amount));

/**
 * The table of the disclosure that holds the changed figure: a table printed on its page under the
 * manifest's title (sameTitle); of several such, the one with a cell equal to the new figure (in the
 * table's unit), else the most similar title. A figure read into a table of another title (a table
 * run into the next one, say) is not found: its errors would point at the wrong table.
 */
export function locateTable(d: Disclosure, m: Pick<ManifestMutant, "page" | "new" | "title">) {
  const titled = d.tables.filter((t) => t.pages?.includes(m.page) && sameTitle(t.title, m.title));
  if (titled.length <= 1) return titled[0] ? { table: titled[0], by: "title" as const } : undefined;
  const withCell = titled.filter((t) => {
    const amount = parseAmount(m.new, t.unit);
    return amount !== undefined && holds(t, amount);
  });
  if (withCell.length === 1) return { table: withCell[0] as PrintedTable, by: "cell" as const };
  const best = [...titled].sort((x, y) => titleSimilarity(y.title, m.title) - titleSimilarity(x.title, m.title));
  return { table: best[0] as PrintedTable, by: "title" as const };
}

export type Judgement = Pick<MutantResult, "status" | "table" | "newErrorsAtTable" | "newErrors" | "note">;

/**
 * Whether one planted change was caught at its table: the table holding the changed figure found in
 * the mutant's disclosure (locateTable), and an error finding at that table that the original's
 * errors do not include. An error the original has already is not the change standing out.
 */
export function judgeMutant(
  m: Pick<ManifestMutant, "page" | "new" | "title">,
  originalErrors: readonly Finding[],
  mutant: Disclosure,
  mutantErrors: readonly Finding[],
): Judgement {
  const known = new Set(originalErrors.map(key));
  const fresh = mutantErrors.filter((f) => f.severity === "error" && !known.has(key(f)));
  const found = locateTable(mutant, m);
  if (!found) {
    const onPage = mutant.tables.filter((t) => t.pages?.includes(m.page)).map((t) => `表${t.no}「${t.title}」`);
    return {
      status: "no-table",
      newErrorsAtTable: [],
      newErrors: fresh.length,
      note:
        onPage.length > 0
          ? `第${m.page}页读出 ${onPage.join("、")}，无一题为「${m.title}」`
          : `第${m.page}页未读出表格`,
    };
  }
  const atTable = fresh.filter((f) => f.location.table === found.table.no);
  return {
    status: atTable.length > 0 ? "caught" : fresh.length > 0 ? "elsewhere" : "missed",
    table: { no: found.table.no, title: found.table.title, by: found.by },
    newErrorsAtTable: atTable,
    newErrors: fresh.length,
  };
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
}

/** Imports and checks every original and mutant listed in DIR/manifest.json; see the file comment. */
export async function measureMutants(
  dir: string,
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<MutantReport> {
  const manifest = readManifest(dir);
  const regionOf = new Map(manifest.documents.map((d) => [d.original, d.region]));
  const total = manifest.documents.length + manifest.mutants.length;
  let done = 0;
  const originals = new Map<string, Checked>();
  const originalResults: OriginalResult[] = [];
  for (const doc of manifest.documents) {
    const c = await importAndCheck(join(dir, doc.original));
    originals.set(doc.original, c);
    originalResults.push({
      file: doc.original,
      region: doc.region,
      read: c.d !== undefined,
      department: c.d?.meta.department,
      year: c.d?.meta.year,
      tables: c.d?.tables.length ?? 0,
      errors: c.errors,
      ...(c.note ? { note: c.note } : {}),
    });
    onProgress?.(++done, total, doc.original);
  }
  const results: MutantResult[] = [];
  for (const m of manifest.mutants) {
    const base = {
      file: m.file,
      region: regionOf.get(m.original) ?? m.file.split("/")[0] ?? "?",
      page: m.page,
      old: m.old,
      new: m.new,
      title: m.title,
    };
    const orig = originals.get(m.original) ?? (await importAndCheck(join(dir, m.original)));
    const mut = await importAndCheck(join(dir, m.file));
    onProgress?.(++done, total, m.file);
    if (!mut.d) {
      results.push({ ...base, status: "unread", newErrorsAtTable: [], newErrors: 0, note: mut.note ?? "" });
      continue;
    }
    results.push({ ...base, ...judgeMutant(m, orig.errors, mut.d, mut.errors) });
  }
  const byRegion: Record<string, { caught: number; total: number }> = {};
  for (const r of results) {
    const b = byRegion[r.region] ?? { caught: 0, total: 0 };
    byRegion[r.region] = b;
    b.total++;
    if (r.status === "caught") b.caught++;
  }
  const caught = results.filter((r) => r.status === "caught").length;
  return {
    dir,
    total: results.length,
    caught,
    rate: results.length === 0 ? 0 : caught / results.length,
    byRegion,
    mutants: results,
    originals: originalResults,
    originalErrors: originalResults.reduce((s, o) => s + o.errors.length, 0),
    originalsUnread: originalResults.filter((o) => !o.read).length,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const STATUS_TEXT: Record<MutantStatus, string> = {
  caught: "caught   ",
  elsewhere: "elsewhere",
  missed: "missed   ",
  "no-table": "no table ",
  unread: "unread   ",
};

/** The report as text: one line per mutant, one per original, then the summary. */
export function formatReport(r: MutantReport): string {
  const out: string[] = [];
  out.push(`# planted changes (${r.dir})`);
  for (const m of r.mutants) {
    const where = m.table ? `表${m.table.no} ${m.table.title} [by ${m.table.by}]` : "—";
    const detail =
      m.status === "caught"
        ? `${m.newErrorsAtTable.length} new error(s) at it: ${[...new Set(m.newErrorsAtTable.map((f) => f.rule))].join(", ")}`
        : m.status === "elsewhere"
          ? `${m.newErrors} new error(s), none at it`
          : (m.note ?? "no new error");
    out.push(`${STATUS_TEXT[m.status]} ${m.file} p${m.page} ${m.old}→${m.new} «${m.title}» → ${where}: ${detail}`);
  }
  out.push("", "# cut originals");
  for (const o of r.originals) {
    const who = o.read ? `${o.department ?? "?"} ${o.year ?? "?"}, ${o.tables} tables` : (o.note ?? "not read");
    const rules = [...new Set(o.errors.map((f) => f.rule))].join(", ");
    out.push(`${String(o.errors.length).padStart(3)} errors  ${o.file} (${who})${rules ? `: ${rules}` : ""}`);
  }
  const count = (s: MutantStatus) => r.mutants.filter((m) => m.status === s).length;
  out.push(
    "",
    "# summary",
    `planted changes caught at their table: ${r.caught} / ${r.total} (${pct(r.rate)}); target ≥ ${pct(TARGET_RATE)}`,
    `  by region: ${Object.entries(r.byRegion)
      .map(([k, v]) => `${k} ${v.caught}/${v.total}`)
      .join(", ")}`,
    `  not caught: ${count("missed")} no new error, ${count("elsewhere")} new error at another table only, ` +
      `${count("no-table")} table not found, ${count("unread")} not read`,
    `cut originals: ${r.originals.length}, error findings on them: ${r.originalErrors} (target 0); not read: ${r.originalsUnread}`,
  );
  return out.join("\n");
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const dir = resolve(args.find((a) => !a.startsWith("--")) ?? join(import.meta.dirname, "../test/fixtures/mutants"));
  const report = await measureMutants(dir, (done, total, file) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${done}/${total} ${file}`);
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
