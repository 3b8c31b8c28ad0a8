/**
 * Wide tables printed across pages side by side (test/fixtures/producers/README.md): real
 * documents written out as yusuan's workbook and exported by LibreOffice Calc at 100 %, portrait,
 * not fitted to the page, so every table wider than a sheet of A4 runs on onto further pages (a
 * spreadsheet prints "down, then over"); 福州市公安局治安管理支队's with its label column printed
 * again on every page, the others with nothing repeated. Read again, each must give the original's
 * tables back, row by row, and no error the original does not have (the tables add up: an error
 * would be a misreading).
 */
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure, PrintedTable } from "../../src/model/disclosure.ts";
import { tableErrors as errorsOf, printedRows as rowsOf } from "./compare.ts";

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

interface Case {
  name: string;
  original: string;
  split: string;
  /** page joined ← the pages joined to it, in the order printed (undefined: not compared) */
  joined: string[] | undefined;
  /** the tables compared (undefined: every table with amounts) */
  tables?: number[];
  /** the print holds those tables alone: errors are compared on them only (the others are missing by design) */
  alone?: boolean;
}

const CASES: Case[] = [
  {
    name: "国家信访局 2026: nothing repeated; 表5 three pages wide, 表2's title centred onto its middle part",
    original: "regions/central-xinfangju-2026-yusuan.pdf",
    split: "producers/central-xinfangju-2026-yusuan-calc-split.pdf",
    // page joined ← the pages joined to it, in the order printed
    joined: ["1←2", "3←4,5", "6←7", "8←9", "10←11,12", "13←14", "17←18"],
  },
  {
    name: "福州市公安局治安管理支队 2026: the label column printed again on every page",
    original: "regions/fuzhou-zhiandui-2026-unit-yusuan.pdf",
    split: "producers/fuzhou-zhiandui-2026-unit-yusuan-calc-split-cols.pdf",
    joined: undefined,
  },
  {
    name: "重庆市气象局 2026: a part centred on its page, beside a part whose last column is printed blank",
    original: "regions/chongqing-qixiangju-2026-yusuan.pdf",
    split: "producers/chongqing-qixiangju-2026-yusuan-calc-split.pdf",
    joined: undefined,
  },
  {
    // 表1: the 收支总表's 支出 half on the next page, the title centred over both and cut at the
    // paper's edge, its middle printed on both pages; 表11: "三公"经费 printed once, on the right-hand
    // part, over 小计 and 因公出国（境）费 on the left-hand one (its 政府采购 表12 is read as one label
    // column either way, and not compared)
    name: "江苏省高级人民法院 2017: a title and a group heading over columns on both sides of the edge",
    original: "corpus/jiangsu-gaoyuan-2017-yusuan.pdf",
    split: "producers/jiangsu-gaoyuan-2017-yusuan-calc-split.pdf",
    joined: ["1←2", "4←5", "6←7", "14←15,16"],
    tables: [1, 4, 11],
  },
  {
    // the label column printed on every page: Calc draws there again the part of the title that falls
    // on it, beside the title's own part on that page (表3's 单位预留机动经费 and 表11's middle part
    // were tables of their own); 表12 as above
    name: "江苏省高级人民法院 2017: the label column, and the title's part over it, printed on every page",
    original: "corpus/jiangsu-gaoyuan-2017-yusuan.pdf",
    split: "producers/jiangsu-gaoyuan-2017-yusuan-calc-split-cols.pdf",
    joined: ["2←3", "5←6", "7←8", "15←16,17"],
    tables: [3, 4, 11],
  },
  {
    // 表2 收入决算表, three parts wide and two long, the code column printed on every page: the
    // bottom middle part's first rows print no amount (上级补助收入 and 事业收入 blank there), only the
    // codes printed again, which are rows, not headings
    name: "西安市卫健委 2022 决算 表2: a part whose first rows print only the label column again",
    original: "regions/xian-weijianwei-2022-juesuan.pdf",
    split: "producers/xian-weijianwei-2022-juesuan-calc-split-cols.pdf",
    joined: ["1←3,5", "2←4,6"],
    tables: [2],
    alone: true,
  },
  {
    // 表1 and 表4 alone, column A (the income items) printed on every page: each 收支总表 is three
    // parts wide, its 支出 items on a page of text alone beside the income items again, its 支出
    // amounts on the next beside them once more, each part centred on its paper
    name: "北京市财政局 2026 表1 and 表4: a 收支总表's items printed on a page of their own, the label column beside them",
    original: "regions/beijing-caizhengju-2026-yusuan-tables.pdf",
    split: "producers/beijing-caizhengju-2026-yusuan-tables-calc-split-cols.pdf",
    joined: ["1←2,3", "4←5,6", "9←10"],
    tables: [1, 4],
    alone: true,
  },
  {
    // 表1 and 表4: the two halves of a 收支总表 print 项目 | 预算数 word for word at the same places,
    // under 收入 on one page and 支出 on the other
    name: "北京市财政局 2026: a 收支总表's halves with the same headings under 收入 and 支出",
    original: "regions/beijing-caizhengju-2026-yusuan-tables.pdf",
    split: "producers/beijing-caizhengju-2026-yusuan-tables-calc-split.pdf",
    joined: undefined,
    tables: [1, 4],
  },
];

describe("a wide table printed across pages side by side", () => {
  for (const c of CASES)
    describe(c.name, () => {
      it("is read as the original: every table with amounts (or those named), row by row; no error the original has not", async () => {
        const first = (await importFile(fixture(c.original))).disclosure as Disclosure;
        const r = await importFile(fixture(c.split));
        const again = r.disclosure as Disclosure;
        // (the split print is the original's reading written out: its tables are the reference)
        const printed = first.tables.filter(
          (t) =>
            t.rows.some((row) => row.cells.some((x) => typeof x === "number")) &&
            (!c.tables || c.tables.includes(t.no)),
        );
        expect(printed.length).toBeGreaterThanOrEqual(c.tables?.length ?? 6);
        for (const t of printed) {
          const back = again.tables.find((x) => x.id === t.id);
          expect(back, `表${t.no} ${t.title}`).toBeDefined();
          const cols = (x: PrintedTable) => x.columns.map((k) => k.key);
          expect({ no: t.no, columns: cols(back as PrintedTable), rows: rowsOf(back as PrintedTable) }).toEqual({
            no: t.no,
            columns: cols(t),
            rows: rowsOf(t),
          });
        }
        const compared = (e: string) => !c.alone || c.tables?.some((no) => e.endsWith(` 表${no}`));
        expect(errorsOf(again).filter((e) => compared(e) && !errorsOf(first).includes(e))).toEqual([]);
        const notes = r.problems.filter((p) => p.code === "pdf.stitched");
        expect(notes.length).toBeGreaterThan(0);
        for (const n of notes) expect(n.severity).toBe("warning");
        if (c.joined)
          expect(
            notes.map((n) =>
              n.message
                .match(/第 ([\d、]+) 页/)?.[1]
                ?.replace(/、/, "←")
                .replace(/、/g, ","),
            ),
          ).toEqual(c.joined);
      });
    });
});
