/**
 * Rows of different heights in one table (test/fixtures/producers/README.md): 江苏省委办公厅's tables
 * written out as yusuan's workbook and exported by LibreOffice Calc, where 表2 收入预算总表 prints rows
 * one line tall (15 pt apart) and rows of two lines (23 pt) among its blank items (专项收入,
 * 政府性基金小计, 事业收入 …). Each blank item is a row of its own, as on the original, not a piece of
 * the label beside it: the usual distance between rows is taken from gaps alike to each other, and a
 * gap of 45.6 pt and one of 53 pt (several rows apart) are not alike.
 */
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import { matchKey } from "../../src/import/pdf/titles.ts";
import type { Disclosure, PrintedTable } from "../../src/model/disclosure.ts";

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;
const rowsOf = (t: PrintedTable | undefined) =>
  (t?.rows ?? []).map((r) => ({
    label: matchKey(r.label ?? ""),
    amounts: r.cells.filter((c) => typeof c === "number"),
  }));

describe("a table whose rows are of different heights", () => {
  it("keeps its blank rows apart: 江苏省委办公厅 表2 printed by Calc reads as the original", async () => {
    const first = (await importFile(fixture("corpus/jiangsu-shengweiban-2017-yusuan-tables.pdf")))
      .disclosure as Disclosure;
    const again = (await importFile(fixture("producers/jiangsu-shengweiban-2017-yusuan-tables-calc.pdf")))
      .disclosure as Disclosure;
    const original = rowsOf(first.tables.find((t) => t.no === 2));
    expect(original.length).toBeGreaterThanOrEqual(14);
    expect(original.filter((r) => r.amounts.length === 0).length).toBeGreaterThanOrEqual(6);
    expect(rowsOf(again.tables.find((t) => t.no === 2))).toEqual(original);
  });
});
