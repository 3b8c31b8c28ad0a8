/**
 * Searches on both engines against a reference: every matching search term read whole and sorted
 * as searches list them (kind, term, department name, id), then paged. The search itself reads
 * only the words' counts (kept by every save, migration 0007) and the groups a page falls in, so
 * the counts must survive re-saves, corrections, batches and the per-document fallback of a batch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareText } from "./departments.ts";
import { type SaveInput, saveDisclosure, saveDisclosures, search } from "./index.ts";
import { BACKENDS, openTestStore, type TestStore } from "./test-stores.ts";
import { FUNCTION_ITEMS, makeDisclosure } from "./testing.ts";

const KIND_ORDER: Record<string, number> = { department: 0, project: 1, function: 2 };
const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const REGIONS = ["甲市", "乙市", "丙县"];
const TYPES = ["财政局", "人力资源和社会保障局", "卫生健康委员会", "公安局", "教育局"];
const PROJECTS = ["就业补助资金", "信息化建设", "财政专项", "卫生监督", "公安信息化"];

/** Departments × years with shared and distinct projects and function lines. */
function documents(): SaveInput[] {
  const out: SaveInput[] = [];
  let k = 0;
  for (const region of REGIONS)
    for (const type of TYPES)
      for (const year of [2024, 2025]) {
        k++;
        const items = FUNCTION_ITEMS.filter((_, i) => (i + k) % 3 !== 0).slice(0, 4);
        out.push({
          disclosure: makeDisclosure({
            department: `${region}${type}`,
            region,
            year,
            lines: items.map(([code], i) => ({ code, basic: (k * 7 + i) * 1_000_000, project: i * 500_000 })),
            // the same project names in several departments, and one with two codes
            projects: PROJECTS.filter((_, i) => (i + k) % 2 === 0).map((name, i) => ({
              name,
              code: name === "信息化建设" ? `X${k % 2}` : `P${i}`,
              amount: 1_000_000 * (i + 1),
            })),
          }),
          status: "published",
        });
      }
  return out;
}

describe("compareText", () => {
  it("orders as UTF-8 bytes do, astral characters and private-use ones included", () => {
    const pool = ["a", "Z", "局", "財", "\u{20000}", "\u{2A6D6}", "\uE000", "\uFF01", "\uFFFD", "甲", ""];
    const words: string[] = [];
    for (const x of pool) for (const y of pool) words.push(x + y, x);
    const sign = (n: number) => Math.sign(n);
    for (const a of words)
      for (const b of words)
        expect(sign(compareText(a, b)), `${a} vs ${b}`).toBe(sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });
});

for (const backend of BACKENDS) {
  describe(`searches on ${backend}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(backend);
      const docs = documents();
      // half in batches, half one by one; then the whole lot again (unchanged) and corrections
      await saveDisclosures(t.store, docs.slice(0, 15));
      for (const d of docs.slice(15)) await saveDisclosure(t.store, d);
      await saveDisclosures(t.store, docs);
      const corrected = docs.slice(0, 4).map((d) => ({
        ...d,
        disclosure: { ...d.disclosure, meta: { ...d.disclosure.meta, department: d.disclosure.meta.department } },
      }));
      for (const d of corrected) d.disclosure.explanations[0] = { ...d.disclosure.explanations[0]!, text: "更正" };
      await saveDisclosures(t.store, corrected);
      // a batch with a refused document: saved again one by one (savepoints)
      await saveDisclosures(t.store, [
        { ...docs[5]!, disclosure: { ...docs[5]!.disclosure, meta: { ...docs[5]!.disclosure.meta, year: 0 } } },
        docs[6]!,
      ]);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    /** Every matching term, as the search lists them. */
    async function reference(text: string) {
      const rows = await t.store.db
        .selectFrom("search_terms as s")
        .innerJoin("departments as d", "d.id", "s.department_id")
        .select(["s.id as sid", "s.kind", "s.term", "s.code", "s.year", "d.id", "d.name"])
        .execute();
      const isCode = /^\d{3,7}$/.test(text);
      return rows
        .filter((r) => r.term.includes(text) || (isCode && r.code.startsWith(text)))
        .sort(
          (a, b) =>
            (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) ||
            bytes(a.term, b.term) ||
            bytes(a.name, b.name) ||
            Number(a.sid) - Number(b.sid),
        )
        .map((r) => [r.kind, r.term, r.code, r.year, Number(r.id)]);
    }

    it("gives the reference's total and pages, at every offset", async () => {
      for (const q of [
        "局",
        "财政",
        "信息化",
        "信息化建设",
        "就业补助",
        "公安",
        "2080101",
        "208",
        "行政运行",
        "没有这个词",
      ]) {
        const all = await reference(q);
        for (const [offset, limit] of [
          [0, 20],
          [3, 7],
          [17, 20],
          [all.length - 2, 20],
          [all.length + 5, 20],
        ] as const) {
          const got = await search(t.store, q, { offset: Math.max(0, offset), limit });
          expect(got.total, `${q} total`).toBe(all.length);
          expect(
            got.items.map((h) => [h.kind, h.term, h.code ?? "", h.year, h.department.id]),
            `${q} at ${offset}`,
          ).toEqual(all.slice(Math.max(0, offset), Math.max(0, offset) + limit));
        }
      }
    });

    it("counts each department's term once, however often it was saved", async () => {
      const words = await t.store.db.selectFrom("search_words").select(["id", "terms"]).execute();
      const terms = await t.store.db.selectFrom("search_terms").select("word_id").execute();
      const counted = new Map<number, number>();
      for (const r of terms) counted.set(Number(r.word_id), (counted.get(Number(r.word_id)) ?? 0) + 1);
      for (const w of words) expect(Number(w.terms), `word ${w.id}`).toBe(counted.get(Number(w.id)) ?? 0);
      expect(words.some((w) => Number(w.terms) >= 10)).toBe(true);
    });
  });
}
