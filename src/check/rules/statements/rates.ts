/**
 * S-01: a growth rate printed in the 说明 agrees with the amounts printed beside it, judged at the
 * precision printed. "A 万元，比上年增加 C 万元，增长 r%" says last year was A − C, so r must be
 * C ÷ (A − C) (for 减少: C ÷ (A + C)); a 决算's "完成年初预算的 p%" must be 决算 ÷ 年初预算. Each
 * printed figure stands for anything within one step of its last printed digit (rounded or cut):
 * "22%" agrees with 22.02%, "0.06%" does not agree with 0.60%. The amount compared is the one
 * printed right before "比上年"; when that one does not fit, any other amount earlier in the
 * sentence or in the sentence before that fits is taken (the change may be about a total printed
 * there), so only a rate that no printed amount explains is reported.
 */
import type { Finding } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { type ChangeClause, changeClauses, completionClauses } from "./changes.ts";
import {
  excerpt,
  formatRatio,
  formatScaled,
  type PrintedAmount,
  type Ratio,
  rateAgrees,
  scaled,
  sentenceLoc,
  step,
} from "./sentences.ts";

const ID = "S-01";

/** The extreme growth rates (min, max) that the printed current amount and change allow. */
export function growthBounds(current: PrintedAmount, change: PrintedAmount, direction: 1 | -1): [Ratio, Ratio] {
  const a = scaled(current);
  const sa = step(current);
  const c = scaled(change);
  const sc = step(change);
  const aLo = a - sa > 0n ? a - sa : 0n;
  const aHi = a + sa;
  const cLo = c - sc > 0n ? c - sc : 0n;
  const cHi = c + sc;
  // rise: r = C / (A − C), growing with C, falling with A; fall: r = C / (A + C), likewise
  return direction === 1
    ? [
        [cLo, aHi - cLo],
        [cHi, aLo - cHi],
      ]
    : [
        [cLo, aHi + cLo],
        [cHi, aLo + cHi],
      ];
}

function growthAgrees(c: ChangeClause, current: PrintedAmount): boolean {
  if (!c.rate || !c.change || c.direction === 0) return true;
  const [min, max] = growthBounds(current, c.change, c.direction);
  return rateAgrees(c.rate, min, max);
}

/** The rate against the prior amount the clause prints ("比上年预算数 P 万元增加 C 万元，增长 r%"). */
function priorAgrees(c: ChangeClause): boolean {
  if (!c.rate || !c.change || !c.prior) return false;
  const p = scaled(c.prior);
  const sp = step(c.prior);
  const ch = scaled(c.change);
  const sc = step(c.change);
  return rateAgrees(c.rate, [ch - sc > 0n ? ch - sc : 0n, p + sp], [ch + sc, p - sp]);
}

/** The growth rate exactly as the printed amounts give it (for messages). */
function exactGrowth(c: ChangeClause, current: PrintedAmount): { prior: bigint; rate: string } {
  const a = scaled(current);
  const ch = scaled(c.change!);
  const prior = c.direction === 1 ? a - ch : a + ch;
  return { prior, rate: formatRatio(ch, prior, Math.max(c.rate!.k, 2)) };
}

function priorFinding(c: ChangeClause): Finding {
  const p = scaled(c.prior!);
  const rate = formatRatio(scaled(c.change!), p, Math.max(c.rate!.k, 2));
  return {
    rule: ID,
    severity: "error",
    message: `说明中“${excerpt(c.sentence.text, c.index)}”：${c.word} ${c.change!.text}${c.change!.unit} ÷ 上年 ${c.prior!.text}${c.prior!.unit} = ${rate}，说明写为 ${c.rate!.text}%，按其印出的精度也不相符。请核对增减额或增长率`,
    location: sentenceLoc(c.sentence),
    expected: rate,
    actual: `${c.rate!.text}%`,
  };
}

export const S01 = defineRule({
  id: ID,
  severity: "error",
  category: "text",
  title: "说明中的增长率、完成率与同句印出的金额相符（按印出的精度判断）",
  source: "财预〔2016〕143号（说明应与报表一致）; derived",
  general: true,
  run: ({ d, template }) => {
    if (!template.national) return { notChecked: `地区模板 ${template.id} 的说明增长率由 T-04、T-12 按其说明结构核对` };
    const out: Finding[] = [];
    for (const c of changeClauses(d)) {
      if (!c.rate || !c.change || !c.current || c.direction === 0) {
        if (c.rate && c.change && c.prior && c.direction !== 0 && !priorAgrees(c)) out.push(priorFinding(c));
        continue;
      }
      // a rate whose direction contradicts the change, or a signed change, is S-02's finding
      const rateDir = c.rateDirection === undefined ? undefined : c.rateNegative ? -c.rateDirection : c.rateDirection;
      if (rateDir !== undefined && rateDir !== c.direction) continue;
      if (c.changeNegative) continue;
      if (growthAgrees(c, c.current) || priorAgrees(c)) continue;
      if (c.earlier.some((a) => growthAgrees(c, a)) || c.before.some((a) => growthAgrees(c, a))) continue;
      const { prior, rate } = exactGrowth(c, c.current);
      if (prior <= 0n) continue; // rising from zero: the rate is a convention (T-12), not this rule's
      const s = c.sentence.text;
      out.push({
        rule: ID,
        severity: "error",
        message: `说明中“${excerpt(s, c.index)}”：本年 ${c.current.text}${c.current.unit}、${c.word} ${c.change.text}${c.change.unit}，上年应为 ${formatScaled(prior)} 万元，增长率应为 ${rate}，说明写为 ${c.rate.text}%，按其印出的精度也不相符。请核对增减额、增长率或本年金额`,
        location: sentenceLoc(c.sentence),
        expected: rate,
        actual: `${c.rate.text}%`,
      });
    }
    for (const c of completionClauses(d)) {
      if (!c.rate) continue;
      const b = scaled(c.budget);
      const sb = step(c.budget);
      const a = scaled(c.actual);
      const sa = step(c.actual);
      const min: Ratio = [a - sa > 0n ? a - sa : 0n, b + sb];
      const max: Ratio = [a + sa, b - sb];
      if (b <= 0n || rateAgrees(c.rate, min, max)) continue;
      const rate = formatRatio(a, b, Math.max(c.rate.k, 2));
      out.push({
        rule: ID,
        severity: "error",
        message: `说明中“${excerpt(c.text)}”：决算 ${c.actual.text}${c.actual.unit} ÷ 年初预算 ${c.budget.text}${c.budget.unit} = ${rate}，说明写为完成 ${c.rate.text}%，按其印出的精度也不相符。请核对完成率或金额`,
        location: sentenceLoc(c.sentence),
        expected: rate,
        actual: `${c.rate.text}%`,
      });
    }
    return out;
  },
});
