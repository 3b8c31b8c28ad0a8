/**
 * C-34: no template placeholders left in the published document — "XX", "××", "待填写", and "*"
 * standing alone as a value (a cell, an indicator value or a 上年完成值).
 * Placeholder 原因 in 增减 statements are reported by the section rules (C-19/C-22/C-26/C-28)
 * and skipped here so each problem is reported once.
 */
import type { Explanation, ProjectDescription } from "../../../model/disclosure.ts";
import type { Finding, Location } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { PART } from "../text/shared.ts";

const IN_TEXT = /【?(?:待填写|待补充|请填写)[^】\n]{0,20}】?|[XＸ]{2,}|[xｘ]{2,}|×{2,}/g;
const WHOLE = /^\s*[*＊×]+\s*$/;
/** A cheap first test (one character class scans fast); the full pattern runs only on candidates. */
const CANDIDATE = /待填|待补|请填|[XＸxｘ]{2}|×{2}/;

/**
 * A first test for WHOLE without a regex call (there are thousands of short cells and indicator
 * fields): WHOLE needs a first character that is white space or one of *＊×. This accepts more
 * (every control character and the block U+1680 … U+3000 that holds the other white space), never
 * less, so WHOLE decides.
 */
export function mayBeWhole(s: string): boolean {
  const c = s.charCodeAt(0); // NaN for "": every comparison false
  return (
    c === 0x2a || c === 0xff0a || c === 0xd7 || c <= 0x20 || c === 0xa0 || (c >= 0x1680 && c <= 0x3000) || c === 0xfeff
  );
}

/** CANDIDATE or WHOLE: for table cells and indicator values. */
export function candidateOrWhole(s: string): boolean {
  return CANDIDATE.test(s) || (mayBeWhole(s) && WHOLE.test(s));
}

/** A non-empty string of ASCII digits (a code cell): it holds no placeholder. */
function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return s.length > 0;
}

const candidate = (s: string | undefined) => s !== undefined && CANDIDATE.test(s);

/** A project description field may hold a placeholder (the scan below makes the findings). */
function projectCandidate(p: ProjectDescription): boolean {
  if (CANDIDATE.test(p.name) || candidate(p.unit) || candidate(p.allocationText) || candidate(p.period)) return true;
  for (const b of p.basis) if (CANDIDATE.test(b)) return true;
  for (const k in p.extra) if (candidate(p.extra[k])) return true;
  return false;
}

/** The reasons of a section's 增减 statements (their placeholders are reported by the section rules). */
function changeReasons(e: Explanation): string[] {
  return e.statements.filter((s) => s.change !== undefined && s.change !== 0).map((s) => s.reason ?? "");
}

export const C34 = defineRule({
  id: "C-34",
  severity: "warning",
  category: "completeness",
  title: "没有残留的模板占位符（XX、××、待填写、单独的“*”）",
  source: "GovBudgetChecker BUD-007; derived",
  says: "present",
  run: ({ d }) => {
    const out: Finding[] = [];
    const seen = new Set<string>();
    const flag = (what: string, value: string, location: Location) => {
      const key = `${JSON.stringify(location)}|${what}|${value}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        rule: "C-34",
        severity: "warning",
        message: `${what}含占位符“${value}”，应填写实际内容或删除`,
        location,
        actual: value,
      });
    };
    const scan = (text: string | undefined, what: string, location: Location, skip: readonly string[] = []) => {
      if (!text || !CANDIDATE.test(text)) return;
      for (const m of text.matchAll(IN_TEXT)) if (!skip.some((s) => s.includes(m[0]))) flag(what, m[0], location);
    };
    const whole = (text: string | undefined, what: string, location: Location) => {
      if (text !== undefined && WHOLE.test(text)) flag(what, text.trim(), location);
    };

    // Almost nothing holds a placeholder: the places (locations, labels, skip lists) of a text are
    // made only when its first test passes.
    if (candidate(d.overview.text)) scan(d.overview.text, "部门概况", { part: PART.overview });
    for (const e of d.explanations) {
      if (e.text) {
        if (CANDIDATE.test(e.text))
          scan(e.text, `说明${e.no}`, { part: PART.text, section: `说明${e.no}` }, changeReasons(e));
      } else
        for (const s of e.statements)
          if (candidate(s.text)) scan(s.text, `说明${e.no}`, { part: PART.text }, changeReasons(e));
    }
    for (const p of d.projects) {
      if (!projectCandidate(p)) continue;
      const loc = { part: PART.text, section: `说明七（${p.name}）` };
      for (const t of [p.name, p.unit, p.allocationText, p.period, ...p.basis, ...Object.values(p.extra)])
        scan(t, "项目说明", loc);
    }
    for (const n of d.otherMatters.notes)
      if (candidate(n)) scan(n, "其他需说明的事项", { part: PART.text, section: "说明十二" });
    for (const g of d.glossary) scan(`${g.term}${g.definition}`, "名词解释", { part: PART.glossary });
    for (const t of d.tables)
      for (const r of t.rows) {
        const labelCandidate = CANDIDATE.test(r.label);
        if (labelCandidate) scan(r.label, `表${t.no}`, { part: PART.tables, table: t.no, row: r.label });
        for (let i = 0; i < r.cells.length; i++) {
          const c = r.cells[i];
          if (typeof c !== "string") continue;
          // Most text cells are codes ("205", "03") or repeat the row's label: no regex of their own.
          const maybe =
            c === r.label ? labelCandidate || (mayBeWhole(c) && WHOLE.test(c)) : !allDigits(c) && candidateOrWhole(c);
          if (!maybe) continue;
          const loc = { part: PART.tables, table: t.no, row: r.label, column: t.columns[i]?.path.join("/") ?? "" };
          whole(c, `表${t.no}`, loc);
          scan(c, `表${t.no}`, loc);
        }
      }
    for (const t of d.performance) {
      const section = t.project ?? t.title;
      if (candidate(t.goal)) scan(t.goal, "绩效目标表总体目标", { part: PART.performance, section });
      for (const i of t.indicators) {
        if (
          !candidateOrWhole(i.target.raw) &&
          !(i.lastYear !== undefined && candidateOrWhole(i.lastYear)) &&
          !candidate(i.basis) &&
          !CANDIDATE.test(i.name)
        )
          continue;
        const loc = { part: PART.performance, section, row: i.name };
        // (a field's label and place only for a field that holds a placeholder)
        const { raw } = i.target;
        if (WHOLE.test(raw)) flag(`“${i.name}”指标值`, raw.trim(), { ...loc, column: "指标值" });
        if (i.lastYear !== undefined && WHOLE.test(i.lastYear))
          flag(`“${i.name}”上年完成值`, i.lastYear.trim(), { ...loc, column: "上年完成值" });
        if (candidate(raw)) scan(raw, `“${i.name}”指标值`, { ...loc, column: "指标值" });
        if (candidate(i.lastYear)) scan(i.lastYear, `“${i.name}”上年完成值`, { ...loc, column: "上年完成值" });
        if (candidate(i.basis)) scan(i.basis, `“${i.name}”指标设定依据`, { ...loc, column: "指标设定依据" });
        if (candidate(i.name)) scan(i.name, `“${i.name}”三级指标`, { ...loc, column: "三级指标" });
      }
    }
    return out;
  },
});
