/**
 * Workbooks in yusuan's own layout (src/render/xlsx.ts): one sheet per printed table with
 *   row 1      "表N 标题" merged across the table,
 *   row 2      "编制部门：…" in the first cell, "单位：万元" in the last,
 *   rows 3…    the merged header grid of the spec's columns (headerGrid), optionally a 栏次 row
 *              (※ … 1 2 3), then one row per table row, one cell per column,
 *   after them an optional blank row and the 空表说明 merged across the table.
 * A sheet is read this way only when its title names a table of the template and its header
 * cells are exactly that table's header grid; anything else is left to the generic reader.
 *
 * Amounts were written as numbers in the printed unit (fen / 1e6 for 万元, fen / 100 for 元) and
 * are read back to integer 分 by rounding — never kept as floats (see `fenFromNumber`).
 */
import type ExcelJS from "exceljs";
import type { Cell, ImportProblem, PrintedTable } from "../../model/disclosure.ts";
import { type AmountUnit, fenPerUnit, parseAmount } from "../../model/money.ts";
import { headerGrid } from "../../render/header-grid.ts";
import type { TableSpec, TemplateSpec } from "../../templates/spec.ts";
import { OwnTableBuilder, ownProblem } from "../pdf/own-tables.ts";
import { matchKey, matchTitle } from "../pdf/titles.ts";
import { cellText } from "./import-xlsx.ts";

/**
 * Largest amount in 分 that survives the float round trip exactly: 2^51.
 *
 * The workbook holds x = fl(f / p) for an integer f (分) and p = 1e6 (万元) or 100 (元), so
 * x = (f / p)(1 + δ₁) with |δ₁| ≤ 2⁻⁵³. Reading computes y = fl(x · p) = f (1 + δ₁)(1 + δ₂), so
 * |y − f| ≤ |f| · (2⁻⁵² + 2⁻¹⁰⁶). Math.round(y) = f whenever that error is below ½, i.e. for
 * |f| < 2⁵¹ ≈ 2.25 × 10¹⁵ 分 (≈ 2.25 × 10⁹ 万元, 22 trillion 元) — far above any department's
 * budget; beyond it a value is refused rather than rounded to a possibly wrong 分.
 */
export const MAX_EXACT_FEN = 2 ** 51;

/**
 * An amount written as a number in `unit` → integer 分, or undefined when the number is not a
 * finite amount that converts exactly (see MAX_EXACT_FEN). The result is an integer-valued
 * number: Math.round of the product, never the float itself.
 */
export function fenFromNumber(value: number, unit: AmountUnit): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const f = Math.round(value * fenPerUnit(unit));
  if (Math.abs(f) >= MAX_EXACT_FEN) return undefined;
  return f === 0 ? 0 : f; // no -0
}

/** The cell's value as exceljs holds it: the formula result when there is one. */
function rawValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const v = cell.value;
  if (v && typeof v === "object" && "result" in v) return (v as { result?: ExcelJS.CellValue }).result ?? null;
  return v;
}

const TITLE = /^表\s*(\d{1,2})\s+(.+)$/;
const UNIT = /单位\s*[:：]\s*(万元|元)\s*$/;
const PREPARED = /^编制部门\s*[:：]\s*(.*)$/;

/** The template's table a sheet's title row names ("表3 部门支出总体情况表"), if any. */
export function ownSheetTitle(
  ws: ExcelJS.Worksheet,
  template: TemplateSpec,
): { spec: TableSpec; title: string } | undefined {
  const m = TITLE.exec(cellText(ws.getCell(1, 1).value).trim());
  if (!m) return undefined;
  const title = (m[2] as string).trim();
  const hit = matchTitle(title, template);
  if (!hit || hit.spec.no !== Number(m[1])) return undefined;
  return { spec: hit.spec, title };
}

/**
 * Reads one sheet in yusuan's layout; undefined when the sheet is not in that layout (title,
 * 单位 line and header grid must all be as the renderer writes them).
 */
