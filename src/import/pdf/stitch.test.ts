import { describe, expect, it } from "vitest";
import type { PdfPage, TextChunk } from "./extract.ts";
import { stitchPages } from "./stitch.ts";

/** A page of A4 whose lines are [y, [text, x0, x1]…]. */
function page(no: number, lines: [number, [string, number, number][]][]): PdfPage {
  const chunks: TextChunk[] = lines.flatMap(([y, cells]) => cells.map(([text, x0, x1]) => ({ text, x0, x1, y, h: 7 })));
  return { no, width: 595, height: 842, chunks };
}

/** A page of a table's rows under its header, the same codes and names at the same heights. */
const rows = (no: number, heads: string[], amounts: [string, string][]) =>
  page(no, [
    [
      71,
      [
        ["科目编码", 47, 75],
        ["科目名称", 116, 172],
        [heads[0] as string, 219, 261],
        [heads[1] as string, 276, 318],
      ],
    ],
    [
      101.6,
      [
        ["※", 58, 65],
        ["※", 141, 148],
        ["1", 239, 242],
        ["2", 296, 299],
      ],
    ],
    ...amounts.map(([a, b], k): [number, [string, number, number][]] => [
      127.6 + k * 26.6,
      [
        [["2100199", "21002", "2100201"][k] as string, 47, 72],
        [["其他卫生健康管理事务支出", "公立医院", "综合医院"][k] as string, 79, 163],
        [a, 213, 249],
        [b, 271, 308],
      ],
    ]),
  ]);

describe("stitchPages", () => {
  it("never joins two tables each numbered from 1 that list the same codes at the same heights", () => {
    // 收入决算表's last page and, two pages on, a page of 支出决算表: the same function classes, rows
    // at the same heights (a word processor's regular pitch), a line of column numbers on each
    // starting at 1; a right-hand part's numbers would go on from the left part's last
    const income = rows(
      5,
      ["本年收入合计", "财政拨款收入"],
      [
        ["5,089,400.00", "5,089,400.00"],
        ["12,890,796,800.00", "1,167,906,000.00"],
        ["9,671,231,300.00", "699,784,600.00"],
      ],
    );
    const between = [6, 7].map((no) => page(no, [[300, [["其他内容", 47, 100]]]]));
    const expenditure = rows(
      8,
      ["本年支出合计", "基本支出"],
      [
        ["5,089,400.00", "1,691,000.00"],
        ["12,958,976,900.00", "11,014,061,100.00"],
        ["9,568,105,700.00", "8,526,330,800.00"],
      ],
    );
    const { stitches, pages } = stitchPages([income, ...between, expenditure]);
    expect(stitches).toEqual([]);
    expect(pages.map((p) => p.no)).toEqual([5, 6, 7, 8]);
  });
});
