/**
 * The disclosure as one HTML document in the official order: cover, 目录, 第一部分 概况, 第二部分
 * the printed tables, 第三部分 说明 (with the 绩效目标表), 第四部分 名词解释. Print CSS lays it out
 * on A4 (landscape for wide tables) with page numbers; the PDF renderer prints this same HTML.
 * Every string from the Disclosure goes through `escapeHtml`.
 */
import type { Disclosure, Explanation } from "../model/disclosure.ts";
import { escapeHtml as e } from "./escape.ts";
import { facesFor, fontFaceCss } from "./fonts.ts";
import { DOCUMENT_CSS } from "./html-style.ts";
import { performanceHtml, printedTableSection } from "./html-table.ts";

export interface HtmlOptions {
  /**
   * Where the browser finds a font file (fontsource woff2 name) — a relative path next to the HTML,
   * or a file:// URL for the PDF. Without it the page has no @font-face (system fonts only).
   */
  fontUrl?: (file: string) => string;
}

export interface HtmlResult {
  html: string;
  /** the fontsource woff2 files the page references (to copy alongside) */
  fontFiles: string[];
}

const NUM = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 1 → 一, 12 → 十二, 21 → 二十一 (up to 99). */
export function chineseNumber(n: number): string {
  if (n <= 10) return NUM[n] ?? String(n);
  if (n < 20) return `十${NUM[n - 10]}`;
  const t = Math.floor(n / 10);
  const u = n % 10;
  return n < 100 ? `${NUM[t]}十${u ? NUM[u] : ""}` : String(n);
}

/** Paragraphs of printed text; short lines that open with 一、/（一） are sub-headings. */
function textHtml(text: string): string {
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const head =
        /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))/.test(l) &&
        l.length <= 40;
      return head ? `<p class="subhead">${e(l)}</p>` : `<p>${e(l)}</p>`;
    })
    .join("\n");
}

/** Part headings; `budget` and `finalAccounts` documents differ only in the word. */
function partTitles(d: Disclosure): [string, string, string, string] {
  const y = `${d.meta.year} 年`;
  const w = d.meta.kind === "budget" ? "部门预算" : "部门决算";
  return [`第一部分 ${y}部门概况`, `第二部分 ${y}${w}公开表`, `第三部分 ${y}${w}情况说明`, "第四部分 名词解释"];
}

function overviewHtml(d: Disclosure): string {
  if (d.overview.text.trim()) return textHtml(d.overview.text);
  const o = d.overview;
  const s = o.staffing;
  const parts = [
    `<p class="subhead">一、主要职能</p>`,
    ...o.functions.map((f) => `<p>${e(f)}</p>`),
    `<p class="subhead">二、机构设置及人员情况</p>`,
  ];
  if (o.divisions.length) parts.push(`<p>内设科室：${o.divisions.map(e).join("、")}。</p>`);
  if (o.budgetUnits.length) parts.push(`<p>所属预算单位：${o.budgetUnits.map((u) => e(u.name)).join("、")}。</p>`);
  if (s.authorized !== undefined || s.actual !== undefined)
    parts.push(`<p>编制数 ${s.authorized ?? "—"}，实有人数 ${s.actual ?? "—"} 人。</p>`);
  return parts.join("\n");
}

function explanationHtml(x: Explanation, d: Disclosure, withPerformance: boolean): string {
  const title = `${chineseNumber(x.no)}、${x.title.replace(/^[一二三四五六七八九十]+、\s*/, "")}`;
  let body = textHtml(x.text);
  if (withPerformance) {
    // the 绩效目标表 follow the sentence that announces them ("具体情况见下表"), else the section
    const perf = d.performance.map(performanceHtml).join("\n");
    const lines = x.text.split(/\n+/);
    const at = lines.findIndex((l) => /见下表/.test(l));
    body =
      at < 0
        ? `${body}\n${perf}`
        : `${textHtml(lines.slice(0, at + 1).join("\n"))}\n${perf}\n${textHtml(lines.slice(at + 1).join("\n"))}`;
  }
  return `<section class="expl" id="expl-${x.no}"><h2 class="sec">${e(title)}</h2>\n${body}</section>`;
}

/** The document's title (unescaped) and the markup of its <body>, for renderHtml and the PDF renderer. */
export interface HtmlParts {
  title: string;
  body: string;
}

/** Title and body of the document, without the page shell (head, styles, fonts). */
export function documentParts(d: Disclosure): HtmlParts {
  const [p1, p2, p3, p4] = partTitles(d);
  const lastExpl = d.explanations.at(-1);
  const perfIn = d.explanations.find((x) => x.no === 12) ?? lastExpl;
  const tocTables = d.tables.map(
    (t) => `<li class="toc-item"><a href="#table-${t.no}">${chineseNumber(t.no)}、${e(t.title)}</a></li>`,
  );
  const tocExpl = d.explanations.map(
    (x) =>
      `<li class="toc-item"><a href="#expl-${x.no}">${chineseNumber(x.no)}、${e(x.title.replace(/^[一二三四五六七八九十]+、\s*/, ""))}</a></li>`,
  );
  const body = `<main>
<section class="cover"><div class="dept">${e(d.meta.department)}</div>
<div class="doc">${d.meta.year} 年${d.meta.kind === "budget" ? "部门预算" : "部门决算"}公开</div>
${d.meta.publishedOn ? `<div class="date">${e(d.meta.publishedOn)}</div>` : ""}</section>
<nav class="toc"><h1 class="part">目　录</h1><ol>
<li class="toc-part"><a href="#part1">${p1}</a></li>
<li class="toc-part"><a href="#part2">${p2}</a></li>${tocTables.join("")}
<li class="toc-part"><a href="#part3">${p3}</a></li>${tocExpl.join("")}
<li class="toc-part"><a href="#part4">${p4}</a></li></ol></nav>
<section class="part-block" id="part1"><h1 class="part">${p1}</h1>
${overviewHtml(d)}</section>
<section class="part-block" id="part2"><h1 class="part">${p2}</h1>
${d.tables.map((t) => printedTableSection(t, `table-${t.no}`)).join("\n")}</section>
<section class="part-block" id="part3"><h1 class="part">${p3}</h1>
${d.explanations.map((x) => explanationHtml(x, d, x === perfIn)).join("\n")}
${perfIn ? "" : d.performance.map(performanceHtml).join("\n")}</section>
<section class="part-block" id="part4"><h1 class="part">${p4}</h1>
<dl class="glossary">${d.glossary.map((g, i) => `<dt>${chineseNumber(i + 1)}、${e(g.term)}</dt><dd>${e(g.definition)}</dd>`).join("")}</dl></section>
</main>`;
  const title = `${d.meta.department} ${d.meta.year} 年${d.meta.kind === "budget" ? "部门预算" : "部门决算"}公开`;
  return { title, body };
}

/**
 * Renders the document.
 * @example const { html } = renderHtml(d); // "<!doctype html>…"
 */
export function renderHtml(d: Disclosure, opts: HtmlOptions = {}): HtmlResult {
  const { title, body } = documentParts(d);
  const faces = opts.fontUrl ? facesFor(body + DOCUMENT_CSS + title) : [];
  const fontCss = opts.fontUrl ? fontFaceCss(faces, opts.fontUrl) : "";
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="yusuan">
<title>${e(title)}</title>
<style>${fontCss}\n${DOCUMENT_CSS}</style></head>
<body>${body}</body></html>`;
  return { html, fontFiles: faces.map((f) => f.file) };
}
