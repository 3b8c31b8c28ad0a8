import { describe, expect, it } from "vitest";
import { isPageNumber } from "../pdf/lines.ts";
import { cellLinesAbove, findRegions } from "./regions.ts";
import { type GridLine, joinTokens, tokenize } from "./tokens.ts";

/** A line of text at (page, y), its words placed left to right as a PDF prints them. */
function line(page: number, y: number, text: string, x0 = 60, x1 = 540): GridLine {
  const tokens = tokenize(text, x0, x1);
  return { page, y, h: 12, tokens, text: joinTokens(tokens) };
}

describe("findRegions", () => {
  it("a 说明 section headed by its table's name, its sentences quoting amounts, is not the table", () => {
    const lines = [
      line(1, 100, "八、一般公共预算“三公”经费支出预算表", 60, 320),
      line(1, 120, "2026年“三公”经费财政拨款预算 45.60 万元，比上年减少 3.20 万元，主要是公务接待减少。"),
      line(1, 140, "公务用车购置及运行维护费 30.00 万元，公务接待费 15.60 万元，与上年持平。"),
      line(2, 80, "一般公共预算“三公”经费支出预算表", 180, 420),
      line(2, 100, "单位：万元", 460, 540),
      line(2, 120, "合计   因公出国（境）费   公务用车购置及运行维护费   公务接待费"),
      line(2, 140, "45.60   0.00   30.00   15.60"),
    ];
    const regions = findRegions(lines);
    expect(regions.map((r) => [r.kind, r.title, r.segments[0]?.page])).toEqual([
      ["threePublic", "一般公共预算“三公”经费支出预算表", 2],
    ]);
  });

  it("a long title wrapped with only its last character on the next line is one title", () => {
    const lines = [
      line(1, 80, "十、2017年度江苏省高级人民法院部门一般公共预算机关运行经费支出预算", 60, 540),
      line(1, 96, "表", 295, 305),
      line(1, 112, "单位：万元", 460, 540),
      line(1, 130, "科目编码   科目名称   机关运行经费支出"),
      line(1, 150, "合计   9,193.40"),
      line(1, 170, "302   商品和服务支出   9,050.00"),
    ];
    expect(findRegions(lines).map((r) => [r.kind, r.title])).toEqual([
      ["officeOperating", "十、2017年度江苏省高级人民法院部门一般公共预算机关运行经费支出预算表"],
    ]);
  });

  it("a title a word processor wraps in two is one title, whatever its second line reads as alone", () => {
    const lines = [
      line(1, 80, "十、2017年…部门一般公共预算机关运行经费支出预算表", 100, 500),
      line(1, 100, "单位：万元", 460, 540),
      line(1, 120, "科目编码   科目名称   机关运行经费支出"),
      line(1, 140, "31002   办公设备购置   143.40"),
      // a full first line, then the rest in the same size: "议费、培训费支出预算表" alone reads as a 支出预算表
      line(1, 180, "表11 十一、2017年江苏省高级人民法院部门一般公共预算“三公”经费、会", 50, 546),
      line(1, 204, "议费、培训费支出预算表", 215, 380),
      line(1, 240, "单位：万元", 460, 540),
      line(1, 260, "合计   因公出国（境）费   公务用车购置及运行维护费   公务接待费"),
      line(1, 280, "2,599.37   180.00   304.40   185.72"),
      // a qualifier's bracket closed on the second line
      line(1, 320, "表12 2022年部门综合预算政府采购(资产配置、购买服务)预算表(不含上年", 50, 546),
      line(1, 344, "结转)", 280, 315),
      line(1, 380, "单位：万元", 460, 540),
      line(1, 400, "合计   3,742.40"),
    ];
    expect(findRegions(lines).map((r) => [r.kind, r.title])).toEqual([
      ["officeOperating", "十、2017年…部门一般公共预算机关运行经费支出预算表"],
      ["threePublic", "表11十一、2017年江苏省高级人民法院部门一般公共预算“三公”经费、会议费、培训费支出预算表"],
      ["procurement", "表122022年部门综合预算政府采购(资产配置、购买服务)预算表(不含上年结转)"],
    ]);
    // (the 办公设备购置 row keeps its name)
    expect(findRegions(lines)[0]?.segments[0]?.body.map((l) => l.text.replace(/\s+/g, ""))).toEqual([
      "31002办公设备购置143.40",
    ]);
  });

  it("a 目录 entry's cells are not the first line of a wrapped title", () => {
    // "表11 … 是 不涉及" is as wide again as the next entry, which ends in 表: cells apart, not a title's words
    const lines = [
      line(1, 100, "表11", 49, 69),
      line(1, 100, "部门综合预算财政拨款上年结转资金支出表", 86, 276),
      line(1, 100, "是", 480, 491),
      line(1, 100, "不涉及", 524, 554),
      line(1, 116, "表12", 49, 69),
      line(1, 116, "部门综合预算政府采购(资产配置、购买服务)预算表", 86, 326),
      line(1, 160, "单位：万元", 460, 540),
      line(1, 180, "合计   3,742.40"),
    ];
    const merged = [lines[0], lines[4]].map((first, k) => {
      const parts = k === 0 ? lines.slice(0, 4) : lines.slice(4, 6);
      const tokens = parts.flatMap((l) => l.tokens);
      return { ...(first as GridLine), tokens, text: joinTokens(tokens) };
    });
    const titles = findRegions([...merged, ...lines.slice(6)]).map((r) => r.title);
    expect(titles).toEqual(["表12部门综合预算政府采购(资产配置、购买服务)预算表"]);
  });

  it("a title followed by amount lines with no 单位 line is still a table", () => {
    const lines = [
      line(1, 80, "一般公共预算“三公”经费支出预算表", 180, 420),
      line(1, 120, "合计   因公出国（境）费   公务用车购置及运行维护费   公务接待费"),
      line(1, 140, "45.60   0.00   30.00   15.60"),
      line(1, 160, "44.00   0.00   29.00   15.00"),
    ];
    expect(findRegions(lines).map((r) => r.kind)).toEqual(["threePublic"]);
  });

  it("a label wrapped above its row's amounts, right under the line of column numbers, starts the body", () => {
    // the header repeats on the table's second page; the first row's label wraps over two lines
    // and its amounts are centred between them
    const lines = [
      line(4, 57, "表3 支出总表", 222, 400),
      line(4, 72, "单位：万元", 460, 540),
      line(4, 90, "科目编码   科目名称   合计   基本支出   项目支出"),
      line(4, 104, "※   ※   1   2   3"),
      line(4, 118, "205   教育支出   815.90   7.41   808.49"),
      line(5, 90, "科目编码   科目名称   合计   基本支出   项目支出"),
      line(5, 104, "※   ※   1   2   3"),
      line(5, 116, "高等职业教育商品和服务", 100, 200),
      line(5, 122, "2050305   40.50   40.50", 60, 540),
      line(5, 128, "支出费用", 100, 140),
    ];
    const regions = findRegions(lines);
    expect(regions).toHaveLength(1);
    const [first, second] = regions[0]?.segments ?? [];
    expect(first?.head.map((l) => l.text.replace(/\s+/g, ""))).toEqual([
      "科目编码科目名称合计基本支出项目支出",
      "※※123",
    ]);
    expect(second?.head).toHaveLength(2);
    expect(second?.body.map((l) => l.text.replace(/\s+/g, ""))).toEqual([
      "高等职业教育商品和服务",
      "205030540.5040.50",
      "支出费用",
    ]);
  });

  it("a page that repeats the header, its first line one heading alone, over the rest of a row continues the table", () => {
    // 西安市卫健委 2022 表7 typeset in a word processor: the header printed again on the next page
    // over the last character of the last row's name, "…专项债券收入安排的支" / "出"
    const lines = [
      line(20, 57, "表7 政府性基金预算财政拨款收入支出决算表", 150, 450),
      line(20, 72, "单位：万元", 460, 540),
      line(20, 84, "本年支出", 400, 450),
      line(20, 96, "科目编码   科目名称   本年收入   小计   基本支出"),
      line(20, 108, "※   ※   1   2   3"),
      line(20, 120, "229   其他支出   58,830.98   568,051.63   568,051.63"),
      line(20, 132, "2290402   其他地方自行试点项目收益专项债券收入安排的支   58,830.98   568,051.63   568,051.63"),
      line(21, 84, "本年支出", 400, 450),
      line(21, 96, "科目编码   科目名称   本年收入   小计   基本支出"),
      line(21, 108, "※   ※   1   2   3"),
      line(21, 120, "出", 100, 112),
    ];
    const regions = findRegions(lines);
    expect(regions).toHaveLength(1);
    expect(regions[0]?.segments.map((s) => s.page)).toEqual([20, 21]);
    expect(regions[0]?.segments[1]?.body.map((l) => l.text)).toEqual(["出"]);
  });

  it("a title printed as 表5 then the name starts a table; a footer 第 N 页 / 共 M 页 is not a row", () => {
    const lines = [
      line(5, 57, "表5 一般公共预算支出情况表", 222, 400),
      line(5, 72, "编制部门：某局   单位：万元"),
      line(5, 90, "功能分类科目名称   合计   基本支出   项目支出"),
      line(5, 110, "总计   4,843.39   2,146.13   2,697.26"),
      line(5, 122, "205   教育支出   815.90   7.41   808.49"),
      line(5, 818, "第 5 页 / 共 23 页", 261, 330),
    ];
    const regions = findRegions(lines);
    expect(regions.map((r) => r.kind)).toEqual(["generalBudgetExpenditure"]);
    expect(regions[0]?.segments[0]?.body.map((l) => l.text.replace(/\s+/g, ""))).toEqual([
      "总计4,843.392,146.132,697.26",
      "205教育支出815.907.41808.49",
    ]);
  });
});

