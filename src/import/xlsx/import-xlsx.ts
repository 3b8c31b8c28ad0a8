/**
 * XLSX → Disclosure, through the same spec-driven table reader as PDFs: each worksheet becomes a
 * "page", each row a line, each cell a text chunk whose x range spans its columns (a merged
 * header cell spans all of its columns, so it sits over its children exactly as in a PDF).
 * exceljs quirks handled (docs/STACK.md §2): merged slave cells repeat the master's value and are
 * skipped; rich text is flattened; formulas use their cached result; numbers are formatted here to
 * the decimals their number format shows (two at least, six at most) because `cell.text` ignores numFmt.
 */
import type ExcelJS from "exceljs";
import type { ImportProblem } from "../../model/disclosure.ts";
import { REGIONAL_TEMPLATES, TEMPLATES } from "../../templates/index.ts";
import type { TextChunk } from "../pdf/extract.ts";
import {
  disclosureFromTables,
  documentIdentity,
  type ImportReport,
  type PdfImportResult,
  readGeneral,
} from "../pdf/import-pdf.ts";
import type { PdfLine } from "../pdf/lines.ts";
import { normaliseText } from "../pdf/normalise.ts";
import { readTables } from "../pdf/read-tables.ts";
import { type Detection, detectTemplate, matchTitle } from "../pdf/titles.ts";
import { loadWorkbook } from "./load-workbook.ts";
import { readOwnWorkbook } from "./own-layout.ts";

const COL_W = 100;
const ROW_H = 20;
/** rows read per sheet at most: budget sheets have a few hundred; templates pad to ~3,400 */
const MAX_ROWS = 20_000;

/** A cell value as printed text: rich text flattened, formula results, numbers to their format's decimals. */
export function cellText(v: ExcelJS.CellValue, numFmt = ""): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return "";
    // Integers without a decimal format are codes (205, 30101), never amounts.
    if (Number.isInteger(v) && !/0\.0/.test(numFmt)) return String(v);
    // as many decimals as the format shows ("#,##0.000000": a 6-decimal 万元 table), else two
    const shown = /\.(0+)/.exec(numFmt.split(";")[0] ?? "")?.[1]?.length ?? 2;
    const decimals = Math.min(6, Math.max(2, shown));
    const scale = 10 ** decimals;
    const units = Math.round(Math.abs(v) * scale);
    const sign = v < 0 && units > 0 ? "-" : "";
    return `${sign}${Math.floor(units / scale)}.${String(units % scale).padStart(decimals, "0")}`;
  }
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null, numFmt);
    if ("text" in v && typeof (v as { text: unknown }).text === "string") return (v as { text: string }).text;
    if ("error" in v) return "";
  }
  return "";
}

/** One worksheet as lines for the table reader. */
export function sheetLines(ws: ExcelJS.Worksheet, page: number): PdfLine[] {
  const lines: PdfLine[] = [];
  const spans = new Map<string, { col: number; row: number }>();
  // exceljs keeps merges as "A1:E1" ranges on the model
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []) as string[];
  for (const m of merges) {
    const [a, b] = m.split(":");
    if (!a || !b) continue;
    const ca = ws.getCell(a);
    const cb = ws.getCell(b);
    spans.set(`${ca.row}:${ca.col}`, { col: Number(cb.col), row: Number(cb.row) });
  }
  // a cell merged over several rows stands on the page halfway down them, as printed (a heading
  // in a tall cell beside a group heading is centred below the group's row, not on it)
  const byY = new Map<number, TextChunk[]>();
  const last = Math.min(ws.rowCount, MAX_ROWS);
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.isMerged && cell.master !== cell) return;
      const text = normaliseText(cellText(cell.value, cell.numFmt ?? ""))
        .replace(/\s*\n\s*/g, "")
        .trim();
      if (!text) return;
      const span = spans.get(`${r}:${col}`);
      const end = span?.col ?? col;
      const y = ((r + Math.max(r, span?.row ?? r)) / 2) * ROW_H;
      const cells = byY.get(y) ?? [];
      cells.push({ text, x0: col * COL_W, x1: end * COL_W + COL_W - 10, y, h: 12 });
      byY.set(y, cells);
    });
  }
  for (const [y, cells] of [...byY].sort((a, b) => a[0] - b[0])) {
    cells.sort((a, b) => a.x0 - b.x0);
    lines.push({ page, y, h: 12, cells, text: cells.map((c) => c.text).join(" ") });
  }
  return lines;
}

/** How much of a regional spec's tables a workbook's titles must name for that spec to read it. */
const REGIONAL_FIT = 0.5;

/** A problem told of a workbook: 工作表 numbers stand in for pages. */
const sheetsNotPages = (p: ImportProblem): ImportProblem => ({
  ...p,
  message: p.message.replace(/第 (\d+) 页/g, "第 $1 个工作表"),
});

