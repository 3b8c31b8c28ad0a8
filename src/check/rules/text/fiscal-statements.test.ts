import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { T08, T09, T10, T11 } from "./fiscal-statements.ts";
import { bySeverity, explanation, findings, stmt, w } from "./testing.ts";

/** miniDisclosure: 表4/表5 一般公共预算 120.00 = 208 90.00 + 221 30.00; 基本 90, 项目 30. */
function doc() {
  const d = miniDisclosure();
  const item = (subject: string, code: string | undefined, amount: string) =>
    stmt(5, { subject, ...(code ? { code } : {}), amount: w(amount), change: 0, growth: 0 });
  d.explanations = [
    explanation(4, [
      stmt(4, { subject: "财政拨款收支总预算", amount: w("120.00") }),
      stmt(4, { subject: "一般公共预算拨款", amount: w("120.00") }),
      stmt(4, { subject: "社会保障和就业支出", code: "208", amount: w("90.00") }),
      stmt(4, { subject: "住房保障支出", amount: w("30.00") }),
    ]),
    explanation(5, [
      stmt(5, { subject: "一般公共预算拨款合计", amount: w("120.00") }),
      stmt(5, { subject: "基本支出", amount: w("90.00") }),
      stmt(5, { subject: "项目支出", amount: w("30.00") }),
      stmt(5, { subject: "社会保障和就业支出（类）", code: "208", amount: w("90.00"), share: 7500 }),
      stmt(5, { subject: "住房保障支出（类）", code: "221", amount: w("30.00"), share: 2500 }),
      item("社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）", "2080101", "60.00"),
      item("社会保障和就业支出（类）人力资源和社会保障管理事务（款）综合业务管理（项）", undefined, "30.00"),
      item("住房保障支出（类）住房改革支出（款）住房公积金（项）", "2210201", "30.00"),
      item("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）", undefined, "0.00"),
    ]),
  ];
  return d;
}

describe("T-08 说明四 vs 表4", () => {
  it("passes on agreeing amounts (class by code or by name)", () => expect(findings(T08, doc())).toEqual([]));
  it("reports a class amount that differs", () => {
    const d = doc();
    d.explanations[0]!.statements[3]!.amount = w("31.00");
    const f = findings(T08, d);
    expect(f).toHaveLength(1);
    expect(f[0]!.location).toMatchObject({ table: 4, row: "221 住房保障支出" });
  });
});

describe("T-09 说明五（一）vs 表5", () => {
  it("passes", () => expect(findings(T09, doc())).toEqual([]));
  it("reports 项目支出 differing from 表5", () => {
    const d = doc();
    d.explanations[1]!.statements[2]!.amount = w("31.00");
    expect(findings(T09, d)[0]).toMatchObject({ severity: "error", location: { table: 5 } });
  });
});

describe("T-10 说明五（二）class amounts and shares", () => {
  it("passes", () => expect(findings(T10, doc())).toEqual([]));
  it("reports a wrong share at its position", () => {
    const d = doc();
    d.explanations[1]!.statements[4]!.share = 2501;
    const f = findings(T10, d);
    expect(f).toHaveLength(1);
    expect(f[0]!.location.section).toBe("说明五（二）第 2 项");
  });
});

describe("T-11 one entry per non-zero 项", () => {
  it("passes, resolving a code from names and allowing an item that fell to 0", () =>
    expect(findings(T11, doc())).toEqual([]));
  it("reports a 表5 item the text leaves out, and an amount that differs", () => {
    const d = doc();
    d.explanations[1]!.statements.splice(7, 1);
    d.explanations[1]!.statements[5]!.amount = w("61.00");
    const f = findings(T11, d);
    expect(bySeverity(f).error).toBe(2);
    expect(f.map((x) => x.location.row)).toEqual(["2080101 行政运行", "2210201 住房公积金"]);
  });
});
