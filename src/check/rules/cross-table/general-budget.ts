/**
 * The 一般公共预算 tables against the department tables:
 * K-18 表4 类 (一般公共预算 / 合计 / 基金 / 国资) = 表5 类 合计 / 表2 类 财政拨款小计 / 表8 / 表9 类 合计;
 * K-19 表5 总计 = 表4 一般公共预算 支出总计; K-20 表5 row 合计 = 表2 same row (一般公共预算 + 上级一般
 * 公共预算转移支付) — 表5 holds the current year's appropriation only; K-21 表5 基本 ≤ 表3 基本 per row,
 * and where they are equal 表3 项目 = 表5 项目 + 表2 non-一般公共预算 sources; K-24 表6 总计 = 表5 基本.
 */
import {
  amountAt,
  basicTotalRows,
  classSumLine,
  columnLabel,
  expenditureLineRow,
  hasColumn,
  rowLabel,
  tableById,
  totalRow,
} from "../../../model/access.ts";
import type { PrintedTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { defineRule, type Rule } from "../../rule.ts";
import {
  cellLocation,
  cellsAgree,
  compareCells,
  compareEqual,
  needTables,
  push,
  tableSpec,
} from "../arithmetic/sum-cells.ts";
import { amountFor, classRows, codesOf, rowFor } from "./lookup.ts";

export const K18: Rule = defineRule({
  id: "K-18",
  severity: "error",
  category: "cross-table",
  title: "财政拨款收支总体情况表各类支出与一般公共预算支出表、部门收入表及基金/国资支出表对应类一致",
  source: "表间关系（domain-rules K-18）",
  run: (ctx) => {
    const r = needTables(ctx, ["fiscalSummary", "generalBudgetExpenditure"]);
    if ("notChecked" in r) return r;
    const [t4, t5] = r.tables as [PrintedTable, PrintedTable];
    // Optional partners: each pair is checked when its table is published.
    const partners: [string, PrintedTable | undefined, string][] = [
      ["generalBudget", t5, "total"],
      ["expenditureTotal", tableById(ctx.d, "income"), "fiscalSubtotal"],
      ["governmentFund", tableById(ctx.d, "governmentFundExpenditure"), "total"],
      ["stateCapital", tableById(ctx.d, "stateCapitalExpenditure"), "total"],
    ];
    const c4 = classRows(t4);
    const out: Finding[] = [];
    for (const [col4, other, col] of partners) {
      if (!other || !hasColumn(t4, col4)) continue;
      const codes = new Set([...c4.keys(), ...codesOf(other).filter((c) => c.length === 3)]);
      for (const code of codes) {
        const row4 = c4.get(code);
        const actual = row4 ? amountAt(t4, row4, col4) : null;
        const expected = [amountFor(other, code, col)];
        if (cellsAgree(actual, expected)) continue;
        push(
          out,
          compareEqual(K18, {
            actual,
            expected,
            message: () =>
              `表${t4.no}功能分类“${code}”的“${columnLabel(t4, col4)}”与表${other.no}该类“${columnLabel(other, col)}”不一致`,
            location: () => (row4 ? cellLocation(t4, row4, col4) : cellLocation(other, rowFor(other, code), col)),
            unit: t4.unit,
          }),
        );
      }
    }
    return out;
  },
});

export const K19: Rule = defineRule({
  id: "K-19",
  severity: "error",
  category: "cross-table",
  title: "一般公共预算支出情况表总计等于财政拨款收支总体情况表一般公共预算支出总计",
  source: "表间关系（domain-rules K-19）",
  run: (ctx) => {
    const r = needTables(ctx, ["fiscalSummary", "generalBudgetExpenditure"]);
    if ("notChecked" in r) return r;
    const [t4, t5] = r.tables as [PrintedTable, PrintedTable];
    const tot = totalRow(t5);
    if (!tot) return { notChecked: `表${t5.no}没有总计行` };
    if (!hasColumn(t4, "generalBudget"))
      return {
        notChecked: `模板 ${ctx.template.id} 的表${t4.no}支出按用途（基本/项目）列示，没有一般公共预算支出列`,
      };
    // 决算: the year's expenditure is 表4 本年支出合计 (总计 adds 年末结转和结余)
    const spec4 = tableSpec(ctx.template, "fiscalSummary");
    const row4 = expenditureLineRow(t4, spec4, classSumLine(spec4));
    const f = compareEqual(K19, {
      actual: amountAt(t5, tot, "total"),
      expected: [row4 ? amountAt(t4, row4, "generalBudget") : null],
      message: () =>
        `表${t5.no}总计不等于表${t4.no}一般公共预算${classSumLine(spec4) === "total" ? "支出总计" : "本年支出合计"}`,
      location: () => cellLocation(t5, tot, "total"),
      unit: t5.unit,
    });
    return f ? [f] : [];
  },
});

export const K20: Rule = defineRule({
  id: "K-20",
  severity: "error",
  category: "cross-table",
  title: "一般公共预算支出情况表每行合计等于部门收入表同一科目的一般公共预算与上级一般公共预算转移支付之和",
  source: "表间关系（domain-rules K-20，新疆模板：表5 只含当年拨款）",
  run: (ctx) => {
    const r = needTables(ctx, ["income", "generalBudgetExpenditure"]);
    if ("notChecked" in r) return r;
    const [t2, t5] = r.tables as [PrintedTable, PrintedTable];
    if (!hasColumn(t2, "generalBudget"))
      return {
        notChecked: `模板 ${ctx.template.id} 的表${t2.no}没有“一般公共预算”收入列（只有财政拨款收入合计${ctx.template.kind === "finalAccounts" ? "，且决算收入与支出可相差结转" : ""}），无法按科目比对`,
      };
    const codes = new Set([...codesOf(t5), ...codesOf(t2)]);
    const out: Finding[] = [];
    for (const code of codes) {
      const row5 = rowFor(t5, code);
      const row2 = rowFor(t2, code);
      push(
        out,
        compareEqual(K20, {
          actual: row5 ? amountAt(t5, row5, "total") : null,
          expected: [amountFor(t2, code, "generalBudget"), amountFor(t2, code, "upperTransferGeneral")],
          message: () =>
            `表${t5.no}“${row5 ? rowLabel(row5) : row2 ? rowLabel(row2) : code}”合计不等于表${t2.no}同一科目一般公共预算 + 上级一般公共预算安排的转移支付`,
          location: () =>
            row5 ? cellLocation(t5, row5, "total") : cellLocation(t5, row2 ? rowLabel(row2) : code, "total"),
          unit: t5.unit,
        }),
      );
    }
    return out;
  },
});

/** 表2 sources other than 一般公共预算 (they pay for the 项目 of 表3 that 表5 does not show). */
const OTHER_SOURCES = [
  "governmentFund",
  "upperTransferFund",
  "stateCapital",
  "upperTransferStateCapital",
  "specialAccount",
  "unitFunds",
  "fiscalCarryover",
  "nonFiscalCarryover",
];

export const K21: Rule = defineRule({
  id: "K-21",
  severity: "error",
  category: "cross-table",
  title:
    "一般公共预算基本支出不大于部门基本支出；基本支出全部来自一般公共预算时，部门项目支出 = 一般公共预算项目支出 + 其他资金来源",
  source: "表间关系（domain-rules K-21）",
  run: (ctx) => {
    const r = needTables(ctx, ["income", "expenditure", "generalBudgetExpenditure"]);
    if ("notChecked" in r) return r;
    const [t2, t3, t5] = r.tables as [PrintedTable, PrintedTable, PrintedTable];
    const out: Finding[] = [];
    for (const code of codesOf(t3)) {
      const row3 = rowFor(t3, code)!;
      const basic3 = amountAt(t3, row3, "basic") ?? 0;
      const basic5 = amountFor(t5, code, "basic") ?? 0;
      if (basic5 > basic3) {
        out.push({
          rule: K21.id,
          severity: "error",
          message: `表${t5.no}“${rowLabel(row3)}”基本支出大于表${t3.no}同一科目基本支出`,
          location: cellLocation(t5, rowFor(t5, code) ?? rowLabel(row3), "basic"),
          expected: `≤ ${formatWanyuan(basic3)}`,
          actual: formatWanyuan(basic5),
          difference: formatWanyuan(basic5 - basic3),
        });
        continue;
      }
      // When other funds also pay basic expenditure the project part cannot be isolated.
      if (basic5 !== basic3) continue;
      const total = amountAt(t3, row3, "project");
      const parts = [amountFor(t5, code, "project"), ...OTHER_SOURCES.map((k) => amountFor(t2, code, k))];
      if (cellsAgree(total, parts)) continue;
      push(
        out,
        compareCells(K21, {
          total,
          parts,
          message: () =>
            `表${t3.no}“${rowLabel(row3)}”项目支出不等于表${t5.no}项目支出 + 表${t2.no}其他资金来源（财政专户、单位资金、结转等）`,
          location: () => cellLocation(t3, row3, "project"),
          unit: t3.unit,
        }),
      );
    }
    return out;
  },
});

export const K24: Rule = defineRule({
  id: "K-24",
  severity: "error",
  category: "cross-table",
  title: "一般公共预算基本支出情况表总计等于一般公共预算支出情况表基本支出总计",
  source: "表间关系（domain-rules K-24）",
  run: (ctx) => {
    const r = needTables(ctx, ["generalBudgetExpenditure", "basicExpenditure"]);
    if ("notChecked" in r) return r;
    const [t5, t6] = r.tables as [PrintedTable, PrintedTable];
    if (!hasColumn(t5, "basic"))
      return { notChecked: `模板 ${ctx.template.id} 的表${t5.no}只有合计金额列，没有基本支出列` };
    const totals = basicTotalRows(t6, tableSpec(ctx.template, "basicExpenditure"));
    if (!totals) return { notChecked: `表${t6.no}没有总计行` };
    // 决算 表6 prints 人员经费合计 and 公用经费合计 instead of one 总计
    const f =
      "total" in totals
        ? compareEqual(K24, {
            actual: amountAt(t6, totals.total, "total"),
            expected: [amountFor(t5, "", "basic")],
            message: () => `表${t6.no}总计不等于表${t5.no}基本支出总计`,
            location: () => cellLocation(t6, totals.total, "total"),
            unit: t6.unit,
          })
        : compareCells(K24, {
            total: amountFor(t5, "", "basic"),
            parts: [amountAt(t6, totals.personnel, "total"), amountAt(t6, totals.operating, "total")],
            message: () => `表${t6.no}人员经费合计 + 公用经费合计不等于表${t5.no}基本支出总计`,
            location: () => cellLocation(t6, totals.personnel, "total"),
            unit: t6.unit,
          });
    return f ? [f] : [];
  },
});
