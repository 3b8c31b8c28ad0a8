/**
 * The 绩效目标表 part of a text-extracted 部门预算公开: one 部门整体绩效目标表 and the
 * 项目支出绩效目标表, from the first table title to just before the next section (the caller slices).
 *
 * Each table is a title line, a "(2025 年)" line, label/value lines (performance-meta.ts), one header
 * row ("一级指标→二级指标→…") and the indicator rows (performance-rows.ts). Lines are the PDF's
 * table text, tab-separated, with blank lines at page breaks, "---" separator rows and cells that
 * continue on the next line.
 *
 * One pass, constant work per line: linear in the input. Never throws; anything that cannot be
 * read becomes an ImportProblem whose message starts "第 N 行：" (N = index in `lines` + lineOffset).
 */
import type { ImportProblem, PerformanceTable } from "../../model/disclosure.ts";
import { isSpace } from "./lines.ts";
import { appendGoal, completeAmounts, type MetaKey, type Report, readMeta } from "./performance-meta.ts";
import { fieldOfHeader, IndicatorRows } from "./performance-rows.ts";
import { squeeze, type TargetReading } from "./performance-target.ts";

export interface ParsePerformanceOptions {
  year: number;
  /** Added to a line's index in `lines` in messages and `line` (e.g. the slice's start in the file). */
  lineOffset?: number;
}

const TITLE_RE = /^(.{0,12}?)(部门整体绩效目标表|项目支出绩效目标表)(.{0,12})$/;
const YEAR_RE = /^[（(](\d{4})年度?[)）]$/;
/** Markdown-style rule rows the extraction left between pages ("---→---→-----------…"). */
export const SEPARATOR_RE = /^[\s\-—–|:=_+]+$/;
/**
 * SEPARATOR_RE.test(text), by hand: it is tried on every line, and most start with a tab (indicator
 * rows under a merged 一级 cell), which the pattern allows; the scan stops at the first other character.
 */
export function isSeparatorRow(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) if (!isSeparatorChar(text.charCodeAt(i))) return false;
  return n > 0;
}
const isSeparatorChar = (c: number): boolean =>
  isSpace(c) ||
  c === 0x2d || // -
  c === 0x2014 || // —
  c === 0x2013 || // –
  c === 0x7c || // |
  c === 0x3a || // :
  c === 0x3d || // =
  c === 0x5f || // _
  c === 0x2b; // +
