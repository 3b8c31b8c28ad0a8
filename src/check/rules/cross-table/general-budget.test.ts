import { describe, expect, it } from "vitest";
import { findingsOf, makeDisclosure, miniDisclosure, runRule, wan, withCell } from "../../testing.ts";
import { K18, K19, K20, K21, K24 } from "./general-budget.ts";

describe("K-18 … K-24", () => {
  it("pass a consistent disclosure", () => {
    const d = miniDisclosure();
    for (const r of [K18, K19, K20, K21, K24]) expect(findingsOf(r, d)).toEqual([]);
  });

  it("K-18: 表4 类 vs 表5 类 and 表2 财政拨款小计", () => {
    const d = withCell(miniDisclosure(), 5, "221", "total", wan("29.00"));
    expect(findingsOf(K18, d)).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ table: 4, row: "221 住房保障支出", column: "财政拨款支出/一般公共预算" }),
      }),
    ]);
    const d2 = withCell(miniDisclosure(), 2, "221", "fiscalSubtotal", wan("29.00"));
    expect(findingsOf(K18, d2)[0]?.location.column).toBe("财政拨款支出/合计");
  });

  it("K-19: 表5 总计 vs 表4 一般公共预算 支出总计", () => {
    const d = withCell(miniDisclosure(), 5, "总计", "total", wan("119.00"));
    expect(findingsOf(K19, d)[0]).toMatchObject({ location: { table: 5, row: "总计" }, difference: "-1.00" });
  });

  it("K-20: 表5 row vs 表2 一般公共预算 + 上级转移; a 表2 row missing from 表5", () => {
    const d = withCell(miniDisclosure(), 2, "2080104", "upperTransferGeneral", wan("21.00"));
    expect(findingsOf(K20, d)[0]).toMatchObject({ location: { table: 5, row: "2080104 综合业务管理" } });
    const d2 = withCell(miniDisclosure(), 2, "2080704", "generalBudget", wan("1.00"));
    expect(findingsOf(K20, d2)[0]).toMatchObject({
      actual: "（空）",
      location: { table: 5, row: "2080704 社会保险补贴" },
    });
  });

  it("K-21: 表5 基本 > 表3 基本; project identity", () => {
    const d = withCell(miniDisclosure(), 5, "2080101", "basic", wan("61.00"));
    expect(findingsOf(K21, d).some((f) => f.severity === "error" && f.location.table === 5)).toBe(true);
    const d2 = withCell(miniDisclosure(), 3, "2080704", "project", wan("6.00"));
    expect(findingsOf(K21, d2)[0]).toMatchObject({
      location: { table: 3, row: "2080704 社会保险补贴", column: "项目支出" },
    });
  });

  it("K-24: 表6 总计 vs 表5 基本支出", () => {
    const d = withCell(miniDisclosure(), 6, "总计", "total", wan("91.00"));
    expect(findingsOf(K24, d)[0]).toMatchObject({ location: { table: 6, row: "总计" } });
  });

  it("not checked without 表5", () => {
    const d = makeDisclosure(miniDisclosure().tables.filter((t) => t.no !== 5));
    for (const r of [K18, K19, K20, K21, K24]) expect(runRule(r, d)).toHaveProperty("notChecked");
  });
});
