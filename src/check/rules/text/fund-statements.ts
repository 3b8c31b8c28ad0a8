/**
 * T-19 … T-21: 说明八/九 (empty funds), 说明十 (三公) and 说明十一 (结转结余) against 表4, 表8–表11.
 */
import { amountAt, cached, columnIndex, isEmptyTable, lineCell, tableById, totalRow } from "../../../model/access.ts";
import type { PrintedTable, Row, Statement } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { compareSum, defineRule } from "../../rule.ts";
import { explanationById, squash, subjectOf, textLoc } from "./shared.ts";

/** The 说明 text says the fund has no expenditure (空表, 没有, 未安排, 无). */
export function saysEmpty(text: string): boolean {
  // Jiangsu 2017: "…政府性基金支出预算支出0万元", "本表数为零。", or the section is just "无"
  const t = squash(text);
  return (
    /空表|没有|未安排|无(?:政府性基金|国有资本)|不涉及|数为零/.test(t) ||
    /(?:支出|预算|为)0(?:\.0+)?万元/.test(t) ||
    /^无[。.]?$/.test(t)
  );
}

export const T19 = defineRule({
  id: "T-19",
  severity: "error",
  category: "text",
  title: "说明八/九 的空表说明与表8/表9 是否为空、表4 基金/国资列一致",
  source: "L6; derived",
  run: (ctx) => {
    const out: Finding[] = [];
    let checked = 0;
    for (const [id, tableId, col] of [
      ["governmentFund", "governmentFundExpenditure", "governmentFund"],
      ["stateCapital", "stateCapitalExpenditure", "stateCapital"],
    ] as const) {
      const e = explanationById(ctx, id);
      const t = tableById(ctx.d, tableId);
      if (!t) continue;
      checked++;
      const empty = isEmptyTable(t);
      if (e && !empty && saysEmpty(e.text))
        out.push({
          rule: "T-19",
          severity: "error",
          message: `说明${e.no === 8 ? "八" : "九"}称没有该项支出（空表），但表${t.no} ${t.title} 有金额`,
          location: { ...textLoc(e.no), table: t.no },
        });
      const t4 = tableById(ctx.d, "fiscalSummary");
      if (t4 && empty && columnIndex(t4, col) >= 0) {
        const nonZero = t4.rows.find((r) => (amountAt(t4, r, col) ?? 0) !== 0);
        if (nonZero)
          out.push({
            rule: "T-19",
            severity: "error",
            message: `表${t.no} ${t.title} 为空表，但表4 ${col === "governmentFund" ? "政府性基金预算" : "国有资本经营预算"}列有金额 ${formatWanyuan(amountAt(t4, nonZero, col)!)} 万元`,
            location: { part: "部门预算公开表", table: 4, row: nonZero.label },
          });
      }
    }
    if (checked === 0) return { notChecked: "没有表8、表9" };
    return out;
  },
});

/** 三公 line key for a 说明十 subject; 购置及运行 before 购置 and 运行. */
export function threePublicKey(subject: string): string | undefined {
  const s = squash(subject);
  // 机关运行经费 is not a 三公 line (Shanghai prints both in one table and one section)
  if (s.includes("机关运行经费") || s.includes("政府采购") || s.includes("项目")) return undefined;
  if (s.includes("出国")) return "overseasTravel";
  if (s.includes("接待")) return "officialReception";
  if (s.includes("购置及运行")) return "officialVehicles";
  if (s.includes("购置")) return "vehiclePurchase";
  if (s.includes("运行")) return "vehicleOperation";
  if (s.includes("三公")) return "total";
  return undefined;
}

export const T20 = defineRule({
  id: "T-20",
  severity: "error",
  category: "text",
  title: "说明十 “三公”经费总额及各分项金额等于表10",
  source: "derived; L8",
  run: (ctx) => {
    const e = explanationById(ctx, "threePublic");
    const t = tableById(ctx.d, "threePublic");
    if (!e) return { notChecked: "没有说明十" };
    if (!t) return { notChecked: "没有表10 “三公”经费支出情况表" };
    const out: Finding[] = [];
    for (const s of e.statements) {
      if (s.amount === undefined) continue;
      const key = threePublicKey(s.subject);
      const l = key
        ? lineCell(
            t,
            ctx.template.tables.find((x) => x.id === "threePublic"),
            key,
          )
        : undefined;
      if (!l) continue;
      const f = compareSum(T20, {
        expected: l.amount ?? 0,
        actual: s.amount,
        addends: 0,
        message: () =>
          `说明十 ${s.subject} ${formatWanyuan(s.amount!)} 万元与表10“${l.label}” ${formatWanyuan(l.amount ?? 0)} 万元不一致`,
        location: () => ({ ...textLoc(e.no, `（${s.subject}）`), table: t.no, row: l.label }),
      });
      if (f) out.push(f);
    }
    return out;
  },
});

/** The first row of each squashed label. */
function rowsBySquashedLabel(t: PrintedTable): ReadonlyMap<string, Row> {
  return cached(t, "rowsBySquashedLabel", indexBySquashedLabel);
}

function indexBySquashedLabel(t: PrintedTable): Map<string, Row> {
  const m = new Map<string, Row>();
  for (const r of t.rows) {
    const k = squash(r.label);
    if (!m.has(k)) m.set(k, r);
  }
  return m;
}

function carryoverExpected(t: PrintedTable, s: Statement): { amount: number; row: string } | undefined {
  const subj = subjectOf(s);
  const total = totalRow(t);
  const byLabel = rowsBySquashedLabel(t).get(subj);
  if (byLabel && byLabel !== total) return { amount: amountAt(t, byLabel, "total") ?? 0, row: byLabel.label };
  if (!total) return undefined;
  if (subj.includes("非财政")) return { amount: amountAt(t, total, "nonFiscalSubtotal") ?? 0, row: "总计/非财政拨款" };
  if (subj.includes("财政拨款")) return { amount: amountAt(t, total, "fiscalSubtotal") ?? 0, row: "总计/财政拨款" };
  if (subj.includes("结转")) return { amount: amountAt(t, total, "total") ?? 0, row: "总计" };
  return undefined;
}

export const T21 = defineRule({
  id: "T-21",
  severity: "error",
  category: "text",
  title: "说明十一 上年结转结余总额、财政/非财政拨款及各项目金额等于表11",
  source: "derived",
  run: (ctx) => {
    const e = explanationById(ctx, "carryover");
    const t = tableById(ctx.d, "carryover");
    if (!e) return { notChecked: "没有说明十一" };
    if (!t) return { notChecked: "没有表11 上年结转结余情况明细表" };
    const out: Finding[] = [];
    for (const s of e.statements) {
      if (s.amount === undefined) continue;
      const x = carryoverExpected(t, s);
      if (!x) continue;
      const f = compareSum(T21, {
        expected: x.amount,
        actual: s.amount,
        addends: 0,
        message: () =>
          `说明十一 ${s.subject} ${formatWanyuan(s.amount!)} 万元与表11“${x.row}” ${formatWanyuan(x.amount)} 万元不一致`,
        location: () => ({ ...textLoc(e.no, `（${s.subject}）`), table: 11, row: x.row }),
      });
      if (f) out.push(f);
    }
    return out;
  },
});
