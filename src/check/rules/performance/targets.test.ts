import { describe, expect, it } from "vitest";
import { indicator, perfTable, w } from "../text/testing.ts";
import { ceilingFen, parseTarget, unitOf } from "./targets.ts";

describe("parseTarget", () => {
  it("normalises PDF-split numbers, operators and LaTeX", () => {
    expect(parseTarget({ raw: "< =43.5 0 万元" })).toMatchObject({ operator: "<=", value: "43.50", unit: "万元" });
    expect(parseTarget({ raw: ">=3520 0 人" })).toMatchObject({ operator: ">=", value: "35200", unit: "人" });
    expect(parseTarget({ raw: "$\\geq 92\\%$" })).toMatchObject({ operator: ">=", value: "92", unit: "%" });
    expect(parseTarget({ raw: "2025 年 12 月 10 日" })).toMatchObject({ date: true });
    expect(parseTarget({ raw: "有效提高" })).toMatchObject({ qualitative: true });
  });
  it("prefers the importer's parsed value and unit", () =>
    expect(parseTarget({ raw: ">= 242 人", value: "242", operator: ">=", unit: "人" })).toMatchObject({ unit: "人" }));
  it("reads the unit after a number", () => {
    expect(unitOf("12 个月")).toBe("个月");
    expect(unitOf("640.61元/人/月")).toBe("元/人/月");
  });
});

describe("ceilingFen", () => {
  const t = perfTable({
    indicators: [indicator({ name: "服务月数", target: { raw: "=12 个月" } })],
  });
  const c = (name: string, raw: string) => indicator({ level1: "成本指标", name, target: { raw } });
  it("reads totals in 万元 and 元, and monthly ceilings × months", () => {
    expect(ceilingFen(t, c("a", "<=552 万元"))).toBe(w("552.00"));
    expect(ceilingFen(t, c("b", "<=2000元"))).toBe(w("0.20"));
    expect(ceilingFen(t, c("平均每月服务费用", "<=4.16 万元"))).toBe(w("49.92"));
  });
  it("leaves per-unit ceilings unresolved", () => {
    expect(ceilingFen(t, c("劳动仲裁办案补助成本", "<=200 元/件"))).toBeUndefined();
    expect(ceilingFen(t, c("初任职培训人均支出", "<=200元/人/天"))).toBeUndefined();
  });
});