describe("isPageNumber", () => {
  it("knows the footers producers print", () => {
    for (const t of [
      "12",
      "- 12 -",
      "第 12 页",
      "第12页 共30页",
      "第 12 页 / 共 30 页",
      "共30页 第12页",
      "12/30",
      "Page 12 of 30",
    ])
      expect(isPageNumber(t), t).toBe(true);
    for (const t of ["2025年", "第一部分", "12 个科室", "合计 12.00"]) expect(isPageNumber(t), t).toBe(false);
  });
});

/** A grid line of (x0, x1, text) pieces at y, as a PDF's line grouping gives them (h 10). */
function placed(page: number, y: number, ...pieces: [number, number, string][]): GridLine {
  const tokens = pieces.flatMap(([x0, x1, text]) => tokenize(text, x0, x1));
  return { page, y, h: 10, tokens, text: joinTokens(tokens) };
}

describe("the first row's label wrapped around its amounts", () => {
  // 广州市应急管理局 2026 p29 (项目支出表), a page that begins with a tall row: the label's four lines
  // and the 绩效目标's seven are centred on the amounts (pdf.js positions)
  const header = [
    placed(29, 48.1, [332, 372, "财政拨款"]),
    placed(29, 64.3, [191, 211, "总计"], [297, 347, "一般公共预"], [653, 693, "绩效目标"]),
    placed(29, 80.1, [317, 327, "算"], [372, 392, "预算"]),
  ];
  const cell = [
    placed(29, 143.2, [549, 789, "援指挥中心办公区域及广州市北江大堤抗汛抢险指挥分"]),
    placed(29, 151.0, [68, 168, "广州市安全生产应急救"]),
    placed(29, 158.8, [549, 789, "部的移动指挥设备、网络设备、服务器及相关设备、机"]),
    placed(29, 166.6, [43, 168, "援指挥中心(广州市防汛防旱"]),
  ];
  const row = placed(
    29,
    174.4,
    [201, 231, "138.01"],
    [261, 291, "138.01"],
    [548, 789, "房设备和业务应用系统的维护和保养"],
  );
  const after = [
    placed(29, 182.2, [43, 148, "防风应急救援指挥中心)"]),
    placed(29, 190.0, [549, 789, "运行维护体系。为深化信息化建设成果,保障系统稳定"]),
    placed(29, 197.8, [43, 168, "2026-2027年信息化运维项目"]),
    placed(29, 268.8, [48, 108, "广州市地震局"], [201, 231, "163.65"], [261, 291, "163.65"]),
  ];

  it("takes the label's lines over the amounts, and the lines of other columns among them, from the header", () => {
    // the lines from the label's first down: 151.0, 158.8 and 166.6 (143.2 is above the label's cell)
    expect(cellLinesAbove([...header, ...cell], row, after)).toBe(3);
  });

  it("takes one line where the label has two, half a line above and below the amounts", () => {
    // yusuan's workbook of 北京市人社局 2026 printed by LibreOffice: 政府采购 rows of a long 采购类别
    const head = [
      placed(1, 44.5, [220, 265, "采购类别"], [390, 413, "金额"]),
      placed(1, 68.2, [100, 344, "01-公共服务0115公共信息与宣传服务公共"]),
    ];
    const first = placed(1, 74.6, [400, 454, "92.568000"]);
    const next = [placed(1, 80.8, [100, 262, "信息系统开发与维护服务"]), placed(1, 119.6, [400, 454, "101.010000"])];
    expect(cellLinesAbove(head, first, next)).toBe(1);
    const regions = findRegions([
      placed(1, 20, [200, 400, "预算10表 政府采购预算明细表"]),
      placed(1, 32, [450, 520, "单位：万元"]),
      ...head,
      first,
      ...next,
    ]);
    expect(regions[0]?.segments[0]?.head.map((l) => l.text)).toEqual(["采购类别金额"]);
    expect(regions[0]?.segments[0]?.body[0]?.text).toBe("01-公共服务0115公共信息与宣传服务公共");
  });

  it("takes the line a line's pitch over a label printed beside its amounts, mirrored by one under them", () => {
    // 广州市应急管理局 2026 p25: "广州市应急管理局" / "2024 -2025年度信息化运维项 57.00 …" / "目", the
    // first line sharing its height with the 绩效目标's text, which runs on far above
    const cell = [
      placed(25, 190.0, [549, 779, "展,适时调整部分业务系统流程,适应实际的工作开"]),
      placed(25, 205.6, [68, 148, "广州市应急管理局"], [549, 569, "展。"], [574, 794, "三、确保对外服务的信息应用"]),
    ];
    const first = placed(
      25,
      221.2,
      [43, 63, "2024"],
      [63, 168, "-2025年度信息化运维项"],
      [206, 231, "57.00"],
      [266, 291, "57.00"],
      [548, 779, "单位和市民使用我局提供的一系列便捷的信息服务。"],
    );
    const after = [
      placed(25, 236.8, [43, 53, "目"], [549, 779, "四、在现有运维服务体系的基础上"]),
      placed(25, 252.4, [549, 789, "理、服务级别管理、服务质量绩效管理。"]),
      placed(25, 393.6, [206, 231, "71.00"], [266, 291, "71.00"]),
    ];
    expect(cellLinesAbove([...header, ...cell], first, after)).toBe(1);
    // (without the line under the amounts nothing is mirrored)
    expect(cellLinesAbove([...header, ...cell], first, after.slice(1))).toBe(0);
  });

  it("leaves a header's last line alone over a row with its label beside the amounts", () => {
    // 西安市交通运输局 2022 p43: "部门经济科目" / "序号 … 名称 合计 …" / "编码 编码", stacked closer than
    // the rows, over "85 31299 其他对企业补助 … 13000.00" and a row printed blank under it
    const head = [
      placed(43, 150.8, [80, 134, "部门经济科目"], [274, 328, "政府经济科目"]),
      placed(43, 156.4, [56, 74, "序号"], [168, 240, "部门经济科目名称"], [463, 481, "合计"]),
      placed(43, 162.1, [98, 116, "编码"], [292, 310, "编码"]),
    ];
    const first = placed(
      43,
      181.0,
      [61, 70, "85"],
      [95, 118, "31299"],
      [140, 203, "其他对企业补助"],
      [469, 505, "13000.00"],
    );
    const after = [placed(43, 201.6, [61, 70, "86"], [140, 176, "其他支出"])];
    expect(cellLinesAbove(head, first, after)).toBe(0);
    // a line over the first row's amounts that the next row's amounts stand nearer to is that row's
    const top = [...header, placed(18, 82.2, [210, 239, "置更新"])];
    const row = placed(18, 100.3, [309, 369, "软件开发服务"], [422, 482, "部门集中采购"], [509, 539, "606.00"]);
    const next = [
      placed(18, 117.1, [124, 194, "江苏法院云平台"]),
      placed(18, 124.9, [210, 239, "租赁费"], [499, 539, "1,000.00"]),
    ];
    expect(cellLinesAbove(top, row, next)).toBe(0);
  });

  it("leaves the header's last line alone: a row's height above the amounts, or nothing mirrored below", () => {
    const head = [placed(1, 44.5, [100, 160, "项目"], [400, 454, "金额"])];
    // the header a row above a row whose label wraps below its amounts (top-aligned cells)
    const first = placed(1, 60.5, [100, 200, "一般公共服务支出"], [400, 454, "120.00"]);
    expect(cellLinesAbove(head, first, [placed(1, 72.5, [100, 160, "（项目）"])])).toBe(0);
    // a heading line close over a row with no wrapped label under it
    const close = [placed(1, 55.0, [100, 160, "科目名称"])];
    const bare = placed(1, 61.0, [400, 454, "120.00"]);
    expect(cellLinesAbove(close, bare, [placed(1, 80.0, [100, 160, "201"], [400, 454, "80.00"])])).toBe(0);
    // lines above and below, not mirrored about the amounts
    expect(cellLinesAbove(close, bare, [placed(1, 70.0, [100, 160, "一般公共"])])).toBe(0);
  });
});
