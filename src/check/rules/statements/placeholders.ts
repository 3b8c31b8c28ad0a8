/**
 * S-05: no template placeholders left in the 说明 text, in any region's template wording: "XX",
 * "××", "。。", "【待填写】", "＊＊" (and "**" against Chinese text: formatting marks left in). On a
 * document read by a regional template C-34 already reports XX, ×× and 待填写 (in the text and the
 * tables); there this rule reports only the other marks, so each placeholder is reported once.
 */
import type { Finding } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { excerpt, type Sentence, sentenceLoc, sentencesOf } from "./sentences.ts";

const ID = "S-05";

/** Placeholders C-34 also finds (reported here only on documents read by the national standard). */
const SHARED = /(?<![A-Za-z])(?:[XＸ]{2,}|[xｘ]{2,})(?![A-Za-z])|×{2,}|【[^】]{0,20}】|待填写|待补充|请填写/g;
/** Placeholders only this rule finds. */
const OWN = /。{2,}|＊{2,}|(?<=[\u4e00-\u9fff“”:：])\*{2,}|\*{2,}(?=[\u4e00-\u9fff“”])/g;
/** 【…】 holds a placeholder only when it asks for content. */
const ASKS = /待|填写|补充|XX|××|[Xx]{2}/;
/** A cheap first test. */
const CANDIDATE = /[XＸxｘ]{2}|×{2}|【|待填|待补|请填|。{2}|[＊*]{2}/;

export const S05 = defineRule({
  id: ID,
  severity: "warning",
  category: "text",
  title: "说明中没有残留的模板占位符（XX、××、。。、【待填写】、＊＊）",
  source: "GovBudgetChecker BUD-007; derived (C-34 in any wording)",
  general: true,
  run: ({ d, template }) => {
    const out: Finding[] = [];
    const patterns = template.national ? [SHARED, OWN] : [OWN];
    // one finding per section, naming each placeholder it holds (a blank template holds dozens)
    const bySection = new Map<string, { s: Sentence; at: number; values: Set<string> }>();
    for (const s of sentencesOf(d)) {
      if (!CANDIDATE.test(s.text)) continue;
      for (const re of patterns)
        for (const m of s.text.matchAll(re)) {
          const value = m[0];
          if (value.startsWith("【") && !ASKS.test(value)) continue;
          const hit = bySection.get(s.section);
          if (hit) hit.values.add(value);
          else bySection.set(s.section, { s, at: m.index ?? 0, values: new Set([value]) });
        }
    }
    for (const { s, at, values } of bySection.values()) {
      const list = [...values].map((v) => `“${v}”`).join("、");
      out.push({
        rule: ID,
        severity: "warning",
        message: `说明中“${excerpt(s.text, at)}”含占位符${list}，应填写实际内容或删除`,
        location: sentenceLoc(s),
        actual: [...values].join(" "),
      });
    }
    return out;
  },
});
