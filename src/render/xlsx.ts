/**
 * The disclosure as an Excel workbook (exceljs): one sheet per printed table in the template's
 * layout — title, 编制部门 / 单位 line, merged header rows from the column header paths, the data
 * rows with borders and `#,##0.00` amounts, frozen header rows, A4 print setup (landscape for
 * wide tables) — then a 说明 sheet (概况, 情况说明, 名词解释) and a 绩效目标 sheet.
 *
 * Amounts are written as numbers in the table's printed unit. This is the one place an exact 分
 * amount becomes a float: fen / 1e6 (万元) or fen / 100 (元), which Excel stores as the nearest
 * double, and `#,##0.00` prints exactly the published figure.
 */
import ExcelJS from "exceljs";
import type { Disclosure, PerformanceTable, PrintedTable } from "../model/disclosure.ts";
import { fenPerUnit } from "../model/money.ts";
import { displayWidth } from "../model/text-width.ts";
import { headerGrid } from "./header-grid.ts";
import { indentColumn, indicatorColumns, isWide, UNIT_ZH, widestPrinted } from "./html-table.ts";

export const AMOUNT_FORMAT = "#,##0.00";

/** The amount format of a table: its printed decimals (2 usually; 6 in some 万元 tables, 0 in 元 ones). */
export function amountFormat(precision: number | undefined): string {
  const p = precision ?? 2;
  return p === 2 ? AMOUNT_FORMAT : p <= 0 ? "#,##0" : `#,##0.${"0".repeat(Math.min(p, 6))}`;
}
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F3F5" } };
const FONT = "宋体";

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ , unique in the book. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, "").slice(0, 31) || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Rows of the sheet above the header grid: title, then 编制部门 / 单位. */
export const TITLE_ROWS = 2;

function tableSheet(wb: ExcelJS.Workbook, t: PrintedTable, name: string): void {
  const n = t.columns.length;
  const wide = isWide(t);
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: wide ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "第 &P 页 / 共 &N 页" },
  });
  // (a number does not wrap: one wider than its cell prints as "###", as a large department's 元 would)
  const widths = t.columns.map((c, ci) =>
    c.type === "code" ? 6 : c.type === "text" ? 30 : Math.max(14, widestPrinted(t, ci) + 2),
  );
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = `表${t.no} ${t.title}`;
  title.font = { name: FONT, size: 14, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 24;
  ws.getCell(2, 1).value = t.preparedBy ? `编制部门：${t.preparedBy}` : "";
  ws.getCell(2, n).value = `单位：${UNIT_ZH[t.unit]}`;
  ws.getCell(2, n).alignment = { horizontal: "right" };
  const grid = headerGrid(t.columns);
  const top = TITLE_ROWS + 1;
  // (header rows as tall as their wrapped headings: a cell spanning rows shares its lines among them)
  const headHeights = new Array<number>(grid.depth).fill(0);
  for (const h of grid.cells) {
    const r = top + h.row;
    const c = 1 + h.col;
    if (h.rowSpan > 1 || h.colSpan > 1) ws.mergeCells(r, c, r + h.rowSpan - 1, c + h.colSpan - 1);
    ws.getCell(r, c).value = h.text;
    const width = widths.slice(h.col, h.col + h.colSpan).reduce((a, b) => a + b, 0);
    const need = (wrappedHeight([{ text: h.text, width, size: 10 }]) ?? 0) / h.rowSpan;
    for (let k = h.row; k < h.row + h.rowSpan; k++) headHeights[k] = Math.max(headHeights[k] as number, need);
  }
  headHeights.forEach((height, k) => {
    if (height > 15) ws.getRow(top + k).height = Math.ceil(height);
  });
  for (let r = top; r < top + grid.depth; r++) {
    for (let c = 1; c <= n; c++) {
      const cell = ws.getCell(r, c);
      cell.border = THIN;
      cell.fill = HEAD_FILL;
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    }
  }
  const first = top + grid.depth;
  const per = fenPerUnit(t.unit);
  const format = amountFormat(t.precision);
  const indentAt = indentColumn(t);
  t.rows.forEach((row, i) => {
    const r = ws.getRow(first + i);
    const height = wrappedHeight(
      t.columns.flatMap((col, ci) => {
        const v = row.cells[ci];
        return col.type === "text" && typeof v === "string"
          ? [
              {
                text: v,
                width: (widths[ci] as number) - (ci === indentAt ? 2 * Math.max(0, row.level - 1) : 0),
                size: 10,
              },
            ]
          : [];
      }),
    );
    if (height) r.height = height;
    t.columns.forEach((col, ci) => {
      const cell = r.getCell(ci + 1);
      const v = row.cells[ci] ?? null;
      cell.border = THIN;
      cell.font = { name: FONT, size: 10, bold: row.kind === "total" || row.kind === "unit" };
      if (typeof v === "number") {
        cell.value = v / per;
        cell.numFmt = format;
        cell.alignment = { horizontal: "right", vertical: "middle" };
      } else if (typeof v === "string") {
        cell.value = v; // codes stay text: "01" must not become 1
        cell.alignment =
          col.type === "code"
            ? { horizontal: "center", vertical: "middle" }
            : // (an indent needs left alignment: Excel and LibreOffice ignore it on "general")
              ci === indentAt && row.level > 1
              ? { horizontal: "left", vertical: "middle", wrapText: true, indent: row.level - 1 }
              : { vertical: "middle", wrapText: true };
      } else if (col.type === "amount") {
        cell.numFmt = format; // blank stays blank: no value, not 0
      }
    });
  });
  if (t.emptyNote) {
    const r = first + t.rows.length + 1;
    ws.mergeCells(r, 1, r, n);
    const c = ws.getCell(r, 1);
    c.value = t.emptyNote;
    c.alignment = { wrapText: true, vertical: "top" };
    ws.getRow(r).height = 36;
  }
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: first - 1 }];
  ws.pageSetup.printTitlesRow = `${top}:${first - 1}`;
}

