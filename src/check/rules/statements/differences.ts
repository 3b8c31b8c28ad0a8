/**
 * S-03: a stated change agrees with the amounts it joins. "本年 A 万元，比上年 P 万元增加 C 万元"
 * needs A − P = C (减少: P − A = C); "0 万元，比上年增加 N 万元" (any A below an 增加 of C) would put
 * last year below zero. Each amount stands for anything within one printed step (rounded or cut),
 * so only a difference beyond all of them is reported. The current amount is the one printed right
 * before "比上年"; when another amount earlier in the sentence fits, nothing is reported (the change
 * may be about the sentence's total).
 */
import type { Finding } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { type ChangeClause, changeClauses } from "./changes.ts";
import { excerpt, formatScaled, type PrintedAmount, scaled, sentenceLoc, step } from "./sentences.ts";

const ID = "S-03";

/** |A − P − s·C| within the printed steps of the three. */
function differenceFits(c: ChangeClause, current: PrintedAmount): boolean {
  if (!c.prior || !c.change) return true;
  const s = BigInt(c.direction);
  const gap = scaled(current) - scaled(c.prior) - s * scaled(c.change);
  const tol = step(current) + step(c.prior) + step(c.change);
  return gap <= tol && gap >= -tol;
}

/** An 增加 of C from a current amount A leaves last year at A − C: not below zero. */
function riseFits(c: ChangeClause, current: PrintedAmount): boolean {
  if (!c.change || c.direction !== 1) return true;
  return scaled(c.change) - step(c.change) <= scaled(current) + step(current);
}

export const S03 = defineRule({
  id: ID,
  severity: "error",
  category: "text",
  title: "说明中的增减额与同句的本年、上年金额相符（本年为 0 却“比上年增加”等）",
  source: "财预〔2016〕143号（说明应与报表一致）; derived",
  general: true,
  run: ({ d, template }) => {
    if (!template.national)
      return { notChecked: `地区模板 ${template.id} 的说明增减额由 T-04 … T-13 按其说明结构核对` };
    const out: Finding[] = [];
    for (const c of changeClauses(d)) {
      if (!c.change || !c.current || c.currentFromPrevious || c.changeNegative) continue;
      const quote = `说明中“${excerpt(c.sentence.text, c.index)}”`;
      if (c.prior && c.direction !== 0) {
        // amounts that contradict the direction word are S-02's finding
        const diff = scaled(c.current) - scaled(c.prior);
        if (diff * BigInt(c.direction) < 0n) continue;
        const fits = (a: PrintedAmount) => differenceFits(c, a);
        if (fits(c.current) || c.earlier.some(fits) || c.before.some(fits)) continue;
        const expected = scaled(c.current) - scaled(c.prior);
        out.push({
          rule: ID,
          severity: "error",
          message: `${quote}：本年 ${c.current.text}${c.current.unit} 与上年 ${c.prior.text}${c.prior.unit} 相差 ${formatScaled(expected)} 万元，说明写为${c.word} ${c.change.text}${c.change.unit}。请核对`,
          location: sentenceLoc(c.sentence),
          expected: formatScaled(expected < 0n ? -expected : expected),
          actual: c.change.text,
        });
        continue;
      }
      if (riseFits(c, c.current) || c.earlier.some((a) => riseFits(c, a))) continue;
      out.push({
        rule: ID,
        severity: "error",
        message: `${quote}：本年只有 ${c.current.text}${c.current.unit}，却写比上年增加 ${c.change.text}${c.change.unit}，上年将为负数。请核对本年金额或增减方向（应为“减少”？）`,
        location: sentenceLoc(c.sentence),
        actual: `${c.current.text}${c.current.unit}`,
      });
    }
    return out;
  },
});
