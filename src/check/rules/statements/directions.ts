/**
 * S-02: direction words agree with the figures. A change said to be 增加 whose rate is said to be
 * 下降 (or the reverse); "本年 A 万元，比上年 P 万元增加 …" with A below P; a signed change under a
 * direction word ("增加 -5 万元"); "增加 C 万元 … 与上年持平" with C not zero; a 决算 said to be
 * 大于/小于/等于 its 年初预算 when the two printed amounts say otherwise. Amounts are compared at
 * their printed precision: a difference within one printed step on either side is no contradiction.
 */
import type { Finding } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { changeClauses, completionClauses } from "./changes.ts";
import { excerpt, formatScaled, scaled, sentenceLoc, step } from "./sentences.ts";

const ID = "S-02";
const WORD = { 1: "增加", [-1]: "减少", 0: "持平" } as const;

export const S02 = defineRule({
  id: ID,
  severity: "error",
  category: "text",
  title: "说明中的增减方向用词（增加/减少/增长/下降/持平，大于/小于/等于）与数字相符",
  source: "财预〔2016〕143号（说明应与报表一致）; derived",
  general: true,
  run: ({ d, template }) => {
    if (!template.national)
      return { notChecked: `地区模板 ${template.id} 的说明增减方向由 T-04、T-12 按其说明结构核对` };
    const out: Finding[] = [];
    for (const c of changeClauses(d)) {
      const s = c.sentence.text;
      const quote = `说明中“${excerpt(s, c.index)}”`;
      const loc = sentenceLoc(c.sentence);
      const changeZero = c.change !== undefined && c.change.m === 0n;
      const rateZero = c.rate !== undefined && c.rate.m === 0n;
      // a signed rate reverses its word ("增长率为-5%" is a fall)
      const rateDir = c.rateDirection === undefined ? undefined : c.rateNegative ? -c.rateDirection : c.rateDirection;
      if (c.change && c.rate && rateDir !== undefined && rateDir !== 0 && c.direction !== 0) {
        if (rateDir !== c.direction && !changeZero && !rateZero) {
          out.push({
            rule: ID,
            severity: "error",
            message: `${quote}：增减额写为“${c.word}”，增长率却是“${c.rateNegative ? `${c.rateWord} -${c.rate.text}%` : c.rateWord}”，方向相反。请改正其中之一`,
            location: loc,
            expected: c.word,
            actual: c.rateNegative ? `${c.rateWord}-${c.rate.text}%` : (c.rateWord ?? ""),
          });
          continue;
        }
      }
      if (c.changeNegative && !changeZero) {
        out.push({
          rule: ID,
          severity: "warning",
          message: `${quote}：方向词“${c.word}”后又带负号，方向不明。请去掉负号并用“增加/减少”表示方向`,
          location: loc,
          actual: c.text,
        });
        continue;
      }
      if (c.prior && c.current && !c.currentFromPrevious && c.direction !== 0) {
        // the direction of the two printed amounts, when it is certain at their precision
        const diff = scaled(c.current) - scaled(c.prior);
        const tol = step(c.current) + step(c.prior);
        const sign = diff > tol ? 1 : diff < -tol ? -1 : 0;
        // another amount of the sentence (or the one before) that goes the stated way may be the subject
        const prior = scaled(c.prior);
        const other = [...c.earlier, ...c.before].some((a) => (scaled(a) - prior) * BigInt(c.direction) > 0n);
        if (sign !== 0 && sign !== c.direction && !other) {
          out.push({
            rule: ID,
            severity: "error",
            message: `${quote}：本年 ${c.current.text}${c.current.unit}${sign > 0 ? "高于" : "低于"}上年 ${c.prior.text}${c.prior.unit}，说明却写为“${c.word}”。请改正方向用词或金额`,
            location: loc,
            expected: WORD[sign],
            actual: c.word,
            difference: formatScaled(diff),
          });
          continue;
        }
      }
      if (c.saysUnchanged && c.change && c.direction !== 0 && !changeZero) {
        out.push({
          rule: ID,
          severity: "warning",
          message: `${quote}：写明${c.word} ${c.change.text}${c.change.unit}，随后又称与上年持平。请核对`,
          location: loc,
          actual: c.text,
        });
      }
    }
    for (const c of completionClauses(d)) {
      if (!c.comparison) continue;
      const diff = scaled(c.actual) - scaled(c.budget);
      const tol = step(c.actual) + step(c.budget);
      const sign = diff > tol ? 1 : diff < -tol ? -1 : 0;
      const said = c.comparison.word === "大于" ? 1 : c.comparison.word === "小于" ? -1 : 0;
      // reported only when the amounts certainly say otherwise: 等于 with a difference beyond the
      // printed steps, 大于/小于 with the opposite certain (within the steps nothing is decided)
      const holds = said === 0 ? sign === 0 : sign !== -said;
      if (holds) continue;
      const rel = sign > 0 ? "大于" : sign < 0 ? "小于" : "等于";
      out.push({
        rule: ID,
        severity: "error",
        message: `说明中“${excerpt(c.text)}”：决算 ${c.actual.text}${c.actual.unit}${rel}年初预算 ${c.budget.text}${c.budget.unit}，说明却写“${c.comparison.text}”。请改正`,
        location: sentenceLoc(c.sentence),
        expected: `决算数${rel}预算数`,
        actual: c.comparison.text,
        difference: formatScaled(diff),
      });
    }
    return out;
  },
});
