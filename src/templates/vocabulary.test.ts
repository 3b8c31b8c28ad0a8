import { describe, expect, it } from "vitest";
import { classifyTitle } from "./vocabulary.ts";

describe("classifyTitle", () => {
  it("a table number printed right before the name is not part of it (表5一般公共预算…)", () => {
    // (white space is dropped before matching, so "表5 一般公共预算支出情况表" reads the same)
    expect(classifyTitle("表5一般公共预算支出情况表")).toBe("generalBudgetExpenditure");
    expect(classifyTitle("表5 一般公共预算支出情况表")).toBe("generalBudgetExpenditure");
    expect(classifyTitle("表6一般公共预算基本支出情况表")).toBe("basicExpenditure");
    expect(classifyTitle("表7一般公共预算项目支出情况表")).toBe("projectExpenditure");
    expect(classifyTitle("表十一一般公共预算支出表")).toBe("generalBudgetExpenditure");
  });

  it("numbers with a mark, in Chinese numerals or with a part, are still taken off", () => {
    expect(classifyTitle("表5.2026年市级部门一般公共预算支出预算表")).toBe("generalBudgetExpenditure");
    expect(classifyTitle("表三、支出总表")).toBe("expenditure");
    expect(classifyTitle("表1-2收入总表")).toBe("income");
    expect(classifyTitle("表一")).toBeUndefined();
  });
});
