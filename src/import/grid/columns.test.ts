import { describe, expect, it } from "vitest";
import { isColumnNumberLine, pageColumns, phantomColumns } from "./columns.ts";
import type { GridLine, Token } from "./tokens.ts";

const tok = (text: string, x0: number, x1: number, kind: Token["kind"] = "int"): Token => ({ text, x0, x1, kind });
type Word = [string, number, number, Token["kind"]?];
/** A header or body line on `page` with words `[text, x0, x1, kind]` (kind text unless given), `h` its height. */
const lineOf =
  (page: number, h: number) =>
  (y: number, words: Word[]): GridLine => {
    const tokens = words.map(([text, x0, x1, kind]) => tok(text, x0, x1, kind ?? "text"));
    return { page, y, h, tokens, text: tokens.map((t) => t.text).join(" ") };
  };
/** A line of column numbers: ※ over the labels, then 1, 2, … at the given x. */
const numbered = (labelsAt: [number, number], xs: number[]): Word[] => [
  ["※", labelsAt[0], labelsAt[1], "text"],
  ...xs.map((x, i): Word => [String(i + 1), x, x + 5, "int"]),
];

const numberLine = (tokens: Token[]): GridLine => ({
  page: 1,
  y: 100,
  h: 10,
  tokens,
  text: tokens.map((t) => t.text).join(" "),
});

describe("phantomColumns", () => {
  // 支出总表 of one row: 合计 基本支出 项目支出 单位预留机动经费 结转下年资金, the last printed blank;
  // numbers centred in their cells, amounts right-aligned (x as Chromium prints yusuan's HTML)
  const line = numberLine([
    tok("※", 62, 71, "text"),
    tok("1", 125, 130),
    tok("2", 201, 206),
    tok("3", 273, 278),
    tok("4", 377, 382),
    tok("5", 495, 500),
  ]);
  const columns = [
    { x0: 124, x1: 163 },
    { x0: 201, x1: 236 },
    { x0: 274, x1: 309 },
    { x0: 415, x1: 443 },
  ].map((c) => ({ ...c, cx: (c.x0 + c.x1) / 2 }));
  const labels = [{ x0: -1000, x1: -1000 }];

  it("※ over the text columns marks a line of column numbers", () => {
    expect(isColumnNumberLine(line)).toBe(true);
  });

  it("the number no column stands under is the blank column, not the first one's centred number", () => {
    expect(phantomColumns([line], columns, labels)).toEqual([{ x0: 495, x1: 500 }]);
  });

  it("as many numbers as columns: none blank", () => {
    const four = numberLine(line.tokens.slice(0, 5));
    expect(phantomColumns([four], columns, labels)).toEqual([]);
  });

  it("a blank column between two: its number", () => {
    const cols = [columns[0], columns[1], columns[3]].map((c) => c as (typeof columns)[number]);
    expect(phantomColumns([numberLine(line.tokens.slice(0, 5))], cols, labels)).toEqual([{ x0: 273, x1: 278 }]);
  });
});

describe("group headings and tall cells beside them", () => {
  // 表2 收入总表 as LibreOffice Calc prints a workbook (positions as read from its PDF): 收入总计 and
  // 财政专户管理资金 in cells over both header rows, centred between them; 财政拨款 over its three
  // columns only, 本年收入 over them all
  const l = lineOf(1, 4.5);
  const head = [
    l(72.6, [["本年收入", 471, 495]]),
    l(81.6, [
      ["财政拨款", 298, 321],
      ["单位资金", 587, 610],
    ]),
    l(86.2, [["预算单位", 91, 115]]),
    l(90.9, [
      ["收入总计", 182, 206],
      ["国有资本经营预算拨", 341, 394],
      ["财政专户管理资金", 401, 449],
      ["上年结余、结转", 751, 793],
    ]),
    l(95.3, [
      ["一般公共预算拨款", 228, 275],
      ["政府性基金预算拨款", 283, 336],
      ["事业收入", 471, 495],
      ["事业单位经营收入", 517, 564],
      ["上级补助收入", 581, 616],
      ["附属单位上缴收入", 633, 680],
      ["其他收入", 702, 726],
    ]),
    l(99.0, [["款", 364, 370]]),
  ];
  const body = [
    l(108.9, [
      ["深圳市信访局", 48, 83],
      ...[196, 253, 324, 382, 440, 498, 556, 614, 671, 729, 787].map((x) => ["1.00", x, x + 14, "amount"] as Word),
    ]),
  ];

  it("财政拨款 heads its three columns, not 收入总计 or 财政专户管理资金 beside it; 本年收入 heads all", () => {
    const paths = pageColumns(head, body, (t) => t.kind === "amount").columns.map((c) => c.path.join("/"));
    expect(paths.slice(0, 5)).toEqual([
      "本年收入/收入总计",
      "本年收入/财政拨款/一般公共预算拨款",
      "本年收入/财政拨款/政府性基金预算拨款",
      "本年收入/财政拨款/国有资本经营预算拨款",
      "本年收入/财政专户管理资金",
    ]);
  });
});

