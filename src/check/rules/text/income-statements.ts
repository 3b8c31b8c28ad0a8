/**
 * T-01 … T-03: 说明一/二/三 against 表1 and 表3 — the total, each income source's amount, and the
 * shares of income sources and of 基本/项目 支出 recomputed from the printed amounts.
 */
import { amountAt, tableById } from "../../../model/access.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { normaliseLabel } from "../../../templates/spec.ts";
import { FUNCTION_CLASSES_2025 } from "../../../templates/xinjiang-2025-budget.ts";
import { compareSum, defineRule } from "../../rule.ts";
import {
  checkShare,
  explanationById,
  explanationSpecOf,
  grandTotal,
  incomeLineKey,
  natureKey,
  squash,
  summaryLine,
  textLoc,
  toFinding,
  totalAt,
} from "./shared.ts";

/** Top-level income kinds of 表1 and the words a 说明一 list uses for them. */
const INCOME_KINDS: readonly [string, string][] = [
  ["generalBudgetAppropriation", "一般公共预算"],
  ["governmentFundAppropriation", "政府性基金"],
  ["stateCapitalAppropriation", "国有资本经营"],
  ["specialAccount", "财政专户"],
  ["unitFunds", "单位资金"],
  ["carryover", "结转"],
];

export const T01 = defineRule({
  id: "T-01",
  severity: "error",
  category: "text",
  title: "说明一 收支总预算等于表1 总计，列出的收入类型与支出功能分类类与表1 一致",
  source: "derived: 说明一 restates 表1",
  run: ({ d, template }) => {
    const e = explanationById({ d, template }, "overall");
    const total = grandTotal(d);
    if (!e) return { notChecked: "没有说明一（收支预算总体情况）" };
    if (total === undefined) return { notChecked: "没有表1 收入总计" };
    const out: Finding[] = [];
    const loc = textLoc(e.no);
    const s = e.statements.find((x) => x.amount !== undefined);
    if (!s) return { notChecked: "说明一中没有识别出收支总预算金额" };
    const f = compareSum(T01, {
      expected: total,
      actual: s.amount!,
      addends: 0,
      message: () =>
        `说明一 收支总预算 ${formatWanyuan(s.amount!)} 万元与表1 收入总计 ${formatWanyuan(total)} 万元不一致`,
      location: loc,
    });
    if (f) out.push(f);
    const text = squash(e.text || e.statements.map((x) => x.text).join(""));
    const t1 = tableById(d, "summary")!;
    for (const [code, name] of FUNCTION_CLASSES_2025) {
      const row = t1.rows.find((r) => r.code === code);
      const amount = row ? (amountAt(t1, row, "expenditureAmount") ?? 0) : 0;
      const named = text.includes(name);
      if (amount !== 0 && !named)
        out.push({
          rule: "T-01",
          severity: "warning",
          message: `表1 支出 ${code} ${name} 为 ${formatWanyuan(amount)} 万元，说明一 的支出预算构成未列出`,
          location: loc,
        });
      if (amount === 0 && named && text.includes("支出预算包括"))
        out.push({
          rule: "T-01",
          severity: "warning",
          message: `说明一 列出了 ${name}，但表1 该类支出为 0 或空`,
          location: loc,
        });
    }
    for (const [key, word] of INCOME_KINDS) {
      const l = summaryLine(d, key);
      if (l && l.amount !== 0 && !text.includes(word))
        out.push({
          rule: "T-01",
          severity: "warning",
          message: `表1 ${l.row.label} 为 ${formatWanyuan(l.amount)} 万元，说明一 的收入预算构成未列出“${word}”`,
          location: loc,
        });
    }
    return out;
  },
});

export const T02 = defineRule({
  id: "T-02",
  severity: "error",
  category: "text",
  title: "说明二 各项收入金额等于表1 对应收入行",
  source: "derived: 说明二 restates 表1",
  run: ({ d, template }) => {
    const e = explanationById({ d, template }, "income");
    if (!e) return { notChecked: "没有说明二（收入预算情况）" };
    if (!tableById(d, "summary")) return { notChecked: "没有表1 部门收支总体情况表" };
    const out: Finding[] = [];
    // 决算 (spec linesByLabel): a subject is a 表1 line by its printed label, or not a line at all
    // ("财政拨款收入" sums three 表1 lines)
    const byLabel = explanationSpecOf({ d, template }, "income")?.linesByLabel === true;
    const lines = template.tables.find((t) => t.id === "summary")?.lines ?? [];
    for (const s of e.statements) {
      if (s.amount === undefined) continue;
      const key = byLabel
        ? lines.find(
            (l) =>
              l.side === "income" &&
              [l.label, ...(l.aliases ?? [])].some((x) => normaliseLabel(x) === normaliseLabel(s.subject)),
          )?.key
        : incomeLineKey(s.subject);
      if (!key) continue;
      const l = summaryLine(d, key);
      if (!l) continue;
      const f = compareSum(T02, {
        expected: l.amount,
        actual: s.amount,
        addends: 0,
        message: () =>
          `说明二 ${s.subject} ${formatWanyuan(s.amount!)} 万元与表1“${l.row.label}” ${formatWanyuan(l.amount)} 万元不一致`,
        location: () => textLoc(e.no, `（${s.subject}）`),
      });
      if (f) out.push({ ...f, location: { ...f.location, table: 1, row: l.row.label } });
    }
    return out;
  },
});

export const T03 = defineRule({
  id: "T-03",
  severity: "error",
  category: "text",
  title: "说明二/三 占比 = 金额 ÷ 收支总计（保留两位小数）",
  source: "derived",
  run: ({ d, template }) => {
    const inc = explanationById({ d, template }, "income");
    const exp = explanationById({ d, template }, "expenditure");
    if (!inc && !exp) return { notChecked: "没有说明二、说明三" };
    const out: Finding[] = [];
    const t3 = tableById(d, "expenditure");
    for (const [e, isIncome] of [
      [inc, true],
      [exp, false],
    ] as const) {
      if (!e) continue;
      const totalStmt = e.statements.find(
        (s) =>
          s.amount !== undefined &&
          (isIncome ? incomeLineKey(s.subject) === "total" : natureKey(s.subject) === "total"),
      );
      // 决算 (spec shareBase "sectionTotal"): shares of the section's own 本年收入合计 / 本年支出合计
      const own = explanationSpecOf({ d, template }, isIncome ? "income" : "expenditure")?.shareBase;
      const sectionTotal = e.statements.find((s) => s.amount !== undefined && s.share === undefined)?.amount;
      const whole =
        own === "sectionTotal"
          ? sectionTotal
          : (grandTotal(d) ?? (t3 ? totalAt(t3, "total") : undefined) ?? totalStmt?.amount);
      if (whole === undefined) continue;
      for (const s of e.statements) {
        if (s.share === undefined || s.amount === undefined) continue;
        const c = checkShare(s.share, s.amount, whole);
        if (c)
          out.push(
            toFinding("T-03", c, textLoc(e.no, `（${s.subject}）`), `说明${e.no === 2 ? "二" : "三"} ${s.subject}：`),
          );
      }
    }
    return out;
  },
});