/** The general reader's result, told as a workbook's: sheets, not pages. */
function asWorkbook(r: PdfImportResult, sheets: number): PdfImportResult {
  const problems = r.problems.map(sheetsNotPages);
  if (r.disclosure) r.disclosure.provenance = { ...r.disclosure.provenance, format: "xlsx", problems };
  if (!r.report) return { ...r, problems };
  const { pages: _pages, ...rest } = r.report;
  return { ...r, problems, report: { ...rest, format: "xlsx", sheets } };
}

/**
 * Imports an XLSX workbook laid out like the published tables (one table per sheet, as the
 * Shanghai templates and budget-system exports are).
 */
export async function importXlsx(
  buf: Uint8Array,
  source: string,
  opts: { template?: string } = {},
): Promise<PdfImportResult> {
  const problems: ImportProblem[] = [];
  const loaded = await loadWorkbook(buf);
  if ("refused" in loaded)
    return { problems: [{ code: "xlsx.refused", severity: "error", message: `${source}：${loaded.refused}` }] };
  if ("error" in loaded)
    return {
      problems: [
        {
          code: "xlsx.unreadable",
          severity: "error",
          message: `${source} 无法作为 Excel 工作簿读取（${loaded.error}）；如是旧版 .xls，请先另存为 .xlsx`,
        },
      ],
    };
  const wb = loaded.workbook;
  // A workbook written by yusuan itself is read cell by cell, exactly (own-layout.ts).
  let ownDetection: Detection | undefined;
  const own = readOwnWorkbook(wb, (titles) => {
    ownDetection = detectTemplate(titles, opts.template);
    return ownDetection?.template;
  });
  const lines: PdfLine[] = [];
  let sheets = 0;
  if (own) sheets = wb.worksheets.length;
  else {
    wb.eachSheet((ws) => {
      sheets++;
      if (ws.state !== "visible") return;
      if (ws.rowCount > MAX_ROWS) {
        problems.push({
          code: "xlsx.tooManyRows",
          severity: "warning",
          message: `工作表“${ws.name}”有 ${ws.rowCount} 行，只读取前 ${MAX_ROWS} 行`,
          page: sheets,
        });
      }
      lines.push(...sheetLines(ws, sheets));
    });
  }
  const titles = lines.filter((l) => REGIONAL_TEMPLATES.some((t) => matchTitle(l.text, t))).map((l) => l.text);
  const detection = own ? ownDetection : detectTemplate(titles, opts.template);
  // A workbook no regional spec was asked for or clearly fits (yusuan's own workbook of a document
  // read in another layout, a county's budget-system export): the general reader, as for a PDF.
  if (!own && !opts.template && (!detection || detection.confidence < REGIONAL_FIT || wb.creator === "yusuan"))
    return asWorkbook(readGeneral(lines, sheets, source, problems), sheets);
  if (!detection) {
    problems.push({
      code: "xlsx.noTables",
      severity: "error",
      message: opts.template
        ? `未知的模板“${opts.template}”；可用：${[...TEMPLATES.keys()].join("、")}`
        : `${source}：${sheets} 个工作表中没有找到任何已知模板的预算表标题`,
    });
    return { problems };
  }
  const template = detection.template;
  const read = own
    ? { tables: own.tables.map((table) => ({ table, confidence: 1 })), problems: own.problems }
    : readTables(lines, template, template.unit);
  // 工作表 numbers stand in for pages in problems
  problems.push(...read.problems.map(sheetsNotPages));
  const tables = read.tables.map((t) => t.table);
  const found = new Set(tables.map((t) => t.id));
  const missing = template.tables.filter((t) => !found.has(t.id)).map((t) => ({ no: t.no, id: t.id, title: t.title }));
  for (const m of missing) {
    problems.push({ code: "xlsx.tableMissing", severity: "warning", message: `没有找到表 ${m.no}“${m.title}”` });
  }
  // our own workbooks carry the document title (…2025 年部门预算公开) in their properties
  const idText = own
    ? (wb.title ?? "")
    : lines
        .slice(0, 40)
        .map((l) => l.text)
        .join("\n");
  const id = documentIdentity(idText, tables, template.kind);
  const report: ImportReport = {
    format: "xlsx",
    sheets,
    template: { id: template.id, how: detection.how, confidence: detection.confidence },
    ...(own ? { layout: "yusuan" as const } : {}),
    tables: read.tables.map(({ table, confidence }) => ({
      no: table.no,
      id: table.id,
      title: table.title,
      pages: table.pages ?? [],
      rows: table.rows.length,
      amounts: table.rows.reduce((n, r) => n + r.cells.filter((c) => typeof c === "number").length, 0),
      confidence,
    })),
    missing,
  };
  const disclosure = disclosureFromTables(tables, template, {
    source,
    format: "xlsx",
    title: id.title,
    department: id.department,
    year: id.year,
    problems,
    cover: idText,
  });
  return { disclosure, problems, report };
}
