import { describe, expect, it } from "vitest";
import { joinRowsSplitAtPages } from "./grid-table.ts";
import type { GridRow } from "./rows.ts";

/** A row at (page, y): its label, code and amounts (null: blank). */
function row(page: number, y: number, label: string, cells: (string | null)[], code?: string, side = 0): GridRow {
  return {
    side,
    page,
    y,
    ...(code ? { code } : {}),
    codes: code ? [code] : [],
    label,
    texts: [],
    indent: 60,
    lastCell: 60,
    cells,
    blank: cells.every((c) => c === null),
  };
}

const labels = (rows: GridRow[]) => rows.map((r) => `${r.side}:${r.code ?? ""}${r.label}`);

describe("joinRowsSplitAtPages", () => {
  it("in a table of coded rows, a text alone at the top of a page is the rest of the last row of the page before", () => {
    const rows = [
      row(6, 700, "合计", ["147.71"]),
      row(6, 720, "社会保障和就业支出", ["1.20"], "208"),
      row(6, 740, "行政事业单位养老支出", ["1.20"], "20805"),
      row(6, 760, "机关事业单位基本养老保险缴费支出", ["0.71"], "2080505"),
      row(6, 780, "机关事业单位职业年金", ["0.36"], "2080506"),
      row(7, 126, "缴费支出", [null]),
      row(7, 157, "其他行政事业单位养老支出", ["0.13"], "2080599"),
    ];
    joinRowsSplitAtPages(rows);
    expect(labels(rows).slice(4)).toEqual([
      "0:2080506机关事业单位职业年金缴费支出",
      "0:2080599其他行政事业单位养老支出",
    ]);
  });

  it("in any table, a word's last character or two at the top of a page, on the side the row was", () => {
    const rows = [
      row(10, 760, "本年收入合计", ["805,251.56"]),
      row(10, 769, "二十六、抗疫特别国债安排的支", [null, null], undefined, 1),
      row(11, 152, "出", [null, null], undefined, 1),
      row(11, 179, "本年收入合计", ["805,251.56", null]),
      row(11, 179, "本年支出合计", [null, "864,099.38"], undefined, 1),
    ];
    joinRowsSplitAtPages(rows);
    expect(labels(rows)).toEqual([
      "0:本年收入合计",
      "1:二十六、抗疫特别国债安排的支出",
      "0:本年收入合计",
      "1:本年支出合计",
    ]);
  });

  it("leaves rows that may be rows: a name printed blank in a table of names, a numbered line, a row on the same page", () => {
    const rows = [
      row(8, 700, "专项收入", [null]),
      row(9, 117, "其他资金小计", [null]),
      row(9, 140, "（一）其他收入", [null]),
      row(9, 160, "款", [null]),
    ];
    joinRowsSplitAtPages(rows);
    expect(labels(rows)).toEqual(["0:专项收入", "0:其他资金小计", "0:（一）其他收入", "0:款"]);
  });
});
