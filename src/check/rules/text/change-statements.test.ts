import { describe, expect, it } from "vitest";
import { T04, T05, T06, T07, T12, T13 } from "./change-statements.ts";
import { bySeverity, emptyDisclosure, explanation, findings, run, stmt, w } from "./testing.ts";

/** 收入: A 60 (+10), B 40 (−5); 支出: 基本 70 (+2), 项目 30 (+3); 五: 基本 50 (+2), 项目 10 (+3), 2 items. */
function doc() {
  const d = emptyDisclosure();
  const c = (subject: string, amount: string, change: string, growth: number, no: number, code?: string) =>
    stmt(no, {
      subject,
      amount: w(amount),
      change: w(change),
      growth,
      reason: "原因",
      ...(code ? { code } : {}),
      text: `${subject}${amount} 万元，比上年${change.startsWith("-") ? "减少" : "增加"}，${growth < 0 ? "下降" : "增长"} ${Math.abs(growth) / 100}%，主要原因是原因`,
    });
  d.explanations = [
    explanation(2, [c("一般公共预算", "60.00", "10.00", 2000, 2), c("单位资金", "40.00", "-5.00", -1111, 2)]),
    explanation(3, [c("基本支出", "70.00", "2.00", 294, 3), c("项目支出", "30.00", "3.00", 1111, 3)]),
    explanation(5, [
      c("基本支出", "50.00", "2.00", 417, 5),
      c("项目支出", "10.00", "3.00", 4286, 5),
      c("社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）", "50.00", "2.00", 417, 5, "2080101"),
      c(
        "社会保障和就业支出（类）人力资源和社会保障管理事务（款）综合业务管理（项）",
        "10.00",
        "3.00",
        4286,
        5,
        "2080104",
      ),
    ]),
  ];
  d.otherMatters.officeOperatingCost = c("机关运行经费", "5.00", "-1.00", -1667, 12);
  return d;
}

describe("T-04 增减 sentences outside 说明五（三）", () => {
  it("passes on consistent changes (including 机关运行经费)", () => expect(findings(T04, doc())).toEqual([]));
  it("locates a wrong rate at its section and subject", () => {
    const d = doc();
    d.otherMatters.officeOperatingCost!.growth = -1600;
    const f = findings(T04, d);
    expect(f).toHaveLength(1);
    expect(f[0]!.location.section).toBe("说明十二（一）机关运行经费");
  });
  it("is not checked without any change", () => expect(run(T04, emptyDisclosure())).toHaveProperty("notChecked"));
});

describe("T-12 说明五（三）items", () => {
  it("passes and numbers items in order", () => expect(findings(T12, doc())).toEqual([]));
  it("locates an error as 说明五（三）第 n 项 with the code", () => {
    const d = doc();
    d.explanations[2]!.statements[3]!.growth = 4285;
    const f = findings(T12, d);
    expect(f[0]!.location).toMatchObject({ section: "说明五（三）第 2 项" });
    expect(f[0]!.location.row).toContain("2080104");
  });
  it("warns (not errors) on 增长 100.00% from zero", () => {
    const d = doc();
    Object.assign(d.explanations[2]!.statements[3]!, { change: w("10.00"), growth: 10000 });
    expect(bySeverity(findings(T12, d))).toEqual({ error: 0, warning: 1, notice: 0 });
  });
});

describe("T-05 … T-07, T-13 prior-year reconstruction", () => {
  it("passes when prior years agree", () => {
    for (const r of [T05, T07, T13]) expect(findings(r, doc())).toEqual([]);
  });
  it("reports an income change that breaks the prior-year balance", () => {
    const d = doc();
    d.explanations[0]!.statements[0]!.change = w("11.00");
    expect(bySeverity(findings(T05, d)).error).toBe(1);
    expect(bySeverity(findings(T07, d)).error).toBe(1);
  });
  it("treats a 0.01 difference as rounding (notice)", () => {
    const d = doc();
    d.explanations[0]!.statements[0]!.change = w("10.01");
    expect(bySeverity(findings(T07, d))).toEqual({ error: 0, warning: 0, notice: 1 });
  });
  it("T-06 compares 说明五 with 一般公共预算 + 上级转移 of 说明二", () => {
    // 说明二 prior for 一般公共预算 = 50; 说明五 prior = 48 + 7 = 55 → error.
    expect(bySeverity(findings(T06, doc())).error).toBe(1);
  });
  it("T-13 reports items whose changes do not add up", () => {
    const d = doc();
    d.explanations[2]!.statements[2]!.change = w("3.00");
    expect(findings(T13, d)[0]!.location.section).toBe("说明五（三）");
  });
});
