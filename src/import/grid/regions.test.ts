import { describe, expect, it } from "vitest";
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

  it("a title followed by amount lines with no 单位 line is still a table", () => {
    const lines = [
      line(1, 80, "一般公共预算“三公”经费支出预算表", 180, 420),
      line(1, 120, "合计   因公出国（境）费   公务用车购置及运行维护费   公务接待费"),
      line(1, 140, "45.60   0.00   30.00   15.60"),
      line(1, 160, "44.00   0.00   29.00   15.00"),
    ];
    expect(findRegions(lines).map((r) => r.kind)).toEqual(["threePublic"]);
  });
});
