import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { T27, T28, T29, T30, T31, T32 } from "./performance-text.ts";
import { bySeverity, findings, indicator, perfTable, run, w } from "./testing.ts";

const cost = (name: string, raw: string) =>
  indicator({ level1: "成本指标", level2: "经济成本指标", name, target: { raw } });

/**
 * miniDisclosure (收支总计 135.00; 表7 "2025年业务项目" 30.00; 表3 项目 45.00) with its 表11 project
 * renamed to the same project's 2024 carry-over (5.00), a merged 绩效表 (30 + 5) and a 单位资金
 * project (10.00).
 */
function doc() {
  const d = miniDisclosure();
  const t11 = d.tables.find((t) => t.no === 11)!;
  t11.rows[2]!.label = "2024年业务项目资金";
  d.performance = [
    perfTable({
      kind: "overall",
      title: "部门整体绩效目标表",
      sources: { upper: w("25.00"), local: w("100.00"), other: w("10.00") },
    }),
    perfTable({
      project: "2024-2025 年业务项目",
      total: w("35.00"),
      fiscal: w("35.00"),
      other: 0,
      indicators: [cost("培训成本", "<=20 万元"), cost("设备成本", "< =15.0 0万元"), cost("人均成本", "<=200元/人/天")],
    }),
    perfTable({ project: "2025 年宣传项目（自有资金）", total: w("10.00"), fiscal: 0, other: w("10.00") }),
  ];
  d.otherMatters.performance = {
    projectCount: 2,
    overallAmount: w("135.00"),
    fiscalProjectAmount: w("30.00"),
    nonFiscalProjectAmount: w("10.00"),
  };
  return d;
}

describe("绩效 text vs tables", () => {
  it("passes on a consistent document", () => {
    for (const r of [T27, T28, T29, T30, T31, T32]) expect(findings(r, doc())).toEqual([]);
  });
  it("T-27 reports a stated project count that differs", () => {
    const d = doc();
    d.otherMatters.performance!.projectCount = 3;
    expect(findings(T27, d)[0]).toMatchObject({ severity: "error", expected: "2", actual: "3" });
  });
  it("T-28 reports 财政拨款项目金额 differing from 表7", () => {
    const d = doc();
    d.otherMatters.performance!.fiscalProjectAmount = w("31.00");
    expect(bySeverity(findings(T28, d)).error).toBe(1);
  });
  it("T-29 matches 表7 + 表11 across name spellings and reports a wrong 财政拨款", () => {
    const d = doc();
    d.performance[1]!.fiscal = w("30.00");
    d.performance[1]!.total = w("30.00");
    const f = findings(T29, d);
    expect(f).toHaveLength(1);
    expect(f[0]!.location).toMatchObject({ part: "绩效目标表", section: "2024-2025 年业务项目", table: 7 });
  });
  it("T-30 gives a notice for a 0.01 rounding difference", () => {
    const d = doc();
    d.performance[2]!.total = w("10.01");
    expect(bySeverity(findings(T30, d))).toEqual({ error: 0, warning: 0, notice: 1 });
  });
  it("T-31 checks the sources; 上级 beyond rounding is only a warning", () => {
    const d = doc();
    d.performance[0]!.sources!.upper = w("24.99");
    expect(bySeverity(findings(T31, d))).toEqual({ error: 0, warning: 0, notice: 2 });
    d.performance[0]!.sources!.upper = w("20.00");
    expect(bySeverity(findings(T31, d))).toEqual({ error: 1, warning: 1, notice: 0 });
  });
  it("T-32 warns when cost ceilings (monthly × months) fall short of the budget", () => {
    const d = doc();
    d.performance[1]!.total = w("50.00");
    d.performance[1]!.indicators = [
      indicator({ name: "服务月数", target: { raw: "=12 个月" } }),
      cost("平均每月服务费用", "<=4.16 万元"),
    ];
    const f = findings(T32, d);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "warning", actual: "49.92", expected: "50.00" });
  });
  it("is not checked without 绩效表", () => {
    const d = miniDisclosure();
    for (const r of [T29, T30, T31, T32]) expect(run(r, d)).toHaveProperty("notChecked");
  });
});
