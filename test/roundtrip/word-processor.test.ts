/**
 * Documents typeset in a word processor (test/fixtures/producers/README.md): real documents as
 * yusuan reads them, written out as its HTML document and exported to PDF by LibreOffice Writer,
 * which lays the tables out its own way: columns as wide as their words, headings and names wrapped
 * in narrow cells, long titles wrapped over two lines, no ruled lines, a table's header again on
 * every page, and tall rows split across a page break. Read again, each must give the original's
 * tables back, row by row, with the columns under the same headings, and no error the original
 * does not have (the tables add up: an error would be a misreading).
 */
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure, PrintedTable } from "../../src/model/disclosure.ts";
import { tableErrors as errorsOf, printedRows as rowsOf } from "./compare.ts";

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

const CASES = [
  {
    // 表11's title wrapped after "会" ("…“三公”经费、会" / "议费、培训费支出预算表", whose second
    // line alone reads as a 支出预算表), 表10's last row just above it; 表11's 公务用车购置费 and
    // 公务用车运行维护费 set in narrow cells, their words 3 points apart over columns 5 and 6.
    // (Its 政府采购 表12, text columns read as one label column on the original too, is not compared.)
    name: "江苏省高级人民法院 2017: a title wrapped over two lines, two headings nearly touching",
    original: "corpus/jiangsu-gaoyuan-2017-yusuan.pdf",
    print: "producers/jiangsu-gaoyuan-2017-yusuan-writer-unruled.pdf",
    tables: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  },
  {
    // 表2's row 2080506 机关事业单位职业年金缴费支出 split by the page break: code, name and amounts
    // at the foot of one page, "缴费支出" at the top of the next under the header printed again
    name: "重庆市气象局 2026: a row split across a page break",
    original: "regions/chongqing-qixiangju-2026-yusuan.pdf",
    print: "producers/chongqing-qixiangju-2026-yusuan-writer-unruled.pdf",
    tables: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  },
  {
    // ruled: 表2's last rows run on to a page of their own, under the header printed again, all but
    // two printed blank and the two with amounts three rows apart (其他非税收入 over 小计 15.00 was
    // read as one row's name)
    name: "江苏省人民检察院 2017, ruled: a page of rows mostly printed blank",
    original: "corpus/jiangsu-jianchayuan-2017-yusuan.pdf",
    print: "producers/jiangsu-jianchayuan-2017-yusuan-writer.pdf",
    tables: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  },
  {
    // ruled: 表6's "科目编码" and "小计" 4 points apart over ※ and 1; 表8's code 311 at the foot of a
    // page between the two lines of its name ("对 企 业 补 助(基 本 建" / "设)"), once taken for a
    // page number
    name: "福州市医疗保障局 2026, ruled: headings nearly touching over ※ and 1, a code between its name's lines at a page's foot",
    original: "regions/fuzhou-yibaoju-2026-yusuan.pdf",
    print: "producers/fuzhou-yibaoju-2026-yusuan-writer.pdf",
    tables: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  },
];

describe("a document typeset in a word processor", () => {
  for (const c of CASES)
    it(`${c.name}: read as the original, table by table; no error the original has not`, async () => {
      const first = (await importFile(fixture(c.original))).disclosure as Disclosure;
      const again = (await importFile(fixture(c.print))).disclosure as Disclosure;
      for (const no of c.tables) {
        const t = first.tables.find((x) => x.no === no);
        if (!t) continue;
        const back = again.tables.find((x) => x.id === t.id);
        expect(back, `表${t.no} ${t.title}`).toBeDefined();
        const cols = (x: PrintedTable) => x.columns.map((k) => k.key);
        expect({ no, columns: cols(back as PrintedTable), rows: rowsOf(back as PrintedTable) }).toEqual({
          no,
          columns: cols(t),
          rows: rowsOf(t),
        });
      }
      expect(first.tables.filter((t) => c.tables.includes(t.no)).length).toBeGreaterThanOrEqual(9);
      expect(errorsOf(again).filter((e) => !errorsOf(first).includes(e))).toEqual([]);
    });
});
