import { describe, expect, it } from "vitest";
import { type GridLine, joinTokens, joinWrappedAmounts, splitWord, tokenize, tokenKind } from "./tokens.ts";

describe("splitWord", () => {
  it("cuts codes and amounts glued to labels", () => {
    expect(splitWord("30207邮电费")).toEqual(["30207", "邮电费"]);
    expect(splitWord("合计14,770.62")).toEqual(["合计", "14,770.62"]);
    expect(splitWord("14,770.62合计")).toEqual(["14,770.62", "合计"]);
    // a narrow cell's amount touching the next cell's label, which starts with 年
    expect(splitWord("4,023.45年终结转结余")).toEqual(["4,023.45", "年终结转结余"]);
    expect(splitWord("12.50年初结转和结余")).toEqual(["12.50", "年初结转和结余"]);
    expect(splitWord("465,278.48年末结转和结余")).toEqual(["465,278.48", "年末结转和结余"]);
    // in 元 without decimals (a producer that draws every glyph apart runs them into one chunk)
    expect(splitWord("195,774,300一、一般公共服务支出")).toEqual(["195,774,300", "一、一般公共服务支出"]);
    expect(splitWord("收入总计195,774,300")).toEqual(["收入总计", "195,774,300"]);
    expect(splitWord("2026年")).toEqual(["2026年"]);
  });

  it("keeps a list number glued to a year (a 目录 entry) as text, as it keeps amounts with their unit", () => {
    for (const w of ["4.2026年预算单位财政拨款收支预算总表", "12.5万元", "3.2025年度"])
      expect(splitWord(w)).toEqual([w]);
    expect(tokenize("4.2026年预算单位财政拨款收支预算总表", 0, 300).map((t) => t.kind)).toEqual(["text"]);
  });
});

describe("joinWrappedAmounts", () => {
  /** A line whose words stand at the given x-extents. */
  const line = (y: number, words: [string, number, number][]): GridLine => {
    const tokens = words.map(([text, x0, x1]) => ({ text, x0, x1, kind: tokenKind(text) }));
    return { page: 1, y, h: 9, tokens, text: joinTokens(tokens) };
  };

  it("joins a share wrapped in a narrow cell, its sign a line below its figure, on the row's line", () => {
    // 国家信访局 表5 as a word processor prints it: 增减% "1009.71" over "%" around the row's line
    const lines = [
      line(279, [["1009.71", 459, 481]]),
      line(283, [
        ["2014002", 47, 72],
        ["一般行政管理事务", 78, 134],
        ["670.85", 423, 442],
        ["670.85", 490, 509],
        ["1009.71%", 519, 548],
      ]),
      line(287.1, [["%", 459, 464]]),
    ];
    joinWrappedAmounts(lines);
    expect(lines.map((l) => l.tokens.map((t) => t.text))).toEqual([
      [],
      ["2014002", "一般行政管理事务", "670.85", "1009.71%", "670.85", "1009.71%"],
      [],
    ]);
    // (a sign under a word is left alone)
    const other = [line(100, [["增减", 459, 481]]), line(109, [["%", 459, 464]])];
    joinWrappedAmounts(other);
    expect(other.map((l) => l.text)).toEqual(["增减", "%"]);
  });

  it("joins an amount wrapped over three lines of a narrow centred cell on the row's middle line", () => {
    // 合计 13,649.07 over three lines, 基本支出 7,666.68 over two, the label on the middle line
    const lines = [
      line(100, [["13,6", 120, 140]]),
      line(105, [["7,66", 170, 190]]),
      line(111, [
        ["拨款", 40, 70],
        ["49.0", 120, 140],
      ]),
      line(117, [["6.68", 170, 190]]),
      line(122, [["7", 134, 140]]),
    ];
    joinWrappedAmounts(lines);
    expect(lines.map((l) => l.text)).toEqual(["", "", "拨款13,649.07 7,666.68", "", ""]);
    expect(lines[2]?.tokens.map((t) => t.kind)).toEqual(["text", "amount", "amount"]);
  });

  it("joins a negative amount broken after its first digits, whose rest reads as an amount itself", () => {
    // -396,564.00 broken as "-39" / "6,564.00" in a narrow cell (西安 表13, 增减变化情况)
    const lines = [
      line(228, [
        ["-39", 624, 636],
        ["-30", 792, 804],
      ]),
      line(239, [
        ["合计", 57, 72],
        ["6,564.00", 620, 636],
        ["-46,000.00", 644, 660],
        ["5,600.00", 788, 804],
      ]),
    ];
    joinWrappedAmounts(lines);
    const amounts = lines.flatMap((l) => l.tokens.filter((t) => t.kind === "amount").map((t) => t.text));
    expect(amounts.sort()).toEqual(["-305,600.00", "-396,564.00", "-46,000.00"]);
    expect(lines.flatMap((l) => l.tokens.map((t) => t.text))).not.toContain("-39");
  });

  it("leaves whole amounts of rows a line apart alone, and a cut start with nothing under it", () => {
    const lines = [line(100, [["6.68", 170, 190]]), line(111, [["3.96", 170, 190]]), line(122, [["12,5", 170, 190]])];
    joinWrappedAmounts(lines);
    expect(lines.map((l) => l.text)).toEqual(["6.68", "3.96", "12,5"]);
  });

  it("joins a 6-decimal amount cut at its second decimal, but not amounts of rows further apart", () => {
    const lines = [
      line(100, [["3.74", 120, 140]]),
      line(111, [
        ["劳动保障监察", 40, 100],
        ["4000", 124, 140],
      ]),
      line(130, [["1,41", 120, 140]]),
      line(141, [["0.09", 120, 140]]),
      line(152, [["3600", 124, 140]]),
      // a 2-decimal amount, then a count two lines below: no join
      line(180, [["12.50", 120, 140]]),
      line(200, [["4000", 124, 140]]),
    ];
    joinWrappedAmounts(lines);
    expect(lines.map((l) => l.text)).toEqual(["3.744000", "劳动保障监察", "", "1,410.093600", "", "12.50", "4000"]);
  });

  it("joins the pieces of one column only: a piece in the next column is not a continuation", () => {
    const lines = [line(100, [["128.", 120, 140]]), line(110, [["43", 190, 200]])];
    joinWrappedAmounts(lines);
    expect(lines.map((l) => l.text)).toEqual(["128.", "43"]);
  });
});
