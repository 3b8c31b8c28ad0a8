/**
 * Table regions: where each table of a document starts and ends. A table starts at a title line
 * that the national vocabulary recognises (vocabulary.ts) and that is followed by table evidence —
 * a 单位 line, or lines of amounts — before any other title or prose; a 目录 entry has none. A
 * table runs on over page breaks while the next page continues it (a repeated header, or lines of
 * amounts before any prose or new title), and ends at a note (注：), a new title, a part heading or
 * prose. Each page's share of a table is a segment: its header lines and its body lines.
 */
import { classifyTitle, type TableKindId } from "../../templates/vocabulary.ts";
import { isPageNumber } from "../pdf/lines.ts";
import { isColumnNumberLine } from "./columns.ts";
import { isCode, startsRow } from "./rows.ts";
import type { GridLine } from "./tokens.ts";

export interface Segment {
  page: number;
  /** lines above the first body line (the header), title and unit lines excluded */
  head: GridLine[];
  body: GridLine[];
}

export interface TableRegion {
  kind: TableKindId;
  title: string;
  /** index of the title's (first) line in the document's lines */
  start: number;
  /** index after the table's last line (notes included) */
  end: number;
  /** printed unit: 万元 / 元 / 千元, when a 单位 line says */
  unit?: "wanyuan" | "yuan" | "qianyuan";
  /** 编制部门/单位名称 line, when printed */
  preparedBy?: string;
  /** notes printed under the table (注：…, 本表无数据 …) */
  notes: string[];
  segments: Segment[];
}

const UNIT = /(?:金额)?单位\s*[:：]\s*(万元|千元|元)/;
const UNIT_ALONE = /^[（(]?(?:金额)?单位\s*[:：]?\s*(万元|千元|元)[)）]?$/;
const PREPARED =
  /(?:编制部门|编制单位|部门名称|单位名称|预算单位|填报单位|部门)\s*[:：]\s*(\S.*?)(?=\s*(?:金额)?单位\s*[:：]|$)/;
const NOTE = /^(?:注|备注|说明|附注)\s*\d?\s*[:：]/;
const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
const LEADER = /[.…·．]{5,}\s*\d*$/;

/** Lines that say a table is empty. */
export const EMPTY_NOTE =
  /空表|无数据|无发生额|没有数据|没有(?:使用)?.{0,20}(?:安排|收支|支出)|不涉及|本表为空|本表无|数为零|无此项/;

export function hasAmounts(l: GridLine): boolean {
  return l.tokens.some((t) => t.kind === "amount");
}

function amountCount(l: GridLine): number {
  let n = 0;
  for (const t of l.tokens) if (t.kind === "amount") n++;
  return n;
}

/** Left and right ends of the text on each page (prose runs from margin to margin). */
export type PageSpan = ReadonlyMap<number, { x0: number; x1: number }>;

export function pageSpans(lines: readonly GridLine[]): PageSpan {
  const m = new Map<number, { x0: number; x1: number }>();
  for (const l of lines) {
    const first = l.tokens[0];
    const last = l.tokens[l.tokens.length - 1];
    if (!first || !last) continue;
    const s = m.get(l.page);
    if (s) {
      s.x0 = Math.min(s.x0, first.x0);
      s.x1 = Math.max(s.x1, last.x1);
    } else m.set(l.page, { x0: first.x0, x1: last.x1 });
  }
  return m;
}

/**
 * A sentence of prose: long, with sentence punctuation, few amounts, starting near the left margin
 * (a column of text inside a table — a project's 绩效目标 — starts far right, and is not prose).
 */
export function isProse(l: GridLine, spans?: PageSpan): boolean {
  const t = l.text.replace(/\s+/g, "");
  if (t.length < 24) return false;
  if (!/[，。；]/.test(t)) return false;
  if (amountCount(l) > 1) return false;
  const s = spans?.get(l.page);
  const first = l.tokens[0];
  if (s && first && first.x0 > s.x0 + (s.x1 - s.x0) * 0.3) return false;
  // a sentence runs on from its first word; a table line has cells with wide gaps between them
  let run = 0;
  let total = 0;
  let open = true;
  l.tokens.forEach((tk, i) => {
    const prev = l.tokens[i - 1];
    if (prev && tk.x0 - prev.x1 > l.h * 1.5) open = false;
    total += tk.text.length;
    if (open) run += tk.text.length;
  });
  return run >= total * 0.6;
}

