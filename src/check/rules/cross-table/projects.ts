/**
 * Projects across tables: K-30 表7 总计 = 表5 项目支出 总计, and Σ 表7 project rows per 项 code = 表5
 * 项目支出 of that 项 (projects of several units share a 项); K-35 (warning) each 表11 财政拨款结转
 * project matches a 表2 项 row's 财政拨款结转 (amount matching: a project spread over two 项 cannot
 * be matched, so this is a hint, not an error).
 */
import { amountAt, isProjectRow, rowLabel, totalRow } from "../../../model/access.ts";
import type { PrintedTable, Row } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan, roundingTolerance } from "../../../model/money.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { cellLocation, compareEqual, needTables, push } from "../arithmetic/sum-cells.ts";
import { rowFor } from "./lookup.ts";

export const K30: Rule = defineRule({
  id: "K-30",
  severity: "error",
  category: "cross-table",
  title: "一般公共预算项目支出情况表总计及各项目所属功能分类项的金额等于一般公共预算支出情况表项目支出",
  source: "表间关系（domain-rules K-30）",
  run: (ctx) => {
    const r = needTables(ctx, ["generalBudgetExpenditure", "projectExpenditure"]);
    if ("notChecked" in r) return r;
    const [t5, t7] = r.tables as [PrintedTable, PrintedTable];
    const out: Finding[] = [];
    const tot7 = totalRow(t7);
    const tot5 = totalRow(t5);
    if (tot5) {
      push(
        out,
        compareEqual(K30, {
          actual: tot7 ? amountAt(t7, tot7, "total") : null,
          expected: [amountAt(t5, tot5, "project")],
          message: () => `表${t7.no}总计不等于表${t5.no}项目支出总计`,
          location: () => cellLocation(t7, tot7 ?? "总计", "total"),
          unit: t7.unit,
        }),
      );
    }
    const byItem = new Map<string, Row[]>();
    for (const p of t7.rows.filter((x) => isProjectRow(t7, x) && x.code)) {
      byItem.set(p.code!, [...(byItem.get(p.code!) ?? []), p]);
    }
    const items5 = t5.rows.filter((x) => x.code?.length === 7 && (amountAt(t5, x, "project") ?? 0) !== 0);
    const codes = new Set([...byItem.keys(), ...items5.map((x) => x.code!)]);
    for (const code of codes) {
      const projects = byItem.get(code) ?? [];
      const row5 = rowFor(t5, code);
      const label = row5 ? rowLabel(row5) : projects[0] ? rowLabel(projects[0]) : code;
      // Compare the 表5 figure with the sum of project rows (the addends are the 表7 rows).
      push(
        out,
        compareEqual(K30, {
          actual: row5 ? amountAt(t5, row5, "project") : null,
          expected: projects.map((p) => amountAt(t7, p, "total")),
          message: () => `表${t5.no}“${label}”项目支出不等于表${t7.no}该项下 ${projects.length} 个项目之和`,
          location: () => cellLocation(t5, row5 ?? label, "project"),
          unit: t5.unit,
        }),
      );
    }
    return out;
  },
});

export const K35: Rule = defineRule({
  id: "K-35",
  severity: "warning",
  category: "cross-table",
  title: "上年结转结余明细表各财政拨款结转项目可在部门收入总体情况表的功能分类项中找到相同金额的财政拨款结转",
  source: "表间关系（domain-rules K-35），按金额匹配，仅作提示",
  run: (ctx) => {
    const r = needTables(ctx, ["income", "carryover"]);
    if ("notChecked" in r) return r;
    const [t2, t11] = r.tables as [PrintedTable, PrintedTable];
    const pool = t2.rows
      .filter((x) => x.code?.length === 7)
      .map((x) => ({ row: x, amount: amountAt(t2, x, "fiscalCarryover") }))
      .filter((x) => x.amount !== null && x.amount !== 0);
    const projects = t11.rows.filter((x) => x.kind !== "total" && x.kind !== "unit" && x.kind !== "header");
    const out: Finding[] = [];
    // Without project rows there is nothing to match; the totals are K-34's business.
    if (!projects.some((p) => (amountAt(t11, p, "fiscalSubtotal") ?? 0) !== 0)) return out;
    const unmatched: { row: (typeof projects)[number]; amount: number }[] = [];
    for (const p of projects) {
      const a = amountAt(t11, p, "fiscalSubtotal");
      if (a === null || a === 0) continue;
      const i = pool.findIndex((x) => x.amount === a);
      if (i >= 0) pool.splice(i, 1);
      else unmatched.push({ row: p, amount: a });
    }
    // A project's carry-over may be booked under several 项 (and a 项 may hold several projects'):
    // when what is left on both sides adds up to the same amount (within rounding), the split
    // cannot be attributed item by item but nothing is missing, so there is nothing to report.
    const leftProjects = unmatched.reduce((n, x) => n + x.amount, 0);
    const leftItems = pool.reduce((n, x) => n + (x.amount ?? 0), 0);
    const tol = roundingTolerance(unmatched.length + pool.length, t2.unit);
    if (unmatched.length > 0 && pool.length > 0 && Math.abs(leftProjects - leftItems) <= tol) return out;
    for (const { row: p, amount: a } of unmatched) {
      out.push({
        rule: K35.id,
        severity: "warning",
        message: `表${t11.no}结转项目“${p.label.trim()}”（财政拨款 ${formatWanyuan(a)}）在表${t2.no}各功能分类项的财政拨款结转中找不到相同金额`,
        location: cellLocation(t11, p, "fiscalSubtotal"),
      });
    }
    for (const rest of pool) {
      out.push({
        rule: K35.id,
        severity: "warning",
        message: `表${t2.no}“${rowLabel(rest.row)}”的财政拨款结转 ${formatWanyuan(rest.amount!)} 在表${t11.no}中找不到对应项目`,
        location: cellLocation(t2, rest.row, "fiscalCarryover"),
      });
    }
    return out;
  },
});
