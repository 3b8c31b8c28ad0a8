/**
 * The bulk path (saveDisclosures) on both engines: one transaction per batch, and still
 * all-or-nothing per document — a document refused by the checks or by the database half-way is
 * left out alone, the rest of the batch is saved, and what is saved reads back as a single save
 * would have left it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../check/index.ts";
import {
  aggregate,
  countDisclosures,
  findCurrent,
  getDisclosure,
  getTable,
  listDepartments,
  listFacts,
  listFindings,
  listHistory,
  type Saved,
  type SaveInput,
  saveDisclosure,
  saveDisclosures,
  search,
} from "./index.ts";
import { BACKENDS, openTestStore, type TestStore } from "./test-stores.ts";
import { makeDisclosure } from "./testing.ts";

for (const backend of BACKENDS) {
  describe(`bulk saves on ${backend}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(backend);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    /** facts (or rollups) of one disclosure that are flagged current / not */
    const flags = async (table: "facts" | "rollups", id: number) =>
      (await t.store.db.selectFrom(table).select("is_current").where("disclosure_id", "=", id).execute()).map(
        (r) => r.is_current,
      );

    it("saves a whole batch as single saves would, versions of one identity in order", async () => {
      const a2024 = makeDisclosure({ department: "批甲局", region: "批市", year: 2024 });
      const a2025 = makeDisclosure({ department: "批甲局", region: "批市", year: 2025 });
      const b = makeDisclosure({ department: "批乙局", region: "批市", year: 2025, explanation: "乙" });
      // a correction of a2025 in the same batch: version 2 becomes current, version 1 is not
      const a2025b = makeDisclosure({
        department: "批甲局",
        region: "批市",
        year: 2025,
        lines: [{ code: "2010101", basic: 100_000_000, project: 5_000_000 }],
      });
      const report = check(a2024);
      const inputs: SaveInput[] = [
        { disclosure: a2024, status: "published", report },
        { disclosure: a2025, status: "published" },
        { disclosure: b, status: "published" },
        { disclosure: a2025b, status: "published" },
        // the same content again: unchanged, not a version
        { disclosure: b, status: "published" },
      ];
      const before = await countDisclosures(t.store);
      const out = await saveDisclosures(t.store, inputs);
      expect(out.map((o) => o.ok)).toEqual([true, true, true, true, true]);
      const saved = out.map((o) => (o.ok ? o.saved : undefined));
      expect(await countDisclosures(t.store)).toBe(before + 4);
      expect(saved.map((s) => [s?.version, s?.unchanged])).toEqual([
        [1, false],
        [1, false],
        [1, false],
        [2, false],
        [1, true],
      ]);
      expect(saved[4]?.id).toBe(saved[2]?.id);
      const all = saved.filter((x) => x !== undefined);
      expect(all.length).toBe(5);
      const [s2024, s2025, sb, s2025b] = all as [Saved, Saved, Saved, Saved];
      expect(s2025.departmentId).toBe(s2024.departmentId);
      expect(await getDisclosure(t.store, s2024.id)).toEqual(a2024);
      expect(await listFindings(t.store, s2024.id)).toEqual(report.findings);
      expect((await listFacts(t.store, sb.id)).total).toBe(b.facts.length);
      expect((await getTable(t.store, sb.id, 3))?.rows.map((r) => r.cells)).toEqual(
        b.tables.find((x) => x.no === 3)?.rows.map((r) => r.cells),
      );
      // the replaced version's rows left the current set though they were written in one batch
      expect((await findCurrent(t.store, s2025.departmentId, 2025))?.id).toBe(s2025b.id);
      expect(new Set(await flags("facts", s2025.id))).toEqual(new Set([0]));
      expect(new Set(await flags("rollups", s2025.id))).toEqual(new Set([0]));
      expect(new Set(await flags("facts", s2025b.id))).toEqual(new Set([1]));
      expect((await listHistory(t.store, s2025.departmentId)).map((h) => [h.year, h.version, h.isCurrent])).toEqual([
        [2025, 2, true],
        [2025, 1, false],
        [2024, 1, true],
      ]);
      // aggregates from the rollups agree with the facts, and count the correction only
      for (const by of ["functionClass", "department", "fund"] as const) {
        const q = { by, region: "批市" };
        expect(await aggregate(t.store, q, { cache: false })).toEqual(await aggregate(t.store, q, { source: "facts" }));
      }
      const byYear = await aggregate(t.store, { by: "year", region: "批市" }, { cache: false });
      expect(byYear.items.find((i) => i.key === "2025")?.disclosures).toBe(2);
      // search terms of the batch, with the latest year a term was seen in
      const hits = await search(t.store, "批甲局");
      expect(hits.items.map((h) => [h.department.name, h.year])).toEqual([["批甲局", 2025]]);
    });

    it("leaves out a refused document alone: by the checks, or by the database half-way", async () => {
      const before = await countDisclosures(t.store);
      const good1 = makeDisclosure({ department: "好一局", region: "拒市", year: 2025 });
      const noName = makeDisclosure({ department: "   ", region: "拒市", year: 2025 });
      const good2 = makeDisclosure({ department: "好二局", region: "拒市", year: 2025 });
      // a finding without a rule violates NOT NULL on both engines: written after the department,
      // the disclosure and its facts, so the database refuses the document half-way
      const broken = makeDisclosure({ department: "坏批局", region: "拒市", year: 2025 });
      const report = { findings: [{ rule: null } as never], summary: { errors: 1, warnings: 0, notices: 0 } };
      const good3 = makeDisclosure({ department: "好三局", region: "拒市", year: 2025 });
      const out = await saveDisclosures(t.store, [
        { disclosure: good1, status: "published" },
        { disclosure: noName, status: "published" },
        { disclosure: good2, status: "published" },
        { disclosure: broken, status: "published", report },
        { disclosure: good3, status: "published" },
      ]);
      expect(out.map((o) => o.ok)).toEqual([true, false, true, false, true]);
      const refused = out.flatMap((o) => (o.ok ? [] : [o.error.message]));
      expect(refused[0]).toMatch(/部门/);
      expect(refused[1]).toMatch(/^数据库拒绝保存此文件/);
      expect(await countDisclosures(t.store)).toBe(before + 3);
      for (const [i, d] of [
        [0, good1],
        [2, good2],
        [4, good3],
      ] as const) {
        const o = out[i];
        expect(o?.ok).toBe(true);
        if (o?.ok) {
          expect(await getDisclosure(t.store, o.saved.id)).toEqual(d);
          expect((await listFacts(t.store, o.saved.id)).total).toBe(d.facts.length);
          expect(new Set(await flags("rollups", o.saved.id))).toEqual(new Set([1]));
        }
      }
      // nothing of the refused document: no department, disclosure, facts, rollups or terms
      expect((await listDepartments(t.store, { q: "坏批局" })).total).toBe(0);
      expect((await search(t.store, "坏批局")).total).toBe(0);
      const orphans = await t.store.db
        .selectFrom("facts")
        .select("disclosure_id")
        .where("disclosure_id", "not in", t.store.db.selectFrom("disclosures").select("id"))
        .execute();
      expect(orphans).toEqual([]);
      const orphanRollups = await t.store.db
        .selectFrom("rollups")
        .select("disclosure_id")
        .where("disclosure_id", "not in", t.store.db.selectFrom("disclosures").select("id"))
        .execute();
      expect(orphanRollups).toEqual([]);
      // and the refused document saves on its own once its report is sound
      const alone = await saveDisclosure(t.store, { disclosure: broken, status: "published" });
      expect(alone.version).toBe(1);
    });
  });
}
