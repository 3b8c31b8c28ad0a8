/**
 * 第三部分 部门预算情况说明: twelve numbered sections ("一、关于…总体说明" … "十二、其他重要事项的
 * 情况说明"), each with its full text and numeric statements. Section numbers must increase, so a
 * "一、" inside a section (there is none in the seed, but other documents number sub-items that
 * way) does not start a new section.
 */
import type { Explanation } from "../../model/disclosure.ts";
import { cnNumber, joinText, type Line, type Problems, type Range, stripBullet } from "./lines.ts";
import { parseStatements, type StatementContext } from "./statements.ts";

const HEAD = /^([一二三四五六七八九十]{1,3})、(.*)$/;

export interface ExplanationRanges {
  sections: Map<number, Range>;
  /** 十二(四): the 绩效目标表 lines, from 部门整体绩效目标表 up to (五) 其他需说明的事项 */
  performance?: Range;
}

/** Finds section headings in the 说明 part. */
export function findSections(lines: readonly Line[], r: Range): ExplanationRanges {
  const sections = new Map<number, Range>();
  let last = 0;
  let open: { no: number; start: number } | undefined;
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (!l.text || l.raw.includes("\t")) continue;
    const m = HEAD.exec(stripBullet(l.key));
    if (!m) continue;
    const no = cnNumber(m[1] as string);
    if (no === undefined || no <= last) continue;
    if (open) sections.set(open.no, { start: open.start, end: i });
    open = { no, start: i };
    last = no;
  }
  if (open) sections.set(open.no, { start: open.start, end: r.end });
  const out: ExplanationRanges = { sections };
  const s12 = sections.get(12);
  if (s12) {
    let start = -1;
    let end = s12.end;
    for (let i = s12.start; i < s12.end; i++) {
      const l = lines[i] as Line;
      if (!l.text || l.raw.includes("\t")) continue;
      const k = l.key;
      if (start < 0 && (k === "部门整体绩效目标表" || k === "项目支出绩效目标表")) start = i;
      if (start >= 0 && /^[（(]五[)）]/.test(k) && k.includes("其他需说明")) {
        end = i;
        break;
      }
    }
    if (start >= 0) out.performance = { start, end };
  }
  return out;
}

/** Sub-sections "(一) 单位运行经费情况" … of a range, by their printed number. */
export function subsections(lines: readonly Line[], r: Range): Map<number, Range> {
  const out = new Map<number, Range>();
  let open: { no: number; start: number } | undefined;
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (l.raw.includes("\t")) continue;
    const m = /^[（(]([一二三四五六七八九十]{1,3})[)）]/.exec(l.key);
    if (!m) continue;
    const no = cnNumber(m[1] as string);
    if (no === undefined || (open && no <= open.no)) continue;
    if (open) out.set(open.no, { start: open.start, end: i });
    open = { no, start: i };
  }
  if (open) out.set(open.no, { start: open.start, end: r.end });
  return out;
}

/** Text of a range without the lines of an excluded range (the 绩效目标表 inside 十二). */
function textWithout(lines: readonly Line[], r: Range, skip: Range | undefined): string {
  if (!skip) return joinText(lines, r);
  const a = joinText(lines, { start: r.start, end: skip.start });
  const b = joinText(lines, { start: skip.end, end: r.end });
  return a && b ? `${a}\n${b}` : a || b;
}

export function parseExplanations(
  lines: readonly Line[],
  ranges: ExplanationRanges,
  ctx: StatementContext,
  problems: Problems,
): Explanation[] {
  const out: Explanation[] = [];
  for (const [no, r] of ranges.sections) {
    const head = lines[r.start] as Line;
    const title = stripBullet(head.text)
      .replace(/^[一二三四五六七八九十]{1,3}\s*、\s*/, "")
      .trim();
    const body: Range = { start: r.start + 1, end: r.end };
    const text = textWithout(lines, body, no === 12 ? ranges.performance : undefined);
    let statements = no === 7 || !text ? [] : parseStatements(text, no, ctx); // 说明七 → projects.ts
    if (no === 12) {
      // Only 机关运行经费, 政府采购 and 预算绩效 carry statements; 资产 sentences ("价值 185.25 万元") do not.
      const subs = subsections(lines, body);
      const spans: [number, number][] = [];
      for (const n of [1, 2, 4]) {
        const x = subs.get(n);
        if (!x) continue;
        const from = text.indexOf((lines[x.start] as Line).text);
        const endLine = lines[x.end] as Line | undefined;
        const to = x.end < body.end && endLine ? text.indexOf(endLine.text, from + 1) : text.length;
        if (from >= 0) spans.push([from, to < 0 ? text.length : to]);
      }
      statements = statements.filter((st) => spans.some(([a, b]) => st.at.offset >= a && st.at.offset < b));
    }
    out.push({ no, title, text, statements });
  }
  if (out.length === 0) problems.warn("explanations.missing", "没有找到“部门预算情况说明”各节（一、…十二、）");
  return out;
}
