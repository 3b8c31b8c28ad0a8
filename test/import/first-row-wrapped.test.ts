/**
 * A page that begins with a tall row: the row's label wrapped in its cell, its amounts centred
 * beside it, so the label's first lines print above the page's first line of amounts. They are the
 * row's, not the header's (src/import/grid/regions.ts, cellLinesAbove). Real documents, as published:
 * - 国家信访局 2026 p8, 支出预算表 continued: 2080505 "机关事业单位基本养老保险缴费支出" printed over
 *   two lines around its amounts (read before as "出");
 * - 广州市应急管理局 2026 p29, 项目支出表 continued: a project of four lines around 138.01 (read before
 *   from its third line on);
 * - 杭州市公安局 2026 p33, 项目支出表 continued: "杭州市公安局交通治安分局(水上交通治安事务综合业务管理
 *   治安分局)" (read before as "交通治安事务综合业务管理治安分局)").
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";

const regions = (name: string) => fileURLToPath(new URL(`../fixtures/regions/${name}`, import.meta.url));

async function rowsOn(file: string, page: number) {
  const r = await importFile(regions(file));
  if (!r.disclosure) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.disclosure.tables.flatMap((t) => t.rows.filter((row) => row.page === page).map((row) => ({ t: t.id, row })));
}

describe("the first row of a page, its label wrapped around its amounts", () => {
  it("国家信访局 2026 p8: 2080505 keeps its whole name", async () => {
    const rows = await rowsOn("central-xinfangju-2026-yusuan.pdf", 8);
    const first = rows.find((r) => r.row.code === "2080505");
    expect(first?.row.label).toBe("机关事业单位基本养老保险缴费支出");
    // and no heading took its first line
    expect(rows.some((r) => r.row.label === "出")).toBe(false);
  });

  it("广州市应急管理局 2026 p29 and 杭州市公安局 2026 p33: the projects' whole names", async () => {
    const gz = await rowsOn("guangzhou-yingjiju-2026-yusuan.pdf", 29);
    expect(gz[0]?.row.label).toBe(
      "广州市安全生产应急救援指挥中心(广州市防汛防旱防风应急救援指挥中心)2026-2027年信息化运维项目",
    );
    expect(gz[0]?.row.cells).toContain(138_010_000);
    const hz = await rowsOn("hangzhou-gonganju-2026-yusuan.pdf", 33);
    expect(hz.map((r) => r.row.label)).toContain("杭州市公安局交通治安分局(水上交通治安事务综合业务管理治安分局)");
  });
});
