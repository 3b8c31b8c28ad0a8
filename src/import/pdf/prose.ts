/**
 * The prose of a PDF as plain text for the text importer (src/import/text): every line outside the
 * tables' extents, in reading order, with the wrapped lines of a paragraph joined into one line
 * (the text parsers expect one paragraph per line, as in text extracted by a layout-aware tool).
 *
 * A line continues the paragraph above when the line above runs to the right margin and this one
 * starts at the left margin (an indented line, or one starting with an item marker, opens a new
 * paragraph). Page numbers are dropped, and so is a block a page repeats from the foot of the page
 * before (Shanghai 2025 prints 说明 items 7–11 twice across a page break).
 */
import { builtinFunctionCatalog } from "../../catalog/index.ts";
import type { ImportProblem, Overview, PrintedTable } from "../../model/disclosure.ts";
import type { TemplateSpec } from "../../templates/spec.ts";
import { type DocumentLayout, layoutDocument, parseToc } from "../text/document.ts";
import { type Line, Problems, type Range, splitLines } from "../text/lines.ts";
import { parseOverview } from "../text/overview.ts";
import { type PartRanges, parseTextParts, type Safe, type TextParts } from "../text/parse-text.ts";
import { isAmountToken, isPageNumber, type PdfLine } from "./lines.ts";

const ITEM_START =
  /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．](?!\d)|第[一二三四五六七八九十]+部分|第[一二三四五六七八九十]+条)/;
const CJK_END = /[\u3000-\u9fff\uff00-\uffef]$/;
const CJK_START = /^[\u3000-\u9fff\uff00-\uffef]/;

/** A line's cells as one string: Chinese runs join without spaces, other runs with one. */
function lineText(l: PdfLine): string {
  let out = "";
  for (const c of l.cells) {
    const t = c.text.trim();
    if (!t) continue;
    out += out && !(CJK_END.test(out) || CJK_START.test(t)) ? ` ${t}` : t;
  }
  return out;
}

interface Margins {
  left: number;
  right: number;
}

/** Left and right margins of a page's prose: the most common left edge, the widest right edge. */
function margins(lines: readonly PdfLine[]): Margins {
  const lefts = new Map<number, number>();
  let right = 0;
  for (const l of lines) {
    const first = l.cells[0];
    const last = l.cells[l.cells.length - 1];
    if (!first || !last) continue;
    const x = Math.round(first.x0);
    lefts.set(x, (lefts.get(x) ?? 0) + 1);
    right = Math.max(right, last.x1);
  }
  let left = Number.POSITIVE_INFINITY;
  for (const x of lefts.keys()) left = Math.min(left, x);
  return { left: Number.isFinite(left) ? left : 0, right };
}

export interface ProseLine {
  text: string;
  page: number;
}

/**
 * Prose lines of a document: `lines` in reading order without the `extents` ([start, end) line
 * indexes of tables), as paragraphs.
 */
export function proseLines(lines: readonly PdfLine[], extents: readonly { start: number; end: number }[]): ProseLine[] {
  const inTable = new Uint8Array(lines.length);
  for (const e of extents) for (let i = e.start; i < e.end && i < lines.length; i++) inTable[i] = 1;
  const pages = new Map<number, PdfLine[]>();
  lines.forEach((l, i) => {
    if (inTable[i] || isPageNumber(l.text) || !l.text.trim()) return;
    const list = pages.get(l.page);
    if (list) list.push(l);
    else pages.set(l.page, [l]);
  });
  // a running head or foot: the same line (its numbers aside) first or last on page after page
  // ("福州市医疗保障局2026年部门预算" over every page), no part of the text it interrupts
  const edgeKey = (l: PdfLine) => l.text.replace(/\s+/g, "").replace(/\d+/g, "#");
  const atEdge = new Map<string, number>();
  for (const pl of pages.values()) {
    const edges = new Set([pl[0], pl[pl.length - 1]].filter((l): l is PdfLine => l !== undefined).map(edgeKey));
    for (const k of edges) atEdge.set(k, (atEdge.get(k) ?? 0) + 1);
  }
  const running = new Set(
    [...atEdge].filter(([k, n]) => k !== "" && n >= 3 && n * 10 >= pages.size * 3).map(([k]) => k),
  );
  if (running.size > 0)
    for (const [page, pl] of pages) {
      const kept = pl.filter((l, j) => !((j === 0 || j === pl.length - 1) && running.has(edgeKey(l))));
      if (kept.length > 0) pages.set(page, kept);
      else pages.delete(page);
    }
  const out: ProseLine[] = [];
  let open: { text: string; page: number; full: boolean } | undefined;
  let prevPage: string[] = [];
  for (const [page, pl] of pages) {
    const m = margins(pl);
    let texts = pl.map(lineText);
    // a block repeated from the foot of the previous page (same lines, same order)
    let skip = 0;
    for (let k = Math.min(texts.length, prevPage.length); k >= 2; k--) {
      const tail = prevPage.slice(prevPage.length - k);
      if (tail.every((t, j) => t === texts[j])) {
        skip = k;
        break;
      }
    }
    prevPage = texts;
    texts = texts.slice(skip);
    const kept = pl.slice(skip);
    kept.forEach((l, j) => {
      const text = texts[j] as string;
      const first = l.cells[0] as PdfLine["cells"][number];
      const last = l.cells[l.cells.length - 1] as PdfLine["cells"][number];
      const indented = first.x0 > m.left + l.h * 0.9;
      const tableLike = l.cells.filter((c) => isAmountToken(c.text.trim())).length >= 2;
      const continues = open?.full && !indented && !tableLike && !ITEM_START.test(text) && !/[。：:]$/.test(open.text);
      if (open && continues) open.text += text;
      else {
        if (open) out.push({ text: open.text, page: open.page });
        open = { text, page, full: false };
      }
      open.full = !tableLike && last.x1 >= m.right - l.h * 1.6;
    });
  }
  if (open) out.push({ text: open.text, page: open.page });
  return out;
}

