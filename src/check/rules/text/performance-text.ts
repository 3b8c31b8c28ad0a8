/**
 * T-27 … T-32: 十二（四）预算绩效情况 and the 绩效目标表 against the tables — project count,
 * amounts, each project table's budget vs 表7 (+ 表11 结转), Σ project tables vs 表3, the 整体
 * table's sources, and 成本指标 ceilings vs the project budget.
 */
import { amountAt, tableById, totalRow } from "../../../model/access.ts";
import type { PerformanceTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan, sum } from "../../../model/money.ts";
import { compareSum, defineRule } from "../../rule.ts";
import { costCeilings } from "../performance/targets.ts";
import { grandTotal, matchProject, PART, projectCore, projectGroups, summaryLine, textLoc, totalAt } from "./shared.ts";

const projectTables = (ts: readonly PerformanceTable[]) => ts.filter((t) => t.kind === "project");
const perfLoc = (t: PerformanceTable) => ({ part: PART.performance, section: t.project ?? t.title });
const loc4 = textLoc(12, "（四）预算绩效情况");

export const T27 = defineRule({
  id: "T-27",
  severity: "error",
  category: "text",
  title: "说明中“当年预算安排项目共 N 个”等于项目支出绩效目标表个数",
  source: "derived",
  run: ({ d }) => {
    const n = d.otherMatters.performance?.projectCount;
    if (n === undefined) return { notChecked: "没有识别出预算绩效情况中的项目个数" };
    const actual = projectTables(d.performance).length;
    if (n === actual) return [];
    return [
      {
        rule: "T-27",
        severity: "error",
        message: `预算绩效情况称项目共 ${n} 个，但公开了 ${actual} 张项目支出绩效目标表`,
        location: loc4,
        expected: String(actual),
        actual: String(n),
      },
    ];
  },
});

export const T28 = defineRule({
  id: "T-28",
  severity: "error",
  category: "text",
  title:
    "预算绩效情况：整体绩效涉及金额 = 收支总计；财政拨款项目金额 = 表7 总计；非财政拨款项目金额 = 各项目表其他资金之和",
  source: "derived",
  run: ({ d }) => {
    const p = d.otherMatters.performance;
    if (!p) return { notChecked: "没有识别出预算绩效情况" };
    const out: Finding[] = [];
    const cmp = (expected: number | undefined, actual: number | undefined, what: string, addends = 0) => {
      if (expected === undefined || actual === undefined) return;
      const f = compareSum(T28, {
        expected,
        actual,
        addends,
        message: () => `预算绩效情况 ${what} ${formatWanyuan(actual)} 万元与 ${formatWanyuan(expected)} 万元不一致`,
        location: loc4,
      });
      if (f) out.push(f);
    };
    cmp(grandTotal(d), p.overallAmount, "整体绩效目标涉及金额（应等于表1 收支总计）");
    const t7 = tableById(d, "projectExpenditure");
    cmp(t7 ? totalAt(t7, "total") : undefined, p.fiscalProjectAmount, "财政拨款项目金额（应等于表7 总计）");
    const pts = projectTables(d.performance);
    const others = pts.filter((t) => t.other !== undefined).map((t) => t.other!);
    if (others.length > 0 && others.length === pts.length)
      cmp(sum(others), p.nonFiscalProjectAmount, "非财政拨款项目金额（应等于各项目绩效表其他资金之和）", others.length);
    return out;
  },
});

