/**
 * The Shanghai department/unit budget workbooks (test/fixtures/corpus) import with all nine tables
 * through the same spec-driven reader as PDFs; a copy filled with amounts (a generated mutation:
 * the templates ship blank) reads back exactly, formulas by their cached result.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importXlsx } from "./import-xlsx.ts";

const DIR = join(import.meta.dirname, "../../../test/fixtures/corpus");

describe("XLSX import", () => {
  for (const [file, template] of [
    ["shanghai-department-budget-template.xlsx", "shanghai-department-budget"],
    ["shanghai-unit-budget-template.xlsx", "shanghai-unit-budget"],
  ] as const) {
    it(`${file}: detects ${template} and finds all 9 tables`, async () => {
      const r = await importXlsx(new Uint8Array(readFileSync(join(DIR, file))), file);
      expect(r.report?.template?.id).toBe(template);
      expect(r.report?.tables.map((t) => t.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
      // merged header cells are read once (exceljs repeats the master's value in slave cells)
      const t2 = r.disclosure?.tables.find((t) => t.id === "income");
      expect(t2?.rows.find((row) => row.code === "2050205")?.label).toBe("高等教育");
    });
  }

  it("reads amounts written into the template, rich text and formulas included", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(DIR, "shanghai-department-budget-template.xlsx"));
    const ws = wb.getWorksheet("部门支出总表") as ExcelJS.Worksheet;
    ws.getCell("E11").value = 1234567.89;
    ws.getCell("E11").numFmt = "#,##0.00";
    ws.getCell("F11").value = 1000000;
    ws.getCell("F11").numFmt = "#,##0.00";
    ws.getCell("G11").value = { formula: "E11-F11", result: 234567.89 };
    ws.getCell("G11").numFmt = "#,##0.00";
    ws.getCell("D11").value = { richText: [{ text: "高等" }, { text: "教育" }] };
    const buf = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importXlsx(buf, "filled.xlsx");
    const row = r.disclosure?.tables.find((t) => t.id === "expenditure")?.rows.find((x) => x.code === "2050205");
    expect(row?.label).toBe("高等教育");
    expect(row?.cells.slice(4)).toEqual([123456789, 100000000, 23456789]);
  });
});
