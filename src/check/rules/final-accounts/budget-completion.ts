/**
 * 决算 说明 against the 年初预算 (财政部 决算公开 template: "一般公共预算财政拨款支出年初预算为
 * 2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：…", item by
 * item in 说明五（三）, and for the 三公 in 说明七):
 * F-11 完成率 = 决算 ÷ 年初预算 × 100, rounded half up to 0.01% (the 三公 年初预算 from the 表7 预算数
 *   when the sentence gives none);
 * F-12 the 决算 and 年初预算 amounts agree with the tables: 说明五 items with 表5 (项 row, or 总计),
 *   三公 lines with 表7 决算数 / 预算数;
 * F-13 a 决算 that differs from its 年初预算 has a stated reason (a warning).
 * The statements come from the statement parser (budget, amount, completion, reason), never from
 * re-reading the wording here.
 */
import { amountAt, lineCell, rowLabel, tableById, totalRow } from "../../../model/access.ts";
import type { Explanation, PrintedTable, Statement } from "../../../model/disclosure.ts";
import type { Finding, Location } from "../../../model/finding.ts";
import { type Fen, formatPercent, formatWanyuan, share } from "../../../model/money.ts";
import { compareSum, defineRule, type Rule, type RuleContext, reading } from "../../rule.ts";
import { tableSpec } from "../arithmetic/sum-cells.ts";
import { threePublicKey } from "../text/fund-statements.ts";
import { cnNumber, explanationById, resolveItemCode } from "../text/shared.ts";

const PART = "部门决算情况说明";

const loc = (e: Explanation, s: Statement): Location => ({
  part: PART,
  section: `说明${cnNumber(e.no)}（${s.subject}）`,
});

/** The 说明 sections that compare 决算 with 年初预算: 一般公共预算 (说明五) and 三公 (说明七). */
function sections(ctx: RuleContext): { e: Explanation; kind: "generalBudget" | "threePublic" }[] {
  const out: { e: Explanation; kind: "generalBudget" | "threePublic" }[] = [];
  for (const kind of ["generalBudget", "threePublic"] as const) {
    const e = explanationById(ctx, kind);
    if (e) out.push({ e, kind });
  }
  return out;
}

/** The table cell a statement's 决算 (stage actual) or 年初预算 (stage budget) is printed in. */
function tableAmount(
  ctx: RuleContext,
  kind: "generalBudget" | "threePublic",
  s: Statement,
  stage: "actual" | "budget",
): { t: PrintedTable; amount: Fen; row: string } | undefined {
  if (kind === "threePublic") {
    const t = tableById(ctx.d, "threePublic");
    const key = threePublicKey(s.subject);
    if (!t || !key) return undefined;
    const c = lineCell(t, tableSpec(ctx.template, "threePublic"), key, { stage });
    return c ? { t, amount: c.amount ?? 0, row: c.label } : undefined;
  }
  // 表5 prints 决算 only
  if (stage !== "actual") return undefined;
  const t = tableById(ctx.d, "generalBudgetExpenditure");
  if (!t) return undefined;
  const code = resolveItemCode(t, s);
  if (code) {
    const r = t.rows.find((x) => x.code === code);
    return { t, amount: r ? (amountAt(t, r, "total") ?? 0) : 0, row: r ? rowLabel(r) : code };
  }
  // the section's own total ("一般公共预算财政拨款支出年初预算为…")
  const r = totalRow(t);
  return r ? { t, amount: amountAt(t, r, "total") ?? 0, row: r.label } : undefined;
}

const compared = (s: Statement) => s.budget !== undefined || s.completion !== undefined;

function noComparison(ctx: RuleContext): string | undefined {
  const list = sections(ctx);
  if (list.length === 0) return "没有一般公共预算财政拨款支出或“三公”经费的决算说明";
  if (!list.some(({ e }) => e.statements.some(compared))) return "说明中没有识别出“年初预算为…，支出决算为…”的对比";
  return undefined;
}

