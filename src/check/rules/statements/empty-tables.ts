/**
 * S-06: a table said to be empty has no amounts, and a table the 说明 gives amounts for is not
 * empty. "本部门2026年没有使用政府性基金预算拨款安排的支出", "政府性基金拨款支出预算为0", "政府性基金预算支出情况表
 * 为空表", "故本表无数据" (in the text or printed with the table) said of a 政府性基金 or 国有资本经营
 * table that holds amounts is an error (the table was read reliably: unreliable tables never reach
 * text rules). The reverse, a clause giving a non-zero amount for a kind whose table is printed
 * empty, is a warning: the amount may be shown in another table. On documents read by a regional
 * template T-19 checks the same by the template's sections.
 */
import { isEmptyTable, printingsOf } from "../../../model/access.ts";
import type { PrintedTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { tableLoc } from "../text/shared.ts";
import { amountsIn, excerpt, sentenceLoc, sentencesOf } from "./sentences.ts";

const ID = "S-06";

const KINDS = [
  { word: "政府性基金", other: "国有资本", table: "governmentFundExpenditure", name: "政府性基金预算支出表" },
  { word: "国有资本经营", other: "政府性基金", table: "stateCapitalExpenditure", name: "国有资本经营预算支出表" },
] as const;

/** Words saying there is nothing (of the kind the clause names). */
const EMPTY =
  /没有|(?<![有并毫])无(?!锡|偿|人机|线|形|障碍|纸|关|论)|未(?:安排|使用|编列)|不涉及|空表|无数据|为0(?![\d.])|均为0|(?<![\d.,])0(?:\.0+)?万?元/;
/** What the empty table shows: spending, or the table itself. */
const SPENDING = /支出|本表|此表|该表|空表|无数据/;
/** Clauses that use those words about something else. */
const NOT_ABOUT_AMOUNT = /有无|是否/;

/** The table holds an amount other than zero. */
function hasAmounts(t: PrintedTable): boolean {
  return t.rows.some((r) => r.cells.some((c) => typeof c === "number" && c !== 0));
}

/** The clauses (between commas and semicolons) of a sentence. */
function clauses(s: string): string[] {
  return s.split(/[,;。]/).filter((c) => c.length > 0);
}

export const S06 = defineRule({
  id: ID,
  severity: "error",
  category: "text",
  title: "说明称为空的表（无…支出、为0、本表无数据）没有金额；说明列有金额的表不为空",
  source: "财预〔2016〕143号（空表应说明）; derived (T-19 in any wording)",
  general: true,
  run: ({ d, template }) => {
    if (!template.national) return { notChecked: `地区模板 ${template.id} 的空表说明由 T-19 按其说明结构检查` };
    const out: Finding[] = [];
    for (const k of KINDS) {
      // every printing of the table (a department's and its units' in one file): a sentence of the
      // 说明 may be about any of them, so it contradicts the tables only when it contradicts them all
      const printings = printingsOf(d, k.table);
      const t = printings[0];
      if (!t) continue;
      const noted = printings.filter((p) => hasAmounts(p) && p.emptyNote && /无数据|空表|没有|无/.test(p.emptyNote));
      for (const p of noted)
        out.push({
          rule: ID,
          severity: "error",
          message: `表${p.no}（${p.title}）注明“${excerpt(p.emptyNote ?? "", 0, 60)}”，表中却有金额。请删除该说明或核对表中金额`,
          location: tableLoc(p),
          actual: p.emptyNote,
        });
      if (noted.length > 0) continue;
      const amounts = printings.every(hasAmounts);
      const printedEmpty = printings.every((p) => isEmptyTable(p));
      let reported = false;
      for (const s of sentencesOf(d)) {
        if (reported || !s.text.includes(k.word)) continue;
        for (const c of clauses(s.text)) {
          if (!c.includes(k.word) || c.includes(k.other) || NOT_ABOUT_AMOUNT.test(c)) continue;
          const nonZero = amountsIn(c).filter((a) => a.amount.m !== 0n);
          // about the spending or the table ("收入 0 万元" alone is not: 支出 may come from 结转)
          const saysEmpty = nonZero.length === 0 && EMPTY.test(c) && SPENDING.test(c);
          if (saysEmpty && amounts) {
            out.push({
              rule: ID,
              severity: "error",
              message: `说明中“${excerpt(c)}”称没有${k.word}的支出，但表${t.no}（${t.title}）列有金额。请核对说明或表格`,
              location: sentenceLoc(s),
              expected: "说明与表格一致",
              actual: c,
            });
            reported = true;
            break;
          }
          if (nonZero.length > 0 && printedEmpty && /支出|拨款|收入/.test(c)) {
            const a = nonZero[0]!.amount;
            out.push({
              rule: ID,
              severity: "warning",
              message: `说明中“${excerpt(c)}”列有${k.word} ${a.text}${a.unit}，但表${t.no}（${t.title}）为空表。请核对说明或表格`,
              location: sentenceLoc(s),
              actual: `${a.text}${a.unit}`,
            });
            reported = true;
            break;
          }
        }
      }
    }
    return out;
  },
});
