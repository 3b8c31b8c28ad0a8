/**
 * Text with tab-separated tables, the form the seed came in (converters that find a PDF's tables
 * write a row a line, a cell a field, a merged header cell once), from regions no text template
 * was written for: real documents read from their PDFs, written out so (scripts/tabbed-text.ts),
 * and read back as text. The text template (the seed's) must not read them field by field into its
 * own columns; the general reader reads them as it reads their PDFs. The seed itself stays with its
 * template.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tabbedText } from "../../scripts/tabbed-text.ts";
import { importBufferAsync, importFile } from "../../src/import/index.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { errorKeys, labelledRows } from "../roundtrip/compare.ts";

const root = new URL("../..", import.meta.url).pathname;

async function both(dir: string, name: string, repeat = false) {
  const pdf = (await importFile(join(root, dir, name))).disclosure as Disclosure;
  const text = tabbedText(pdf, { repeat });
  const read = await importBufferAsync(new TextEncoder().encode(text), name.replace(/\.pdf$/, ".txt"));
  return { pdf, text, read, again: read.disclosure as Disclosure };
}

describe("tab-separated text from regions no text template knows reads as its PDF", () => {
  it.each([
    ["福州医保局 (a 支出总表 of 8 columns against the seed's 7)", "fuzhou-yibaoju-2026-yusuan.pdf"],
    [
      "深圳财政局 (收支总表: 类 numbered, 款 and 项 under it flush, a 款 with a single 项)",
      "shenzhen-caizhengju-2026-yusuan.pdf",
    ],
    ["西安交通局 (three levels of groups in the header, 13 tables)", "xian-jiaotongju-2022-yusuan.pdf"],
    ["北京财政局 (6-decimal 万元 amounts)", "beijing-caizhengju-2026-yusuan-tables.pdf"],
    ["上海审计局 (元 without decimals)", "shanghai-shenjiju-2026-unit-yusuan.pdf"],
    ["国家信访局 (the national 2026 forms)", "central-xinfangju-2026-yusuan.pdf"],
  ])(
    "%s",
    async (_, name) => {
      const { pdf, text, read, again } = await both("test/fixtures/regions", name);
      expect(text.split("\n").filter((l) => l.includes("\t")).length).toBeGreaterThan(50);
      expect(again.provenance.format).toBe("text");
      expect(read.report?.format).toBe("text");
      expect(again.meta.template).toMatch(/^national-/);
      // (tables printed empty are left aside: the PDF's reading of their header, a heading over no
      // amount column, cannot be written back as the cells a converter would write)
      const printed = (d: Disclosure) => labelledRows(d).filter((t) => t.rows.length > 0);
      expect(printed(again)).toEqual(printed(pdf));
      expect(errorKeys(again).sort()).toEqual(errorKeys(pdf).sort());
      expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
    },
    60_000,
  );

  it("西安交通局 and 深圳财政局 with merged header cells written in every column and row they span: read as written once", async () => {
    for (const name of ["xian-jiaotongju-2022-yusuan.pdf", "shenzhen-caizhengju-2026-yusuan.pdf"]) {
      const once = (await both("test/fixtures/regions", name)).again;
      const { pdf, text, again } = await both("test/fixtures/regions", name, true);
      // ("部门预算" written over each of its 12 columns)
      expect(text).toMatch(/(?:^|\n)[^\n]*部门预算\t部门预算\t部门预算|(?:^|\n)收入\t收入\t支出\t支出/);
      expect(again.tables.map((t) => t.columns.map((c) => c.path.join("/")))).toEqual(
        once.tables.map((t) => t.columns.map((c) => c.path.join("/"))),
      );
      const printed = (d: Disclosure) => labelledRows(d).filter((t) => t.rows.length > 0);
      expect(printed(again)).toEqual(printed(pdf));
      expect(errorKeys(again).sort()).toEqual(errorKeys(pdf).sort());
    }
  }, 60_000);

  it("the seed stays with its template, every table's header its own", async () => {
    const seed = await importFile(join(root, "test/fixtures/bazhou-hrss-2025-budget.txt"));
    expect(seed.disclosure?.meta.template).toBe("xinjiang-2025-budget");
    expect(seed.disclosure?.tables.length).toBe(11);
    expect(seed.problems.filter((p) => p.code === "table.header")).toEqual([]);
  });

  it("a template forced on tables of another layout says their header is not the template's", async () => {
    // (杭州's titles are the seed's, its columns are not: 部门收入总体情况表 prints 10 columns, not 16)
    const { text } = await both("test/fixtures/regions", "hangzhou-gonganju-2026-yusuan.pdf");
    const forced = await importBufferAsync(new TextEncoder().encode(text), "hangzhou.txt", {
      template: "xinjiang-2025-budget",
    });
    const header = forced.problems.filter((p) => p.code === "table.header");
    expect(header.length).toBeGreaterThan(0);
    expect(header[0]?.message).toMatch(/表头与模板“xinjiang-2025-budget”不符/);
  });

  it("a table printed empty under a tab-separated header is found, empty", async () => {
    const text = [
      "某某局",
      "2026 年部门预算公开",
      "部门支出总表",
      "单位：万元",
      "科目编码\t科目名称\t合计\t基本支出\t项目支出",
      "\t合计\t1,500.00\t1,300.00\t200.00",
      "201\t一般公共服务支出\t1,200.00\t1,000.00\t200.00",
      "20101\t人大事务\t1,200.00\t1,000.00\t200.00",
      "2010101\t行政运行\t1,000.00\t1,000.00\t",
      "2010102\t一般行政管理事务\t200.00\t\t200.00",
      "221\t住房保障支出\t300.00\t300.00\t",
      "22102\t住房改革支出\t300.00\t300.00\t",
      "2210201\t住房公积金\t180.00\t180.00\t",
      "2210203\t购房补贴\t120.00\t120.00\t",
      "政府性基金预算支出表",
      "单位：万元",
      "科目编码\t科目名称\t合计\t基本支出\t项目支出",
      "本单位无政府性基金预算支出，故本表为空表。",
    ].join("\n");
    const r = await importBufferAsync(new TextEncoder().encode(text), "empty.txt");
    const tables = r.disclosure?.tables ?? [];
    expect(tables.map((t) => [t.id, t.rows.length, t.reading?.status])).toEqual([
      ["expenditure", 9, "reliable"],
      ["governmentFundExpenditure", 0, "empty"],
    ]);
  });
});