export function readOwnSheet(
  ws: ExcelJS.Worksheet,
  sheetNo: number,
  template: TemplateSpec,
  problems: ImportProblem[],
): PrintedTable | undefined {
  const head = ownSheetTitle(ws, template);
  if (!head) return undefined;
  const { spec, title } = head;
  const n = spec.columns.length;
  const unitMatch = UNIT.exec(cellText(ws.getCell(2, n).value));
  if (!unitMatch) return undefined;
  const unit: AmountUnit = unitMatch[1] === "元" ? "yuan" : "wanyuan";
  const grid = headerGrid(spec.columns);
  const top = 3;
  for (const h of grid.cells) {
    const got = cellText(ws.getCell(top + h.row, 1 + h.col).value);
    if (matchKey(got) !== matchKey(h.text)) return undefined;
  }
  const b = new OwnTableBuilder(spec, title, unit);
  const prepared = PREPARED.exec(cellText(ws.getCell(2, 1).value).trim());
  if (prepared?.[1]) b.table.preparedBy = prepared[1].trim();
  let r = top + grid.depth;
  // an optional 栏次 row: ※ under code and text columns, 1 2 3 … under amount columns
  const colNo = Array.from({ length: n }, (_, c) => cellText(ws.getCell(r, c + 1).value).trim());
  if (colNo[0] === "※" && colNo.every((s) => s === "※" || /^\d{1,2}$/.test(s))) r++;
  const last = ws.rowCount;
  for (; r <= last; r++) {
    const row = ws.getRow(r);
    const first = row.getCell(1);
    // the 空表说明 row: one cell merged across the whole table, after the data
    if (n > 1 && first.isMerged && ws.getCell(r, n).master.address === first.address) {
      const note = cellText(rawValue(first)).trim();
      if (note) b.table.emptyNote = note;
      break;
    }
    const cells: Cell[] = [];
    let any = false;
    for (let c = 0; c < n; c++) {
      const col = spec.columns[c] as TableSpec["columns"][number];
      const v = rawValue(row.getCell(c + 1));
      if (v === null || v === undefined || v === "") {
        cells.push(null);
        continue;
      }
      any = true;
      if (col.type !== "amount") {
        cells.push(cellText(v));
        continue;
      }
      const fen = typeof v === "number" ? fenFromNumber(v, unit) : parseAmount(cellText(v).replace(/\s+/g, ""), unit);
      if (fen === undefined) {
        problems.push(
          ownProblem(
            spec,
            `第 ${r} 行“${col.path.join("/")}”列的“${cellText(v)}”不是${unit === "yuan" ? "元" : "万元"}金额，已留空`,
            sheetNo,
          ),
        );
      }
      cells.push(fen ?? null);
    }
    if (!any) continue; // the blank row before a 空表说明
    b.addRow(cells);
  }
  b.table.pages = [sheetNo];
  return b.table;
}

/**
 * Reads a whole workbook written by yusuan: the template is detected from the sheets' title rows
 * (or forced), and every table sheet must be in the layout. Undefined when the workbook is not
 * one of ours, so the caller falls back to the generic, position-based reader.
 */
export function readOwnWorkbook(
  wb: ExcelJS.Workbook,
  detect: (titles: string[]) => TemplateSpec | undefined,
): { template: TemplateSpec; tables: PrintedTable[]; problems: ImportProblem[]; titles: string[] } | undefined {
  const sheets: { ws: ExcelJS.Worksheet; no: number; title: string }[] = [];
  let no = 0;
  wb.eachSheet((ws) => {
    no++;
    if (ws.state !== "visible") return;
    const m = TITLE.exec(cellText(ws.getCell(1, 1).value).trim());
    if (m) sheets.push({ ws, no, title: (m[2] as string).trim() });
  });
  if (sheets.length === 0) return undefined;
  const titles = sheets.map((s) => s.title);
  const template = detect(titles);
  if (!template) return undefined;
  const problems: ImportProblem[] = [];
  const tables: PrintedTable[] = [];
  for (const s of sheets) {
    const t = readOwnSheet(s.ws, s.no, template, problems);
    if (!t) return undefined;
    tables.push(t);
  }
  return { template, tables, problems, titles };
}
