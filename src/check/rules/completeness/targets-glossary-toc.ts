/**
 * C-31 … C-33: 绩效目标表 published, 名词解释 with the core terms, 目录 matching the body.
 */
import { tableById } from "../../../model/access.ts";
import type { Finding } from "../../../model/finding.ts";
import type { TemplateSpec } from "../../../templates/spec.ts";
import { defineRule } from "../../rule.ts";
import { PART, squash } from "../text/shared.ts";

export const C31 = defineRule({
  id: "C-31",
  severity: "error",
  category: "completeness",
  title: "公开部门整体绩效目标表和项目支出绩效目标表",
  source: "L5 (重点项目预算的绩效目标); Xinjiang template",
  run: ({ d }) => {
    const out: Finding[] = [];
    const loc = { part: PART.performance };
    if (!d.performance.some((t) => t.kind === "overall"))
      out.push({ rule: "C-31", severity: "error", message: "没有公开部门整体绩效目标表", location: loc });
    const hasProjects = tableById(d, "projectExpenditure")?.rows.some((r) => r.kind === "project") ?? false;
    if ((hasProjects || d.projects.length > 0) && !d.performance.some((t) => t.kind === "project"))
      out.push({ rule: "C-31", severity: "error", message: "有项目支出，但没有公开项目支出绩效目标表", location: loc });
    return out;
  },
});

/** Core terms and the words that identify them in a glossary entry. */
const CORE_TERMS: readonly [string, string][] = [
  ["财政拨款", "财政拨款"],
  ["基本支出", "基本支出"],
  ["项目支出", "项目支出"],
  ["“三公”经费", "三公"],
  ["机关运行经费", "机关运行经费"],
];

export const C32 = defineRule({
  id: "C-32",
  severity: "error",
  category: "completeness",
  title: "名词解释至少包括财政拨款、基本支出、项目支出、“三公”经费、机关运行经费",
  source: "L5 (对专业性较强的名词进行解释)",
  run: ({ d }) => {
    const loc = { part: PART.glossary };
    if (d.glossary.length === 0) return [{ rule: "C-32", severity: "error", message: "没有名词解释", location: loc }];
    const terms = d.glossary.map((g) => squash(g.term));
    const missing = CORE_TERMS.filter(([, w]) => !terms.some((t) => t.includes(w))).map(([n]) => n);
    return missing.length
      ? [{ rule: "C-32", severity: "warning", message: `名词解释缺少：${missing.join("、")}`, location: loc }]
      : [];
  },
});

