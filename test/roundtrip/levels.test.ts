/**
 * A table printed without codes shows its hierarchy by indentation alone (杭州市公安局 2026 表5). The
 * general reader keeps it in the model as row levels, from the structure the numbers confirmed, so
 * the published HTML and workbook indent the rows as the original did.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure, PrintedTable } from "../../src/model/disclosure.ts";
import { indentColumn } from "../../src/render/html-table.ts";
import { renderXlsx } from "../../src/render/xlsx.ts";

const pdf = new URL("../fixtures/regions/hangzhou-gonganju-2026-yusuan.pdf", import.meta.url).pathname;
const qixiang = new URL("../fixtures/regions/hangzhou-qixiangju-2026-yusuan.pdf", import.meta.url).pathname;

describe("levels of a table without codes", () => {
  it("are read from the structure the numbers confirm, and the workbook indents them", async () => {
    const d = (await importFile(pdf)).disclosure as Disclosure;
    const t5 = d.tables.find((t) => t.id === "generalBudgetExpenditure");
    expect(t5?.rows.every((r) => r.code === undefined)).toBe(true);
    expect(t5?.rows.slice(0, 8).map((r) => [r.label, r.level])).toEqual([
      ["合计", 0],
      ["一般公共服务支出", 1],
      ["其他一般公共服务支出", 2],
      ["其他一般公共服务支出", 3],
      ["公共安全支出", 1],
      ["公安", 2],
      ["行政运行", 3],
      ["一般行政管理事务", 3],
    ]);
    const dir = mkdtempSync(join(tmpdir(), "yusuan-levels-"));
    try {
      await renderXlsx(d, join(dir, "hz.xlsx"));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, "hz.xlsx"));
      const ws = wb.worksheets.find((w) => w.name.startsWith("表5")) as ExcelJS.Worksheet;
      const cellOf = (label: string) => {
        let found: ExcelJS.Cell | undefined;
        ws.eachRow((row) => {
          row.eachCell((c) => {
            if (!found && c.value === label) found = c;
          });
        });
        return found as ExcelJS.Cell;
      };
      // (an indent takes effect only with left alignment)
      expect(cellOf("公安").alignment).toMatchObject({ horizontal: "left", indent: 1 });
      expect(cellOf("行政运行").alignment).toMatchObject({ horizontal: "left", indent: 2 });
      expect(cellOf("公共安全支出").alignment?.indent ?? 0).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("in a two-sided table are the expenditure lines' (classes nest under 本年支出合计), indented on that side", async () => {
    const d = (await importFile(qixiang)).disclosure as Disclosure;
    const t4 = d.tables.find((t) => t.id === "fiscalSummary") as PrintedTable;
    const at = t4.columns.findIndex((c) => c.type === "text" && c.side === "expenditure");
    const levelOf = (name: string) => t4.rows.find((r) => r.cells[at] === name)?.level;
    expect([levelOf("一、本年支出合计"), levelOf("科学技术支出"), levelOf("技术研究与开发")]).toEqual([1, 2, 3]);
    expect([levelOf("社会保障和就业支出"), levelOf("行政事业单位养老支出"), levelOf("行政单位离退休")]).toEqual([
      2, 3, 4,
    ]);
    expect(indentColumn(t4)).toBe(at);
  });
});
