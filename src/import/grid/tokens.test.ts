import { describe, expect, it } from "vitest";
import { splitWord, tokenize } from "./tokens.ts";

describe("splitWord", () => {
  it("cuts codes and amounts glued to labels", () => {
    expect(splitWord("30207邮电费")).toEqual(["30207", "邮电费"]);
    expect(splitWord("合计14,770.62")).toEqual(["合计", "14,770.62"]);
    expect(splitWord("14,770.62合计")).toEqual(["14,770.62", "合计"]);
    // a narrow cell's amount touching the next cell's label, which starts with 年
    expect(splitWord("4,023.45年终结转结余")).toEqual(["4,023.45", "年终结转结余"]);
    expect(splitWord("12.50年初结转和结余")).toEqual(["12.50", "年初结转和结余"]);
  });

  it("keeps a list number glued to a year (a 目录 entry) as text, as it keeps amounts with their unit", () => {
    for (const w of ["4.2026年预算单位财政拨款收支预算总表", "12.5万元", "3.2025年度"])
      expect(splitWord(w)).toEqual([w]);
    expect(tokenize("4.2026年预算单位财政拨款收支预算总表", 0, 300).map((t) => t.kind)).toEqual(["text"]);
  });
});
