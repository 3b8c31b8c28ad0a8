/**
 * A disclosure's identity in the store (both engines): government (province, city, county),
 * department, year and kind. Two identities are never merged; a department needs a name; the
 * same content again is "unchanged", not a new version.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countDisclosures, getRecord, listDepartments, listHistory, saveDisclosure } from "./index.ts";
import { BACKENDS, openTestStore, type TestStore } from "./test-stores.ts";
import { makeDisclosure } from "./testing.ts";

for (const backend of BACKENDS) {
  describe(`identity on ${backend}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(backend);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it("files by identity: government, department, year and kind; never merges two", async () => {
      const mk = (department: string, kind: "budget" | "finalAccounts" = "budget", city?: string) => {
        const d = makeDisclosure({ department, year: 2031 });
        delete d.meta.region;
        d.meta.kind = kind;
        if (city) d.meta.city = city;
        return d;
      };
      // one name, two cities (a name printed without its city, the city from the cover)
      const wuxi = mk("教育局", "budget", "无锡市");
      wuxi.meta.region = "江苏";
      const suzhou = mk("教育局", "budget", "苏州市");
      suzhou.meta.region = "江苏";
      const a = await saveDisclosure(t.store, { disclosure: wuxi, status: "published" });
      const b = await saveDisclosure(t.store, { disclosure: suzhou, status: "published" });
      expect(b.departmentId).not.toBe(a.departmentId);
      expect([a.version, b.version]).toEqual([1, 1]);
      // the government from the department's name, not a template's region
      const gz = await saveDisclosure(t.store, { disclosure: mk("广州市应急管理局"), status: "published" });
      expect((await getRecord(t.store, gz.id))?.department).toMatchObject({
        region: "广东",
        city: "广州市",
        county: "",
        level: "city",
      });
      // 预算 and 决算 of one department and year are two disclosures, each its own 第 1 版
      const pt1 = await saveDisclosure(t.store, { disclosure: mk("上海市普陀区财政局"), status: "published" });
      const pt2 = await saveDisclosure(t.store, {
        disclosure: mk("上海市普陀区财政局", "finalAccounts"),
        status: "published",
      });
      expect(pt2.departmentId).toBe(pt1.departmentId);
      expect([pt1.version, pt2.version]).toEqual([1, 1]);
      expect((await getRecord(t.store, pt1.id))?.department).toMatchObject({ region: "上海", county: "普陀区" });
    });

    it("refuses a department without a name, or a blank template's cover words, in Chinese", async () => {
      const before = await countDisclosures(t.store);
      for (const name of ["", "  ", "年度", "2024年度"]) {
        const d = makeDisclosure({ department: "x", year: 2031 });
        d.meta.department = name;
        await expect(saveDisclosure(t.store, { disclosure: d, status: "published" }), name).rejects.toThrow(
          /部门名称.*不能作为部门保存/,
        );
      }
      expect(await countDisclosures(t.store)).toBe(before);
      expect((await listDepartments(t.store, { q: "年度" })).total).toBe(0);
    });

    it("an identical save is unchanged, not a new version; the same content from another path too", async () => {
      const d = makeDisclosure({ department: "庚市重复局", region: "庚市", year: 2031 });
      const s1 = await saveDisclosure(t.store, { disclosure: d, status: "published" });
      const again = { ...d, provenance: { ...d.provenance, source: "/elsewhere/copy.txt" } };
      const s2 = await saveDisclosure(t.store, { disclosure: again, status: "published" });
      expect(s2).toEqual({ ...s1, unchanged: true });
      expect((await listHistory(t.store, s1.departmentId)).map((h) => h.version)).toEqual([1]);
      // a changed document is a correction
      const changed = makeDisclosure({
        department: "庚市重复局",
        region: "庚市",
        year: 2031,
        lines: [{ code: "2010101", basic: 100_000_000, project: 5_000_000 }],
      });
      const s3 = await saveDisclosure(t.store, { disclosure: changed, status: "published" });
      expect(s3).toMatchObject({ version: 2, unchanged: false });
    });
  });
}
