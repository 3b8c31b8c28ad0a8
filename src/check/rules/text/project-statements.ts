/**
 * T-15 … T-17, T-34: 说明七 project descriptions — the project set and 预算安排规模 against 表7,
 * 资金分配 sums, 补助类 人数 × 标准 × 月数, and stray prior-year labels in current descriptions.
 */
import { tableById } from "../../../model/access.ts";
import type { Allocation } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan, parseAmount, sum } from "../../../model/money.ts";
import { compareSum, defineRule } from "../../rule.ts";
import { matchProject, PART, projectGroups, squash, textLoc, totalAt } from "./shared.ts";

const projLoc = (name: string) => ({ part: PART.text, section: `说明七（${name}）` });

export const T15 = defineRule({
  id: "T-15",
  severity: "error",
  category: "text",
  title: "说明七 项目与表7 项目一一对应，预算安排规模 = 表7 该项目各行之和，合计 = 表7 总计",
  source: "derived",
  run: ({ d }) => {
    const t7 = tableById(d, "projectExpenditure");
    if (!t7) return { notChecked: "没有表7 一般公共预算项目支出情况表" };
    if (d.projects.length === 0 && !d.explanations.some((e) => e.no === 7))
      return { notChecked: "没有说明七 项目说明" };
    const groups = projectGroups(t7);
    const out: Finding[] = [];
    const matched = new Set<string>();
    for (const p of d.projects) {
      const g = matchProject(groups, p.name);
      if (!g) {
        out.push({
          rule: "T-15",
          severity: "error",
          message: `说明七 项目“${p.name}”在表7 中找不到`,
          location: projLoc(p.name),
        });
        continue;
      }
      matched.add(squash(g.name));
      if (p.scale === undefined) continue;
      const f = compareSum(T15, {
        expected: g.amount,
        actual: p.scale,
        addends: g.rows.length,
        message: () =>
          `说明七“${p.name}”预算安排规模 ${formatWanyuan(p.scale!)} 万元与表7 该项目合计 ${formatWanyuan(g.amount)} 万元不一致`,
        location: () => ({ ...projLoc(p.name), table: 7, row: g.name }),
      });
      if (f) out.push(f);
    }
    for (const [k, g] of groups)
      if (!matched.has(k) && g.amount !== 0)
        out.push({
          rule: "T-15",
          severity: "error",
          message: `表7 项目“${g.name}”（${formatWanyuan(g.amount)} 万元）在说明七中没有说明`,
          location: { ...textLoc(7), table: 7, row: g.name },
        });
    const total = totalAt(t7, "total");
    const scales = d.projects.filter((p) => p.scale !== undefined).map((p) => p.scale!);
    if (total !== undefined && scales.length === d.projects.length && scales.length > 0) {
      const f = compareSum(T15, {
        expected: total,
        actual: sum(scales),
        addends: scales.length,
        message: () =>
          `说明七 各项目预算安排规模之和 ${formatWanyuan(sum(scales))} 万元与表7 总计 ${formatWanyuan(total)} 万元不一致`,
        location: () => ({ ...textLoc(7), table: 7, row: "总计" }),
      });
      if (f) out.push(f);
    }
    return out;
  },
});

function checkAllocation(
  name: string,
  parentLabel: string,
  parent: number,
  items: readonly Allocation[],
  out: Finding[],
): void {
  const s = sum(items.map((a) => a.amount));
  const f = compareSum(T16, {
    expected: parent,
    actual: s,
    addends: items.length,
    message: () =>
      `说明七“${name}”${parentLabel}的资金分配之和 ${formatWanyuan(s)} 万元与 ${formatWanyuan(parent)} 万元不一致`,
    location: () => projLoc(name),
  });
  if (f) out.push(f);
  for (const a of items)
    if (a.children && a.children.length > 0) checkAllocation(name, `“${a.label}”`, a.amount, a.children, out);
}

export const T16 = defineRule({
  id: "T-16",
  severity: "error",
  category: "text",
  title: "说明七 资金分配各项之和 = 预算安排规模（含“其中”细分）",
  source: "derived",
  run: ({ d }) => {
    const list = d.projects.filter((p) => p.scale !== undefined && p.allocation.length > 0);
    if (list.length === 0) return { notChecked: "说明七中没有识别出资金分配金额" };
    const out: Finding[] = [];
    for (const p of list) checkAllocation(p.name, "", p.scale!, p.allocation, out);
    return out;
  },
});

