/**
 * C-34: no template placeholders left in the published document — "XX", "××", "待填写", and "*"
 * standing alone as a value (a cell, an indicator value or a 上年完成值).
 * Placeholder 原因 in 增减 statements are reported by the section rules (C-19/C-22/C-26/C-28)
 * and skipped here so each problem is reported once.
 */
import type { Finding, Location } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import { PART } from "../text/shared.ts";

const IN_TEXT = /【?(?:待填写|待补充|请填写)[^】\n]{0,20}】?|[XＸ]{2,}|[xｘ]{2,}|×{2,}/g;
const WHOLE = /^\s*[*＊×]+\s*$/;
/** A cheap first test (one character class scans fast); the full pattern runs only on candidates. */
const CANDIDATE = /待填|待补|请填|[XＸxｘ]{2}|×{2}/;
/** CANDIDATE or WHOLE in one pass, for table cells and indicator fields. */
const ANY = /待填|待补|请填|[XＸxｘ]{2}|×{2}|^\s*[*＊×]+\s*$/;

export const C34 = defineRule({
  id: "C-34",
  severity: "warning",
  category: "completeness",
  title: "没有残留的模板占位符（XX、××、待填写、单独的“*”）",
  source: "GovBudgetChecker BUD-007; derived",
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

    scan(d.overview.text, "部门概况", { part: PART.overview });
    for (const e of d.explanations) {
      const reasons = e.statements.filter((s) => s.change !== undefined && s.change !== 0).map((s) => s.reason ?? "");
      scan(e.text, `说明${e.no}`, { part: PART.text, section: `说明${e.no}` }, reasons);
      if (!e.text) for (const s of e.statements) scan(s.text, `说明${e.no}`, { part: PART.text }, reasons);
    }
    for (const p of d.projects) {
      const loc = { part: PART.text, section: `说明七（${p.name}）` };
      for (const t of [p.name, p.unit, p.allocationText, p.period, ...p.basis, ...Object.values(p.extra)])
        scan(t, "项目说明", loc);
    }
    for (const n of d.otherMatters.notes) scan(n, "其他需说明的事项", { part: PART.text, section: "说明十二" });
    for (const g of d.glossary) scan(`${g.term}${g.definition}`, "名词解释", { part: PART.glossary });
    for (const t of d.tables)
      for (const r of t.rows) {
        if (CANDIDATE.test(r.label)) scan(r.label, `表${t.no}`, { part: PART.tables, table: t.no, row: r.label });
        for (let i = 0; i < r.cells.length; i++) {
          const c = r.cells[i];
          // Build the location only for candidates: tables have thousands of text cells.
          if (typeof c !== "string" || !ANY.test(c)) continue;
          const loc = { part: PART.tables, table: t.no, row: r.label, column: t.columns[i]?.path.join("/") ?? "" };
          whole(c, `表${t.no}`, loc);
          scan(c, `表${t.no}`, loc);
        }
      }
    for (const t of d.performance) {
      const section = t.project ?? t.title;
      scan(t.goal, "绩效目标表总体目标", { part: PART.performance, section });
      for (const i of t.indicators) {
        if (
          !ANY.test(i.target.raw) &&
          !(i.lastYear !== undefined && ANY.test(i.lastYear)) &&
          !(i.basis !== undefined && CANDIDATE.test(i.basis)) &&
          !CANDIDATE.test(i.name)
        )
          continue;
        const loc = { part: PART.performance, section, row: i.name };
        whole(i.target.raw, `“${i.name}”指标值`, { ...loc, column: "指标值" });
        whole(i.lastYear, `“${i.name}”上年完成值`, { ...loc, column: "上年完成值" });
        for (const [col, v] of [
          ["指标值", i.target.raw],
          ["上年完成值", i.lastYear],
          ["指标设定依据", i.basis],
          ["三级指标", i.name],
        ] as const)
          scan(v, `“${i.name}”${col}`, { ...loc, column: col });
      }
    }
    return out;
  },
});
