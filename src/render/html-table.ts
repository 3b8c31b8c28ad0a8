/**
 * HTML for one printed table (表1–表11 or any template's tables) and for 绩效目标表: merged header
 * cells from the column header paths, the 栏次 row (※ 1 2 …), amounts with thousands separators,
 * blank cells blank (a printed 0.00 stays 0.00), 空表说明 under an empty table.
 */

import type { Indicator, PerformanceTable, PrintedTable, Row } from "../model/disclosure.ts";
import { formatAmount, formatPrinted } from "../model/money.ts";
import { PERFORMANCE_PROJECT_HEADERS } from "../templates/xinjiang-2025-budget.ts";
import { escapeHtml as e } from "./escape.ts";
import { headerGrid } from "./header-grid.ts";

/** Tables with more columns than this print on a landscape page. */
export const WIDE_COLUMNS = 8;
/** Tables with more columns than this use a smaller type size. */
const DENSE_COLUMNS = 12;
/** An A4 page's width inside the margins of html-style.ts (@page, @page wide), in points. */
const PORTRAIT_PT = 505;
const LANDSCAPE_PT = 774;
/** The narrowest a label column prints (html-style.ts: td.text), in em. */
export const LABEL_MIN_EM = 5;

/**
 * The narrowest `t` prints, in em of its type: amounts and codes never wrap (a digit, comma or
 * point is about 0.56 em of Noto Sans SC), labels take at least LABEL_MIN_EM; each cell has 6 pt of
 * padding. Many columns of many decimals (a 6-decimal 万元 table) need a landscape page even when
 * they are few.
 */
function narrowestEm(t: PrintedTable, size: number): number {
  const pad = 6.6 / size;
  return t.columns.reduce((w, c, i) => w + pad + (c.type === "text" ? LABEL_MIN_EM : 0.56 * widestPrinted(t, i)), 0);
}

/** Characters of column `ci`'s widest cell as printed (amounts with the table's decimals, codes as they are). */
export function widestPrinted(t: PrintedTable, ci: number): number {
  let widest = 0;
  for (const row of t.rows) {
    const v = row.cells[ci];
    if (v === null || v === undefined) continue;
    const printed = typeof v === "number" ? formatPrinted(v, t.unit, t.precision) : v;
    if (printed.length > widest) widest = printed.length;
  }
  return widest;
}

export const isWide = (t: PrintedTable): boolean =>
  t.columns.length > WIDE_COLUMNS || narrowestEm(t, 9) * 9 > PORTRAIT_PT;
const isDense = (t: PrintedTable): boolean => t.columns.length > DENSE_COLUMNS || narrowestEm(t, 9) * 9 > LANDSCAPE_PT;

export const UNIT_ZH = { wanyuan: "万元", yuan: "元" } as const;

/**
 * The column a row's level indents: the label column; in a two-sided table (收支总表) the
 * expenditure side's, whose classes nest (the income lines carry their numbers: 一、 1.).
 */
export function indentColumn(t: PrintedTable): number {
  const expenditure = t.columns.findIndex((c) => c.type === "text" && c.side === "expenditure");
  return expenditure >= 0 ? expenditure : t.columns.findIndex((c) => c.type === "text");
}

function cellHtml(t: PrintedTable, row: Row, i: number, indentCol: number): string {
  const col = t.columns[i]!;
  const v = row.cells[i] ?? null;
  if (v === null) return col.type === "amount" ? `<td class="num"></td>` : "<td></td>";
  if (typeof v === "number") return `<td class="num">${formatPrinted(v, t.unit, t.precision)}</td>`;
  if (col.type === "code") return `<td class="code">${e(v)}</td>`;
  const indent = i === indentCol && row.level > 1 ? ` style="padding-left:${(row.level - 1) * 0.9 + 0.3}em"` : "";
  return `<td class="text"${indent}>${e(v)}</td>`;
}