/** Finds an extra field by a word in its key ("补贴人数", "补贴标准"). */
function extraField(extra: Record<string, string>, word: string): string | undefined {
  const k = Object.keys(extra).find((x) => x.includes(word));
  return k === undefined ? undefined : extra[k];
}

export const T17 = defineRule({
  id: "T-17",
  severity: "warning",
  category: "text",
  title: "补助类项目：补贴人数 × 补贴标准 × 月数 ≈ 预算安排规模",
  source: "derived",
  run: ({ d }) => {
    const list = d.projects.filter(
      (p) => p.scale !== undefined && extraField(p.extra, "人数") && extraField(p.extra, "标准"),
    );
    if (list.length === 0) return { notChecked: "没有写明补贴人数和补贴标准的补助类项目" };
    const out: Finding[] = [];
    for (const p of list) {
      const persons = /(\d+)\s*人/.exec(squash(extraField(p.extra, "人数")!));
      const stdText = squash(extraField(p.extra, "标准")!);
      const std = /([\d,]+(?:\.\d+)?)元/.exec(stdText);
      if (!persons || !std) continue;
      const perYuan = parseAmount(std[1]!, "yuan");
      if (perYuan === undefined) continue;
      // 每月 → 12 months in the budget year; 每年 → once; otherwise the period is unknown.
      const months = stdText.includes("每月") ? 12 : stdText.includes("每年") ? 1 : undefined;
      if (months === undefined) continue;
      const n = Number(persons[1]);
      const computed = n * months * perYuan;
      // The standard is rounded to 0.01 元 (≤ 0.5 分 per person-month) and the scale to 0.01 万元.
      const tol = Math.ceil((n * months) / 2) + 5_000;
      const diff = p.scale! - computed;
      if (Math.abs(diff) > tol)
        out.push({
          rule: "T-17",
          severity: "warning",
          message: `说明七“${p.name}”补贴人数 ${n} 人 × 标准 ${std[1]} 元 × ${months} 个月 = ${formatWanyuan(computed)} 万元，与预算安排规模 ${formatWanyuan(p.scale!)} 万元不符`,
          location: projLoc(p.name),
          expected: formatWanyuan(computed),
          actual: formatWanyuan(p.scale!),
          difference: formatWanyuan(diff),
        });
    }
    return out;
  },
});

/** A year label not part of a longer number, a document number (〔2024〕) or a range (2023—2024). */
const YEAR = /(?<![\d〔[\-－—至])(\d{4})年/g;

export const T34 = defineRule({
  id: "T-34",
  severity: "warning",
  category: "text",
  title: "本年项目说明中的年份标注与预算年度一致（无残留的上年年份）",
  source: "derived",
  run: ({ d }) => {
    if (d.projects.length === 0) return { notChecked: "没有说明七 项目说明" };
    const year = d.meta.year;
    const out: Finding[] = [];
    for (const p of d.projects) {
      // 政策依据 legitimately cites earlier documents and the name may carry a 结转 year; check the
      // fields that describe this year's money: allocation, period and the 补助 details.
      const check = (label: string, text: string | undefined) => {
        // (a year needs 年, which squashing neither adds nor removes)
        if (!text?.includes("年")) return;
        const s = squash(text);
        YEAR.lastIndex = 0;
        for (let m = YEAR.exec(s); m; m = YEAR.exec(s)) {
          const y = Number(m[1]);
          if (y < year && y > year - 10)
            out.push({
              rule: "T-34",
              severity: "warning",
              message: `说明七“${p.name}”的${label}写有“${y} 年”，与 ${year} 年预算不一致（可能是沿用上年文字，或指上年结转）：${text.trim()}`,
              location: projLoc(p.name),
              expected: `${year} 年`,
              actual: `${y} 年`,
            });
        }
      };
      check("资金分配情况", p.allocationText);
      check("资金执行时间", p.period);
      for (const k in p.extra) check(k, p.extra[k]);
    }
    return out;
  },
});
