/**
 * A table that prints each row's codes at the top of its tall cells and the name (and some
 * amounts) centred lower: 上海市普陀区财政局 2024 决算, 表6 一般公共预算财政拨款基本支出决算表 (pp16–17), in
 * two blocks side by side. The left block prints "301 01" over "基本工资 262.33"; the right one
 * prints "302" alone over "01 办公费 21.21" (its 款 level with the name), a wrapped name's 款 between
 * its lines ("302 因公出国（境）费" / "12" / "用"), and a page that starts with such a row ("303 05 302"
 * over "生活补助 25 专用燃料费"). Read before as a code-only row and a row without a code, the 款 glued
 * to the name ("01办公费"), the lone "302" lines dropped as page numbers, and the page's first row
 * taken for a heading: the table was unreliable. (src/import/grid/rows.ts codeOwner and kuanToken;
 * src/import/grid/regions.ts amountsBelow, startsWithCode)
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";

const file = fileURLToPath(new URL("../fixtures/corpus/shanghai-putuo-caizhengju-2024-juesuan.pdf", import.meta.url));

describe("codes at the top of tall cells, names and amounts centred lower", () => {
  it("上海市普陀区财政局 2024 表6: every row with its code, name and amount", async () => {
    const r = await importFile(file);
    const t = r.disclosure?.tables.find((x) => x.no === 6);
    expect(t?.reading?.status).toBe("reliable");
    const byCode = new Map((t?.rows ?? []).map((row) => [row.code, row.cells]));
    expect(byCode.get("30101")).toEqual(["30101", "基本工资", 262_330_000]);
    expect(byCode.get("30108")).toEqual(["30108", "机关事业单位基本养老保险缴费", 160_750_000]);
    expect(byCode.get("30201")).toEqual(["30201", "办公费", 21_210_000]);
    expect(byCode.get("30212")).toEqual(["30212", "因公出国(境)费用", null]);
    expect(byCode.get("30299")).toEqual(["30299", "其他商品和服务支出", 11_530_000]);
    expect(byCode.get("30305")).toEqual(["30305", "生活补助", null]);
    expect(byCode.get("30225")).toEqual(["30225", "专用燃料费", null]);
    expect(byCode.get("31007")).toEqual(["31007", "信息网络及软件购置更新", null]);
    // no row without a code but the two totals, and no code without a name
    const uncoded = (t?.rows ?? []).filter((row) => !row.code).map((row) => row.label);
    expect(uncoded).toEqual(["人员经费合计", "公用经费合计"]);
    expect((t?.rows ?? []).filter((row) => !row.label)).toEqual([]);
  });
});
