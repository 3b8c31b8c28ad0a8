import { describe, expect, it } from "vitest";
import { joinRowsSplitAtPages, readGrid } from "./grid-table.ts";
import { findRegions } from "./regions.ts";
import type { GridRow } from "./rows.ts";
import { type GridLine, joinTokens, tokenize } from "./tokens.ts";

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

/** A grid line of (x0, x1, text) pieces at y, as a PDF's line grouping gives them (h 8). */
function placed(page: number, y: number, ...pieces: [number, number, string][]): GridLine {
  const tokens = pieces.flatMap(([x0, x1, text]) => tokenize(text, x0, x1));
  return { page, y, h: 8, tokens, text: joinTokens(tokens) };
}

describe("names wrapped over many lines of a narrow column", () => {
  // 杭州市公安局 2026 表2 p22 (pdf.js positions): each unit's name wrapped in five or six characters a
  // line, centred on its amounts, its lines as far apart as the rows' own lines
  const lines = [
    placed(22, 20, [200, 400, "表2 部门收入预算总表"]),
    placed(22, 32, [560, 640, "单位：万元"]),
    placed(22, 48, [15, 63, "单位名称"], [93, 125, "合计"], [152, 184, "一般公共预算"]),
    placed(22, 78.9, [23, 63, "杭州市道路"]),
    placed(22, 94.5, [15, 63, "交通事故社会"]),
    placed(22, 110.1, [15, 63, "救助基金管理"]),
    placed(22, 125.7, [15, 63, "服务中心(杭"], [93, 125, "6,314.47"], [152, 184, "214.95"]),
    placed(22, 141.3, [15, 63, "州市公安综合"]),
    placed(22, 156.9, [15, 55, "保障服务中"]),
    placed(22, 172.5, [15, 31, "心)"]),
    placed(22, 188.6, [23, 63, "杭州市居民"]),
    placed(22, 204.2, [15, 63, "身份证信息管"]),
    placed(22, 219.8, [15, 63, "理中心(杭州"], [101, 125, "614.79"], [160, 184, "614.79"]),
    placed(22, 235.4, [15, 63, "市流动人口综"]),
    placed(22, 251.0, [15, 63, "合信息中心)"]),
    placed(22, 267.1, [23, 63, "杭州市人民"]),
    placed(22, 282.7, [15, 63, "警察学校(杭"]),
    placed(22, 290.5, [93, 125, "3,146.04"], [152, 184, "3,081.55"]),
    placed(22, 298.3, [15, 63, "州市警务技术"]),
    placed(22, 313.9, [15, 55, "保障中心)"]),
  ];

  it("reads each name whole: its first lines far over its amounts, and the lines that close its bracket", () => {
    const region = findRegions(lines)[0];
    if (!region) throw new Error("no table found");
    expect(readGrid(region).rows.map((r) => r.label)).toEqual([
      "杭州市道路交通事故社会救助基金管理服务中心(杭州市公安综合保障服务中心)",
      "杭州市居民身份证信息管理中心(杭州市流动人口综合信息中心)",
      "杭州市人民警察学校(杭州市警务技术保障中心)",
    ]);
  });
});

describe("a name centred on its amounts in a tall cell", () => {
  // 广州市应急管理局 2026 表12 printed by Chromium (p18): a one-line row, then a name of six lines
  // centred on its amounts, its first lines nearer the row above than its own amounts
  const lines = [
    placed(18, 20, [200, 400, "表12 部门预算项目支出预算表"]),
    placed(18, 32, [560, 640, "单位：万元"]),
    placed(18, 48, [45, 126, "项目名称"], [144, 171, "总计"], [188, 216, "合计"]),
    placed(18, 384.7, [45, 99, "其他运行经费"], [149, 171, "15.00"], [193, 216, "15.00"]),
    placed(18, 400.5, [45, 126, "广州市安全生产应急"]),
    placed(18, 414.0, [45, 120, "救援指挥中心(广州"]),
    placed(18, 427.5, [45, 126, "市防汛防旱防风应急"]),
    placed(18, 434.2, [149, 171, "47.85"], [193, 216, "47.85"]),
    placed(18, 441.0, [45, 125, "救援指挥中心)2024-"]),
    placed(18, 454.5, [45, 119, "2025年信息化运行"]),
    placed(18, 468.0, [45, 81, "维护项目"]),
  ];

  it("is read whole, as many lines over its amounts as under them", () => {
    const region = findRegions(lines)[0];
    if (!region) throw new Error("no table found");
    expect(readGrid(region).rows.map((r) => r.label)).toEqual([
      "其他运行经费",
      "广州市安全生产应急救援指挥中心(广州市防汛防旱防风应急救援指挥中心)2024-2025年信息化运行维护项目",
    ]);
  });
});
