import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadCatalogFiles } from "./read-package.ts";

const dir = mkdtempSync(join(tmpdir(), "yusuan-catalog-"));
const csvRows = (file: string) =>
  readFileSync(new URL(`../../test/fixtures/catalog/${file}`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .slice(1)
    .map((l) => l.split(","));

async function workbook(name: string, fill: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet("2025年科目"));
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("--catalog from the official spreadsheet", () => {
  it("reads a 科目编码 | 科目名称 sheet, with a title row above the header", async () => {
    const rows = [
      ...csvRows("function-classification-2025-partial.csv"),
      ...csvRows("economic-classification-dept-partial.csv"),
    ];
    const file = await workbook("codes.xlsx", (ws) => {
      ws.addRow(["2025年政府收支分类科目"]);
      ws.addRow(["科目编码", "科目名称", "说明"]);
      for (const [code, name] of rows) ws.addRow([code, name, ""]);
    });
    const r = await loadCatalogFiles([file]);
    expect(r.problems).toEqual([]);
    expect(r.catalog?.function.entries.get("2080101")?.name).toBe("行政运行");
    expect(r.catalog?.economic.entries.get("30101")?.name).toBe("基本工资");
    expect(r.catalog?.function.entries.size).toBeGreaterThan(50);
  });

  it("reads a 类 | 款 | 项 | 名称 sheet (款 and 项 as two digits)", async () => {
    const file = await workbook("parts.xlsx", (ws) => {
      ws.addRow(["类", "款", "项", "科目名称"]);
      ws.addRow(["208", "", "", "社会保障和就业支出"]);
      ws.addRow(["208", "01", "", "人力资源和社会保障管理事务"]);
      ws.addRow(["208", "01", "01", "行政运行"]);
    });
    const r = await loadCatalogFiles([file]);
    expect(r.problems).toEqual([]);
    expect([...(r.catalog?.function.entries.keys() ?? [])]).toEqual(["208", "20801", "2080101"]);
  });

  it("says which sheet and row is wrong, and refuses a workbook without a catalog header", async () => {
    const bad = await workbook("bad.xlsx", (ws) => {
      ws.addRow(["编码", "名称"]);
      ws.addRow(["2080101", "行政运行"]);
      ws.addRow(["20801x", "有误"]);
    });
    const r = await loadCatalogFiles([bad]);
    expect(r.catalog).toBeUndefined();
    expect(r.problems[0]?.message).toMatch(/工作表“2025年科目”第 3 行/);
    const none = await workbook("none.xlsx", (ws) => ws.addRow(["随便", "什么"]));
    const r2 = await loadCatalogFiles([none]);
    expect(r2.problems[0]?.message).toMatch(/没有找到/);
    writeFileSync(join(dir, "junk.xlsx"), "not a zip");
    const r3 = await loadCatalogFiles([join(dir, "junk.xlsx")]);
    expect(r3.problems[0]?.message).toMatch(/无法读取 Excel 分类目录/);
  });
});
