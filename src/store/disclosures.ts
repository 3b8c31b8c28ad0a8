/**
 * Disclosures by department, year and version. A save is one transaction: the department (found
 * or created), the source file, the disclosure with its tables, facts, findings and search terms
 * either all land or none do. Published versions are immutable; a correction is a new version,
 * and publishing it makes it the current one.
 */
import { createHash } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { CheckReport } from "../check/index.ts";
import type { Disclosure } from "../model/disclosure.ts";
import { disclosureSchema } from "../model/disclosure-schema.ts";
import type { Finding } from "../model/finding.ts";
import { departmentNameProblem, identityOf } from "../model/identity.ts";
import { FIRST_YEAR, NAME_LIMITS, publishProblems, YEARS_AHEAD } from "../model/validity.ts";
import { insertRows, RowSink, type SearchTermInput } from "./bulk-insert.ts";
import { toDepartment } from "./departments.ts";
import type { Dialect } from "./migrations/index.ts";
import type { Store } from "./open-store.ts";
import { rollupRows } from "./rollups.ts";
import { factRow, findingRow, rowToFinding, searchTerms } from "./rows.ts";
import type { Database, DisclosureRow } from "./schema.ts";
import { StoreError } from "./store-error.ts";
import type { DepartmentLevel, DisclosureRecord, DisclosureStatus, ReadingReport, StoredFact } from "./types.ts";

export { StoreError } from "./store-error.ts";

export interface SaveInput {
  disclosure: Disclosure;
  /** the check result to store with it (findings and summary) */
  report?: Pick<CheckReport, "findings" | "summary"> | undefined;
  source?: { name: string; bytes: Uint8Array } | undefined;
  status?: DisclosureStatus | undefined;
  /** overrides meta.region; default "未知地区" when neither is set */
  region?: string | undefined;
  level?: DepartmentLevel | undefined;
  createdBy?: string | undefined;
  /** an existing department to attach to (an editor's own); otherwise found or created by name */
  departmentId?: number | undefined;
  /** what the importer found (PDF, XLSX): kept with the version for the portal's reading badge */
  importReport?: ReadingReport | undefined;
}

export interface Saved {
  id: number;
  departmentId: number;
  version: number;
  /**
   * the latest version of the same identity already had this content: nothing was saved, and
   * `id`/`version` are that version's (a re-run import or an identical upload is not a correction)
   */
  unchanged: boolean;
}

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/**
 * The hash of what a disclosure says: its JSON without the path it was read from (the same file
 * imported from another folder, or uploaded under another name, is the same content).
 */
export function contentHash(d: Disclosure): string {
  return sha256(JSON.stringify({ ...d, provenance: { ...d.provenance, source: "" } }));
}
const now = () => new Date().toISOString();
const BATCH = 400;

function headlineTotal(d: Disclosure): number | null {
  const t = d.tables.find((x) => x.id === "expenditure");
  const col = t?.columns.findIndex((c) => c.key === "total") ?? -1;
  const v = t?.rows.find((r) => r.kind === "total")?.cells[col];
  return typeof v === "number" ? v : null;
}

/** A save input that passed every check that needs no database: what `saveIn` writes. */
interface PreparedSave {
  input: SaveInput;
  d: Disclosure;
  region: string;
  city: string;
  county: string;
  level: DepartmentLevel;
  hash: string;
}