export interface ProseContext {
  template: TemplateSpec;
  tables: readonly PrintedTable[];
  department: string;
  year: number;
  problems: ImportProblem[];
}

/** What the prose of a PDF gave: the Disclosure's text parts, and whether any 说明 was read. */
export interface ProseResult {
  overview?: Overview;
  toc: string[];
  parts: TextParts;
}

/**
 * Reads the text parts of a PDF from its prose lines with the text importer's parsers: parts by
 * their "第N部分" headings where the document has them, else sections by the spec's titles after
 * the 目录 (Shanghai).
 */
export function readProse(prose: readonly ProseLine[], ctx: ProseContext): ProseResult {
  const lines = splitLines(prose.map((p) => p.text).join("\n"));
  const problems = new Problems();
  const safe: Safe = (what, fallback, fn) => {
    try {
      return fn();
    } catch (e) {
      problems.error("pdf.text", `读取${what}时出错（${(e as Error).message}），该部分已跳过`);
      return fallback;
    }
  };
  const layout = safe("文档结构", { parts: new Map(), partHeadings: new Map() } as DocumentLayout, () =>
    layoutDocument(lines),
  );
  // a 目录 without part headings (Shanghai) ends at its last leader-dotted entry
  let toc = layout.toc;
  if (toc && layout.parts.size === 0) {
    let end = toc.start;
    for (let i = toc.start; i < lines.length; i++) if (/[.…．]{4,}/.test((lines[i] as Line).text)) end = i + 1;
    toc = { start: toc.start, end };
  }
  const p3 = layout.parts.get(3);
  const ranges: PartRanges = p3
    ? { explanations: p3, glossary: layout.parts.get(4) }
    : { explanations: { start: toc?.end ?? 0, end: lines.length } };
  const parts = parseTextParts(lines, ranges, {
    template: ctx.template,
    tables: ctx.tables,
    department: ctx.department || layout.department,
    year: ctx.year,
    catalog: [...(builtinFunctionCatalog(ctx.year)?.entries.values() ?? [])],
    problems,
    safe,
  });
  // 概况: 第一部分, else the spec's 职能 and 机构 sections
  let overviewRange = layout.parts.get(1);
  if (!overviewRange) {
    const nos = ctx.template.explanations.filter((e) => e.id === "functions" || e.id === "organisation");
    const rs = nos.map((e) => parts.sections.get(e.no)).filter((r): r is Range => !!r);
    if (rs.length > 0)
      overviewRange = { start: Math.min(...rs.map((r) => r.start)), end: Math.max(...rs.map((r) => r.end)) };
  }
  const overview = safe("部门概况", undefined, () =>
    overviewRange ? parseOverview(lines, overviewRange, problems) : undefined,
  );
  const out: ProseResult = { toc: safe("目录", [], () => parseToc(lines, toc)), parts };
  if (overview) out.overview = overview;
  // text problems carry line numbers of the rebuilt prose; report them by page instead
  for (const p of problems.list) {
    const page = p.line !== undefined ? prose[p.line - 1]?.page : undefined;
    const { line: _l, ...rest } = p;
    ctx.problems.push(
      page !== undefined ? { ...rest, message: rest.message.replace(/^第 \d+ 行：/, `第 ${page} 页：`), page } : rest,
    );
  }
  return out;
}