function unitOf(text: string): TableRegion["unit"] | undefined {
  const m = UNIT.exec(text) ?? UNIT_ALONE.exec(text.replace(/\s+/g, ""));
  if (!m) return undefined;
  return m[1] === "元" ? "yuan" : m[1] === "千元" ? "qianyuan" : "wanyuan";
}

interface TitleHit {
  /** first line of the title */
  first: number;
  /** last line of the title */
  last: number;
  title: string;
  kind: TableKindId;
}

/** A title's end: 表, or 表 and a bracketed qualifier ("表(不含上年结转)"). */
const TITLE_END = /表(?:[（(][^（）()]*[)）])?$/;

/** From a line's first printed word to its last. */
function lineWidth(l: GridLine): number {
  const first = l.tokens[0];
  const last = l.tokens[l.tokens.length - 1];
  return first && last ? last.x1 - first.x0 : 0;
}

/** A title on line i (joined with the line above or below when the title is split over two lines). */
function titleAt(lines: readonly GridLine[], i: number): TitleHit | undefined {
  const l = lines[i] as GridLine;
  if (hasAmounts(l) || LEADER.test(l.text) || isProse(l)) return undefined;
  const text = l.text.replace(/\s+/g, "");
  if (text.length < 3 || text.length > 70) return undefined;
  // a sentence that names a table ("…应与《部门收支预算总表》收入数一致。") is not its title
  if (/[。，；《》]|本表|应与|详见|见表/.test(text)) return undefined;
  const kind = classifyTitle(text);
  const next = lines[i + 1];
  const close = next !== undefined && next.page === l.page && !hasAmounts(next) && next.y - l.y < l.h * 2.2;
  const rest = next?.text.replace(/\s+/g, "") ?? "";
  // "…一般公共预算支出明细表" / "（按支出功能分类科目）" and "2026年部门综合预算" / "收支总表"
  if (close && /^[（(].*[)）]$/.test(rest) && rest.length <= 20) {
    const k2 = classifyTitle(text + rest);
    if (k2) return { first: i, last: i + 1, title: text + rest, kind: k2 };
  }
  // a title wrapped as a word processor wraps a long one: a full first line of one run of words (not
  // a 目录 entry's cells), a shorter second one in the same size that ends the title: "表11 十一、2017年…
  // “三公”经费、会" / "议费、培训费支出预算表" (whose own words read as another title, 支出预算表),
  // "表8 2022年…基本支出明细表(按支出经济分类科" / "目-不含上年结转)"
  if (
    close &&
    next !== undefined &&
    Math.abs(next.h - l.h) <= l.h * 0.1 &&
    TITLE_END.test(text + rest) &&
    !TITLE_END.test(text) &&
    text.length + rest.length <= 70 &&
    lineWidth(l) >= lineWidth(next) * 1.5 &&
    l.tokens.every((t, k) => k === 0 || t.x0 - (l.tokens[k - 1] as GridLine["tokens"][number]).x1 <= l.h * 2) &&
    !/说明|本表/.test(text + rest)
  ) {
    const k2 = classifyTitle(text + rest);
    if (k2) return { first: i, last: i + 1, title: text + rest, kind: k2 };
  }
  if (kind) return { first: i, last: i, title: text, kind };
  // (never a 说明 heading joined with its first sentence: "四、财政拨款收支预算总表情况说明" / "本表反映…";
  // a long first line only with a short rest: "十、2017年度…一般公共预算机关运行经费支出预算" / "表")
  if (close && (text.length <= 30 || rest.length <= 6) && !/说明|本表/.test(text + rest)) {
    const joined = text + rest;
    const k2 = joined.length <= 70 ? classifyTitle(joined) : undefined;
    const own = classifyTitle(rest);
    if (k2 && (!own || (own === "otherTable" && k2 !== "otherTable")))
      return { first: i, last: i + 1, title: joined, kind: k2 };
  }
  return undefined;
}