/** The checks a save makes before it touches the database; throws StoreError "invalid". */
function prepareSave(input: SaveInput): PreparedSave {
  // Validate at the boundary: SQLite would otherwise accept text in an amount column.
  const parsed = disclosureSchema.safeParse(input.disclosure);
  if (!parsed.success)
    throw new StoreError(
      "invalid",
      `不符合 Disclosure 模式：${parsed.error.issues[0]?.path.join(".")}：${parsed.error.issues[0]?.message}`,
    );
  const d = input.disclosure;
  // PostgreSQL text cannot hold NUL; refuse it on both engines so they behave the same.
  if (JSON.stringify(d).includes("\\u0000")) throw new StoreError("invalid", "公开文件中含有 NUL 字符");
  // Facts point at tables by printed number: two tables with one number would scramble them.
  const seen = new Map<number, string>();
  for (const t of d.tables) {
    const other = seen.get(t.no);
    if (other !== undefined)
      throw new StoreError(
        "invalid",
        `表${t.no} 出现了两次（“${other}”和“${t.title}”）：表格读取有误，未保存；请检查原文件或用 --template 指定模板`,
      );
    seen.set(t.no, t.title);
  }
  const id0 = identityOf(d);
  const nameProblem = departmentNameProblem(d.meta.department);
  if (nameProblem)
    throw new StoreError("invalid", `${nameProblem}：不能作为部门保存（请确认这是一个部门或单位的预算公开文件）`);
  // An implausible year or names megabytes long reach every public page: refused for drafts
  // too, since a draft already names (and may create) its department.
  const problems = publishProblems(d, new Date().getFullYear());
  if (problems.length > 0) throw new StoreError("invalid", `不能保存：${problems.join("；")}`);
  const region = input.region ?? id0.province;
  // an explicit region that is not the document's own government says nothing of its city or county
  const [city, county] = input.region && input.region !== id0.province ? ["", ""] : [id0.city, id0.county];
  return { input, d, region, city, county, level: input.level ?? id0.level, hash: contentHash(d) };
}

/** Saves a disclosure as a new version. One transaction; returns its id and version. */
export async function saveDisclosure(store: Store, input: SaveInput): Promise<Saved> {
  const p = prepareSave(input);
  const saved = await store.db.transaction().execute((trx) => saveIn(trx, p, store.dialect));
  store.generation++;
  return saved;
}

/** One document's outcome in a batch: saved (or unchanged), or refused with the reason. */
export type BatchOutcome = { ok: true; saved: Saved } | { ok: false; error: StoreError };

/**
 * Saves many disclosures in one transaction (the bulk path of batch imports, audits and the
 * bench): one commit instead of one per document, and the facts, rollups and findings of the whole
 * batch written in a few statements (on PostgreSQL `insert … select from unnest(arrays)`). Each
 * document is still all-or-nothing: when anything in the batch is refused, the transaction is
 * rolled back and the batch saved again document by document, each inside a savepoint, so the
 * refused document is rolled back alone and reported, and the others are saved. Outcomes come
 * back in the order of `inputs`.
 *
 * @example
 *   const outcomes = await saveDisclosures(store, files.map((d) => ({ disclosure: d, status: "published" })));
 *   for (const o of outcomes) if (!o.ok) console.error(o.error.message);
 */
export async function saveDisclosures(store: Store, inputs: readonly SaveInput[]): Promise<BatchOutcome[]> {
  const outcomes: (BatchOutcome | PreparedSave)[] = inputs.map((input) => {
    try {
      return prepareSave(input);
    } catch (e) {
      return { ok: false, error: asStoreError(e) };
    }
  });
  const todo = outcomes.flatMap((o, i) => ("ok" in o ? [] : [[i, o] as const]));
  if (todo.length === 0) return outcomes as BatchOutcome[];
  try {
    // The common case first: every document goes in, the facts, rollups and findings of all of
    // them in a few statements at the end.
    const saved = await store.db.transaction().execute(async (trx) => {
      const sink = new RowSink();
      const out: Saved[] = [];
      for (const [, p] of todo) out.push(await saveIn(trx, p, store.dialect, sink));
      await sink.flush(trx, store.dialect, saveSearchTerms);
      return out;
    });
    todo.forEach(([i], k) => {
      outcomes[i] = { ok: true, saved: saved[k] as Saved };
    });
  } catch {
    // Something in the batch was refused, and the whole transaction with it: again, document by
    // document, each in a savepoint of its own, so the refused one is rolled back alone.
    await store.db.transaction().execute(async (trx) => {
      for (const [i, p] of todo) {
        await sql`savepoint doc`.execute(trx);
        try {
          outcomes[i] = { ok: true, saved: await saveIn(trx, p, store.dialect) };
          await sql`release savepoint doc`.execute(trx);
        } catch (e) {
          await sql`rollback to savepoint doc`.execute(trx);
          await sql`release savepoint doc`.execute(trx);
          outcomes[i] = { ok: false, error: asStoreError(e) };
        }
      }
    });
  }
  store.generation++;
  return outcomes as BatchOutcome[];
}