export const T29 = defineRule({
  id: "T-29",
  severity: "error",
  category: "text",
  title: "项目绩效表 年度预算总额 = 其他资金 + 财政拨款，财政拨款 = 表7 该项目 + 表11 该项目结转",
  source: "derived; 其他需说明的事项 explains merged 结转",
  run: ({ d }) => {
    const t7 = tableById(d, "projectExpenditure");
    const pts = projectTables(d.performance);
    if (!t7) return { notChecked: "没有表7" };
    if (pts.length === 0) return { notChecked: "没有项目支出绩效目标表" };
    const groups = projectGroups(t7);
    const t11 = tableById(d, "carryover");
    const carry = new Map<string, number>();
    if (t11) {
      const total = totalRow(t11);
      for (const r of t11.rows) {
        if (r === total || r.kind === "unit" || r.kind === "total") continue;
        const a = amountAt(t11, r, "fiscalSubtotal") ?? 0;
        if (a === 0) continue;
        const core = projectCore(r.label);
        carry.set(core, (carry.get(core) ?? 0) + a);
      }
    }
    // 政府性基金 / 国有资本经营 project spending (表8/表9) is printed by function code only, with no
    // project name, so a project table may legitimately hold fiscal money that 表7 does not show.
    // Up to that amount a shortfall against 表7 cannot be attributed, and is not reported.
    const fundProjects = ["governmentFundExpenditure", "stateCapitalExpenditure"].reduce((n, id) => {
      const t = tableById(d, id);
      const tot = t ? totalRow(t) : undefined;
      return n + (t && tot ? (amountAt(t, tot, "project") ?? 0) : 0);
    }, 0);
    const out: Finding[] = [];
    for (const t of pts) {
      if (!t.project || t.fiscal === undefined || t.fiscal === 0) continue;
      const g = matchProject(groups, t.project);
      const c = carry.get(projectCore(t.project)) ?? 0;
      const shortfall = t.fiscal - (g?.amount ?? 0) - c;
      if (fundProjects > 0 && shortfall > 0 && shortfall <= fundProjects) continue;
      if (!g) {
        out.push({
          rule: "T-29",
          severity: "warning",
          message: `项目绩效表“${t.project}”有财政拨款 ${formatWanyuan(t.fiscal)} 万元，但在表7 中找不到对应项目`,
          location: perfLoc(t),
        });
        continue;
      }
      const f = compareSum(T29, {
        expected: g.amount + c,
        actual: t.fiscal,
        addends: g.rows.length + (c ? 1 : 0),
        message: () =>
          `项目绩效表“${t.project}”财政拨款 ${formatWanyuan(t.fiscal!)} 万元与表7 ${formatWanyuan(g.amount)} 万元${c ? ` + 表11 结转 ${formatWanyuan(c)} 万元` : ""} 不一致`,
        location: () => ({ ...perfLoc(t), table: 7, row: g.name }),
      });
      if (f) out.push(f);
    }
    return out;
  },
});

export const T30 = defineRule({
  id: "T-30",
  severity: "error",
  category: "text",
  title: "全部项目支出绩效目标表年度预算总额之和 = 表3 项目支出总计",
  source: "derived",
  run: ({ d }) => {
    const t3 = tableById(d, "expenditure");
    const pts = projectTables(d.performance);
    if (!t3) return { notChecked: "没有表3" };
    if (pts.length === 0 || pts.some((t) => t.total === undefined))
      return { notChecked: "项目支出绩效目标表缺少年度预算总额" };
    const s = sum(pts.map((t) => t.total!));
    const expected = totalAt(t3, "project") ?? 0;
    const f = compareSum(T30, {
      expected,
      actual: s,
      addends: pts.length,
      message: () =>
        `${pts.length} 张项目支出绩效目标表年度预算总额之和 ${formatWanyuan(s)} 万元与表3 项目支出总计 ${formatWanyuan(expected)} 万元不一致`,
      location: () => ({
        part: PART.performance,
        section: "全部项目支出绩效目标表",
        table: 3,
        row: "总计",
        column: "项目支出",
      }),
    });
    return f ? [f] : [];
  },
});

