/**
 * Balance and class sums of the two-sided tables: 表1 收入总计 = 支出总计 (K-01), 表1 支出总计 =
 * Σ 功能分类 类 (K-06), and for 表4 (K-16) 收入总计 = 支出总计, 支出总计 = Σ 类 in every expenditure
 * column, and each fund's income line = that fund's expenditure column total (表4 holds the
 * current year's appropriations only, so income and expenditure match fund by fund).
 */
import {
  amountAt,
  amountKeys,
  classSumLine,
  columnLabel,
  expenditureAmountOn,
  expenditureLineRow,
  hasColumn,
  rowsAtLevel,
  tableById,
} from "../../../model/access.ts";
import type { PrintedTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import type { TableSpec } from "../../../templates/spec.ts";
import { defineRule, type Rule, type RuleContext, tablesInOtherFile, whyNoTables } from "../../rule.ts";
import { lineRow } from "./line-sums.ts";
import { cellLocation, compareCells, compareEqual, OWN_SUMS, push, tableName, tableSpec } from "./sum-cells.ts";

function need(ctx: RuleContext, id: string): PrintedTable | { notChecked: string } {
  if (tablesInOtherFile(ctx.d)) return { notChecked: whyNoTables(ctx.d) };
  return tableById(ctx.d, id) ?? { notChecked: `缺少${tableName(ctx.template, id)}` };
}

/**
 * 收入总计 (income line "total") vs 支出总计 (the expenditure "total" line, in the main expenditure
 * column or, where the template prints the total once under another group, that column).
 */
function balance(rule: Rule, t: PrintedTable, spec: TableSpec | undefined): Finding | undefined | string {
  const inc = lineRow(t, "total");
  const exp = expenditureLineRow(t, spec, "total");
  if (!inc || !exp) return `表${t.no}未识别出收入总计或支出总计行`;
  const e = expenditureAmountOn(t, exp);
  return compareEqual(rule, {
    actual: e.amount,
    expected: [amountAt(t, inc, "incomeAmount")],
    message: () => `表${t.no}支出总计不等于收入总计（收支不平衡）`,
    location: () => cellLocation(t, exp, e.column),
    unit: t.unit,
  });
}

/**
 * Σ 类 rows in one expenditure column = the line the classes add up to: 支出总计, or 本年支出合计 /
 * 当年支出小计 where the template's 总计 also holds 结转和结余 (决算, Jiangsu).
 */
function classSum(rule: Rule, t: PrintedTable, spec: TableSpec | undefined, key: string): Finding | undefined {
  const line = classSumLine(spec);
  const exp = expenditureLineRow(t, spec, line);
  const classes = rowsAtLevel(t, 1);
  if (!exp || classes.length === 0) return undefined;
  const main = key === "expenditureAmount" || key === "expenditureTotal";
  const total = main ? expenditureAmountOn(t, exp) : { column: key, amount: amountAt(t, exp, key) };
  return compareCells(rule, {
    total: total.amount,
    parts: classes.map((r) => amountAt(t, r, key)),
    message: () =>
      `表${t.no}${line === "total" ? "支出总计" : "本年支出合计"}（${columnLabel(t, key)}）不等于各功能分类类之和`,
    location: () => cellLocation(t, exp, total.column),
    unit: t.unit,
  });
}

export const K01: Rule = defineRule({
  id: "K-01",
  severity: "error",
  category: "arithmetic",
  title: "部门收支总体情况表：收入总计等于支出总计",
  source: "收支平衡（模板恒等式，domain-rules K-01）",
  general: true,
  run: (ctx) => {
    const t = need(ctx, "summary");
    if ("notChecked" in t) return t;
    const f = balance(K01, t, tableSpec(ctx.template, "summary"));
    if (typeof f === "string") return { notChecked: f };
    return f ? [f] : [];
  },
});

export const K06: Rule = defineRule({
  id: "K-06",
  severity: "error",
  category: "arithmetic",
  title: "部门收支总体情况表：支出总计（决算、江苏：本年支出合计）等于各功能分类类之和",
  source: "模板恒等式（domain-rules K-06）",
  run: (ctx) => {
    const t = need(ctx, "summary");
    if ("notChecked" in t) return t;
    if (t.sums) return { notChecked: OWN_SUMS };
    const spec = tableSpec(ctx.template, "summary");
    if (!expenditureLineRow(t, spec, classSumLine(spec))) return { notChecked: `表${t.no}未识别出支出总计行` };
    if (!hasColumn(t, "expenditureAmount")) return { notChecked: `表${t.no}没有功能分类支出金额列` };
    const f = classSum(K06, t, spec, "expenditureAmount");
    return f ? [f] : [];
  },
});

/** 表4 income fund line ↔ expenditure fund column. */
const FUND_LINES: readonly [string, string][] = [
  ["generalBudgetAppropriation", "generalBudget"],
  ["governmentFundAppropriation", "governmentFund"],
  ["stateCapitalAppropriation", "stateCapital"],
];

export const K16: Rule = defineRule({
  id: "K-16",
  severity: "error",
  category: "arithmetic",
  title: "财政拨款收支总体情况表：收入总计等于支出总计，支出总计等于各类之和，分资金收入等于分资金支出",
  source: "模板恒等式（domain-rules K-16）",
  run: (ctx) => {
    const t = need(ctx, "fiscalSummary");
    if ("notChecked" in t) return t;
    const spec = tableSpec(ctx.template, "fiscalSummary");
    const out: Finding[] = [];
    const f = balance(K16, t, spec);
    if (typeof f === "string") return { notChecked: f };
    push(out, f);
    for (const key of amountKeys(t, "expenditure")) push(out, classSum(K16, t, spec, key));
    // Fund by fund, income = expenditure only where 表4 holds the current year's appropriations
    // alone (Xinjiang, Shanghai 预算); with 年初/年末结转 lines (决算) the identity is F-01/F-02's.
    const carries = spec?.lines?.some((l) => l.key === "openingBalance" || l.key === "closingBalance");
    const exp = expenditureLineRow(t, spec, "total");
    for (const [lineKey, col] of carries ? [] : FUND_LINES) {
      const inc = lineRow(t, lineKey);
      if (!inc || !exp || !hasColumn(t, col)) continue;
      push(
        out,
        compareEqual(K16, {
          actual: amountAt(t, exp, col),
          expected: [amountAt(t, inc, "incomeAmount")],
          message: () => `表${t.no}${columnLabel(t, col)}支出总计不等于同一资金的财政拨款收入`,
          location: () => cellLocation(t, exp, col),
          unit: t.unit,
        }),
      );
    }
    return out;
  },
});