/** A database refusal as a StoreError with a message that says what to do first. */
function asStoreError(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const why = e instanceof Error ? e.message : String(e);
  return new StoreError("invalid", `数据库拒绝保存此文件（${why}）：其余文件不受影响；请检查该文件的内容后重试`);
}

/** The writes of one save, inside a transaction the caller owns. */
async function saveIn(trx: Transaction<Database>, p: PreparedSave, dialect: Dialect, sink?: RowSink): Promise<Saved> {
  const { input, d, hash } = p;
  const dept = await departmentOf(trx, p, sink);
  const departmentId = dept.id;
  // Every version of this identity (a handful at most): the latest, and the current one.
  const versions = await trx
    .selectFrom("disclosures")
    .select(["id", "version", "status", "content_sha256", "is_current"])
    .where("department_id", "=", departmentId)
    .where("year", "=", d.meta.year)
    .where("kind", "=", d.meta.kind)
    .orderBy("version", "desc")
    .execute();
  const latest = versions[0];
  // the same content as the latest version of this identity: unchanged, nothing saved. The
  // stored hash settles most cases; a version saved before the hash left out the source path is
  // compared by its body.
  if (latest && (latest.content_sha256 === hash || (await bodyHash(trx, latest.id)) === hash)) {
    if (input.status === "published" && latest.status === "draft") await publishIn(trx, latest.id, sink);
    return { id: latest.id, departmentId, version: latest.version, unchanged: true };
  }
  let sourceFileId: number | null = null;
  if (input.source) {
    sourceFileId = (
      await trx
        .insertInto("source_files")
        .values({
          name: [...input.source.name].filter((ch) => ch >= " ").join("") || "source",
          sha256: sha256(input.source.bytes),
          size: input.source.bytes.length,
          bytes: Buffer.from(input.source.bytes),
          created_at: now(),
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  }
  const version = (latest?.version ?? 0) + 1;
  // A published save is written current from the start: its facts and rollups go into the
  // indexes once, and only the version it replaces (found by its id) is updated.
  const publish = input.status === "published";
  const previous = publish ? versions.filter((x) => x.is_current === 1) : [];
  for (const x of previous) await demote(trx, x.id, sink);
  const summary = input.report?.summary ?? { errors: 0, warnings: 0, notices: 0 };
  const at = now();
  const { id } = await trx
    .insertInto("disclosures")
    .values({
      department_id: departmentId,
      year: d.meta.year,
      kind: d.meta.kind,
      version,
      status: publish ? "published" : "draft",
      is_current: publish ? 1 : 0,
      title: d.meta.title,
      template: d.meta.template,
      unit: d.meta.unit,
      source_file_id: sourceFileId,
      content_sha256: hash,
      body: JSON.stringify(d),
      import_report: input.importReport ? JSON.stringify(input.importReport) : null,
      errors: summary.errors,
      warnings: summary.warnings,
      notices: summary.notices,
      total_expenditure_fen: headlineTotal(d),
      created_by: input.createdBy ?? null,
      created_at: at,
      published_at: publish ? at : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ctx = { disclosureId: id, departmentId, year: d.meta.year, region: dept.region };
  const current = publish ? 1 : 0;
  const facts = d.facts.map((f, i) => ({ ...factRow(d, f, i, ctx), is_current: current }));
  const rollups = rollupRows(facts, ctx).map((r) => ({ ...r, is_current: current }));
  const findings = (input.report?.findings ?? []).map((f, i) => findingRow(f, i, id));
  if (sink) {
    sink.facts.push(...facts);
    sink.rollups.push(...rollups);
    sink.findings.push(...findings);
  } else {
    await insertRows(trx, dialect, "facts", facts);
    await insertRows(trx, dialect, "rollups", rollups);
    await insertRows(trx, dialect, "findings", findings);
  }
  const terms = searchTerms(d).map((t) => ({
    ...t,
    department_id: departmentId,
    department_name: dept.name,
    year: d.meta.year,
  }));
  if (sink) sink.terms.push(...terms);
  else await saveSearchTerms(trx, dialect, terms);
  return { id, departmentId, version, unchanged: false };
}

/**
 * The department a save files under: given, found by its identity (name and government), or
 * created. A batch remembers the ones it met (a department's years usually arrive together).
 */
async function departmentOf(
  trx: Transaction<Database>,
  p: PreparedSave,
  sink: RowSink | undefined,
): Promise<{ id: number; region: string; name: string }> {
  if (p.input.departmentId !== undefined) {
    const r = await trx
      .selectFrom("departments")
      .select(["id", "region", "name"])
      .where("id", "=", p.input.departmentId)
      .executeTakeFirst();
    if (!r) throw new StoreError("notFound", `部门 ${p.input.departmentId} 不存在`);
    return r;
  }
  const name = p.d.meta.department;
  const key = [name, p.region, p.city, p.county].join("\u0000");
  const known = sink?.departments.get(key);
  if (known) return known;
  // one department per identity: its name and its government (province, city, county)
  const found = await trx
    .selectFrom("departments")
    .select(["id", "region", "name"])
    .where("name", "=", name)
    .where("region", "=", p.region)
    .where("city", "=", p.city)
    .where("county", "=", p.county)
    .executeTakeFirst();
  const dept = found ?? {
    id: (
      await trx
        .insertInto("departments")
        .values({ name, region: p.region, city: p.city, county: p.county, level: p.level, created_at: now() })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id,
    region: p.region,
    name,
  };
  sink?.departments.set(key, dept);
  return dept;
}

async function bodyHash(trx: Transaction<Database>, id: number): Promise<string | undefined> {
  const r = await trx.selectFrom("disclosures").select("body").where("id", "=", id).executeTakeFirst();
  return r ? contentHash(JSON.parse(r.body) as Disclosure) : undefined;
}

/** A version stops being current: it, its facts and its rollups, addressed by its id (indexed). */
async function demote(trx: Transaction<Database>, id: number, sink?: RowSink): Promise<void> {
  sink?.setCurrent(id, 0);
  await trx.updateTable("facts").set({ is_current: 0 }).where("disclosure_id", "=", id).execute();
  await trx.updateTable("rollups").set({ is_current: 0 }).where("disclosure_id", "=", id).execute();
  await trx.updateTable("disclosures").set({ is_current: 0 }).where("id", "=", id).execute();
}

/**
 * Adds the words to the dictionary and points the departments' search terms at them (a term
 * keeps the latest year it was seen in). Takes a whole batch's terms: a term met twice is written
 * once.
 */
async function saveSearchTerms(
  trx: Kysely<Database>,
  dialect: Dialect,
  rows: readonly SearchTermInput[],
): Promise<void> {
  const byKey = new Map<string, SearchTermInput>();
  for (const t of rows) {
    const k = `${t.kind}\u0000${t.term}\u0000${t.code}\u0000${t.department_id}`;
    const had = byKey.get(k);
    if (!had || had.year < t.year) byKey.set(k, t);
  }
  const terms = [...byKey.values()];
  for (let i = 0; i < terms.length; i += BATCH) {
    const part = terms.slice(i, i + BATCH);
    const words = new Map(part.map((t) => [`${t.kind}\u0000${t.term}\u0000${t.code}`, t]));
    const distinct = [...words.values()].map((t) => ({ kind: t.kind, term: t.term, code: t.code }));
    await trx
      .insertInto("search_words")
      .values(distinct)
      .onConflict((oc) => oc.columns(["kind", "term", "code"]).doNothing())
      .execute();
    const found = await dictionaryIds(trx, dialect, distinct);
    const ids = new Map(found.map((w) => [`${w.kind}\u0000${w.term}\u0000${w.code}`, w.id]));
    const rows = part.map((t) => ({ ...t, word_id: ids.get(`${t.kind}\u0000${t.term}\u0000${t.code}`) ?? null }));
    // New terms first (each adds one to its word's count), then the year of those already there.
    const inserted = await trx
      .insertInto("search_terms")
      .values(rows)
      .onConflict((oc) => oc.columns(["kind", "term", "code", "department_id"]).doNothing())
      .returning(["kind", "term", "code", "department_id", "word_id"])
      .execute();
    const isNew = new Set(inserted.map((r) => `${r.kind}\u0000${r.term}\u0000${r.code}\u0000${r.department_id}`));
    const known = rows.filter((r) => !isNew.has(`${r.kind}\u0000${r.term}\u0000${r.code}\u0000${r.department_id}`));
    if (known.length > 0)
      await trx
        .insertInto("search_terms")
        .values(known)
        .onConflict((oc) =>
          oc.columns(["kind", "term", "code", "department_id"]).doUpdateSet({
            year: sql`case when excluded.year > search_terms.year then excluded.year else search_terms.year end`,
            word_id: sql`excluded.word_id`,
          }),
        )
        .execute();
    const added = new Map<number, number>();
    for (const r of inserted)
      if (r.word_id !== null) added.set(Number(r.word_id), (added.get(Number(r.word_id)) ?? 0) + 1);
    await countTerms(trx, added);
  }
}

/** Adds each word's new terms to its count (one statement; words in id order, as the index holds them). */
async function countTerms(trx: Kysely<Database>, added: Map<number, number>): Promise<void> {
  if (added.size === 0) return;
  const ids = [...added.keys()].sort((a, b) => a - b);
  const byCount = new Map<number, number[]>();
  for (const id of ids) {
    const n = added.get(id) ?? 0;
    const group = byCount.get(n);
    if (group) group.push(id);
    else byCount.set(n, [id]);
  }
  // most words gain one term: one `where id in (…)` per distinct count
  for (const [n, group] of byCount)
    for (let i = 0; i < group.length; i += BATCH)
      await trx
        .updateTable("search_words")
        .set({ terms: sql`terms + ${n}` })
        .where("id", "in", group.slice(i, i + BATCH))
        .execute();
}

/**
 * The dictionary ids of words, matched on the whole key (kind, term, code). On PostgreSQL the
 * words go in as three arrays joined to the unique index: a plain `term in (…)` there was planned
 * on the trigram index of searches and took longer the more words the store held.
 */
async function dictionaryIds(
  trx: Kysely<Database>,
  dialect: Dialect,
  words: { kind: string; term: string; code: string }[],
): Promise<{ id: number; kind: string; term: string; code: string }[]> {
  if (dialect === "postgres") {
    const r = await sql<{ id: number; kind: string; term: string; code: string }>`
      select w.id, w.kind, w.term, w.code
      from unnest(${words.map((w) => w.kind)}::text[], ${words.map((w) => w.term)}::text[], ${words.map((w) => w.code)}::text[])
        as v(kind, term, code)
      join search_words w on w.kind = v.kind and w.term = v.term and w.code = v.code`.execute(trx);
    return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  }
  // SQLite: kind first, so the unique index (kind, term, code) serves the look-up
  return trx
    .selectFrom("search_words")
    .select(["id", "kind", "term", "code"])
    .where("kind", "in", [...new Set(words.map((t) => t.kind))])
    .where("term", "in", [...new Set(words.map((t) => t.term))])
    .execute();
}

async function publishIn(trx: Transaction<Database>, id: number, sink?: RowSink): Promise<void> {
  const row = await trx
    .selectFrom("disclosures")
    .select(["status", "department_id", "year", "kind"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new StoreError("notFound", `公开文件 ${id} 不存在`);
  if (row.status === "published") throw new StoreError("immutable", `公开文件 ${id} 已发布，不能再次发布或修改`);
  // A draft saved before saves were validated may still lack a department or a plausible year.
  const dept = await trx
    .selectFrom("departments")
    .select("name")
    .where("id", "=", row.department_id)
    .executeTakeFirst();
  const name = dept?.name.trim() ?? "";
  const last = new Date().getFullYear() + YEARS_AHEAD;
  if (!name || [...name].length > NAME_LIMITS.department)
    throw new StoreError("invalid", `公开文件 ${id} 的部门名称为空或过长，不能发布`);
  if (row.year < FIRST_YEAR || row.year > last)
    throw new StoreError(
      "invalid",
      `公开文件 ${id} 的年度 ${row.year} 不合理（应在 ${FIRST_YEAR}–${last} 之间），不能发布`,
    );
  const current = await trx
    .selectFrom("disclosures")
    .select("id")
    .where("department_id", "=", row.department_id)
    .where("year", "=", row.year)
    .where("kind", "=", row.kind)
    .where("is_current", "=", 1)
    .execute();
  for (const x of current) await demote(trx, x.id, sink);
  await trx
    .updateTable("disclosures")
    .set({ status: "published", is_current: 1, published_at: now() })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .execute();
  await trx.updateTable("facts").set({ is_current: 1 }).where("disclosure_id", "=", id).execute();
  await trx.updateTable("rollups").set({ is_current: 1 }).where("disclosure_id", "=", id).execute();
  sink?.setCurrent(id, 1);
}

/** Publishes a draft: it becomes the current version of its department, year and kind. */
export async function publishDisclosure(store: Store, id: number): Promise<void> {
  await store.db.transaction().execute((trx) => publishIn(trx, id));
  store.generation++;
}

/** Deletes a draft (never a published version) with everything saved with it. */
export async function deleteDraft(store: Store, id: number): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("disclosures").select(["status"]).where("id", "=", id).executeTakeFirst();
    if (!row) throw new StoreError("notFound", `公开文件 ${id} 不存在`);
    if (row.status !== "draft") throw new StoreError("immutable", `公开文件 ${id} 已发布，不能删除`);
    for (const t of ["facts", "rollups", "renditions", "findings"] as const)
      await trx.deleteFrom(t).where("disclosure_id", "=", id).execute();
    await trx.deleteFrom("disclosures").where("id", "=", id).execute();
  });
  store.generation++;
}

const recordColumns = [
  "x.id",
  "x.year",
  "x.kind",
  "x.version",
  "x.status",
  "x.is_current",
  "x.title",
  "x.template",
  "x.unit",
  "x.content_sha256",
  "x.import_report",
  "x.errors",
  "x.warnings",
  "x.notices",
  "x.total_expenditure_fen",
  "x.created_by",
  "x.created_at",
  "x.published_at",
  "x.source_file_id",
  "d.id as department_id",
  "d.name",
  "d.region",
  "d.city",
  "d.county",
  "d.level",
  "f.name as file_name",
  "f.sha256 as file_sha256",
  "f.size as file_size",
] as const;

function records(store: Store) {
  return store.db
    .selectFrom("disclosures as x")
    .innerJoin("departments as d", "d.id", "x.department_id")
    .leftJoin("source_files as f", "f.id", "x.source_file_id")
    .select(recordColumns);
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof records>["executeTakeFirstOrThrow"]>>;

function toRecord(r: RecordRow): DisclosureRecord {
  return {
    id: r.id,
    department: toDepartment({
      id: r.department_id,
      name: r.name,
      region: r.region,
      city: r.city,
      county: r.county,
      level: r.level,
    }),
    year: r.year,
    kind: r.kind as DisclosureRecord["kind"],
    version: r.version,
    status: r.status as DisclosureStatus,
    isCurrent: r.is_current === 1,
    title: r.title,
    template: r.template,
    unit: r.unit as DisclosureRecord["unit"],
    contentSha256: r.content_sha256,
    summary: { errors: r.errors, warnings: r.warnings, notices: r.notices },
    totalExpenditureFen: r.total_expenditure_fen,
    sourceFile:
      r.source_file_id !== null && r.file_name !== null
        ? { id: r.source_file_id, name: r.file_name, sha256: r.file_sha256 ?? "", size: Number(r.file_size) }
        : null,
    importReport: r.import_report ? (JSON.parse(r.import_report) as ReadingReport) : null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  };
}

export async function getRecord(store: Store, id: number): Promise<DisclosureRecord | undefined> {
  const r = await records(store).where("x.id", "=", id).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** The full Disclosure as saved. */
export async function getDisclosure(store: Store, id: number): Promise<Disclosure | undefined> {
  const r = await store.db.selectFrom("disclosures").select("body").where("id", "=", id).executeTakeFirst();
  return r ? (JSON.parse(r.body) as Disclosure) : undefined;
}

/** The current published version for a department and year (budget unless kind given). */
export async function findCurrent(
  store: Store,
  departmentId: number,
  year: number,
  kind: DisclosureRecord["kind"] = "budget",
): Promise<DisclosureRecord | undefined> {
  const r = await records(store)
    .where("x.department_id", "=", departmentId)
    .where("x.year", "=", year)
    .where("x.kind", "=", kind)
    .where("x.is_current", "=", 1)
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** Every version of every year for a department, newest first. */
export async function listHistory(store: Store, departmentId: number): Promise<DisclosureRecord[]> {
  const rows = await records(store)
    .where("x.department_id", "=", departmentId)
    .orderBy("x.year", "desc")
    .orderBy("x.version", "desc")
    .execute();
  return rows.map(toRecord);
}

/** Recent uploads (drafts and published), newest first, optionally for one department. */
export async function listRecent(store: Store, opts: { departmentId?: number; limit?: number } = {}) {
  let q = records(store);
  if (opts.departmentId !== undefined) q = q.where("x.department_id", "=", opts.departmentId);
  const rows = await q
    .orderBy("x.id", "desc")
    .limit(opts.limit ?? 20)
    .execute();
  return rows.map(toRecord);
}

/**
 * The current version's full Disclosure and findings for a department and year, addressed by
 * department and year rather than id: two queries that need not wait for the record lookup (the
 * portal runs them alongside it, saving a round trip to the database on a cold page).
 */
export async function getCurrentContent(
  store: Store,
  departmentId: number,
  year: number,
  kind: DisclosureRecord["kind"] = "budget",
): Promise<{ id: number; disclosure: Disclosure; findings: Finding[] } | undefined> {
  const [row, findings] = await Promise.all([
    store.db
      .selectFrom("disclosures")
      .select(["id", "body"])
      .where("department_id", "=", departmentId)
      .where("year", "=", year)
      .where("kind", "=", kind)
      .where("is_current", "=", 1)
      .executeTakeFirst(),
    store.db
      .selectFrom("findings as f")
      .innerJoin("disclosures as x", "x.id", "f.disclosure_id")
      .selectAll("f")
      .where("x.department_id", "=", departmentId)
      .where("x.year", "=", year)
      .where("x.kind", "=", kind)
      .where("x.is_current", "=", 1)
      .orderBy("f.seq")
      .execute(),
  ]);
  if (!row) return undefined;
  return {
    id: row.id,
    disclosure: JSON.parse(row.body) as Disclosure,
    findings: findings.filter((f) => f.disclosure_id === row.id).map(rowToFinding),
  };
}

export async function listFindings(store: Store, id: number): Promise<Finding[]> {
  const rows = await store.db
    .selectFrom("findings")
    .selectAll()
    .where("disclosure_id", "=", id)
    .orderBy("seq")
    .execute();
  return rows.map(rowToFinding);
}

export async function listFacts(
  store: Store,
  id: number,
  opts: { limit?: number; offset?: number; table?: number } = {},
): Promise<{ items: StoredFact[]; total: number }> {
  let base = store.db.selectFrom("facts").where("disclosure_id", "=", id);
  if (opts.table !== undefined) base = base.where("table_no", "=", opts.table);
  const [{ n }, rows, body] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy("seq")
      .limit(Math.min(opts.limit ?? 500, 5000))
      .offset(opts.offset ?? 0)
      .execute(),
    // a fact's dimensions whole, from the saved body by its position (0008)
    getDisclosure(store, id),
  ]);
  return {
    total: Number(n),
    items: rows.map((r) => ({
      seq: r.seq,
      measure: r.measure,
      table: r.table_key,
      column: r.column_key,
      grain: r.grain,
      line: r.line_key,
      fund: r.fund,
      functionCode: r.function_code,
      economicCode: r.economic_code,
      nature: r.nature,
      basicKind: r.basic_kind,
      unit: r.unit,
      project: r.project,
      amountFen: r.amount_fen,
      // the fact's dimensions exactly as in the Disclosure (the columns above index them)
      dims: body?.facts[r.seq]?.dims ?? {},
      cell: { table: r.table_no, row: r.row_index, column: r.col_index },
    })),
  };
}

export interface StoredTable {
  no: number;
  id: string;
  title: string;
  unit: string;
  /** decimals printed, when not 2 */
  precision?: number;
  columns: Disclosure["tables"][number]["columns"];
  emptyNote: string | null;
  rows: { kind: string; code: string | null; label: string; level: number; cells: (number | string | null)[] }[];
}

/**
 * One printed table, from the saved Disclosure (what table downloads read). The body is the one
 * copy of the printed tables: a second copy in rows of their own (migration 0006 dropped it) cost
 * a tenth of the store's size and of every save, for reads that parse one body anyway.
 */
export async function getTable(store: Store, id: number, no: number): Promise<StoredTable | undefined> {
  const t = (await getDisclosure(store, id))?.tables.find((x) => x.no === no);
  if (!t) return undefined;
  return {
    no: t.no,
    id: t.id,
    title: t.title,
    unit: t.unit,
    ...(t.precision !== undefined ? { precision: t.precision } : {}),
    columns: t.columns,
    emptyNote: t.emptyNote ?? null,
    rows: t.rows.map((r) => ({ kind: r.kind, code: r.code ?? null, label: r.label, level: r.level, cells: r.cells })),
  };
}

export async function getSourceFile(
  store: Store,
  id: number,
): Promise<{ name: string; sha256: string; bytes: Uint8Array } | undefined> {
  const r = await store.db
    .selectFrom("source_files")
    .select(["name", "sha256", "bytes"])
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? { name: r.name, sha256: r.sha256, bytes: new Uint8Array(r.bytes) } : undefined;
}

/** A cached rendition (e.g. "pdf") of a published version, if one was stored. */
export async function getRendition(store: Store, id: number, format: string): Promise<Uint8Array | undefined> {
  const r = await store.db
    .selectFrom("renditions")
    .select("bytes")
    .where("disclosure_id", "=", id)
    .where("format", "=", format)
    .executeTakeFirst();
  return r ? new Uint8Array(r.bytes) : undefined;
}

/** Stores a rendition of a published version; a concurrent identical write is not an error. */
export async function putRendition(store: Store, id: number, format: string, bytes: Uint8Array): Promise<void> {
  const rec = await store.db.selectFrom("disclosures").select("status").where("id", "=", id).executeTakeFirst();
  if (rec?.status !== "published") throw new StoreError("invalid", `只缓存已发布版本的下载文件（${id}）`);
  await store.db
    .insertInto("renditions")
    .values({ disclosure_id: id, format, bytes: Buffer.from(bytes), created_at: now() })
    .onConflict((oc) => oc.columns(["disclosure_id", "format"]).doNothing())
    .execute();
}

export async function countDisclosures(store: Store): Promise<number> {
  const { n } = await store.db
    .selectFrom("disclosures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export type { DisclosureRow };
