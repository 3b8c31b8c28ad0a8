/**
 * Reads a classification catalog from a spreadsheet, the form in which 财政部 publishes
 * 《政府收支分类科目》 each year. Two layouts are recognised on any sheet, header in the first 15 rows:
 * - one code column (科目编码 / 编码 / code) and one name column (科目名称 / 名称 / name);
 * - three code columns 类 | 款 | 项 (款/项 printed as two digits, e.g. 208 | 01 | 01) and a name column.
 * Rows become the CSV form `code,name` (with the row number kept for messages) so one parser serves
 * both, and problems point at sheet and row.
 */
import type ExcelJS from "exceljs";
import { loadWorkbook } from "../import/xlsx/load-workbook.ts";

export interface CatalogSheetText {
  /** CSV text `code,name,level,parent` */
  text: string;
  /** CSV line number (1-based, header is line 1) → "工作表 X 第 N 行" */
  where: string[];
}

const CODE = /^(?:科目编码|功能分类科目编码|经济分类科目编码|编码|code)$/i;
const NAME = /^(?:科目名称|功能分类科目名称|经济分类科目名称|名称|name)$/i;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    if ("text" in v) return String(v.text);
    return "";
  }
  return String(v);
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Converts every catalog-looking sheet of the workbook to CSV text. Sheets without a header are skipped. */
export async function catalogCsvFromXlsx(buf: Uint8Array): Promise<CatalogSheetText> {
  const loaded = await loadWorkbook(buf);
  if ("refused" in loaded) throw new Error(loaded.refused);
  if ("error" in loaded) throw new Error(loaded.error);
  const wb = loaded.workbook;
  const lines = ["code,name"];
  const where = ["表头"];
  for (const ws of wb.worksheets) {
    let codeCol = 0;
    let nameCol = 0;
    let parts: number[] = [];
    let headerRow = 0;
    for (let r = 1; r <= Math.min(15, ws.rowCount) && headerRow === 0; r++) {
      const row = ws.getRow(r);
      const cols: Record<string, number> = {};
      row.eachCell((cell, c) => {
        const t = cellText(cell.value).replace(/\s+/g, "");
        if (CODE.test(t)) cols.code = c;
        else if (NAME.test(t)) cols.name = c;
        else if (t === "类" || t === "款" || t === "项") cols[t] = c;
      });
      if (cols.name && (cols.code || (cols.类 && cols.款))) {
        headerRow = r;
        nameCol = cols.name;
        codeCol = cols.code ?? 0;
        parts = [cols.类, cols.款, cols.项].filter((x): x is number => x !== undefined);
      }
    }
    if (headerRow === 0) continue;
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const name = cellText(row.getCell(nameCol).value).trim();
      let code = "";
      if (codeCol) code = cellText(row.getCell(codeCol).value).replace(/\s+/g, "");
      else {
        // 类 | 款 | 项: a 款 row prints 类 and 款 (or only 款 under a 类 printed above it).
        const segs = parts.map((c) => cellText(row.getCell(c).value).replace(/\s+/g, ""));
        code = segs.join("");
      }
      if (code === "" && name === "") continue;
      lines.push(`${csvField(code)},${csvField(name)}`);
      where.push(`工作表“${ws.name}”第 ${r} 行`);
    }
  }
  return { text: lines.join("\n"), where };
}
