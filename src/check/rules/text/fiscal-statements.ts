/**
 * T-08 … T-11: 说明四 against 表4; 说明五（一）（二）（三）against 表5 — totals, 基本/项目, 类 amounts
 * and shares, and one entry per non-zero 项.
 */
import { amountAt, lineAmount, rowLabel } from "../../../model/access.ts";
import type { PrintedTable, Statement } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { FUNCTION_CLASSES_2025 } from "../../../templates/xinjiang-2025-budget.ts";
import { compareSum, defineRule } from "../../rule.ts";
import { itemStatements } from "./change-statements.ts";
import {
  checkShare,
  generalBudgetPart,
  natureKey,
  resolveItemCode,
  sectionWithTable,
  squash,
  subjectOf,
  textLoc,
  toFinding,
  totalAt,
} from "./shared.ts";

/** The function class a statement is about: its code, or a class name contained in its subject. */
function classCode(s: Statement): string | undefined {
  if (s.code && s.code.length === 3) return s.code;
  const subj = subjectOf(s);
  return FUNCTION_CLASSES_2025.find(([, name]) => subj.includes(name))?.[0];
}

function classRow(t: PrintedTable, code: string) {
  return t.rows.find((r) => r.code === code && (r.kind === "class" || r.code.length === 3));
}

export const T08 = defineRule({
  id: "T-08",
  severity: "error",
  category: "text",
  title: "说明四 财政拨款收支总预算及各类支出金额等于表4",
  source: "derived",
  run: (ctx) => {
    const st = sectionWithTable(ctx, "fiscal", "fiscalSummary");
    if ("notChecked" in st) return st;
    const { e, t: t4 } = st;
    const out: Finding[] = [];
    for (const s of e.statements) {
      if (s.amount === undefined) continue;
      const subj = subjectOf(s);
      let expected: number | undefined;
      let row = "";
      const cc = classCode(s);
      if (cc) {
        const r = classRow(t4, cc);
        expected = r ? (amountAt(t4, r, "expenditureTotal") ?? 0) : 0;
        row = `${cc} ${FUNCTION_CLASSES_2025.find(([c]) => c === cc)?.[1] ?? ""}`;
      } else if (subj.includes("一般公共预算")) {
        const l = lineAmount(t4, "generalBudgetAppropriation");
        expected = l?.amount ?? undefined;
        row = "一般公共预算";
      } else if (subj.includes("总") || subj.includes("合计")) {
        const l = lineAmount(t4, "total");
        expected = l?.amount ?? undefined;
        row = "收入总计";
      }
      if (expected === undefined) continue;
      const f = compareSum(T08, {
        expected,
        actual: s.amount,
        addends: 0,
        message: () =>
          `说明四 ${s.subject} ${formatWanyuan(s.amount!)} 万元与表4“${row}” ${formatWanyuan(expected)} 万元不一致`,
        location: () => ({ ...textLoc(e.no, `（${s.subject}）`), table: 4, row }),
      });
      if (f) out.push(f);
    }
    return out;
  },
});

export const T09 = defineRule({
  id: "T-09",
  severity: "error",
  category: "text",
  title: "说明五（一）一般公共预算当年拨款 合计/基本支出/项目支出 等于表5 总计",
  source: "derived",
  run: (ctx) => {
    const st = sectionWithTable(ctx, "generalBudget", "generalBudgetExpenditure");
    if ("notChecked" in st) return st;
    const { e, t: t5 } = st;
    const out: Finding[] = [];
    for (const s of e.statements) {
      if (s.amount === undefined || generalBudgetPart(s) !== 1) continue;
      // a section that also states the other funds' and non-fiscal amounts (Shanghai 预算编制说明)
      if (/政府性基金|国有资本|事业|其他收入/.test(squash(s.subject))) continue;
      const key = natureKey(s.subject);
      if (!key) continue;
      const expected = totalAt(t5, key);
      if (expected === undefined) continue;
      const f = compareSum(T09, {
        expected,
        actual: s.amount,
        addends: 0,
        statedInWanyuan: t5.unit === "yuan",
        message: () =>
          `说明五（一）${s.subject} ${formatWanyuan(s.amount!)} 万元与表5 总计行 ${formatWanyuan(expected)} 万元不一致`,
        location: () => ({ ...textLoc(e.no, `（一）${s.subject}`), table: 5, row: "总计" }),
      });
      if (f) out.push(f);
    }
    return out;
  },
});

