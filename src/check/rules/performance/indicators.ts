/**
 * P-04 … P-10: the indicator tree of each 绩效目标表 — 一级 indicators present, weights summing to
 * 90 (100 with 预算执行率 10), 赋分规则 matching the target form, 上年完成值 in the target's unit,
 * the 指标赋分规则 header, and no single cost ceiling above the budget.
 */
import { cachedText } from "../../../model/access.ts";
import type { Indicator, PerformanceTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { hasText, squash } from "../text/shared.ts";
import { perfLoc, projectTables } from "./project-tables.ts";
import { costCeilings, parseTarget, squashedNames, unitOfSquashed } from "./targets.ts";

export const P04 = defineRule({
  id: "P-04",
  severity: "error",
  category: "performance",
  title: "项目绩效表包含产出、成本、效益、满意度一级指标",
  source: "财预〔2020〕10号; 财预〔2021〕101号",
  run: ({ d }) => {
    const pts = projectTables(d).filter((t) => t.indicators.length > 0);
    if (pts.length === 0) return { notChecked: "没有带指标的项目支出绩效目标表" };
    const out: Finding[] = [];
    for (const t of pts) {
      const { level1 } = squashedNames(t);
      for (const [word, severity] of [
        ["产出", "error"],
        ["效益", "error"],
        ["成本", "warning"],
        ["满意度", "warning"],
      ] as const)
        if (!level1.some((l) => l.includes(word)))
          out.push({
            rule: "P-04",
            severity,
            message: `项目绩效表没有${word}指标${word === "满意度" ? "（项目有服务对象时应设服务对象满意度）" : ""}`,
            location: perfLoc(t),
          });
    }
    return out;
  },
});

/** Σ weights in hundredths, and whether a 预算执行率 indicator carries 10 of them. */
function weights(t: PerformanceTable): { total: number; missing: Indicator[]; execution: boolean } {
  let total = 0;
  const missing: Indicator[] = [];
  let execution = false;
  const names = squashedNames(t).name;
  for (let k = 0; k < t.indicators.length; k++) {
    const i = t.indicators[k]!;
    if (i.weight === undefined) {
      missing.push(i);
      continue;
    }
    total += Math.round(i.weight * 100);
    if (names[k]!.includes("预算执行率") && i.weight === 10) execution = true;
  }
  return { total, missing, execution };
}

function weightRule(id: string, kind: PerformanceTable["kind"]): Rule {
  return defineRule({
    id,
    severity: "error",
    category: "performance",
    title:
      kind === "project"
        ? "项目绩效表指标权重合计 90（另 10 分为预算执行率；含预算执行率时合计 100）"
        : "部门整体绩效目标表指标权重合计 90（含预算执行率时 100）",
    source: "derived from the seed; 财预〔2020〕10号 (预算执行率 10%)",
    run: ({ d }) => {
      const ts = d.performance.filter((t) => t.kind === kind && t.indicators.length > 0);
      if (ts.length === 0)
        return { notChecked: kind === "project" ? "没有项目支出绩效目标表指标" : "没有部门整体绩效目标表指标" };
      const out: Finding[] = [];
      for (const t of ts) {
        const w = weights(t);
        if (w.missing.length)
          out.push({
            rule: id,
            severity: "error",
            message: `${w.missing.length} 个指标没有分值权重：${w.missing.map((i) => i.name).join("、")}`,
            location: perfLoc(t),
          });
        const expected = w.execution ? 10000 : 9000;
        if (w.missing.length === 0 && w.total !== expected)
          out.push({
            rule: id,
            severity: "error",
            message: `指标分值权重合计 ${w.total / 100}，应为 ${expected / 100}${w.execution ? "（含预算执行率 10）" : "（预算执行率 10 分另计）"}`,
            location: { ...perfLoc(t), column: "指标分值权重" },
            expected: String(expected / 100),
            actual: String(w.total / 100),
            difference: String((w.total - expected) / 100),
          });
      }
      return out;
    },
  });
}

export const P05 = weightRule("P-05", "project");
export const P06 = weightRule("P-06", "overall");

/** The 赋分规则 the target's form calls for (the pattern holds for every indicator of the seed). */
export function expectedScoring(i: Indicator): string | undefined {
  return expectedScoringOf(i, squash(i.name), squash(i.level1));
}

/** `expectedScoring` of an indicator whose 三级指标 and 一级指标 names are given squashed. */
function expectedScoringOf(i: Indicator, name: string, level1: string): string | undefined {
  const p = parseTarget(i.target);
  if (name.includes("满意度") || level1.includes("满意度")) return "满意度赋分";
  if (p.qualitative) return "评判等级";
  if (p.date) return "直接赋分";
  if (!p.value) return undefined;
  if (p.operator === "=" && Number(p.value) === 0) return "直接赋分";
  if ((p.operator === "<=" || p.operator === "<") && !(p.unit ?? "").includes("元")) return "直接赋分";
  return "完成比例";
}

const SCORING_KINDS = ["满意度赋分", "评判等级", "直接赋分", "完成比例"];

/** The first of SCORING_KINDS a printed 赋分规则 (squashed) names. */
function scoringKind(scoring: string): string | undefined {
  for (const k of SCORING_KINDS) if (scoring.includes(k)) return k;
  return undefined;
}

/**
 * The kind a printed 赋分规则 names, "" for none: read once per wording and check run (a document
 * repeats a few wordings on every indicator).
 */
const scoringKindOf = (scoring: string) => scoringKind(squash(scoring)) ?? "";

export const P07 = defineRule({
  id: "P-07",
  severity: "warning",
  category: "performance",
  title:
    "指标赋分规则与指标值形式相符（定性→按评判等级；日期/=0/≤时间或比率→直接赋分；满意度→满意度赋分；数量与成本→按完成比例）",
  source: "derived from the seed (no exception among 184 indicators)",
  run: ({ d }) => {
    if (!d.performance.some((t) => t.indicators.some((i) => hasText(i.scoring))))
      return { notChecked: "没有识别出指标赋分规则" };
    const out: Finding[] = [];
    for (const t of d.performance) {
      const names = squashedNames(t);
      for (let k = 0; k < t.indicators.length; k++) {
        const i = t.indicators[k]!;
        if (!hasText(i.scoring)) continue;
        const kind = cachedText(scoringKindOf, i.scoring!);
        if (!kind) continue;
        const exp = expectedScoringOf(i, names.name[k]!, names.level1[k]!);
        if (!exp || kind === exp) continue;
        out.push({
          rule: "P-07",
          severity: "warning",
          message: `指标“${i.name}”（指标值 ${i.target.raw.trim()}）的赋分规则为“${i.scoring!.trim()}”，按指标值形式通常应为“${exp}”类`,
          location: { ...perfLoc(t), row: i.name, column: "指标赋分规则" },
          expected: exp,
          actual: i.scoring!.trim(),
        });
      }
    }
    return out;
  },
});

export const P08 = defineRule({
  id: "P-08",
  severity: "warning",
  category: "performance",
  title: "上年完成值与指标值计量单位一致",
  source: "derived",
  run: ({ d }) => {
    if (!d.performance.some((t) => t.indicators.length > 0)) return { notChecked: "没有绩效指标" };
    const out: Finding[] = [];
    for (const t of d.performance)
      for (const i of t.indicators) {
        const last = squash(i.lastYear ?? "");
        const c = last.charCodeAt(0);
        if (!(c >= 0x30 && c <= 0x39)) continue; // "-", "*", 定性 values: no leading digit
        const p = parseTarget(i.target);
        if (!p.value || p.date) continue;
        const a = p.unit ?? "";
        const b = unitOfSquashed(last) ?? "";
        if (a !== b)
          out.push({
            rule: "P-08",
            severity: "warning",
            message: `指标“${i.name}”指标值单位为“${a}”，上年完成值“${i.lastYear!.trim()}”单位为“${b}”，口径不一致`,
            location: { ...perfLoc(t), row: i.name, column: "上年完成值" },
            expected: a,
            actual: b,
          });
      }
    return out;
  },
});

export const P09 = defineRule({
  id: "P-09",
  severity: "warning",
  category: "performance",
  title: "项目绩效表列标题完整（含“指标赋分规则”列）",
  source: "Xinjiang template",
  run: ({ d }) => {
    const pts = projectTables(d).filter((t) => t.headers.length > 0);
    if (pts.length === 0) return { notChecked: "没有识别出项目绩效表列标题" };
    const out: Finding[] = [];
    for (const t of pts)
      if (!t.headers.some((h) => squash(h).includes("赋分规则")))
        out.push({
          rule: "P-09",
          severity: "warning",
          message: "项目绩效表列标题中没有“指标赋分规则”（各行却填写了赋分规则）",
          location: perfLoc(t),
        });
    return out;
  },
});

export const P10 = defineRule({
  id: "P-10",
  severity: "error",
  category: "performance",
  title: "单个成本指标上限不超过项目年度预算总额（上限合计与预算的关系见 T-32）",
  source: "derived",
  run: ({ d }) => {
    const pts = projectTables(d).filter((t) => t.total !== undefined && costCeilings(t).costs.length > 0);
    if (pts.length === 0) return { notChecked: "没有带成本指标和年度预算总额的项目绩效表" };
    const out: Finding[] = [];
    for (const t of pts) {
      const { costs, ceilings } = costCeilings(t);
      for (let k = 0; k < costs.length; k++) {
        const i = costs[k]!;
        const c = ceilings[k];
        if (c !== undefined && c > t.total!)
          out.push({
            rule: "P-10",
            severity: "error",
            message: `成本指标“${i.name}”上限 ${formatWanyuan(c)} 万元超过项目年度预算总额 ${formatWanyuan(t.total!)} 万元`,
            location: { ...perfLoc(t), row: i.name, column: "指标值" },
            expected: `≤ ${formatWanyuan(t.total!)}`,
            actual: formatWanyuan(c),
            difference: formatWanyuan(c - t.total!),
          });
      }
    }
    return out;
  },
});
