/**
 * S-04: years in the 说明 against the document's year. In a 2026 budget the 说明 speaks of 2026
 * (本年) and compares with 2025 (上年): "2023年预算", "2027年部门预算" or "比2024年增加" is a year left
 * over from another year's document. In a 决算 of 2024 the same holds for "2022年决算". Ranges
 * ("2026-2028年"), dates of policies and "截至…" are not claims about the budget year and are not
 * read; only a year joined to 预算/决算 or to a year-on-year comparison is. A warning: the year may
 * be meant (a reference to an older budget), which a reviewer decides.
 */
import type { Finding } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { excerpt, sentenceLoc, sentencesOf } from "./sentences.ts";

const ID = "S-04";

/** A year joined to 预算/决算 (not part of a range, not "…预算执行" or "…预算管理"). */
const YEAR_BUDGET =
  /(?<![\d\-~～至到])((?:19|20)\d{2})年度?(?:部门|单位|本级|年初)?(?:收入|支出|收支|综合|财政拨款)?(预算|决算)(?!执行|管理|绩效|改革|法|编制|制度|一体化|调整)/g;
/** A year-on-year comparison with a named year ("比2024年增加", "较2024年年初预算"). */
const YEAR_COMPARED =
  /(?:比|较|与)((?:19|20)\d{2})年度?(?:年初|预算|决算|执行)?[^,;。]{0,12}?(?:增加|减少|增长|下降|持平|相比)/g;

export const S04 = defineRule({
  id: ID,
  severity: "warning",
  category: "text",
  title: "说明中的预算、决算年度与文档年度一致（比较年度为上年）",
  source: "财预〔2016〕143号; derived (T-34 in any wording)",
  general: true,
  run: ({ d }) => {
    const out: Finding[] = [];
    const year = d.meta.year;
    if (!year) return { notChecked: "未能识别文档年度，无法核对说明中的年度" };
    const kind = d.meta.kind === "finalAccounts" ? "决算" : "预算";
    const seen = new Set<string>();
    // a document whose 说明 never joins its own year to 预算/决算 but does another year's: the year
    // read for the document is in doubt, not the 说明
    let own = 0;
    let other = 0;
    for (const s of sentencesOf(d))
      if (s.text.includes("算"))
        for (const m of s.text.matchAll(YEAR_BUDGET)) {
          if (Number(m[1]) === year) own++;
          else other++;
        }
    if (own === 0 && other > 0)
      return { notChecked: `说明中没有“${year}年…${kind}”的字样，文档年度（${year}）可能识别有误，未核对说明中的年度` };
    for (const s of sentencesOf(d)) {
      const flag = (y: number, at: number, text: string, why: string, expected: number) => {
        const key = `${s.section}|${text}`;
        if (seen.has(key)) return;
        seen.add(key);
        out.push({
          rule: ID,
          severity: "warning",
          message: `说明中“${excerpt(s.text, at)}”写“${text}”，本文档是 ${year} 年${kind === "决算" ? "决算" : "预算"}：${why}。请核对年度`,
          location: sentenceLoc(s),
          expected: `${expected}年`,
          actual: `${y}年`,
        });
      };
      if (s.text.includes("算"))
        for (const m of s.text.matchAll(YEAR_BUDGET)) {
          const y = Number(m[1]);
          // this year's and last year's 预算 (the comparison base) are both spoken of; a 预算 may cite
          // the latest 决算 (two years back), a 决算 the next year's 预算
          if (y === year || y === year - 1) continue;
          if (kind === "预算" && m[2] === "决算" && y === year - 2) continue;
          if (kind === "决算" && m[2] === "预算" && y === year + 1) continue;
          const why =
            y > year ? `${y} 年晚于本文档年度` : `${y} 年早于上年（${year - 1} 年），不应出现在本年${kind}说明中`;
          flag(y, m.index ?? 0, m[0], why, year);
        }
      if (s.text.includes("比") || s.text.includes("较") || s.text.includes("与"))
        for (const m of s.text.matchAll(YEAR_COMPARED)) {
          const y = Number(m[1]);
          if (y === year - 1) continue;
          flag(y, m.index ?? 0, m[0], `同比比较的应是上年（${year - 1} 年）`, year - 1);
        }
    }
    return out;
  },
});