describe("headings wrapped in narrow cells", () => {
  // 三公 table of 上海市审计局 printed by Chromium with amount columns 3.2em wide (positions as read
  // from its PDF): every heading wraps, 公务用车购置及运行费 over two lines in its wide cell above
  // 小计 | 购置费 | 运行费, and the last lines "费" (运行费) and "数" (机关运行经费预算数) side by side
  const l = lineOf(17, 9);
  const head = [
    l(131.6, [
      ["“三公”经费预算数", 394, 475],
      ["机关", 526, 544],
    ]),
    l(148.1, [
      ["因公", 382, 400],
      ["公务用车购置及运", 441, 513],
      ["运行", 526, 544],
    ]),
    l(156.0, [["公务", 411, 429]]),
    l(161.5, [
      ["项目", 188, 206],
      ["出国", 382, 400],
      ["行费", 468, 486],
      ["经费", 526, 544],
    ]),
    l(169.5, [
      ["合计", 353, 371],
      ["接待", 411, 429],
    ]),
    l(176.8, [
      ["(境)", 383, 399],
      ["购置", 468, 486],
      ["运行", 497, 515],
      ["预算", 526, 544],
    ]),
    l(184.0, [
      ["费", 415, 424],
      ["小计", 440, 458],
    ]),
    l(190.1, [
      ["费", 387, 396],
      ["费", 473, 482],
      ["费", 502, 511],
      ["数", 530, 539],
    ]),
    l(207.0, numbered([192, 201], [360, 389, 417, 446, 475, 504, 532])),
  ];
  const body = [
    l(222, [
      ["237.", 356, 373, "amount"],
      ["201.", 385, 402, "amount"],
      ["8.12", 413, 431, "amount"],
      ["28.0", 442, 460, "amount"],
      ["28.0", 500, 517, "amount"],
      ["2,18", 529, 546, "amount"],
    ]),
  ];

  it("each column keeps its own heading, and the group its second line", () => {
    const paths = pageColumns(head, body, (t) => t.kind === "amount").columns.map((c) => c.path.join("/"));
    expect(paths).toEqual([
      "“三公”经费预算数/合计",
      "“三公”经费预算数/因公出国(境)费",
      "“三公”经费预算数/公务接待费",
      "“三公”经费预算数/公务用车购置及运行费/小计",
      "“三公”经费预算数/公务用车购置及运行费/购置费",
      "“三公”经费预算数/公务用车购置及运行费/运行费",
      "机关运行经费预算数",
    ]);
  });
});

describe("headings set at the top of their cells (a word processor's default)", () => {
  const l = lineOf(1, 9);
  const amounts = (xs: [number, number][]) =>
    l(
      180,
      xs.map(([x0, x1]) => ["1.00", x0, x1, "amount"] as Word),
    );

  it("江苏 三公 table: 合计, 会议费 and 培训费 level with “三公”经费 are tall cells beside it, not under it", () => {
    // positions as Chromium prints 江苏省高级人民法院 2017 表11 with `th { vertical-align: top }`
    const head = [
      l(114.0, [
        ["项目", 45, 63],
        ["合计", 97, 115],
        ["“三公”经费", 386, 440],
        ["会议费", 701, 728],
        ["培训费", 761, 788],
      ]),
      l(130.5, [
        ["小计", 158, 176],
        ["因公出国(境)费", 217, 278],
        ["公务用车购置及运行维护费", 399, 507],
        ["公务接待费", 623, 668],
      ]),
      l(147.0, [
        ["小计", 319, 337],
        ["公务用车购置费", 379, 442],
        ["公务用车运行维护费", 495, 576],
      ]),
      l(162.7, numbered([49, 58], [104, 164, 245, 325, 408, 533, 643, 712, 772])),
    ];
    const body = [
      amounts([
        [101, 136],
        [163, 190],
        [270, 297],
        [324, 351],
        [574, 601],
        [656, 683],
        [710, 737],
        [769, 804],
      ]),
    ];
    const paths = pageColumns(head, body, (t) => t.kind === "amount").columns.map((c) => c.path.join("/"));
    expect(paths).toEqual([
      "合计",
      "“三公”经费/小计",
      "“三公”经费/因公出国(境)费",
      "“三公”经费/公务用车购置及运行维护费/小计",
      "“三公”经费/公务用车购置及运行维护费/公务用车购置费",
      "“三公”经费/公务用车购置及运行维护费/公务用车运行维护费",
      "“三公”经费/公务接待费",
      "会议费",
      "培训费",
    ]);
  });

  it("国家信访局 收入总表: a heading level with its neighbours heads none of them", () => {
    const head = [
      l(112.5, [
        ["项目", 38, 53],
        ["合计", 70, 85],
        ["上年结转", 103, 133],
        ["一般公共预算拨款收入", 142, 217],
        ["政府性基金预算拨款收入", 227, 310],
        ["国有资本经营预算拨款收入", 320, 410],
        ["事业收入", 440, 470],
        ["事业单位经营收入", 500, 560],
      ]),
      l(126.7, [
        ["金额", 420, 435],
        ["其中:教育收费", 443, 491],
      ]),
      l(141.0, numbered([42, 49], [76, 116, 177, 266, 363, 425, 465, 528])),
    ];
    const body = [
      amounts([
        [62, 95],
        [104, 133],
        [185, 218],
      ]),
    ];
    const paths = pageColumns(head, body, (t) => t.kind === "amount").columns.map((c) => c.path.join("/"));
    expect(paths).toEqual([
      "合计",
      "上年结转",
      "一般公共预算拨款收入",
      "政府性基金预算拨款收入",
      "国有资本经营预算拨款收入",
      "事业收入/金额",
      "事业收入/其中:教育收费",
      "事业单位经营收入",
    ]);
  });
});