const PAGE_NO_RE = /^(?:[-—–]?\d{1,4}[-—–]?|第\d+页(?:共\d+页)?)$/;
/** The next part of the document: "(五) 其他需说明的事项", "第四部分 名词解释". */
const SECTION_RE = /^(?:[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)/;

interface Builder {
  table: PerformanceTable;
  rows: IndicatorRows;
  state: "meta" | "rows";
  hasHeader: boolean;
  lastKey: MetaKey | undefined;
  line: number;
}

interface Title {
  title: string;
  kind: PerformanceTable["kind"];
  line: number;
  year?: number;
}

export function parsePerformance(
  lines: string[],
  opts: ParsePerformanceOptions,
): { tables: PerformanceTable[]; problems: ImportProblem[] } {
  const offset = opts?.lineOffset ?? 0;
  const docYear = opts?.year;
  const problems: ImportProblem[] = [];
  const tables: PerformanceTable[] = [];
  const report: Report = (p, severity = "warning") => {
    problems.push({ ...p, severity, message: `第 ${p.line ?? offset} 行：${p.message}` });
  };

  let b: Builder | undefined;
  let pending: Title | undefined;
  const targets = new Map<string, TargetReading>(); // (see IndicatorRows)

  const open = (t: Title): Builder => {
    const table: PerformanceTable = { kind: t.kind, title: t.title, goal: "", headers: [], indicators: [] };
    const year = t.year ?? docYear;
    if (Number.isInteger(year)) table.year = year;
    tables.push(table);
    return {
      table,
      rows: new IndicatorRows(t.kind, report, targets),
      state: "meta",
      hasHeader: false,
      lastKey: undefined,
      line: t.line,
    };
  };
  const finish = (x: Builder | undefined): void => {
    if (!x) return;
    x.table.indicators = x.rows.finish();
    completeAmounts(x.table);
    const name = x.table.project ?? x.table.title;
    if (!x.hasHeader) report({ code: "text.performance.no-header", message: `“${name}”没有指标表头`, line: x.line });
    if (x.table.indicators.length === 0) {
      report({ code: "text.performance.no-indicators", message: `“${name}”没有读到指标`, line: x.line });
    }
    if (x.table.goal === "")
      report({ code: "text.performance.no-goal", message: `“${name}”没有绩效目标`, line: x.line });
  };

  const list: unknown[] = Array.isArray(lines) ? lines : [];
  const scratch: string[] = []; // every line's cells in turn (nothing below keeps the array)
  for (let i = 0; i < list.length; i++) {
    const n = i + offset;
    const text = typeof list[i] === "string" ? (list[i] as string) : "";
    const cells = splitCells(text, scratch);
    if (cells.length === 0 || isSeparatorRow(text)) continue;
    // Titles, "(2025 年)", page numbers and section headings are one-cell lines.
    const single = cells.length === 1;
    const joined = single ? squeeze(cells[0]!) : "";
    if (single && PAGE_NO_RE.test(joined)) continue;

    const title = single && joined.length <= 40 && !/[。；;，,]/.test(joined) ? TITLE_RE.exec(joined) : null;
    if (title) {
      // Opening is deferred to the table's first content line: a title followed directly by a
      // header row is a continuation page (续表) of the table before it.
      pending = { title: joined, kind: title[2]!.startsWith("部门整体") ? "overall" : "project", line: n };
      continue;
    }
    const year = single ? YEAR_RE.exec(joined) : null;
    if (year && (pending || b?.state === "meta")) {
      const y = Number(year[1]);
      if (pending) pending.year = y;
      else if (b) b.table.year = y;
      if (docYear !== undefined && y !== docYear) {
        report({ code: "text.performance.year", message: `表的年度 ${y} 与文档年度 ${docYear} 不一致`, line: n });
      }
      continue;
    }
    const isHeader = isHeaderCell(firstFilled(cells));
    if (pending) {
      const continued = isHeader && b?.hasHeader && b.rows.count > 0 && b.table.kind === pending.kind;
      if (!continued) {
        finish(b);
        b = open(pending); // (on a 续表 the repeated header is skipped below)
      }
      pending = undefined;
    }
    if (single && SECTION_RE.test(joined) && (b || tables.length > 0)) break;
    if (!b) continue; // text before the first table title

    if (isHeader) {
      // A header repeated on a continuation page keeps the first one.
      if (!b.hasHeader) {
        b.table.headers = cells.filter((c) => c !== "");
        b.rows.setHeader(b.table.headers.map(fieldOfHeader));
        b.hasHeader = true;
      }
      b.state = "rows";
      continue;
    }
    if (b.state === "meta") {
      const key = readMeta(b.table, cells, n, report);
      if (key) {
        b.lastKey = key;
        continue;
      }
      if (b.rows.add(cells, n, true) === "row") {
        report({ code: "text.performance.no-header", message: "指标行之前没有表头，按标准列序读取", line: n });
        b.hasHeader = true;
        b.state = "rows";
        continue;
      }
      if (b.lastKey === "goal") {
        appendGoal(b.table, cells.filter((c) => c !== "").join(" ")); // the 目标 cell wrapped
        continue;
      }
      report({ code: "text.performance.unrecognised", message: `无法识别的行“${cut(text)}”`, line: n });
      continue;
    }
    if (b.rows.add(cells, n) === "none") {
      report({ code: "text.performance.unrecognised", message: `无法识别的指标行“${cut(text)}”`, line: n });
    }
  }
  if (pending) {
    finish(b);
    b = open(pending);
  }
  finish(b);
  return { tables, problems };
}

/**
 * A line's tab-separated cells, trimmed, without trailing blank cells: splitFields(text) with the
 * trailing "" removed, in one scan (every line of the part is split). Written into `out` (returned),
 * which may hold the previous line's cells: a new array per line would be most of the garbage
 * the part leaves. Blank cells are written only once a filled cell follows them.
 */
export function splitCells(text: string, out: string[] = []): string[] {
  let k = 0;
  const n = text.length;
  let blanks = 0;
  for (let s = 0; s <= n; ) {
    let e = s;
    while (e < n && text.charCodeAt(e) !== 0x09) e++;
    let a = s;
    let b = e;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a === b) blanks++;
    else {
      for (; blanks > 0; blanks--) out[k++] = "";
      out[k++] = text.slice(a, b);
    }
    s = e + 1;
  }
  while (out.length > k) out.pop(); // (cheaper than setting the length)
  return out;
}

function firstFilled(cells: readonly string[]): string {
  for (const c of cells) if (c !== "") return c;
  return "";
}

/** squeeze(cell) === "一级指标" (cells are trimmed: a header cell starts with 一). */
const isHeaderCell = (cell: string): boolean => cell.charCodeAt(0) === 0x4e00 && squeeze(cell) === "一级指标";

function cut(text: string): string {
  const t = text.replace(/\t+/g, " ").trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