/**
 * A sentence quoting amounts ("…预算 45.60 万元，比上年减少 3.20 万元"): an amount followed by its unit.
 * A table's cells print bare amounts under a 单位 line.
 */
function quotesAmounts(l: GridLine): boolean {
  return l.tokens.some((t, i) => t.kind === "amount" && /^(?:万元|千元|元|亿元)/.test(l.tokens[i + 1]?.text ?? ""));
}

/** Evidence that a table follows a title: a 单位 line or amount lines before prose or another title. */
function tableFollows(lines: readonly GridLine[], hit: TitleHit): boolean {
  const page = (lines[hit.first] as GridLine).page;
  let amounts = 0;
  for (let j = hit.last + 1; j < lines.length && j <= hit.last + 14; j++) {
    const n = lines[j] as GridLine;
    if (n.page > page + 1) break;
    if (LEADER.test(n.text)) return false;
    if (unitOf(n.text)) return true;
    // a 说明 section headed by its table's name goes on in sentences that quote the table's amounts
    if (quotesAmounts(n)) return false;
    if (hasAmounts(n)) {
      amounts++;
      if (amounts >= 2 || amountCount(n) >= 2) return true;
    }
    if (isProse(n) && !EMPTY_NOTE.test(n.text)) return false;
    if (titleAt(lines, j)) return amounts > 0;
    if (EMPTY_NOTE.test(n.text) && j - hit.last <= 10) return true;
  }
  return false;
}

/**
 * A line that is part of the page's furniture: page numbers, running heads and table tags ("表1",
 * "部门公开表 3", the national 决算's "公开05表" over the header's right end).
 */
function isFurniture(l: GridLine): boolean {
  const t = l.text.trim();
  return (
    isPageNumber(t) ||
    /^(?:表|附表)\s*[\d一二三四五六七八九十]+$/.test(t) ||
    /^部门公开表\s*\d+$/.test(t) ||
    /^(?:部门)?(?:公开|预算|决算)\s*\d{1,2}\s*表$/.test(t)
  );
}

/** A line that begins with a classification code (301, 30101, 2080505). */
function startsWithCode(l: GridLine): boolean {
  const first = l.tokens[0];
  return first?.kind === "int" && isCode(first.text);
}

/** A line that starts a table body: amounts, a code, a 合计 row or a list item. */
export function isBodyStart(l: GridLine): boolean {
  if (hasAmounts(l) || startsWithCode(l)) return true;
  // a 合计 row (its label, then amounts or nothing) — not a header line that starts with 合计
  const texts = l.tokens.filter((t) => t.kind === "text");
  const label = texts.map((t) => t.text).join("");
  return texts.length <= 2 && /^(?:合计|总计|收入总计|支出总计)$/.test(label.replace(/\s+/g, ""));
}

/**
 * A 合计 printed alone above more heading lines is the heading of the total column (a tall cell),
 * not the 合计 row: the heading goes on below it before any amount.
 */
function headingFollows(lines: readonly GridLine[], i: number, limit: number): boolean {
  const l = lines[i] as GridLine;
  if (hasAmounts(l)) return false;
  for (let j = i + 1; j < limit && j <= i + 8; j++) {
    const n = lines[j] as GridLine;
    if (n.page !== l.page) return false;
    if (hasAmounts(n) || isBodyStart(n)) return false;
    if (n.tokens.filter((t) => t.kind === "text").length >= 2) return true;
  }
  return false;
}

/**
 * How many of the header's last lines are the first row's: a label wrapped in a tall cell, its
 * amounts centred beside it, prints as many of its lines above the amounts as below them, a
 * fraction of a line from them and a line's pitch apart ("广州市安全生产应急救" / "援指挥中心(广州市防汛防旱"
 * / 138.01 / "防风应急救援指挥中心)" / "2026-2027年信息化运维项目"). On a page that begins with such a
 * row, the lines above its amounts come before the first line of amounts and would be read as the
 * header's. A header's last line stands a row's height above the first row (a cell border lies
 * between them), never less than a line, so lines mirrored about the amounts, the nearest less
 * than a line away and the others a steady pitch apart, are the cell's. `after` is the lines that
 * follow the row on its page; lines of other columns beside the label's (绩效目标) go with it.
 */
