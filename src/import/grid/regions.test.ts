import { describe, expect, it } from "vitest";
import { isPageNumber } from "../pdf/lines.ts";
import { findRegions } from "./regions.ts";
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
