import { describe, expect, it } from "vitest";
import { doc, run } from "./testing.ts";
import { S04 } from "./years.ts";

/** A 2025 budget whose 说明 names its own year too (as every real one does). */
const budget2025 = (...texts: string[]) => run(S04, doc(["2025年部门预算收入 5 万元。", ...texts], { year: 2025 }));

describe("S-04 years against the document's year", () => {
  it("accepts this year, last year as the comparison base, ranges, dates and policies", () => {
    expect(
      budget2025(
        "2025 年部门预算收入 5,219.30 万元，比 2024 年预算减少 1,999.48 万元。",
        "2025年“三公”经费预算数为0.95万元，与2024年预算持平。",
        "截至2024年12月31日，本部门共有车辆5辆。",
        "根据《2023年度预算管理办法》和2023年预算执行审计意见，加强管理。",
        "落实2025-2027年中期财政规划，编制2025年度单位预算。",
      ),
    ).toEqual([]);
  });

  it("warns about a budget of another year and a comparison with a year other than the last", () => {
    const f = budget2025("本部门2023年预算收入5,219.30万元，比上年增加10万元。");
    expect(f).toMatchObject([{ rule: "S-04", severity: "warning", actual: "2023年", expected: "2025年" }]);
    expect(budget2025("2026年部门预算支出 100 万元。")).toMatchObject([{ actual: "2026年" }]);
    const c = budget2025("公务接待费 2.98 万元，比2023年增加 0.10 万元。");
    expect(c).toMatchObject([{ actual: "2023年", expected: "2024年" }]);
  });

  it("reads a 决算's years the same way", () => {
    const final = (t: string) => run(S04, doc([t], { year: 2022, kind: "finalAccounts" }));
    expect(final("2022年度决算收入 100 万元，年初预算 90 万元，比2021年决算增加 5 万元。")).toEqual([]);
    expect(final("2022年度决算收入 100 万元，2020年度决算收入 90 万元。")).toMatchObject([{ actual: "2020年" }]);
  });
});

describe("S-04 when the document's year is in doubt", () => {
  it("says it cannot check when the 说明 never names the document's year with 预算", () => {
    const d = doc(["2024年部门预算收入 100 万元。2024年预算支出 100 万元。"], { year: 2026 });
    expect(() => run(S04, d)).toThrow(/文档年度（2026）可能识别有误/);
  });

  it("accepts the latest 决算 cited in a budget and the next budget in a 决算", () => {
    expect(budget2025("2025年预算收入 100 万元，2023年决算数为 90 万元。")).toEqual([]);
    const final = run(
      S04,
      doc(["2022年决算支出 100 万元，2023年预算安排将继续保障。"], { year: 2022, kind: "finalAccounts" }),
    );
    expect(final).toEqual([]);
  });
});
