/**
 * Issue 4: a round trip Disclosure → XLSX → import gives the same tables. The workbook yusuan
 * writes (title row, 编制部门/单位 row, merged headers, amounts as 万元 numbers with #,##0.00) is
 * recognised as its own layout, detected as the Xinjiang template and read cell by cell.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { importBufferAsync, importFile } from "../../src/import/index.ts";
import { cellText } from "../../src/import/xlsx/import-xlsx.ts";
import { fenFromNumber, MAX_EXACT_FEN } from "../../src/import/xlsx/own-layout.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { sampleDisclosure } from "../../src/render/testing.ts";
import { renderXlsxBuffer } from "../../src/render/xlsx.ts";
import { amountsAreIntegers, errorKeys, labelledRows, printedCells, printedTables, seedDisclosure } from "./compare.ts";

let seed: Disclosure;
beforeAll(async () => {
  seed = await seedDisclosure();
});

describe("Disclosure → XLSX → import", () => {
  it("the seed comes back with the same tables: numbers, ids, rows, kinds, codes, cells", async () => {
    const r = await importBufferAsync(await renderXlsxBuffer(seed), "seed.xlsx");
    expect(r.problems).toEqual([]);
    expect(r.report?.layout).toBe("yusuan");
    expect(r.report?.template).toMatchObject({ id: "xinjiang-2025-budget", how: "detected" });
    const d = r.disclosure!;
    expect(d.meta).toMatchObject({ template: "xinjiang-2025-budget", year: 2025, department: seed.meta.department });
    expect(d.tables.map((t) => t.no)).toEqual(seed.tables.map((t) => t.no));
    expect(printedTables(d)).toEqual(printedTables(seed));
    expect(amountsAreIntegers(d)).toBe(true);
  });

  it("a hand-built document (hostile names, wrapped labels, blanks, 0.00, an empty table) keeps every cell", async () => {
    const src = sampleDisclosure({ hostile: true });
    const r = await importBufferAsync(await renderXlsxBuffer(src), "fixture.xlsx");
    expect(r.report?.layout).toBe("yusuan");
    expect(printedCells(r.disclosure!)).toEqual(printedCells(src));
  });

  // real documents of other layouts, read by the general reader and written as yusuan's workbook:
  // not the template's layout, so the workbook is read as any workbook is, by the general reader
  for (const file of [
    "corpus/jiangsu-gaoyuan-2017-yusuan.pdf",
    "regions/fuzhou-yibaoju-2026-yusuan.pdf",
    "regions/chongqing-qixiangju-2026-yusuan.pdf",
    "regions/shanghai-shenjiju-2026-unit-yusuan.pdf",
    // 6-decimal 万元 amounts (44,156.640120), written with #,##0.000000: read to the sixth decimal
    "regions/beijing-caizhengju-2026-yusuan-tables.pdf",
  ]) {
    it(`${file} written as a workbook reads back with the same rows and no new error`, async () => {
      const first = (await importFile(new URL(`../fixtures/${file}`, import.meta.url).pathname)).disclosure!;
      const r = await importBufferAsync(await renderXlsxBuffer(first), "x.xlsx");
      expect(r.report).toMatchObject({ format: "xlsx", template: { how: "national" } });
      expect(r.report?.layout).toBeUndefined();
      const back = r.disclosure!;
      expect(back.provenance.format).toBe("xlsx");
      expect(labelledRows(back)).toEqual(labelledRows(first));
      expect(errorKeys(back)).toEqual(errorKeys(first));
    });
  }

  it("a cell shows as many decimals as its number format does, two at least, six at most", () => {
    expect(cellText(44156.64012, "#,##0.000000")).toBe("44156.640120");
    expect(cellText(1234.5600000001, "#,##0.00")).toBe("1234.56");
    expect(cellText(12.3456789, "0.0000000000")).toBe("12.345679");
    expect(cellText(5219.3, "")).toBe("5219.30");
    expect(cellText(-0.001, "0.00")).toBe("0.00");
    expect(cellText(-3.5, "#,##0.00;[Red]-#,##0.00")).toBe("-3.50");
    expect(cellText(30101, "")).toBe("30101");
  });

  it("amounts written as fen / 1e6 (万元) or fen / 100 (元) read back to the exact 分", () => {
    const fen = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.integer({ min: -(MAX_EXACT_FEN - 1), max: MAX_EXACT_FEN - 1 }),
    );
    fc.assert(
      fc.property(fen, (f) => {
        expect(fenFromNumber(f / 1_000_000, "wanyuan")).toBe(f === 0 ? 0 : f);
        expect(fenFromNumber(f / 100, "yuan")).toBe(f === 0 ? 0 : f);
      }),
      { numRuns: 20_000 },
    );
    expect(fenFromNumber(5219.3, "wanyuan")).toBe(5_219_300_000);
    expect(fenFromNumber(0.01, "wanyuan")).toBe(10_000);
    expect(fenFromNumber(-0, "wanyuan")).toBe(0);
    expect(Object.is(fenFromNumber(-0.0000001, "wanyuan"), 0)).toBe(true);
    expect(fenFromNumber(Number.NaN, "wanyuan")).toBeUndefined();
    expect(fenFromNumber(3e9, "wanyuan")).toBeUndefined(); // beyond 2^51 分: refused, not guessed
  });
});
