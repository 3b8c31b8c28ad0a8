/**
 * P-01 … P-03: one 项目支出绩效目标表 per project, complete header fields, and
 * 年度预算总额 = 财政拨款 + 其他资金.
 */
import { tableById } from "../../../model/access.ts";
import type { PerformanceTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { compareSum, defineRule } from "../../rule.ts";
import { matchProject, PART, projectGroups, squash } from "../text/shared.ts";

export const projectTables = (d: { performance: readonly PerformanceTable[] }) =>
  d.performance.filter((t) => t.kind === "project");
export const perfLoc = (t: PerformanceTable) => ({ part: PART.performance, section: t.project ?? t.title });

export const P01 = defineRule({
  id: "P-01",
  severity: "error",
  category: "performance",
  title: "表7 的每个项目都有项目支出绩效目标表",
  source: "Xinjiang template; L5",
  run: ({ d }) => {
    const t7 = tableById(d, "projectExpenditure");
    if (!t7) return { notChecked: "没有表7" };
    const tables = new Map(projectTables(d).map((t) => [squash(t.project ?? ""), t] as const));
    const out: Finding[] = [];
    for (const g of projectGroups(t7).values())
      if (g.amount !== 0 && !matchProject(tables, g.name))
        out.push({
          rule: "P-01",
          severity: "error",
          message: `表7 项目“${g.name}”（${formatWanyuan(g.amount)} 万元）没有项目支出绩效目标表`,
          location: { part: PART.performance, table: 7, row: g.name },
        });
    return out;
  },
});

export const P02 = defineRule({
  id: "P-02",
  severity: "error",
  category: "performance",
  title: "项目支出绩效目标表表头齐全：预算单位、项目名称、项目负责人、年度预算总额/财政拨款/其他资金、项目总体目标",
  source: "Xinjiang template",
  run: ({ d }) => {
    const pts = projectTables(d);
    if (pts.length === 0) return { notChecked: "没有项目支出绩效目标表" };
    const out: Finding[] = [];
    for (const t of pts) {
      const lacks = [
        !t.budgetUnit?.trim() ? "预算单位" : "",
        !t.project?.trim() ? "项目名称" : "",
        !t.manager?.trim() ? "项目负责人" : "",
        t.total === undefined ? "年度预算总额" : "",
        t.fiscal === undefined ? "财政拨款" : "",
        t.other === undefined ? "其他资金" : "",
        !t.goal.trim() ? "项目总体目标" : "",
      ].filter(Boolean);
      if (lacks.length)
        out.push({
          rule: "P-02",
          severity: "error",
          message: `项目支出绩效目标表缺少：${lacks.join("、")}`,
          location: perfLoc(t),
        });
    }
    return out;
  },
});

export const P03 = defineRule({
  id: "P-03",
  severity: "error",
  category: "performance",
  title: "项目支出绩效目标表 年度预算总额 = 财政拨款 + 其他资金",
  source: "derived",
  run: ({ d }) => {
    const pts = projectTables(d).filter((t) => t.total !== undefined && t.fiscal !== undefined);
    if (pts.length === 0) return { notChecked: "项目支出绩效目标表没有年度预算总额和财政拨款" };
    const out: Finding[] = [];
    for (const t of pts) {
      const f = compareSum(P03, {
        expected: t.total!,
        actual: t.fiscal! + (t.other ?? 0),
        addends: 2,
        message: () =>
          `年度预算总额 ${formatWanyuan(t.total!)} 万元与财政拨款 ${formatWanyuan(t.fiscal!)} + 其他资金 ${formatWanyuan(t.other ?? 0)} 万元不一致`,
        location: () => perfLoc(t),
      });
      if (f) out.push(f);
    }
    return out;
  },
});
