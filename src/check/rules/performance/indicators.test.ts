import { describe, expect, it } from "vitest";
import type { Indicator } from "../../../model/disclosure.ts";
import { bySeverity, emptyDisclosure, findings, indicator, perfTable, w } from "../text/testing.ts";
import { expectedScoring, P04, P05, P06, P07, P08, P09, P10 } from "./indicators.ts";

const ind = (level1: string, name: string, raw: string, weight: number, scoring: string, lastYear = "-"): Indicator =>
  indicator({ level1, level2: "x", name, target: { raw }, weight, scoring, lastYear });

function doc() {
  const d = emptyDisclosure();
  d.performance = [
    perfTable({
      kind: "overall",
      title: "部门整体绩效目标表",
      headers: ["一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重"],
      indicators: [ind("履职效能", "城镇新增就业", "≥2.30 万人", 45, ""), ind("履职效能", "结案率", "≥98%", 45, "")],
    }),
    perfTable({
      project: "业务项目",
      total: w("50.00"),
      indicators: [
        ind("产出指标", "服务月数", "=12 个月", 20, "按照完成比例赋分", "12 个月"),
        ind("产出指标", "完成时间", "2025年12月10日", 10, "直接赋分"),
        ind("产出指标", "故障率", "≤5%", 10, "直接赋分", "0%"),
        ind("成本指标", "服务费用", "<=50 万元", 20, "按照完成比例赋分"),
        ind("效益指标", "提高服务水平", "有效提高", 20, "按评判等级赋分"),
        ind("满意度指标", "群众满意度", ">=90%", 10, "满意度赋分", "90%"),
      ],
    }),
  ];
  return d;
}

describe("indicator rules", () => {
  it("pass on a consistent table", () => {
    for (const r of [P04, P05, P06, P07, P08, P09, P10]) expect(findings(r, doc())).toEqual([]);
  });
  it("P-04: no 满意度 is a warning, no 效益 an error", () => {
    const d = doc();
    d.performance[1]!.indicators = d.performance[1]!.indicators.filter((i) => !/满意度|效益/.test(i.level1));
    expect(bySeverity(findings(P04, d))).toEqual({ error: 1, warning: 1, notice: 0 });
  });
  it("P-05: weights must sum to 90, or 100 with 预算执行率 10", () => {
    const d = doc();
    d.performance[1]!.indicators[0]!.weight = 21;
    const f = findings(P05, d);
    expect(f[0]).toMatchObject({ severity: "error", expected: "90", actual: "91", location: { section: "业务项目" } });
    d.performance[1]!.indicators[0]!.weight = 20;
    d.performance[1]!.indicators.push(ind("产出指标", "预算执行率", "=100%", 10, "按照完成比例赋分"));
    expect(findings(P05, d)).toEqual([]);
  });
  it("P-05: a missing weight is an error", () => {
    const d = doc();
    delete d.performance[1]!.indicators[1]!.weight;
    expect(findings(P05, d)[0]!.message).toContain("完成时间");
  });
  it("P-06 checks the 整体 table", () => {
    const d = doc();
    d.performance[0]!.indicators[0]!.weight = 40;
    expect(findings(P06, d)[0]!.severity).toBe("error");
  });
  it("P-07: expected 赋分规则 by target form", () => {
    expect(expectedScoring(ind("产出指标", "x", "=0 起", 1, ""))).toBe("直接赋分");
    expect(expectedScoring(ind("成本指标", "x", "<=200 元/件", 1, ""))).toBe("完成比例");
    const d = doc();
    d.performance[1]!.indicators[4]!.scoring = "按照完成比例赋分";
    expect(findings(P07, d)[0]).toMatchObject({ severity: "warning", expected: "评判等级" });
  });
  it("P-08: 上年完成值 unit differs", () => {
    const d = doc();
    d.performance[1]!.indicators[0]!.lastYear = "12 次";
    expect(findings(P08, d)[0]).toMatchObject({ severity: "warning", expected: "个月", actual: "次" });
  });
  it("P-09: header without 指标赋分规则", () => {
    const d = doc();
    d.performance[1]!.headers = d.performance[1]!.headers.filter((h) => h !== "指标赋分规则");
    expect(findings(P09, d)).toHaveLength(1);
  });
  it("P-10: a single cost ceiling above the budget", () => {
    const d = doc();
    d.performance[1]!.indicators[3]!.target = { raw: "<=60 万元" };
    expect(findings(P10, d)[0]).toMatchObject({ severity: "error", difference: "10.00" });
  });
});
