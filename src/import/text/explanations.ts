/**
 * 第三部分 部门预算情况说明: twelve numbered sections ("一、关于…总体说明" … "十二、其他重要事项的
 * 情况说明"), each with its full text and numeric statements. Section numbers must increase, so a
 * "一、" inside a section (there is none in the seed, but other documents number sub-items that
 * way) does not start a new section.
 *
 * Templates that do not number their sections (Shanghai: "2025年部门预算编制说明", "其他相关情况
 * 说明" as page headings) are read by the titles their spec lists (TemplateSpec.explanations): a
 * short line ending with a spec title starts that section, with the spec's number.
 */
import type { Explanation } from "../../model/disclosure.ts";
import type { ExplanationSpec } from "../../templates/spec.ts";
import {
  cnNumber,
  isCnNumeral,
  joinText,
  keyHead,
  keyTail,
  type Line,
  norm,
  type Problems,
  type Range,
  stripBullet,
} from "./lines.ts";
import { parseStatements, type StatementContext } from "./statements.ts";

const HEAD = /^([一二三四五六七八九十]{1,3})、(.*)$/;

export interface ExplanationRanges {
  sections: Map<number, Range>;
  /** 十二(四): the 绩效目标表 lines, from 部门整体绩效目标表 up to (五) 其他需说明的事项 */
  performance?: Range;
}

/** A heading key: no year ("2025年"), no leading department or 部门/单位 before the title. */
function titleOf(key: string): string {
  return key.replace(/^\d{4}年度?/, "");
}

/**
 * Sections by the spec's titles, in the spec's order: a short line without a list marker or 目录
 * leader that ends with a title starts the section numbered as in the spec. Undefined when fewer
 * than two titles are found (the document numbers its sections instead).
 */