export function cellLinesAbove(head: readonly GridLine[], row: GridLine, after: readonly GridLine[]): number {
  const firstAmount = row.tokens.find((t) => t.kind === "amount");
  if (!firstAmount) return 0;
  const h = row.h;
  // the label's column: text left of the row's amounts
  const labelled = (l: GridLine) => {
    const t = l.tokens[0];
    return t !== undefined && (t.kind === "text" || t.kind === "int") && t.x1 <= firstAmount.x0;
  };
  // (the lines under the amounts that stand nearer the next row's line than this one's are the
  // next row's, as evenly spaced as the cell's own where labels wrap over many lines)
  const below: GridLine[] = [];
  const next = after.find((l) => l.page !== row.page || isBodyStart(l));
  for (const l of after) {
    if (l === next) break;
    if (!labelled(l)) continue;
    if (next?.page === row.page && next.y - l.y < l.y - row.y) break;
    below.push(l);
  }
  const above: GridLine[] = [];
  for (let k = head.length - 1; k >= 0; k--) {
    const l = head[k] as GridLine;
    if (l.page !== row.page || hasAmounts(l) || isColumnNumberLine(l)) break;
    if (labelled(l)) above.push(l);
  }
  // (the label's lines are a pitch apart and centred on the amounts: with a line of the label beside
  // the amounts the nearest others are a pitch away, without one half a pitch)
  const middle = row.tokens.some((t) => t.kind === "text" && t.x1 <= firstAmount.x0);
  // (with a line of the label beside the amounts, the line a pitch above is the label's first only
  // when it holds nothing over the amounts' columns, and neither the label's middle line nor the
  // line under it starts like a row of its own: a header's last line and a blank row under the
  // first row are mirrored so too)
  const lastAmount = row.tokens.filter((t) => t.kind === "amount").pop() as (typeof row.tokens)[number];
  const overAmounts = (l: GridLine) => l.tokens.some((t) => t.x1 > firstAmount.x0 && t.x0 < lastAmount.x1);
  const leftOfAmounts = (l: GridLine) => l.tokens.filter((t) => t.x1 <= firstAmount.x0);
  const labelOf = (l: GridLine) =>
    leftOfAmounts(l)
      .map((t) => t.text)
      .join("");
  // (and the label's lines begin within the span of its middle line: one cell, not the next column's)
  const span = (l: GridLine) => {
    const ts = leftOfAmounts(l);
    return { x0: Math.min(...ts.map((t) => t.x0)), x1: Math.max(...ts.map((t) => t.x1)) };
  };
  const within = (l: GridLine) => {
    const s = span(l);
    const m = span(row);
    return s.x0 >= m.x0 - h && s.x0 <= m.x1;
  };
  // (nor the last of a header's lines stacked closer than the label's: "部门经济科目" / "…名称" / "编码")
  const stacked = (above: GridLine, up: number) => {
    const over = head.slice(0, head.indexOf(above)).findLast(labelled);
    return !!over && over.page === above.page && above.y - over.y < up * 0.8;
  };
  const wrappedAround = (up: number, above: GridLine, below: GridLine) =>
    middle &&
    up <= h * 2.2 &&
    !overAmounts(above) &&
    within(above) &&
    within(below) &&
    !below.tokens.some((t) => isCode(t.text)) &&
    !stacked(above, up) &&
    !startsRow(labelOf(row)) &&
    !startsRow(labelOf(below));
  let n = 0;
  let pitch = Number.NaN;
  for (let k = 0; k < Math.min(above.length, below.length); k++) {
    const up = row.y - (above[k] as GridLine).y;
    const down = (below[k] as GridLine).y - row.y;
    if (!(up > 0 && down > 0) || Math.abs(up - down) > h * 0.25) break;
    if (k === 0) {
      if (up >= h * 0.9 && !wrappedAround(up, above[k] as GridLine, below[k] as GridLine)) break;
      pitch = middle ? (up + down) / 2 : up + down;
    } else {
      const step = down - ((below[k - 1] as GridLine).y - row.y);
      const stepUp = up - (row.y - (above[k - 1] as GridLine).y);
      if (Math.abs(step - pitch) > h * 0.2 || Math.abs(stepUp - pitch) > h * 0.2) break;
    }
    n = k + 1;
  }
  if (n === 0) return 0;
  // every header line from the cell's top line down (other columns' lines of the cell too)
  const top = (above[n - 1] as GridLine).y - h * 0.3;
  let count = 0;
  for (let k = head.length - 1; k >= 0 && (head[k] as GridLine).y >= top; k--) count++;
  return count;
}

