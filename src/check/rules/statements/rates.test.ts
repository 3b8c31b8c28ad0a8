import { describe, expect, it } from "vitest";
import { S01 } from "./rates.ts";
import { doc, run } from "./testing.ts";

const findings = (...texts: string[]) => run(S01, doc(texts));

describe("S-01 growth rates at their printed precision", () => {
  it("accepts correct rates in several regions' wordings", () => {
    // 新疆 (seed), 杭州, 广州, 深圳, 重庆-style line breaks
    expect(
      findings(
        "一般公共预算 3,374.27 万元，占 64.65%，比上年预算增加 719.53 万元，增长 27.10%，主要原因是新增项目。",
        "2026年收入预算5,876.67万元,比上年执行数增加48.92万元,增长0.8%,与上年基本持平。",
        "公务接待费11.26万元，比上年\n减少100.89万元，下降90%，主要原因是减少了接待职能。",
        "2026 年深圳市信访局部门预算支出 4,684.30 万元，较 2025 年年初预算减少\n247.70 万元，下降 5.0%。",
      ),
    ).toEqual([]);
  });

  it("judges a rate at the precision printed: 22% agrees with 22.02%, 0.06% does not with 0.60%", () => {
    expect(findings("支出 122.02 万元，比上年增加 22.02 万元，增长 22%。")).toEqual([]);
    expect(findings("支出 122.02 万元，比上年增加 22.02 万元，增长 22.0%。")).toEqual([]);
    const f = findings("支出 100.60 万元，比上年增加 0.60 万元，增长 0.06%。");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: "S-01", severity: "error", expected: "0.60%", actual: "0.06%" });
    // a rate cut instead of rounded (0.839% printed 0.8%) is no error either
    expect(findings("收入 5,876.67 万元，比上年增加 48.92 万元，增长 0.8%。")).toEqual([]);
  });

  it("reports real slips from published originals (国家信访局 2026, 江苏检察院 2017)", () => {
    const central = findings(
      "国家信访局 2026 年委托业务费财政拨款预算 1,391.68\n万元，比 2025 年预算增加 333.83 万元，增长 31.35%。主要原因是业务量增加。",
    );
    expect(central).toHaveLength(1);
    expect(central[0]).toMatchObject({ severity: "error", expected: "31.56%", actual: "31.35%" });
    expect(central[0]!.message).toContain("1,057.85");
    const jiangsu = findings(
      "2017 年本部门一般公共预算机关运行经费预算支出\n6032.55 万元，比   2016   年增加    3401.59 万元，增长\n129.97 %。",
    );
    expect(jiangsu.map((x) => x.expected)).toEqual(["129.29%"]);
  });

  it("reads the amount of the sentence before when the change opens a sentence (杭州)", () => {
    const text =
      "(1)科学技术支出(类)技术研究与开发(款)科技成果转化与扩散(项)28.00万元,主要用于数智气象项目。比上年执行数减少113.53万元,下降";
    expect(findings(`${text}80.2%,主要原因是项目完成。`)).toEqual([]);
    expect(findings(`${text}8.02%,主要原因是项目完成。`)).toHaveLength(1);
  });

  it("reads “与上年相比” changes about the amount of the sentence before (江苏)", () => {
    const t = (change: string) =>
      `此外，基本支出预算数为 7666.68 万元。与上年相比增\n加 ${change} 万元，增长 12.37%。主要原因是政策性调整工资。`;
    expect(findings(t("844.15"))).toEqual([]);
    const f = findings(t("840.15"));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: "S-01", expected: "12.31%", actual: "12.37%" });
    // "与上年预算数相比减少 C 万元，减少 r%" and "同上年相比"
    expect(findings("工资福利支出 2,000.00 万元，与上年预算数相比减少 20.00 万元，减少 0.99%。")).toEqual([]);
    expect(findings("工资福利支出 2,000.00 万元，同上年相比减少 20.00 万元，减少 9.9%。")).toHaveLength(1);
  });

  it("checks the rate against a stated prior amount (北京)", () => {
    const t = (rate: string) =>
      `2026 年度收入预算134133.33万元,比 2025 年年初预\n算数125462.47万元增加8670.86万元,增长 ${rate}%。主要原因是结转增加。`;
    expect(findings(t("6.91"))).toEqual([]);
    expect(findings(t("6.19"))).toHaveLength(1);
  });

  it("checks a 决算 completion rate (上海普陀)", () => {
    const t = (rate: string) =>
      `一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完\n成年初预算的${rate}%。`;
    const final = (text: string) => run(S01, doc([text], { kind: "finalAccounts", year: 2024 }));
    expect(final(t("98.20"))).toEqual([]);
    expect(final(t("98.02"))).toMatchObject([{ rule: "S-01", expected: "98.20%" }]);
  });

  it("takes another amount of the sentence when the change is about the sentence's total", () => {
    expect(findings("支出预算 100.00 万元，其中基本支出 60.00 万元，比上年增加 10.00 万元，增长 11.1%。")).toEqual([]);
  });

  it("takes the total printed in the sentence before when the change is about it", () => {
    const part = "其中人员经费 60.00 万元，比上年增加 10.00 万元，增长 11.1%。";
    expect(findings(`基本支出 100.00 万元。${part}`)).toEqual([]);
    expect(findings(part)).toHaveLength(1);
  });

  it("leaves a rise from zero (100%) and page numbers inside a sentence alone", () => {
    expect(findings("技校教育（项）：2025 年预算数为 808.49 万元，比上年预算增加 808.49 万元，增长 100.00%。")).toEqual(
      [],
    );
    // a page number between the lines is not part of the amount
    expect(findings("收入预算 2,796.14 万元，比上年增加\n- 12 -\n129.07 万元，增长 4.84%。")).toEqual([]);
  });
});

describe("S-01 signed rates", () => {
  it("checks the size of a signed rate", () => {
    expect(findings("支出 95.00 万元，比上年减少 5.00 万元，增长率为-5.00%。")).toEqual([]);
    expect(findings("支出 95.00 万元，比上年减少 5.00 万元，增长率为-5.50%。")).toHaveLength(1);
  });
});