/**
 * A row tall enough for its wrapped text, in points. Excel fits such a row when it opens the file;
 * other programs (LibreOffice) keep the height written, and would print one clipped line.
 */
function wrappedHeight(cells: readonly { text: string; width: number; size: number }[]): number | undefined {
  let lines = 1;
  let size = 10;
  for (const c of cells) {
    const n = Math.ceil(displayWidth(c.text) / Math.max(1, c.width - 1));
    if (n > lines) [lines, size] = [n, c.size];
  }
  return lines > 1 ? Math.ceil(lines * size * 1.35 + 4) : undefined;
}

/**
 * The 说明 column: as wide as an A4 page prints at 100%. The sheet is not scaled to fit: LibreOffice
 * wraps a scaled sheet's text at the unscaled width and prints each line cut at the cell's edge.
 */
const TEXT_WIDTH = 66;

function textSheet(wb: ExcelJS.Workbook, d: Disclosure, name: string): void {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: "portrait", scale: 100 },
  });
  ws.columns = [{ width: TEXT_WIDTH }];
  const add = (text: string, bold = false) => {
    const row = ws.addRow([text]);
    row.getCell(1).alignment = { wrapText: true, vertical: "top" };
    row.getCell(1).font = { name: FONT, size: bold ? 12 : 10.5, bold };
    const height = wrappedHeight([{ text, width: TEXT_WIDTH, size: bold ? 12 : 10.5 }]);
    if (height) row.height = height;
  };
  const y = `${d.meta.year} 年`;
  const w = d.meta.kind === "budget" ? "部门预算" : "部门决算";
  add(`${d.meta.department} ${y}${w}公开`, true);
  add(`第一部分 ${y}部门概况`, true);
  for (const line of d.overview.text.split(/\n+/).filter((l) => l.trim())) add(line.trim());
  add(`第三部分 ${y}${w}情况说明`, true);
  for (const x of d.explanations) {
    add(x.title, true);
    for (const line of x.text.split(/\n+/).filter((l) => l.trim())) add(line.trim());
  }
  add("第四部分 名词解释", true);
  for (const g of d.glossary) add(`${g.term}：${g.definition}`);
}

