import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../check/index.ts";
import {
  aggregate,
  countDisclosures,
  createToken,
  deleteDraft,
  diffDisclosures,
  findCurrent,
  findPrincipal,
  getCurrentContent,
  getDisclosure,
  getRecord,
  getSourceFile,
  getTable,
  listDepartments,
  listFacts,
  listFindings,
  listHistory,
  listRegions,
  listYears,
  publishDisclosure,
  StoreError,
  saveDisclosure,
  search,
} from "./index.ts";
import { BACKENDS, openTestStore, type TestStore } from "./test-stores.ts";
import { makeDisclosure } from "./testing.ts";

for (const backend of BACKENDS) {
  describe(`store on ${backend}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(backend);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it("saves a disclosure in one transaction and reads everything back", async () => {
      const d = makeDisclosure({ department: "甲市人社局", region: "甲市", year: 2025 });
      const report = check(d);
      report.findings.push({ rule: "test.rule", severity: "warning", message: "示例", location: { table: 3 } });
      report.summary.warnings++;
      const bytes = new TextEncoder().encode("原始文本");
      const saved = await saveDisclosure(t.store, {
        disclosure: d,
        report,
        source: { name: "a.txt", bytes },
        status: "published",
      });
      expect(saved.version).toBe(1);
      const rec = await getRecord(t.store, saved.id);
      expect(rec).toMatchObject({
        year: 2025,
        status: "published",
        isCurrent: true,
        department: { name: "甲市人社局", region: "甲市" },
        summary: report.summary,
      });
      expect(typeof rec?.totalExpenditureFen).toBe("number");
      expect(await getDisclosure(t.store, saved.id)).toEqual(d);
      const table = await getTable(t.store, saved.id, 3);
      expect(table?.rows[0]?.cells).toEqual(d.tables.find((x) => x.no === 3)?.rows[0]?.cells);
      const facts = await listFacts(t.store, saved.id);
      expect(facts.total).toBe(d.facts.length);
      expect(typeof facts.items[0]?.amountFen).toBe("number");
      expect(facts.items.find((f) => f.functionCode === "2080101" && f.table === "expenditure")).toBeTruthy();
      expect(await listFindings(t.store, saved.id)).toEqual(report.findings);
      // a first render's read: the current body with its findings, in order
      expect(await getCurrentContent(t.store, saved.departmentId, 2025)).toEqual({
        id: saved.id,
        disclosure: d,
        findings: report.findings,
      });
      expect(await getCurrentContent(t.store, saved.departmentId, 2024)).toBeUndefined();
      const file = await getSourceFile(t.store, rec!.sourceFile!.id);
      expect(Buffer.from(file!.bytes).toString()).toBe("原始文本");
      expect(file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it("leaves nothing behind when a save fails", async () => {
      const before = await countDisclosures(t.store);
      const d = makeDisclosure({ department: "失败局", region: "甲市" });
      // a finding without a rule violates NOT NULL on both engines: the last insert of the save,
      // after the department, disclosure, tables and facts went in
      const report = { findings: [{ rule: null } as never], summary: { errors: 1, warnings: 0, notices: 0 } };
      await expect(
        saveDisclosure(t.store, { disclosure: d, report, source: { name: "x", bytes: new Uint8Array([1]) } }),
      ).rejects.toThrow();
      expect(await countDisclosures(t.store)).toBe(before);
      expect((await listDepartments(t.store, { q: "失败局" })).total).toBe(0);
      const { n } = await t.store.db
        .selectFrom("facts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .innerJoin("departments", "departments.id", "facts.department_id")
        .where("departments.name", "=", "失败局")
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(0);
    });

    it("rejects a disclosure that does not match the model", async () => {
      const before = await countDisclosures(t.store);
      const bad = makeDisclosure({ department: "无效局", region: "甲市" });
      (bad.facts[5] as { amount: unknown }).amount = "not a number";
      await expect(saveDisclosure(t.store, { disclosure: bad })).rejects.toThrow(/Disclosure/);
      expect(await countDisclosures(t.store)).toBe(before);
      expect((await listDepartments(t.store, { q: "失败局" })).total).toBe(0);
    });

    it("refuses two tables with one printed number (facts would point at the wrong one), saying which", async () => {
      const before = await countDisclosures(t.store);
      const bad = makeDisclosure({ department: "重号局", region: "甲市" });
      bad.tables.push({ ...bad.tables[2]!, title: "国有资本经营预算财政拨款支出决算表" });
      await expect(saveDisclosure(t.store, { disclosure: bad })).rejects.toThrow(/表3 出现了两次.*国有资本经营/);
      expect(await countDisclosures(t.store)).toBe(before);
    });

    it("keeps published versions immutable; a correction is a new version", async () => {
      const d1 = makeDisclosure({ department: "乙县财政局", region: "乙县", year: 2024 });
      const s1 = await saveDisclosure(t.store, { disclosure: d1, status: "published" });
      await expect(publishDisclosure(t.store, s1.id)).rejects.toBeInstanceOf(StoreError);
      await expect(deleteDraft(t.store, s1.id)).rejects.toThrow(/已发布/);
      const d2 = makeDisclosure({
        department: "乙县财政局",
        region: "乙县",
        year: 2024,
        lines: [{ code: "2010101", basic: 100_000_000, project: 5_000_000 }],
      });
      const s2 = await saveDisclosure(t.store, { disclosure: d2 });
      expect(s2.version).toBe(2);
      expect(s2.departmentId).toBe(s1.departmentId);
      expect((await findCurrent(t.store, s1.departmentId, 2024))?.id).toBe(s1.id);
      await publishDisclosure(t.store, s2.id);
      expect((await findCurrent(t.store, s1.departmentId, 2024))?.id).toBe(s2.id);
      const history = await listHistory(t.store, s1.departmentId);
      expect(history.map((h) => [h.version, h.isCurrent])).toEqual([
        [2, true],
        [1, false],
      ]);
      const diff = diffDisclosures((await getDisclosure(t.store, s1.id))!, (await getDisclosure(t.store, s2.id))!);
      expect(diff.cells.length).toBeGreaterThan(0);
      // the old version's facts no longer count in aggregates
      const agg = await aggregate(t.store, { by: "department", region: "乙县" });
      expect(agg.items).toEqual([
        { key: String(s1.departmentId), label: "乙县财政局", amountFen: 105_000_000, disclosures: 1 },
      ]);
    });

    it("deletes drafts completely", async () => {
      const s = await saveDisclosure(t.store, { disclosure: makeDisclosure({ department: "草稿局", region: "丙市" }) });
      await deleteDraft(t.store, s.id);
      expect(await getRecord(t.store, s.id)).toBeUndefined();
      expect((await listFacts(t.store, s.id)).total).toBe(0);
    });

    it("aggregates as numbers on both dialects, without double counting 类/款/项", async () => {
      const d = makeDisclosure({ department: "丁市卫健委", region: "丁市", year: 2025 });
      await saveDisclosure(t.store, { disclosure: d, status: "published" });
      const byClass = await aggregate(t.store, { by: "functionClass", region: "丁市" });
      const total = d.tables.find((x) => x.id === "expenditure")!.rows[0]!.cells[4] as number;
      expect(byClass.totalAmountFen).toBe(total);
      expect(typeof byClass.items[0]?.amountFen).toBe("number");
      expect(byClass.items[0]).toMatchObject({ key: "208", label: "社会保障和就业支出" });
      const byYear = await aggregate(t.store, { by: "year", region: "丁市" });
      expect(byYear.items).toEqual([{ key: "2025", label: "2025", amountFen: total, disclosures: 1 }]);
      const econ = await aggregate(t.store, { by: "economicClass", region: "丁市" });
      expect(econ.items.map((i) => i.key).sort()).toEqual(["301", "302", "303"]);
      const fund = await aggregate(t.store, { by: "fund", region: "丁市" });
      expect(fund.totalAmountFen).toBe(total);
      const tp = await aggregate(t.store, { by: "threePublicItem", region: "丁市" });
      expect(tp.items.map((i) => i.key)).toContain("officialVehicles");
      const paged = await aggregate(t.store, { by: "functionClass", region: "丁市", limit: 1, offset: 1 });
      expect(paged.items).toHaveLength(1);
      expect(paged.total).toBe(byClass.total);
    });

    it("answers aggregates from the rollups exactly as from the facts", async () => {
      // a corrected second version: only the current one may count
      const d1 = makeDisclosure({ department: "己市教育局", region: "己市", year: 2025 });
      const s1 = await saveDisclosure(t.store, { disclosure: d1, status: "published" });
      const d2 = makeDisclosure({
        department: "己市教育局",
        region: "己市",
        year: 2025,
        lines: [{ code: "2050101", basic: 300_000_000, project: 7_000_000 }],
      });
      await saveDisclosure(t.store, { disclosure: d2, status: "published" });
      await saveDisclosure(t.store, { disclosure: makeDisclosure({ department: "己市草稿局", region: "己市" }) });
      const rows = await t.store.db
        .selectFrom("rollups")
        .select("is_current")
        .where("disclosure_id", "=", s1.id)
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.is_current === 0)).toBe(true);
      for (const by of [
        "functionClass",
        "economicClass",
        "fund",
        "threePublicItem",
        "year",
        "region",
        "department",
      ] as const)
        for (const metric of ["expenditure", "basic", "project", "income", "threePublic"] as const)
          for (const filter of [
            {},
            { region: "己市" },
            { year: 2025 },
            { functionClass: "205" },
            { functionClass: "208" },
          ]) {
            const q = { by, metric, ...filter, limit: 1000 };
            const fast = await aggregate(t.store, q, { cache: false });
            const slow = await aggregate(t.store, q, { source: "facts" });
            expect(fast, JSON.stringify(q)).toEqual(slow);
          }
      const edu = await aggregate(t.store, { by: "department", region: "己市" }, { cache: false });
      expect(edu.items).toEqual([
        expect.objectContaining({ label: "己市教育局", amountFen: 307_000_000, disclosures: 1 }),
      ]);
    });

    it("lists departments, regions, years and searches with literal wildcards", async () => {
      await saveDisclosure(t.store, {
        disclosure: makeDisclosure({ department: "戊市100%_测试'局", region: "戊市", year: 2023 }),
        status: "published",
      });
      const page = await listDepartments(t.store, { limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.total).toBeGreaterThanOrEqual(4);
      expect((await listDepartments(t.store, { q: "%" })).items.map((d) => d.name)).toEqual(["戊市100%_测试'局"]);
      expect((await listDepartments(t.store, { q: "_" })).total).toBe(1);
      expect((await search(t.store, "100%_")).items[0]?.department.name).toBe("戊市100%_测试'局");
      expect((await search(t.store, "' or 1=1 --")).total).toBe(0);
      expect((await search(t.store, "%%")).total).toBe(0);
      const fn = await search(t.store, "2080101");
      expect(fn.items.some((h) => h.kind === "function" && h.code === "2080101")).toBe(true);
      const proj = await search(t.store, "就业补助");
      expect(proj.items.some((h) => h.kind === "project")).toBe(true);
      expect((await listRegions(t.store)).map((r) => r.region)).toContain("戊市");
      expect(await listYears(t.store)).toEqual([2025, 2024, 2023]);
      expect(page.items[0]?.years.length).toBeGreaterThanOrEqual(0);
    });

    it("stores tokens hashed and finds principals", async () => {
      const { token } = await createToken(t.store, { name: "管理员", role: "admin" });
      expect(await findPrincipal(t.store, token)).toMatchObject({ role: "admin", departmentId: null });
      expect(await findPrincipal(t.store, `${token}x`)).toBeUndefined();
      const raw = await t.store.db.selectFrom("tokens").select("token_hash").execute();
      expect(raw.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    });
  });
}