/**
 * Finds every table of a document in its lines (all pages, in reading order).
 */
export function findRegions(lines: readonly GridLine[]): TableRegion[] {
  const spans = pageSpans(lines);
  const hits: TitleHit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const hit = titleAt(lines, i);
    if (!hit) continue;
    if (!tableFollows(lines, hit)) continue;
    const prev = hits[hits.length - 1];
    if (prev && prev.last >= hit.first) continue;
    hits.push(hit);
    i = hit.last;
  }
  const regions: TableRegion[] = [];
  hits.forEach((hit, k) => {
    const limit = hits[k + 1]?.first ?? lines.length;
    const region: TableRegion = {
      kind: hit.kind,
      title: hit.title,
      start: hit.first,
      end: hit.last + 1,
      notes: [],
      segments: [],
    };
    let seg: Segment | undefined;
    let inBody = false;
    let noted = false;
    for (let i = hit.last + 1; i < limit; i++) {
      const l = lines[i] as GridLine;
      const t = l.text.trim();
      if (!t) continue;
      // (a number alone on a line inside a table's body, clear of the amounts printed under it on
      // the page, is no page number: a class code set at the top of its tall cell, "302" over "01
      // 办公费 21.21". Under an amount column it is still dropped: the tail of an amount wrapped in
      // laid-out text, "21,884.6" / "2", is not a row)
      if (
        isFurniture(l) &&
        !(
          inBody &&
          seg?.page === l.page &&
          isPageNumber(t) &&
          (clearOfAmounts(lines, i, limit) || betweenLinesOfText(lines, i))
        )
      )
        continue;
      if (!seg || seg.page !== l.page) {
        // a new page: the table continues only if this page goes on with it
        if (seg && (noted || !continuesOnPage(lines, i, limit, spans, region.segments[0]?.head))) break;
        seg = { page: l.page, head: [], body: [] };
        region.segments.push(seg);
        inBody = false;
      }
      const u = unitOf(t);
      if (u && !hasAmounts(l)) {
        region.unit ??= u;
        const p = PREPARED.exec(t);
        if (p?.[1] && !region.preparedBy) region.preparedBy = p[1].replace(/\s+/g, "");
        region.end = i + 1;
        continue;
      }
      const p = !inBody && !hasAmounts(l) ? PREPARED.exec(t) : null;
      if (p?.[1] && seg.head.length === 0 && seg.body.length === 0) {
        region.preparedBy ??= p[1].replace(/\s+/g, "");
        region.end = i + 1;
        continue;
      }
      if (NOTE.test(t.replace(/\s+/g, "")) || (inBody && EMPTY_NOTE.test(t) && !hasAmounts(l) && t.length > 6)) {
        region.notes.push(t.replace(/\s+/g, ""));
        noted = true;
        region.end = i + 1;
        continue;
      }
      if (noted) {
        // a note's second line, until something else begins
        if (!hasAmounts(l) && !PART_HEADING.test(t) && region.notes.length > 0 && !isBodyStart(l) && t.length > 20) {
          region.notes[region.notes.length - 1] += t.replace(/\s+/g, "");
          region.end = i + 1;
          continue;
        }
        break;
      }
      if (PART_HEADING.test(t.replace(/\s+/g, "")) || (isProse(l, spans) && !inBody)) break;
      if (isProse(l, spans) && inBody && !EMPTY_NOTE.test(t)) break;
      // (the line of column numbers is the header's last: a label wrapped above its row's amounts
      // right under it is the body's first line, on every page the header repeats on)
      const numbered = seg.head.length > 0 && isColumnNumberLine(seg.head[seg.head.length - 1] as GridLine);
      if (!inBody && (numbered || (isBodyStart(l) && (startsWithCode(l) || !headingFollows(lines, i, limit))))) {
        inBody = true;
        // (the first row's label wrapped around its amounts: its first line is the body's, not the header's)
        const after = lines.slice(i + 1, Math.min(limit, i + 40)).filter((n) => n.text.trim() && !isFurniture(n));
        const taken = cellLinesAbove(seg.head, l, after);
        if (taken > 0) seg.body.push(...seg.head.splice(seg.head.length - taken));
      }
      (inBody ? seg.body : seg.head).push(l);
      region.end = i + 1;
    }
    regions.push(region);
  });
  return mergeContinued(regions);
}

