import { describe, expect, it } from "vitest";
import type { Disclosure, SelfEvaluation } from "../../../model/disclosure.ts";
import { findingsOf, miniDisclosure, runRule } from "../../testing.ts";
import { executionScore, F05, F06, F07, F08, F09, gradeOf } from "./self-evaluation.ts";

/** A consistent 项目支出绩效自评表: 执行率 95% → 9.50; 40 + 30 + 20 indicator points. */
function evaluation(): SelfEvaluation {
  return {
    project: "2024年就业补助资金项目",
    budget: 100_000_000, // 100.00 万元
    executed: 95_000_000,
    executionWeight: 10,
    executionScore: 9.5,
    indicators: [
      {
        level1: "产出指标",
        level2: "数量指标",
        name: "补贴人数",
        target: ">=242人",
        actual: "250人",
        weight: 40,
        score: 40,
      },
      {
        level1: "效益指标",
        level2: "社会效益指标",
        name: "稳定就业",
        target: "有效促进",
        actual: "有效促进",
        weight: 30,
        score: 27.5,
      },
      {
        level1: "满意度指标",
        level2: "满意度指标",
        name: "满意度",
        target: ">=90%",
        actual: "93%",
        weight: 20,
        score: 20,
      },
    ],
    total: 97,
    grade: "优",
  };
}

function doc(e: SelfEvaluation = evaluation()): Disclosure {
  const d = miniDisclosure();
  d.meta.kind = "finalAccounts";
  d.selfEvaluations = [e];
  return d;
}

describe("绩效自评 F-05 … F-09", () => {
  it("pass a consistent self-evaluation", () => {
    for (const r of [F05, F06, F07, F08, F09]) expect(findingsOf(r, doc()), r.id).toEqual([]);
  });

  it("are not checked without 自评表, and do not apply to a budget", () => {
    const d = doc();
    delete d.selfEvaluations;
    expect(runRule(F05, d)).toHaveProperty("notChecked");
    const budget = doc();
    budget.meta.kind = "budget";
    expect(runRule(F05, budget)).toEqual({ notChecked: expect.stringContaining("只适用于部门决算") });
  });

  it("F-05: a score above its weight", () => {
    const e = evaluation();
    e.indicators[1]!.score = 31;
    expect(findingsOf(F05, doc(e))[0]).toMatchObject({ severity: "error", location: { row: "稳定就业" } });
  });

  it("F-06: weights that do not add up to 100", () => {
    const e = evaluation();
    e.indicators[2]!.weight = 10;
    expect(findingsOf(F06, doc(e))[0]).toMatchObject({ severity: "error", actual: "90.00" });
  });

  it("F-07: the 执行率 score against 执行数 / 预算数, capped at the weight", () => {
    expect(executionScore({ budget: 100, executed: 95, executionWeight: 10 })).toBe(950);
    expect(executionScore({ budget: 100, executed: 120, executionWeight: 10 })).toBe(1000);
    expect(executionScore({ budget: 3, executed: 2, executionWeight: 10 })).toBe(667);
    const e = evaluation();
    e.executionScore = 10;
    expect(findingsOf(F07, doc(e))[0]).toMatchObject({ severity: "error", expected: "9.50", actual: "10.00" });
  });

  it("F-08: a total off by more than rounding is an error, by a hundredth a notice", () => {
    const e = evaluation();
    e.total = 96;
    expect(findingsOf(F08, doc(e))[0]).toMatchObject({ severity: "error", expected: "97.00" });
    e.total = 97.01;
    expect(findingsOf(F08, doc(e))[0]).toMatchObject({ severity: "notice" });
  });

  it("F-09: the grade follows the total", () => {
    expect([gradeOf(9000), gradeOf(8999), gradeOf(8000), gradeOf(6000), gradeOf(5999)]).toEqual([
      "优",
      "良",
      "良",
      "中",
      "差",
    ]);
    const e = evaluation();
    e.grade = "良";
    expect(findingsOf(F09, doc(e))[0]).toMatchObject({ severity: "error", expected: "优", actual: "良" });
  });
});