export function findSectionsBySpec(
  lines: readonly Line[],
  r: Range,
  specs: readonly ExplanationSpec[],
): Map<number, Range> | undefined {
  const found: { no: number; start: number }[] = [];
  const titles = specTitleKeys(specs);
  // last code units of the titles: a line whose key surely ends with none of them is skipped
  // without computing its key (no filter when a title is empty: every key ends with it)
  const tails = titles.includes("") ? undefined : new Set(titles.map((t) => t.charCodeAt(t.length - 1)));
  let next = 0;
  for (let i = r.start; i < r.end && next < specs.length; i++) {
    const l = lines[i] as Line;
    if (!l.text || l.tabbed) continue;
    if (tails) {
      const tail = keyTail(l.text);
      if (tail >= 0 && !tails.has(tail)) continue;
    }
    const t = titleOf(l.key);
    if (t.length > 40 || /[…．.]{3}|[，。；：:]/.test(t) || HEAD.test(t) || /^[（(\d]/.test(t)) continue;
    for (let j = next; j < specs.length; j++) {
      const spec = specs[j] as ExplanationSpec;
      if (!t.endsWith(titles[j] as string)) continue;
      found.push({ no: spec.no, start: i });
      next = j + 1;
      break;
    }
  }
  if (found.length < 2) return undefined;
  const out = new Map<number, Range>();
  for (let j = 0; j < found.length; j++) {
    const f = found[j] as { no: number; start: number };
    out.set(f.no, { start: f.start, end: found[j + 1]?.start ?? r.end });
  }
  return out;
}

/** norm of each spec's title, made once per spec list (only read). */
function specTitleKeys(specs: readonly ExplanationSpec[]): readonly string[] {
  let keys = titleKeys.get(specs);
  if (!keys || keys.some((k, j) => k.of !== (specs[j] as ExplanationSpec).title)) {
    keys = specs.map((spec) => ({ of: spec.title, key: norm(spec.title) }));
    titleKeys.set(specs, keys);
  }
  return keys.map((k) => k.key);
}
const titleKeys = new WeakMap<readonly ExplanationSpec[], { of: string; key: string }[]>();

/**
 * False when `text`'s key surely starts with none of a heading's first characters: a Chinese
 * numeral ("一、"), a bracket ("（一）", as "(" in the key) or a list marker (stripBullet).
 */
function mayBeHeading(text: string): boolean {
  const h = keyHead(text);
  return h < 0 || isCnNumeral(h) || h === 0x28 || h === 0x2d || h === 0x2a || h === 0x2022;
}

/**
 * Finds section headings in the 说明 part: numbered "一、…" headings, or (for a template whose spec
 * is given and whose document does not number them) the spec's titles. `performanceIn` is the
 * section holding the 绩效目标表 (Xinjiang 十二).
 */
export function findSections(
  lines: readonly Line[],
  r: Range,
  specs?: readonly ExplanationSpec[],
  performanceIn = 12,
): ExplanationRanges {
  const bySpec = specs ? findSectionsBySpec(lines, r, specs) : undefined;
  if (bySpec) return { sections: bySpec };
  const sections = new Map<number, Range>();
  let last = 0;
  let open: { no: number; start: number } | undefined;
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (!l.text || l.tabbed || !mayBeHeading(l.text)) continue;
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
  const s12 = sections.get(performanceIn);
  if (s12) {
    let start = -1;
    let end = s12.end;
    for (let i = s12.start; i < s12.end; i++) {
      const l = lines[i] as Line;
      if (!l.text || l.tabbed) continue;
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

/**
 * Sub-sections "(一) 单位运行经费情况" … of a range, by their printed number; `marker` "一、" for
 * sections whose parts are numbered that way (Shanghai 其他相关情况说明).
 */
export function subsections(
  lines: readonly Line[],
  r: Range,
  marker: "（一）" | "一、" = "（一）",
): Map<number, Range> {
  const out = new Map<number, Range>();
  let open: { no: number; start: number } | undefined;
  const re = marker === "一、" ? /^([一二三四五六七八九十]{1,3})、/ : /^[（(]([一二三四五六七八九十]{1,3})[)）]/;
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (l.tabbed || !mayBeHeading(l.text)) continue;
    const m = re.exec(l.key);
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

/** Numbers of the sections read by other parsers: 项目 descriptions, 其他重要事项 (Xinjiang 七, 十二). */
export interface SpecialSections {
  projects?: number | undefined;
  other?: number | undefined;
}

/** The special sections of a template, by the ids of its explanation specs. */
export function specialSections(specs: readonly ExplanationSpec[]): SpecialSections {
  return { projects: specs.find((e) => e.id === "projects")?.no, other: specs.find((e) => e.id === "other")?.no };
}

/** Sub-sections of 其他重要事项: "（一）…", else "一、…" (Shanghai). */
export function otherSubsections(lines: readonly Line[], r: Range): Map<number, Range> {
  // whichever marker comes first is the top level ("一、三公" holds "（一）因公出国" in Shanghai)
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (!mayBeHeading(l.text)) continue;
    const k = l.key;
    if (/^[（(][一二三四五六七八九十]{1,3}[)）]/.test(k)) return subsections(lines, r);
    if (HEAD.test(k)) return subsections(lines, r, "一、");
  }
  return new Map();
}

export function parseExplanations(
  lines: readonly Line[],
  ranges: ExplanationRanges,
  ctx: StatementContext,
  problems: Problems,
  special: SpecialSections = { projects: 7, other: 12 },
): Explanation[] {
  const out: Explanation[] = [];
  for (const [no, r] of ranges.sections) {
    const head = lines[r.start] as Line;
    const title = stripBullet(head.text)
      .replace(/^[一二三四五六七八九十]{1,3}\s*、\s*/, "")
      .trim();
    const body: Range = { start: r.start + 1, end: r.end };
    const text = textWithout(lines, body, no === special.other ? ranges.performance : undefined);
    // the 项目 section's descriptions are read by projects.ts
    let statements = no === special.projects || !text ? [] : parseStatements(text, no, ctx);
    if (no === special.other) {
      // Only 机关运行经费, 政府采购 and 预算绩效 carry statements; 资产 sentences ("价值 185.25 万元") do
      // not. A section without sub-sections keeps all its statements.
      const subs = otherSubsections(lines, body);
      const spans: [number, number][] = [];
      for (const [, x] of subs) {
        if (!/运行经费|政府采购|绩效|三公/.test((lines[x.start] as Line).key)) continue;
        const from = text.indexOf((lines[x.start] as Line).text);
        const endLine = lines[x.end] as Line | undefined;
        const to = x.end < body.end && endLine ? text.indexOf(endLine.text, from + 1) : text.length;
        if (from >= 0) spans.push([from, to < 0 ? text.length : to]);
      }
      if (subs.size > 0)
        statements = statements.filter((st) => spans.some(([a, b]) => st.at.offset >= a && st.at.offset < b));
    }
    out.push({ no, title, text, statements });
  }
  if (out.length === 0) problems.warn("explanations.missing", "没有找到“部门预算情况说明”各节（一、…十二、）");
  return out;
}
