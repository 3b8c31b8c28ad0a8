import { describe, expect, it } from "vitest";
import { xinjiang2025Budget } from "../../../templates/index.ts";
import { addToCell, findingsOf, makeDisclosure, miniDisclosure, runRule, wan, withCell } from "../../testing.ts";
import { K05, LINE_SUM_RULES, leafLines } from "./line-sums.ts";

const rule = (id: string) => LINE_SUM_RULES.find((r) => r.id === id)!;

describe("A-T{n}-LINES and K-05", () => {
  it("one rule per table with summed lines", () => {
    expect(LINE_SUM_RULES.map((r) => r.id)).toEqual(["A-T1-LINES", "A-T4-LINES", "A-T10-LINES"]);
  });

  it("passes a consistent disclosure", () => {
    const d = miniDisclosure();
    for (const r of [...LINE_SUM_RULES, K05]) expect(findingsOf(r, d)).toEqual([]);
  });

  it("K-04: a 其中 breakdown that does not add up", () => {
    const d = withCell(miniDisclosure(), 1, "generalBudget", "incomeAmount", wan("101.00"));
    const f = findingsOf(rule("A-T1-LINES"), d);
    expect(f).toEqual([
      expect.objectContaining({
        severity: "error",
        location: { part: "部门预算公开表", table: 1, row: "1. 一般公共预算拨款", column: "收入/预算数" },
        expected: "121.00",
        actual: "120.00",
      }),
    ]);
    // the leaf sum (K-05) is a different relation and reports too
    expect(findingsOf(K05, d)[0]?.severity).toBe("error");
  });

  it("K-03 rounding: 本年收入 off by 0.01 is a notice", () => {
    const d = addToCell(miniDisclosure(), 1, "currentYear", "incomeAmount", wan("0.01"));
    // 本年收入 vs its parts, and 收入总计 vs 本年收入 + 上年结转结余: two relations, two notices
    expect(findingsOf(rule("A-T1-LINES"), d).map((f) => [f.severity, f.location.row])).toEqual([
      ["notice", "一、本年收入"],
      ["notice", "收入总计"],
    ]);
  });

  it("表10: 合计 and 公务用车 lines in every amount column", () => {
    const d = withCell(miniDisclosure(), 10, "vehicleOperation", "generalBudget", wan("3.00"));
    const f = findingsOf(rule("A-T10-LINES"), d);
    expect(f).toHaveLength(1);
    expect(f[0]?.location).toMatchObject({
      table: 10,
      row: "公务用车购置及运行费（小计）",
      column: "资金来源/一般公共预算",
    });
  });

  it("leaf lines of 表1 收入总计", () => {
    const leaves = leafLines(xinjiang2025Budget.tables[0]!.lines!, "total");
    expect(leaves).toContain("otherIncome");
    expect(leaves).not.toContain("unitFunds");
    expect(leaves).toHaveLength(17);
  });

  it("not checked without the table", () => {
    expect(runRule(K05, makeDisclosure([]))).toHaveProperty("notChecked");
    expect(runRule(rule("A-T10-LINES"), makeDisclosure([]))).toHaveProperty("notChecked");
  });
});
