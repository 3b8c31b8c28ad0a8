/**
 * 绩效自评 (决算 side; domain-rules §5.1, 财预〔2020〕10号):
 * F-05 every indicator's 得分 is between 0 and its 分值.
 * F-06 分值: 预算执行率 + Σ indicator weights = 100.
 * F-07 预算执行率 得分 = 分值 × min(执行数 / 预算数, 1), within 0.01 (a rate printed as a rounded
 *   percentage first may differ by one hundredth); capping at the weight is the usual practice.
 * F-08 总分 = 预算执行率 得分 + Σ indicator 得分 (each printed to 0.01: the 0.005 × (n + 1) bound).
 * F-09 等级 matches 总分: 90–100 优, 80–90 良, 60–80 中, below 60 差.
 * Scores are compared as integer hundredths, never as floats.
 */
import type { SelfEvaluation } from "../../../model/disclosure.ts";
import type { Finding, Location } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { defineRule, type Rule } from "../../rule.ts";

const PART = "绩效自评表";
const c = (x: number) => Math.round(x * 100);
const show = (hundredths: number) => (hundredths / 100).toFixed(2);
const loc = (e: SelfEvaluation, row?: string, column?: string): Location => ({
  part: PART,
  section: e.project,
  ...(row ? { row } : {}),
  ...(column ? { column } : {}),
});

/** Each rule reads the disclosure's 自评表; without any, it cannot run (and says so). */
function each(fn: (e: SelfEvaluation, out: Finding[]) => void) {
  return ({ d }: { d: { selfEvaluations?: SelfEvaluation[] | undefined } }) => {
    if (!d.selfEvaluations || d.selfEvaluations.length === 0) return { notChecked: "文档没有绩效自评表" };
    const out: Finding[] = [];
    for (const e of d.selfEvaluations) fn(e, out);
    return out;
  };
}

/** 执行率得分 in hundredths: weight × min(executed / budget, 1), half up. */
export function executionScore(e: Pick<SelfEvaluation, "budget" | "executed" | "executionWeight">): number | undefined {
  if (e.budget <= 0) return undefined;
  const w = c(e.executionWeight);
  if (e.executed >= e.budget) return w;
  // w × executed / budget, rounded half up in integers (amounts are safe integers in 分).
  return Math.floor((2 * w * Math.max(0, e.executed) + e.budget) / (2 * e.budget));
}

export function gradeOf(totalHundredths: number): "优" | "良" | "中" | "差" {
  return totalHundredths >= 9000 ? "优" : totalHundredths >= 8000 ? "良" : totalHundredths >= 6000 ? "中" : "差";
}

export const F05: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-05",
  severity: "error",
  category: "performance",
  title: "绩效自评表：各指标得分在 0 与分值之间",
  source: "财预〔2020〕10号（domain-rules §5.1）",
  run: each((e, out) => {
    for (const i of e.indicators)
      if (c(i.score) < 0 || c(i.score) > c(i.weight))
        out.push({
          rule: "F-05",
          severity: "error",
          message: `“${i.name}”得分 ${show(c(i.score))} 超出分值 ${show(c(i.weight))}`,
          location: loc(e, i.name, "得分"),
          expected: `0–${show(c(i.weight))}`,
          actual: show(c(i.score)),
        });
  }),
});

export const F06: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-06",
  severity: "error",
  category: "performance",
  title: "绩效自评表：预算执行率分值 + 各指标分值 = 100",
  source: "财预〔2020〕10号（domain-rules §5.1）",
  run: each((e, out) => {
    const total = c(e.executionWeight) + e.indicators.reduce((n, i) => n + c(i.weight), 0);
    if (total !== 10000)
      out.push({
        rule: "F-06",
        severity: "error",
        message: `分值合计 ${show(total)}，应为 100（预算执行率 ${show(c(e.executionWeight))} + 指标 ${show(total - c(e.executionWeight))}）`,
        location: loc(e, undefined, "分值"),
        expected: "100.00",
        actual: show(total),
        difference: show(total - 10000),
      });
  }),
});

export const F07: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-07",
  severity: "error",
  category: "performance",
  title: "绩效自评表：预算执行率得分 = 分值 × min(执行数 / 预算数, 1)",
  source: "财预〔2020〕10号（domain-rules §5.1；以分值封顶为通行做法）",
  run: each((e, out) => {
    const expected = executionScore(e);
    if (expected === undefined) return;
    if (Math.abs(c(e.executionScore) - expected) > 1)
      out.push({
        rule: "F-07",
        severity: "error",
        message: `预算执行率得分 ${show(c(e.executionScore))} 与执行数 ${formatWanyuan(e.executed)} / 预算数 ${formatWanyuan(e.budget)} 万元算出的 ${show(expected)} 不一致`,
        location: loc(e, "预算执行率", "得分"),
        expected: show(expected),
        actual: show(c(e.executionScore)),
        difference: show(c(e.executionScore) - expected),
      });
  }),
});

export const F08: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-08",
  severity: "error",
  category: "performance",
  title: "绩效自评表：总分 = 预算执行率得分 + 各指标得分",
  source: "财预〔2020〕10号（domain-rules §5.1）",
  run: each((e, out) => {
    const sum = c(e.executionScore) + e.indicators.reduce((n, i) => n + c(i.score), 0);
    const diff = c(e.total) - sum;
    // Each score is printed to 0.01: a total of n + 1 rounded scores may be off by 0.005 × (n + 2).
    const tol = Math.floor(0.5 * (e.indicators.length + 2));
    if (diff !== 0)
      out.push({
        rule: "F-08",
        severity: Math.abs(diff) <= tol ? "notice" : "error",
        message: `总分 ${show(c(e.total))} 不等于预算执行率得分与各指标得分之和 ${show(sum)}${Math.abs(diff) <= tol ? "（差额在四舍五入容差内）" : ""}`,
        location: loc(e, "总分"),
        expected: show(sum),
        actual: show(c(e.total)),
        difference: show(diff),
      });
  }),
});

export const F09: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-09",
  severity: "error",
  category: "performance",
  title: "绩效自评表：评价等级与总分相符（90 优、80 良、60 中、以下差）",
  source: "财预〔2020〕10号（domain-rules §5.1）",
  run: each((e, out) => {
    if (!e.grade) return;
    const g = gradeOf(c(e.total));
    if (g !== e.grade)
      out.push({
        rule: "F-09",
        severity: "error",
        message: `总分 ${show(c(e.total))} 对应等级“${g}”，表中写为“${e.grade}”`,
        location: loc(e, "评价等级"),
        expected: g,
        actual: e.grade,
      });
  }),
});

export const SELF_EVALUATION_RULES: readonly Rule[] = [F05, F06, F07, F08, F09];