/** `<table>` of a printed table (without its title block). */
export function printedTableHtml(t: PrintedTable): string {
  const grid = headerGrid(t.columns);
  const head: string[] = [];
  for (let r = 0; r < grid.depth; r++) {
    const cells = grid.cells
      .filter((c) => c.row === r)
      .map((c) => {
        const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ""}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ""}`;
        return `<th scope="col"${span}>${e(c.text)}</th>`;
      });
    head.push(`<tr>${cells.join("")}</tr>`);
  }
  let n = 0;
  const numbers = t.columns.map((c) => (c.type === "amount" ? String(++n) : "※"));
  head.push(`<tr class="colno">${numbers.map((x) => `<th>${x}</th>`).join("")}</tr>`);
  const indentCol = indentColumn(t);
  const body = t.rows.map(
    (row) => `<tr class="r-${row.kind}">${t.columns.map((_, i) => cellHtml(t, row, i, indentCol)).join("")}</tr>`,
  );
  const cols = t.columns.map((c) => `<col class="c-${c.type}">`).join("");
  const cls = `data${isDense(t) ? " dense" : ""}`;
  return `<table class="${cls}"><colgroup>${cols}</colgroup><thead>${head.join("")}</thead><tbody>${body.join("")}</tbody></table>`;
}

/** Title block + table + 空表说明, as one section; the h2 ("表 3 部门支出总体情况表") is the bookmark. */
export function printedTableSection(t: PrintedTable, anchor: string): string {
  const meta = [
    t.preparedBy ? `<span>编制部门：${e(t.preparedBy)}</span>` : "<span></span>",
    `<span>单位：${UNIT_ZH[t.unit]}</span>`,
  ].join("");
  const empty = t.emptyNote ? `<p class="empty-note">${e(t.emptyNote)}</p>` : "";
  return `<section class="ptable${isWide(t) ? " wide" : ""}" id="${e(anchor)}">
<h2 class="ttitle"><span class="tno">表 ${t.no}　</span><span>${e(t.title)}</span></h2>
<div class="tmeta">${meta}</div>
${printedTableHtml(t)}
${empty}</section>`;
}

type Field = (i: Indicator) => string;
/** header pattern → cell reader and print width (em; 0 = takes the rest) */
const FIELDS: [RegExp, Field, number][] = [
  [/一级/, (i) => i.level1, 5.5],
  [/二级/, (i) => i.level2, 6.5],
  [/三级/, (i) => i.name, 0],
  [/依据/, (i) => i.basis ?? "", 0],
  [/上年/, (i) => i.lastYear ?? "", 5.5],
  [/赋分|规则/, (i) => i.scoring ?? "", 9.5],
  [/佐证/, (i) => i.evidence ?? "", 5.5],
  [/权重|分值/, (i) => (i.weight === undefined ? "" : String(i.weight)), 4.5],
  [/指标值/, (i) => i.target.raw, 8],
];

/** Indicator columns as printed: header text and how to read each indicator's cell. */
export function indicatorColumns(p: PerformanceTable): { header: string; get: Field; width: number }[] {
  const headers = p.headers.length > 0 ? p.headers : PERFORMANCE_PROJECT_HEADERS;
  return headers.map((h) => {
    const f = FIELDS.find(([re]) => re.test(h));
    return { header: h, get: f?.[1] ?? (() => ""), width: f?.[2] ?? 0 };
  });
}

const amt = (v: number | undefined) => (v === undefined ? "" : formatAmount(v, "wanyuan"));

/** 部门整体 / 项目支出 绩效目标表: information block and indicator table (一级/二级 merged down). */
export function performanceHtml(p: PerformanceTable): string {
  const cols = indicatorColumns(p);
  const span = cols.length;
  const info: string[] = [];
  const kv = (k: string, v: string) => `<tr><th>${k}</th><td>${v}</td></tr>`;
  if (p.kind === "overall") {
    info.push(kv("部门名称", e(p.budgetUnit)));
    if (p.manager || p.phone) info.push(kv("联系人 / 电话", `${e(p.manager)}　${e(p.phone)}`));
  } else {
    info.push(kv("预算单位", e(p.budgetUnit)));
    info.push(kv("项目名称", e(p.project)));
    if (p.manager) info.push(kv("项目负责人", e(p.manager)));
  }
  const money = [`年度预算总额 ${amt(p.total)}`, `其中：财政资金 ${amt(p.fiscal)}`, `其他资金 ${amt(p.other)}`];
  info.push(kv("资金（万元）", money.map((m) => `<span class="money">${m}</span>`).join("　")));
  info.push(kv(p.kind === "overall" ? "年度绩效目标" : "项目总体目标", e(p.goal)));
  const rows: string[] = [];
  const inds = p.indicators;
  // 一级/二级 runs print as one merged cell. Not rowspan: Chromium will not break a table inside a
  // tall rowspan and pushes a 40-indicator table to the next page; instead the repeated cells are
  // left empty and the borders between them hidden, which breaks across pages like any row.
  const sameAs = (a: Indicator | undefined, b: Indicator | undefined, key: "level1" | "level2") =>
    a !== undefined && b !== undefined && a[key] === b[key] && (key === "level1" || a.level1 === b.level1);
  inds.forEach((ind, i) => {
    const tds = cols.map((c, ci) => {
      const merged =
        ci === 0 && /一级/.test(c.header) ? "level1" : ci === 1 && /二级/.test(c.header) ? "level2" : undefined;
      if (merged) {
        const cls = sameAs(ind, inds[i + 1], merged) ? ' class="mb"' : "";
        return `<td${cls}>${sameAs(inds[i - 1], ind, merged) ? "" : e(c.get(ind))}</td>`;
      }
      return `<td>${e(c.get(ind))}</td>`;
    });
    rows.push(`<tr>${tds.join("")}</tr>`);
  });
  const head = `<tr>${cols.map((c) => `<th>${e(c.header)}</th>`).join("")}</tr>`;
  const colgroup = cols.map((c) => (c.width ? `<col style="width:${c.width}em">` : "<col>")).join("");
  const year = p.year ? `<p class="psub">（${p.year} 年）</p>` : "";
  return `<section class="perf${span > 6 ? " wide" : ""}">
<h3 class="ptitle">${e(p.title)}${p.project ? `<span class="pname">${e(p.project)}</span>` : ""}</h3>${year}
<table class="data perf-info"><colgroup><col class="c-key"><col></colgroup><tbody>${info.join("")}</tbody></table>
<table class="data perf-table"><colgroup>${colgroup}</colgroup><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>
</section>`;
}