export const F11: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-11",
  severity: "error",
  category: "text",
  title: "说明中的完成年初预算百分比 = 决算数 ÷ 年初预算数",
  source: "部门决算公开模板（说明五、说明七：年初预算、决算与完成率）",
  run: (ctx) => {
    const why = noComparison(ctx);
    if (why) return { notChecked: why };
    const out: Finding[] = [];
    for (const { e, kind } of sections(ctx)) {
      for (const s of e.statements) {
        if (s.completion === undefined || s.amount === undefined) continue;
        const budget = s.budget ?? tableAmount(ctx, kind, s, "budget")?.amount;
        if (budget === undefined) continue;
        const exp = share(s.amount, budget);
        // no 年初预算: a rate cannot be computed; "0%" on nothing spent is what documents print
        if (exp === undefined) {
          if (s.amount === 0 && s.completion === 0) continue;
          out.push({
            rule: "F-11",
            severity: "warning",
            message: `${s.subject} 年初预算为 0，完成率无定义，说明写为 ${formatPercent(s.completion)}`,
            location: loc(e, s),
            actual: formatPercent(s.completion),
          });
          continue;
        }
        if (exp === s.completion) continue;
        out.push({
          rule: "F-11",
          severity: "error",
          message: `${s.subject} 完成年初预算应为 ${formatWanyuan(s.amount)} ÷ ${formatWanyuan(budget)} = ${formatPercent(exp)}，说明写为 ${formatPercent(s.completion)}`,
          location: loc(e, s),
          expected: formatPercent(exp),
          actual: formatPercent(s.completion),
          difference: `${((s.completion - exp) / 100).toFixed(2)} 个百分点`,
        });
      }
    }
    return out;
  },
});

export const F12: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-12",
  severity: "error",
  category: "text",
  title: "说明中与年初预算对比的决算数、年初预算数等于决算表（表5 项、表7 预算数/决算数）",
  source: "derived（说明与决算表一致）",
  run: (ctx) => {
    const why = noComparison(ctx);
    if (why) return { notChecked: why };
    const out: Finding[] = [];
    for (const { e, kind } of sections(ctx)) {
      for (const s of e.statements) {
        if (!compared(s)) continue;
        for (const stage of ["actual", "budget"] as const) {
          const stated = stage === "actual" ? s.amount : s.budget;
          if (stated === undefined) continue;
          const c = tableAmount(ctx, kind, s, stage);
          if (!c) continue;
          const what = stage === "actual" ? "决算数" : "年初预算数";
          const f = compareSum(F12, {
            expected: c.amount,
            actual: stated,
            addends: 0,
            statedInWanyuan: c.t.unit === "yuan",
            message: `说明${cnNumber(e.no)} ${s.subject} ${what} ${formatWanyuan(stated)} 万元与表${c.t.no}“${c.row}” ${formatWanyuan(c.amount)} 万元不一致`,
            location: { ...loc(e, s), table: c.t.no, row: c.row },
          });
          if (f) out.push(f);
        }
      }
    }
    return out;
  },
});

export const F13: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-13",
  severity: "warning",
  category: "text",
  title: "决算数与年初预算数不同的，说明写明原因",
  source: "部门决算公开模板（“决算数大于/小于预算数的主要原因”）",
  run: (ctx) => {
    const why = noComparison(ctx);
    if (why) return { notChecked: why };
    const out: Finding[] = [];
    for (const { e } of sections(ctx)) {
      for (const s of e.statements) {
        if (s.budget === undefined || s.amount === undefined || s.budget === s.amount) continue;
        if (s.reason?.trim()) continue;
        out.push({
          rule: "F-13",
          severity: "warning",
          message: `${s.subject} 决算数 ${formatWanyuan(s.amount)} 万元与年初预算 ${formatWanyuan(s.budget)} 万元不同，说明没有写明原因`,
          location: loc(e, s),
          expected: formatWanyuan(s.budget),
          actual: formatWanyuan(s.amount),
          difference: formatWanyuan(s.amount - s.budget),
        });
      }
    }
    return out;
  },
});

/** F-11 … F-13: they read the 说明, so a PDF read for its tables only says they were not checked. */
export const BUDGET_COMPLETION_RULES: readonly Rule[] = reading(["text"], [F11, F12, F13]);