export const T10 = defineRule({
  id: "T-10",
  severity: "error",
  category: "text",
  title: "说明五（二）各类金额等于表5 类合计，占比 = 类 ÷ 表5 总计",
  source: "derived",
  run: (ctx) => {
    const st = sectionWithTable(ctx, "generalBudget", "generalBudgetExpenditure");
    if ("notChecked" in st) return st;
    const { e, t: t5 } = st;
    const whole = totalAt(t5, "total");
    const list = e.statements.filter((s) => generalBudgetPart(s) === 2 && s.amount !== undefined);
    if (list.length === 0) return { notChecked: "说明五（二）中没有识别出各类金额与占比" };
    const out: Finding[] = [];
    list.forEach((s, i) => {
      const cc = classCode(s);
      const loc = () => ({ ...textLoc(e.no, `（二）第 ${i + 1} 项`), table: 5 });
      if (cc) {
        const r = classRow(t5, cc);
        const expected = r ? (amountAt(t5, r, "total") ?? 0) : 0;
        const f = compareSum(T10, {
          expected,
          actual: s.amount!,
          addends: 0,
          message: () =>
            `说明五（二）${s.subject} ${formatWanyuan(s.amount!)} 万元与表5 ${cc} 类合计 ${formatWanyuan(expected)} 万元不一致`,
          location: () => ({ ...loc(), row: r ? rowLabel(r) : cc }),
        });
        if (f) out.push(f);
      }
      if (s.share !== undefined && whole) {
        const c = checkShare(s.share, s.amount!, whole);
        if (c) out.push(toFinding("T-10", c, loc(), `说明五（二）${s.subject}：`));
      }
    });
    return out;
  },
});

export const T11 = defineRule({
  id: "T-11",
  severity: "error",
  category: "text",
  title: "说明五（三）逐项说明表5 每个非零的项，金额等于表5 项合计",
  source: "derived; L5 (项级)",
  run: (ctx) => {
    const st = sectionWithTable(ctx, "generalBudget", "generalBudgetExpenditure");
    if ("notChecked" in st) return st;
    const { e, t: t5 } = st;
    const items = itemStatements(e);
    if (items.length === 0) return { notChecked: "说明五（三）中没有识别出逐项说明" };
    const out: Finding[] = [];
    const covered = new Set<string>();
    for (const { s, n } of items) {
      const code = resolveItemCode(t5, s);
      const loc = () => ({ ...textLoc(e.no, `（三）第 ${n} 项`), table: 5 });
      if (!code) {
        // An item that fell to 0 is no longer printed in 表5; describing it is allowed (and useful).
        if ((s.amount ?? 0) === 0) continue;
        out.push({
          rule: "T-11",
          severity: "warning",
          message: `说明五（三）第 ${n} 项“${s.subject}”无法对应到表5 的功能分类项`,
          location: loc(),
        });
        continue;
      }
      covered.add(code);
      const r = t5.rows.find((x) => x.code === code);
      const expected = r ? (amountAt(t5, r, "total") ?? 0) : 0;
      if (s.amount === undefined) continue;
      const f = compareSum(T11, {
        expected,
        actual: s.amount,
        addends: 0,
        statedInWanyuan: t5.unit === "yuan",
        message: () =>
          `说明五（三）第 ${n} 项 ${code} ${formatWanyuan(s.amount!)} 万元与表5 该项合计 ${formatWanyuan(expected)} 万元不一致`,
        location: () => ({ ...loc(), row: r ? rowLabel(r) : code }),
      });
      if (f) out.push(f);
    }
    for (const r of t5.rows) {
      if (r.code?.length !== 7) continue;
      const a = amountAt(t5, r, "total") ?? 0;
      if (a !== 0 && !covered.has(r.code))
        out.push({
          rule: "T-11",
          severity: "error",
          message: `表5 ${rowLabel(r)} 有 ${formatWanyuan(a)} 万元，说明五（三）没有说明该项的使用情况`,
          location: { ...textLoc(e.no, "（三）"), table: 5, row: rowLabel(r) },
          expected: formatWanyuan(a),
        });
    }
    return out;
  },
});
