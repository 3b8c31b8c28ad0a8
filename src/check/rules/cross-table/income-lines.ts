/**
 * Column totals and lines that repeat 表1's income lines: 表2 总计行 columns = 表1 income lines
 * (K-12), 表4 财政拨款收入 = 表1 本年财政拨款 by fund (K-17), 表11 总计 = 表1 上年结转结余 with its
 * 财政/非财政 split (K-34).
 */
import { amountAt, columnLabel, hasColumn, totalRow } from "../../../model/access.ts";
import type { PrintedTable, Row } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { lineRow } from "../arithmetic/line-sums.ts";
import { cellLocation, compareEqual, needTables, push, tableSpec } from "../arithmetic/sum-cells.ts";
import { lineAmountOf } from "./lookup.ts";

/** Compares cells of one row of table `t` with sums of 表1 income lines. */
function againstSummary(
  rule: Rule,
  t: PrintedTable,
  row: Row,
  t1: PrintedTable,
  pairs: readonly (readonly [string, readonly string[]])[],
  what: (key: string) => string,
): Finding[] {
  const out: Finding[] = [];
  for (const [key, lines] of pairs) {
    if (!hasColumn(t, key)) continue;
    const present = lines.filter((l) => lineRow(t1, l));
    if (present.length === 0) continue;
    push(
      out,
      compareEqual(rule, {
        actual: amountAt(t, row, key),
        expected: present.map((l) => lineAmountOf(t1, l)),
        message: () => `${what(key)}与表${t1.no}${present.length > 1 ? "相关收入行之和" : "对应收入行"}不一致`,
        location: () => cellLocation(t, row, key),
        unit: t.unit,
      }),
    );
  }
  return out;
}

const FISCAL_LINES = ["generalBudgetAppropriation", "governmentFundAppropriation", "stateCapitalAppropriation"];

/** 表2 column → 表1 income line(s). */
const INCOME_COLUMNS: readonly (readonly [string, readonly string[]])[] = [
  ["total", ["total"]],
  ["fiscalSubtotal", FISCAL_LINES],
  ["generalBudget", ["generalBudget"]],
  ["upperTransferGeneral", ["upperTransferGeneral"]],
  ["governmentFund", ["governmentFund"]],
  ["upperTransferFund", ["upperTransferFund"]],
  ["stateCapital", ["stateCapital"]],
  ["upperTransferStateCapital", ["upperTransferStateCapital"]],
  ["specialAccount", ["specialAccount"]],
  ["unitFunds", ["unitFunds"]],
  ["fiscalCarryover", ["fiscalCarryover"]],
  ["nonFiscalCarryover", ["nonFiscalCarryover"]],
];

export const K12: Rule = defineRule({
  id: "K-12",
  severity: "error",
  category: "cross-table",
  title: "部门收入总体情况表总计行各列等于部门收支总体情况表对应收入项",
  source: "表间关系（domain-rules K-12）",
  run: (ctx) => {
    const r = needTables(ctx, ["summary", "income"]);
    if ("notChecked" in r) return r;
    const [t1, t2] = r.tables as [PrintedTable, PrintedTable];
    const tot = totalRow(t2);
    if (!tot) return { notChecked: `表${t2.no}没有总计行` };
    // 决算 表2 holds the year's income only: its 总计 is 表1 本年收入合计, not 总计 (spec totalLine)
    const totalLine = tableSpec(ctx.template, "income")?.totalLine ?? "total";
    const pairs = INCOME_COLUMNS.map(([k, ls]) => [k, k === "total" ? [totalLine] : ls] as const);
    return againstSummary(K12, t2, tot, t1, pairs, (k) => `表${t2.no}总计行“${columnLabel(t2, k)}”`);
  },
});

/** 表4 income line → 表1 income line(s). */
const FISCAL_INCOME: readonly (readonly [string, readonly string[]])[] = [
  ["fiscalAppropriation", FISCAL_LINES],
  ["generalBudgetAppropriation", ["generalBudgetAppropriation"]],
  ["governmentFundAppropriation", ["governmentFundAppropriation"]],
  ["stateCapitalAppropriation", ["stateCapitalAppropriation"]],
];

export const K17: Rule = defineRule({
  id: "K-17",
  severity: "error",
  category: "cross-table",
  title: "财政拨款收支总体情况表财政拨款收入等于部门收支总体情况表本年财政拨款（分资金）",
  source: "表间关系（domain-rules K-17；新疆模板表4不含上年结转）",
  run: (ctx) => {
    const r = needTables(ctx, ["summary", "fiscalSummary"]);
    if ("notChecked" in r) return r;
    const [t1, t4] = r.tables as [PrintedTable, PrintedTable];
    const out: Finding[] = [];
    for (const [line4, lines1] of FISCAL_INCOME) {
      const row = lineRow(t4, line4);
      if (!row) continue;
      out.push(
        ...againstSummary(K17, t4, row, t1, [["incomeAmount", lines1]], () => `表${t4.no}“${row.label.trim()}”`),
      );
    }
    return out;
  },
});

/** 表11 总计行 column → 表1 income line. */
const CARRYOVER_COLUMNS: readonly (readonly [string, readonly string[]])[] = [
  ["total", ["carryover"]],
  ["fiscalSubtotal", ["fiscalCarryover"]],
  ["nonFiscalSubtotal", ["nonFiscalCarryover"]],
];

export const K34: Rule = defineRule({
  id: "K-34",
  severity: "error",
  category: "cross-table",
  title: "上年结转结余情况明细表总计（财政拨款、非财政拨款）等于部门收支总体情况表上年结转结余",
  source: "表间关系（domain-rules K-34）",
  run: (ctx) => {
    const r = needTables(ctx, ["summary", "carryover"]);
    if ("notChecked" in r) return r;
    const [t1, t11] = r.tables as [PrintedTable, PrintedTable];
    const tot = totalRow(t11);
    if (!tot) {
      // An empty 表11 is right only when 表1 shows no carry-over.
      const c = lineAmountOf(t1, "carryover");
      if (c === null || c === 0) return [];
      return [
        {
          rule: K34.id,
          severity: "error",
          message: `表${t1.no}上年结转结余不为零，但表${t11.no}没有总计行`,
          location: cellLocation(t11, undefined),
        },
      ];
    }
    return againstSummary(K34, t11, tot, t1, CARRYOVER_COLUMNS, (k) => `表${t11.no}总计“${columnLabel(t11, k)}”`);
  },
});