/**
 * True when line i stands between two lines of text of its page, nearer to each than a line and a
 * half: a code in the middle of a tall cell whose name wraps around it ("对企业补助(基本建" / "311" /
 * "设)" at the foot of a page), never a page number, which stands apart in the margin.
 */
function betweenLinesOfText(lines: readonly GridLine[], i: number): boolean {
  const l = lines[i] as GridLine;
  const near = (o: GridLine | undefined) =>
    o !== undefined &&
    o.page === l.page &&
    Math.abs(o.y - l.y) <= l.h * 1.5 &&
    o.tokens.some((t) => t.kind === "text" && /[\u4e00-\u9fff]/.test(t.text));
  return near(lines[i - 1]) && near(lines[i + 1]);
}

/**
 * True when line i stands clear of the amount columns: no amount on the next lines of its page
 * that print amounts (before `limit`, five at most) lies under or over it.
 */
function clearOfAmounts(lines: readonly GridLine[], i: number, limit: number): boolean {
  const l = lines[i] as GridLine;
  const x0 = Math.min(...l.tokens.map((t) => t.x0));
  const x1 = Math.max(...l.tokens.map((t) => t.x1));
  let seen = 0;
  for (let j = i + 1; j < limit && (lines[j] as GridLine).page === l.page && seen < 5; j++) {
    const amounts = (lines[j] as GridLine).tokens.filter((t) => t.kind === "amount");
    if (amounts.length === 0) continue;
    seen++;
    if (amounts.some((t) => t.x0 < x1 && t.x1 > x0)) return false;
  }
  return seen > 0;
}

/**
 * True when the page starting at line i continues the table: amounts or a header before
 * prose/titles, or the table's header printed again (`head`, its first page's) over rows printed
 * blank ("项目名称 金额" / "※ 1" over 其他资金小计 alone, the next table's title under it).
 */
function continuesOnPage(
  lines: readonly GridLine[],
  i: number,
  limit: number,
  spans: PageSpan,
  head: readonly GridLine[] = [],
): boolean {
  const page = (lines[i] as GridLine).page;
  const key = (l: GridLine) => l.text.replace(/\s+/g, "");
  // (the page's first lines repeat the header's, one of them a line of several headings: one word
  // alone, 其中 or 本年支出, may head another table's columns as well)
  const headKeys = new Set(head.map(key));
  let first = true;
  for (let j = i; j < limit; j++) {
    const l = lines[j] as GridLine;
    if (l.page !== page) break;
    if (isFurniture(l)) continue;
    if (hasAmounts(l) || isBodyStart(l) || (first && l.tokens.length >= 2 && headKeys.has(key(l)))) return true;
    if (first && headKeys.has(key(l))) continue;
    first = false;
    if (isProse(l, spans) || PART_HEADING.test(l.text.replace(/\s+/g, ""))) return false;
  }
  return false;
}

/** Titles repeated on each page of a long table ("表3 支出总表" on pages 15–17) make one table. */
function mergeContinued(regions: TableRegion[]): TableRegion[] {
  const out: TableRegion[] = [];
  for (const r of regions) {
    const last = out[out.length - 1];
    const lastPage = last?.segments[last.segments.length - 1]?.page;
    const firstPage = r.segments[0]?.page;
    if (
      last &&
      last.kind === r.kind &&
      last.title.replace(/^[^\u4e00-\u9fff]+/, "") === r.title.replace(/^[^\u4e00-\u9fff]+/, "") &&
      lastPage !== undefined &&
      firstPage !== undefined &&
      firstPage === lastPage + 1 &&
      last.notes.length === 0
    ) {
      last.segments.push(...r.segments);
      last.notes.push(...r.notes);
      last.end = r.end;
      continue;
    }
    out.push(r);
  }
  return out;
}
