import { describe, expect, it } from "vitest";
import type { ProjectDescription } from "../../../model/disclosure.ts";
import { miniDisclosure } from "../../testing.ts";
import { T15, T16, T17, T34 } from "./project-statements.ts";
import { bySeverity, emptyDisclosure, findings, run, w } from "./testing.ts";

const project = (p: Partial<ProjectDescription> = {}): ProjectDescription => ({
  name: "2025 年业务项目",
  basis: ["《某办法》（某发〔2024〕1号）"],
  scale: w("30.00"),
  unit: "测试单位",
  allocation: [
    {
      label: "培训",
      amount: w("20.00"),
      children: [
        { label: "奖金", amount: w("5.00") },
        { label: "场地", amount: w("15.00") },
      ],
    },
    { label: "设备", amount: w("10.00") },
  ],
  period: "2025年1月1日-2025年12月31日",
  extra: {},
  ...p,
});

describe("T-15 说明七 projects vs 表7", () => {
  it("passes when the project (name spelled with spaces) and scale match", () => {
    const d = miniDisclosure();
    d.projects = [project()];
    expect(findings(T15, d)).toEqual([]);
  });
  it("reports a wrong scale, and a 表7 project without description", () => {
    const d = miniDisclosure();
    d.projects = [project({ scale: w("31.00") })];
    expect(findings(T15, d).map((f) => f.severity)).toContain("error");
    d.projects = [project({ name: "另一个项目" })];
    const f = findings(T15, d);
    expect(f.some((x) => x.message.includes("在表7 中找不到"))).toBe(true);
    expect(f.some((x) => x.message.includes("在说明七中没有说明"))).toBe(true);
  });
});

describe("T-16 资金分配 sums", () => {
  it("passes on sums that add up, nested included", () => {
    const d = emptyDisclosure();
    d.projects = [project()];
    expect(findings(T16, d)).toEqual([]);
  });
  it("reports a nested split that does not add up", () => {
    const d = emptyDisclosure();
    const p = project();
    p.allocation[0]!.children![0]!.amount = w("6.00");
    d.projects = [p];
    const f = findings(T16, d);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("“培训”");
  });
});

describe("T-17 补助类 人数 × 标准 × 月数", () => {
  const subsidy = (persons: string) => ({
    补贴人数: `2025 年公益性岗位补贴人数 ${persons} 人`,
    补贴标准: "2025 年公益性岗位补贴标准为每人每月 2926.99 元（含社保）",
  });
  it("accepts 242 × 2926.99 × 12 ≈ 850.00 (within the rounding of the standard)", () => {
    const d = emptyDisclosure();
    d.projects = [project({ scale: w("850.00"), extra: subsidy("242") })];
    expect(findings(T17, d)).toEqual([]);
  });
  it("warns when the product is far from the scale", () => {
    const d = emptyDisclosure();
    d.projects = [project({ scale: w("850.00"), extra: subsidy("240") })];
    expect(bySeverity(findings(T17, d))).toEqual({ error: 0, warning: 1, notice: 0 });
  });
  it("is not checked without 补助类 projects", () => expect(run(T17, emptyDisclosure())).toHaveProperty("notChecked"));
});

describe("T-34 stray prior-year labels", () => {
  it("warns on a prior year in the details, not in the policy basis or a year range", () => {
    const d = emptyDisclosure();
    d.projects = [
      project({
        extra: { 补贴方式: "按月发放 2024 年公益性岗位人员岗位补贴", 资金来源: "2024-2025年专项" },
      }),
    ];
    const f = findings(T34, d);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "warning",
      actual: "2024 年",
      location: { section: "说明七（2025 年业务项目）" },
    });
  });
});