describe("headings and column numbers set flush left in their cells, amounts right-aligned", () => {
  // 国家信访局 表9 (三公) printed by Chromium with `th { text-align: left }`: each heading and its
  // column number start at the cell's left edge, the amounts end at its right edge; 公务用车购置费
  // printed blank; 2026年预算数 and 公务用车购置及运行费 flush left over their columns
  const l = lineOf(14, 9);
  const head = [
    l(131.2, [["2026年预算数", 84.7, 141.9]]),
    l(147.7, [
      ["项目", 48.7, 66.7],
      ["公务用车购置及运行费", 232.5, 322.5],
    ]),
    l(156.0, [
      ["合计", 84.7, 102.7],
      ["因公出国(境)费", 134.4, 195.2],
      ["公务接待费", 477.5, 522.5],
    ]),
    l(164.2, [
      ["小计", 232.5, 250.5],
      ["公务用车购置费", 275.0, 338.0],
      ["公务用车运行费", 376.2, 439.2],
    ]),
    l(180.0, numbered([48.7, 57.7], [84.7, 134.4, 232.5, 275.0, 376.2, 477.5])),
  ];
  const body = [
    l(196, [
      ["112.61", 100.2, 127.6, "amount"],
      ["68.50", 203.3, 225.7, "amount"],
      ["38.60", 245.7, 268.2, "amount"],
      ["38.60", 448.3, 470.8, "amount"],
      ["5.51", 528.5, 546.0, "amount"],
    ]),
  ];

  it("each heading claims the column its number starts, groups the columns from where they start", () => {
    const cols = pageColumns(head, body, (t) => t.kind === "amount").columns;
    expect(cols.map((c) => [c.path.join("/"), c.phantom])).toEqual([
      ["2026年预算数/合计", false],
      ["2026年预算数/因公出国(境)费", false],
      ["2026年预算数/公务用车购置及运行费/小计", false],
      ["2026年预算数/公务用车购置及运行费/公务用车购置费", true],
      ["2026年预算数/公务用车购置及运行费/公务用车运行费", false],
      ["2026年预算数/公务接待费", false],
    ]);
  });
});

describe("a group heading a fraction of a line over its columns (rows fitted to one line)", () => {
  // 重庆市人民政府办公厅 2026 表5 as yusuan's workbook prints through LibreOffice Calc: rows fitted to
  // one line, so 2026年预算数, 基本支出 and 人员经费 stand centred one over the other at the pitch of a
  // wrapped heading's lines (pdf.js positions); `ys` the five header lines' y
  const l = lineOf(5, 6.2);
  const headAt = (ys: number[]) =>
    (
      [
        [["2026年预算数", 385, 427]],
        [["科目编", 41, 60]],
        [
          ["科目编码科目名称", 103, 153],
          ["2025年预算数", 203, 245],
          ["基本支出", 394, 419],
        ],
        [
          ["码", 47, 53],
          ["总计", 278, 291],
          ["项目支出", 515, 540],
        ],
        [
          ["小计", 339, 352],
          ["人员经费", 394, 419],
          ["公用经费", 454, 479],
        ],
      ] as Word[][]
    ).map((words, i) => l(ys[i] as number, words));
  const body = [
    l(102.0, [["合计", 64, 76], ...[219, 279, 345, 405, 466, 527].map((x) => ["1.00", x, x + 30, "amount"] as Word)]),
  ];
  const grouped = [
    "2026年预算数/总计",
    "2026年预算数/基本支出/小计",
    "2026年预算数/基本支出/人员经费",
    "2026年预算数/基本支出/公用经费",
    "2026年预算数/项目支出",
  ];
  const pathsOf = (head: GridLine[]) =>
    pageColumns(head, body, (t) => t.kind === "amount").columns.map((c) => c.path.join("/"));

  it("基本支出 heads 小计, 人员经费 and 公用经费, and 2026年预算数 heads them and 总计 and 项目支出", () => {
    expect(pathsOf(headAt([74.0, 79.4, 83.3, 87.7, 92.7]))).toEqual(["科目编码科目名称", "2025年预算数", ...grouped]);
  });

  it("the same with the rows closer still: each heading 1.2 lines under the one above", () => {
    expect(pathsOf(headAt([74.0, 77.8, 81.5, 85.2, 89.0])).slice(2)).toEqual(grouped);
  });
});