function performanceSheet(wb: ExcelJS.Workbook, list: readonly PerformanceTable[], name: string): void {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [12, 14, 26, 16, 24, 12, 10, 16, 12].map((width) => ({ width }));
  const yuan = (v: number | undefined) => (v === undefined ? null : v / fenPerUnit("wanyuan"));
  for (const p of list) {
    const cols = indicatorColumns(p);
    const title = ws.addRow([p.project ? `${p.title}：${p.project}` : p.title]);
    title.getCell(1).font = { name: FONT, size: 12, bold: true };
    const info: [string, string | number | null][] = [
      [p.kind === "overall" ? "部门名称" : "预算单位", p.budgetUnit ?? ""],
      ...(p.project ? [["项目名称", p.project] as [string, string]] : []),
      ["负责人 / 联系人", [p.manager, p.phone].filter(Boolean).join(" ")],
      ["年度预算总额（万元）", yuan(p.total)],
      ["其中：财政资金（万元）", yuan(p.fiscal)],
      ["其他资金（万元）", yuan(p.other)],
      [p.kind === "overall" ? "年度绩效目标" : "项目总体目标", p.goal],
    ];
    for (const [k, v] of info) {
      const r = ws.addRow([k, v]);
      ws.mergeCells(r.number, 2, r.number, Math.max(2, cols.length));
      r.getCell(1).font = { name: FONT, bold: true };
      r.getCell(2).alignment = { wrapText: true, horizontal: "left" };
      if (typeof v === "number") r.getCell(2).numFmt = AMOUNT_FORMAT;
      for (let c = 1; c <= Math.max(2, cols.length); c++) r.getCell(c).border = THIN;
    }
    const head = ws.addRow(cols.map((c) => c.header));
    head.eachCell((c) => {
      c.font = { name: FONT, bold: true };
      c.fill = HEAD_FILL;
      c.border = THIN;
      c.alignment = { horizontal: "center", wrapText: true };
    });
    for (const ind of p.indicators) {
      const r = ws.addRow(cols.map((c) => c.get(ind)));
      r.eachCell({ includeEmpty: true }, (c) => {
        c.border = THIN;
        c.alignment = { wrapText: true, vertical: "middle" };
      });
    }
    ws.addRow([]);
  }
}

/** Builds the workbook. */
export function buildWorkbook(d: Disclosure): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "yusuan";
  wb.title = d.meta.title;
  wb.created = new Date(0);
  const taken = new Set<string>();
  for (const t of d.tables) tableSheet(wb, t, sheetName(`表${t.no} ${t.title}`, taken));
  textSheet(wb, d, sheetName("说明", taken));
  if (d.performance.length > 0) performanceSheet(wb, d.performance, sheetName("绩效目标表", taken));
  return wb;
}

/** Writes the workbook to `outFile`. */
export async function renderXlsx(d: Disclosure, outFile: string): Promise<void> {
  await buildWorkbook(d).xlsx.writeFile(outFile);
}

/** The workbook as bytes (for the server). */
export async function renderXlsxBuffer(d: Disclosure): Promise<Uint8Array> {
  return new Uint8Array(await buildWorkbook(d).xlsx.writeBuffer());
}

/** One printed table as a one-sheet workbook, as bytes (the portal's per-table download). */
export async function renderTableXlsxBuffer(t: PrintedTable, meta?: { title?: string }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "yusuan";
  wb.title = meta?.title ?? `表${t.no} ${t.title}`;
  wb.created = new Date(0);
  tableSheet(wb, t, sheetName(`表${t.no} ${t.title}`, new Set()));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
