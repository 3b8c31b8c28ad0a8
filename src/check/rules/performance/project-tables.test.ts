import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { bySeverity, findings, perfTable, run, w } from "../text/testing.ts";
import { P01, P02, P03 } from "./project-tables.ts";

const full = (p: object = {}) =>
  perfTable({
    budgetUnit: "测试单位",
    project: "2025 年业务项目",
    manager: "张三",
    total: w("30.00"),
    fiscal: w("30.00"),
    other: 0,
    ...p,
  });

describe("P-01 … P-03 项目支出绩效目标表", () => {
  it("P-01: each 表7 project has a table (matched across spellings)", () => {
    const d = miniDisclosure();
    expect(findings(P01, d)).toHaveLength(1);
    d.performance = [full({ project: "2024-2025年业务项目" })];
    expect(findings(P01, d)).toEqual([]);
  });
  it("P-02: names the missing header fields", () => {
    const d = miniDisclosure();
    d.performance = [full({ manager: undefined, goal: " " })];
    expect(findings(P02, d)[0]!.message).toContain("项目负责人、项目总体目标");
    expect(run(P02, miniDisclosure())).toHaveProperty("notChecked");
  });
  it("P-03: 年度预算总额 = 财政拨款 + 其他资金", () => {
    const d = miniDisclosure();
    d.performance = [full(), full({ project: "b", total: w("31.00") })];
    const f = findings(P03, d);
    expect(bySeverity(f).error).toBe(1);
    expect(f[0]!.location).toMatchObject({ part: "绩效目标表", section: "b" });
  });
});
