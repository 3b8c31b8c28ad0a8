import { describe, expect, it } from "vitest";
import {
  coded,
  findingsOf,
  makeDisclosure,
  makeTable,
  miniDisclosure,
  runRule,
  total,
  wan,
  withCell,
} from "../../testing.ts";
import { ROW_SUM_RULES } from "./row-sums.ts";

const rule = (id: string) => ROW_SUM_RULES.find((r) => r.id === id)!;

describe("A-T{n}-ROW", () => {
  it("one rule per table with row identities", () => {
    expect(ROW_SUM_RULES.map((r) => r.id)).toEqual([
      "A-T2-ROW",
      "A-T3-ROW",
      "A-T4-ROW",
      "A-T5-ROW",
      "A-T6-ROW",
      "A-T7-ROW",
      "A-T8-ROW",
      "A-T9-ROW",
      "A-T10-ROW",
      "A-T11-ROW",
    ]);
  });

  it("passes a consistent disclosure", () => {
    const d = miniDisclosure();
    for (const r of ROW_SUM_RULES) expect(findingsOf(r, d)).toEqual([]);
  });

  it("reports 合计 ≠ 基本 + 项目 with location and amounts", () => {
    const d = withCell(miniDisclosure(), 3, "2080104", "project", wan("41.00"));
    expect(findingsOf(rule("A-T3-ROW"), d)).toEqual([
      expect.objectContaining({
        rule: "A-T3-ROW",
        severity: "error",
        location: { part: "部门预算公开表", table: 3, row: "2080104 综合业务管理", column: "合计" },
        expected: "41.00",
        actual: "40.00",
        difference: "-1.00",
      }),
    ]);
  });

  it("rounding differences are notices", () => {
    const t3 = makeTable("expenditure", [total({ total: "10.01", basic: "4.00", project: "6.00" })]);
    const f = findingsOf(rule("A-T3-ROW"), makeDisclosure([t3]));
    expect(f.map((x) => x.severity)).toEqual(["notice"]);
  });

  it("a blank 合计 with parts is an error", () => {
    const t3 = makeTable("expenditure", [coded("208", "社会保障和就业支出", { basic: "4.00", project: "6.00" })]);
    const f = findingsOf(rule("A-T3-ROW"), makeDisclosure([t3]));
    expect(f[0]?.message).toContain("合计为空但分项不为空");
  });

  it("two-sided 表4 rows are labelled by their expenditure class", () => {
    const d = withCell(miniDisclosure(), 4, "208", "generalBudget", wan("80.00"));
    expect(findingsOf(rule("A-T4-ROW"), d)[0]?.location.row).toBe("208 社会保障和就业支出");
  });

  it("says not checked when the table is missing", () => {
    expect(runRule(rule("A-T3-ROW"), makeDisclosure([]))).toEqual({ notChecked: "缺少表3（部门支出总体情况表）" });
  });
});
