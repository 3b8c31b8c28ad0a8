/**
 * The prose of a document read by the national standard (no regional spec): its 概况, 说明 and
 * 名词解释 as sections split at their headings, in whatever wording the region uses. Rules that read
 * text in any wording (statements, completeness by subject) read these sections' plain text.
 */
import type { Explanation, Overview } from "../../model/disclosure.ts";
import type { ProseLine } from "./prose.ts";

const PART = /^第[一二三四五六七八九十]+部分/;
const SECTION = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])/;
const TOC = /^目\s*录$/;
const LEADER = /[.…·．]{4,}\s*\d*$/;

export interface NationalProse {
  explanations: Explanation[];
  overview?: Overview;
  toc: string[];
  /** the whole prose as read, for rules that look for a subject anywhere */
  text: string;
}

/**
 * Splits prose into sections: a part heading (第N部分) or a top-level item (一、…) opens one; a
 * 目录 is kept apart (its entries end with leader dots or page numbers).
 */
export function nationalProse(prose: readonly ProseLine[]): NationalProse {
  const toc: string[] = [];
  const sections: { title: string; lines: string[] }[] = [];
  let inToc = false;
  let cur: { title: string; lines: string[] } | undefined;
  for (const p of prose) {
    const t = p.text.trim();
    if (!t) continue;
    const key = t.replace(/\s+/g, "");
    if (TOC.test(key)) {
      inToc = true;
      continue;
    }
    if (inToc) {
      // (an entry printed again without its leader dots and page number is the document's own
      // heading: the 目录 is over, "一、部门概况" / "（一）主要职能" / its first short lines follow)
      const again = !LEADER.test(t) && toc.some((e) => e.replace(/\d+$/, "") === key);
      if (!again && (LEADER.test(t) || (key.length <= 40 && !/[，。；]/.test(key)))) {
        toc.push(key.replace(LEADER, ""));
        continue;
      }
      inToc = false;
    }
    const heading =
      key.length <= 40 && !/[，。；]$/.test(key) && (PART.test(key) || (SECTION.test(key) && !/[，。]/.test(key)));
    if (heading) {
      cur = { title: key, lines: [] };
      sections.push(cur);
      continue;
    }
    if (!cur) {
      cur = { title: "", lines: [] };
      sections.push(cur);
    }
    cur.lines.push(t);
  }
  const explanations: Explanation[] = sections
    .filter((s) => s.title || s.lines.length > 0)
    .map((s, i) => ({ no: i + 1, title: s.title, text: s.lines.join("\n"), statements: [] }));
  const text = sections.map((s) => [s.title, ...s.lines].join("\n")).join("\n");
  // the 概况: from a part or section about 职能/机构/概况 to the next part
  const start = sections.findIndex((s) => /概况|职能|职责/.test(s.title));
  let overview: Overview | undefined;
  if (start >= 0) {
    const parts: string[] = [];
    for (let i = start; i < sections.length; i++) {
      const s = sections[i] as { title: string; lines: string[] };
      if (i > start && PART.test(s.title)) break;
      parts.push(s.title, ...s.lines);
    }
    overview = { functions: [], divisions: [], budgetUnits: [], staffing: {}, text: parts.join("\n") };
  }
  const out: NationalProse = { explanations, toc, text };
  if (overview) out.overview = overview;
  return out;
}