export const T31 = defineRule({
  id: "T-31",
  severity: "error",
  category: "text",
  title:
    "部门整体绩效目标表 资金来源：上级 + 本级 + 其他 = 收支总计；本级 = 本级财力（一般、基金、国资）；其他 = 单位资金；上级 = 上级转移支付 + 财政拨款结转",
  source: "derived",
  run: ({ d }) => {
    const t = d.performance.find((x) => x.kind === "overall");
    const total = grandTotal(d);
    if (!t?.sources) return { notChecked: "没有部门整体绩效目标表的资金来源" };
    if (total === undefined) return { notChecked: "没有表1 收支总计" };
    const { upper, local, other } = t.sources;
    const out: Finding[] = [];
    const loc = { part: PART.performance, section: t.title };
    const push = (f: Finding | undefined) => f && out.push(f);
    push(
      compareSum(T31, {
        expected: total,
        actual: (upper ?? 0) + (local ?? 0) + (other ?? 0),
        addends: 3,
        message: "部门整体绩效目标表 资金来源合计与收支总计不一致",
        location: loc,
      }),
    );
    const line = (k: string) => summaryLine(d, k)?.amount ?? 0;
    if (local !== undefined)
      push(
        compareSum(T31, {
          // 本级 = the department's own-level fiscal money of all three budgets.
          expected: line("generalBudget") + line("governmentFund") + line("stateCapital"),
          actual: local,
          addends: 2,
          message: "部门整体绩效目标表 本级安排与表1 一般财力 + 政府性基金收入 + 国有资本经营收入不一致",
          location: loc,
        }),
      );
    if (other !== undefined)
      push(
        compareSum(T31, {
          expected: line("unitFunds") + line("specialAccount") + line("nonFiscalCarryover"),
          actual: other,
          addends: 2,
          message: "部门整体绩效目标表 其他资金与表1 单位资金（含财政专户、非财政结转）不一致",
          location: loc,
        }),
      );
    if (upper !== undefined) {
      const expected =
        line("upperTransferGeneral") +
        line("upperTransferFund") +
        line("upperTransferStateCapital") +
        line("fiscalCarryover");
      // The carry-over is assumed to be of 上级 funds (as in the seed); a larger gap is a warning.
      push(
        compareSum(
          { id: "T-31", severity: "warning" },
          {
            expected,
            actual: upper,
            addends: 2,
            message: "部门整体绩效目标表 上级安排与表1 上级转移支付 + 财政拨款结转不一致",
            location: loc,
          },
        ),
      );
    }
    return out;
  },
});

export const T32 = defineRule({
  id: "T-32",
  severity: "warning",
  category: "text",
  title: "成本指标上限之和 = 项目年度预算总额（上限低于预算则预算用完即无法达成成本目标）",
  source: "derived (Xinjiang practice; not a published rule)",
  run: ({ d }) => {
    const pts = projectTables(d.performance).filter((t) => t.total !== undefined && costCeilings(t).costs.length > 0);
    if (pts.length === 0) return { notChecked: "没有带成本指标和年度预算总额的项目绩效表" };
    const out: Finding[] = [];
    for (const t of pts) {
      const { ceilings } = costCeilings(t);
      const known = sum(ceilings.filter((x): x is number => x !== undefined));
      const complete = ceilings.every((x) => x !== undefined);
      const budget = t.total!;
      if ((complete && known !== budget) || (!complete && known > budget))
        out.push({
          rule: "T-32",
          severity: "warning",
          message: complete
            ? `项目绩效表“${t.project ?? t.title}”成本指标上限合计 ${formatWanyuan(known)} 万元${known < budget ? "低于" : "高于"}年度预算总额 ${formatWanyuan(budget)} 万元${known < budget ? "：预算全部支出时成本指标无法达成" : ""}`
            : `项目绩效表“${t.project ?? t.title}”可换算的成本指标上限已达 ${formatWanyuan(known)} 万元，高于年度预算总额 ${formatWanyuan(budget)} 万元`,
          location: perfLoc(t),
          expected: formatWanyuan(budget),
          actual: formatWanyuan(known),
          difference: formatWanyuan(known - budget),
        });
    }
    return out;
  },
});