export const C33 = defineRule({
  id: "C-33",
  severity: "warning",
  category: "completeness",
  title: "目录列出正文中的每张表、每个说明部分和名词解释，标题一致",
  source: "derived from the seed",
  run: ({ d, template }) => {
    const loc = { part: PART.toc };
    if (d.toc.length === 0) return [{ rule: "C-33", severity: "warning", message: "没有目录", location: loc }];
    // TOC lines break long titles across lines; compare against the whole TOC without spaces
    // (squash only drops and maps single characters, so squashing each line and joining them is
    // squashing the joined TOC).
    const tocLines = d.toc.map(squash);
    const toc = tocLines.join("");
    const out: Finding[] = [];
    // A 目录 may list the short title ("一、收支预算总表") where the page prints a long one ("一、2017
    // 年度江苏省高级人民法院部门收支预算总表"): both name the spec's table, so they match.
    const dept = squash(d.meta.department);
    const tocUnnumbered = tocLines.map(unnumbered);
    const tocNos = new Set<number>();
    for (const s of tocUnnumbered) {
      const n = tableNoByTitle(template, s, dept);
      if (n !== undefined) tocNos.add(n);
    }
    const titles = d.tables.map((t) => squash(t.title));
    const printedNos = new Set<number | undefined>();
    for (let i = 0; i < d.tables.length; i++) {
      const t = d.tables[i]!;
      const title = titles[i]!;
      const n = tableNoByTitle(template, unnumbered(title), dept);
      printedNos.add(n);
      if (!toc.includes(title) && !(n === t.no && tocNos.has(t.no)))
        out.push({
          rule: "C-33",
          severity: "warning",
          message: `目录没有列出表${t.no}“${t.title}”（或标题不一致）`,
          location: { ...loc, table: t.no },
        });
    }
    // Only where the 目录 lists 说明 sections at all (Jiangsu 2017 lists the 第三部分 heading only)
    const sectionTitles = squashedSectionTitles(template);
    const listsSections = tocLines.some((s) => !s.endsWith("表") && sectionTitles.some((x) => s.includes(x)));
    if (listsSections)
      for (let i = 0; i < template.explanations.length; i++) {
        const spec = template.explanations[i]!;
        const present = d.explanations.some((e) => e.no === spec.no);
        if (present && !toc.includes(sectionTitles[i]!))
          out.push({
            rule: "C-33",
            severity: "warning",
            message: `目录没有列出说明“${spec.title}”部分`,
            location: loc,
          });
      }
    if (d.glossary.length > 0 && !toc.includes("名词解释"))
      out.push({ rule: "C-33", severity: "warning", message: "目录没有列出名词解释", location: loc });
    for (let i = 0; i < d.toc.length; i++) {
      const s = tocUnnumbered[i]!;
      // Part headings ("第二部分 2025 年部门预算公开表") end in 表 but are not tables.
      if (!s.endsWith("表") || s.length <= 4 || PART_HEADING.test(s) || titles.includes(s)) continue;
      const n = tableNoByTitle(template, s, dept);
      if (!(n !== undefined && printedNos.has(n)))
        out.push({
          rule: "C-33",
          severity: "warning",
          message: `目录列出“${d.toc[i]!.trim()}”，正文中没有这张表（或标题不一致）`,
          location: loc,
        });
    }
    return out;
  },
});

const LIST_NO = /^[-•·]?(?:[一二三四五六七八九十]+、|\d+[.、．])/;
const PART_HEADING = /^第[一二三四五六七八九十]+部分/;

/** A squashed title without its list number: "一、部门收支总表" → "部门收支总表". */
const unnumbered = (squashed: string) => squashed.replace(LIST_NO, "");

/**
 * The spec table a printed or 目录 title names, given the title squashed and without its list
 * number (`unnumbered`): the title without its year ("2017 年度"), department (squashed) and "部门"
 * prefix, equal to the spec's title or one of its aliases (also without "部门").
 */
function tableNoByTitle(template: TemplateSpec, title: string, dept: string): number | undefined {
  let s = title.replace(/^\d{4}年度?/, "");
  if (dept && s.startsWith(dept)) s = s.slice(dept.length);
  s = bareTitle(s);
  if (!s.endsWith("表") && !s.endsWith("）")) return undefined;
  return titleIndex(template).get(s);
}

/** A title squashed (so with full-width brackets) and without a leading "部门". */
function bareTitle(x: string): string {
  const s = squash(x);
  return s.startsWith("部门") ? s.slice(2) : s;
}

/** Bare title (and alias) → table number, built once per template spec (specs are constants). */
const titleIndexes = new WeakMap<TemplateSpec, Map<string, number>>();
function titleIndex(template: TemplateSpec): Map<string, number> {
  let m = titleIndexes.get(template);
  if (!m) {
    m = new Map();
    for (const t of template.tables)
      for (const a of [t.title, ...t.aliases]) {
        const k = bareTitle(a);
        if (!m.has(k)) m.set(k, t.no);
      }
    titleIndexes.set(template, m);
  }
  return m;
}

/** The template's 说明 section titles squashed, in spec order, made once per template spec. */
const sectionTitleLists = new WeakMap<TemplateSpec, readonly string[]>();
function squashedSectionTitles(template: TemplateSpec): readonly string[] {
  let l = sectionTitleLists.get(template);
  if (!l) {
    l = template.explanations.map((e) => squash(e.title));
    sectionTitleLists.set(template, l);
  }
  return l;
}
