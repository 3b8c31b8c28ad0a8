import { describe, expect, it } from "vitest";
import { S02 } from "./directions.ts";
import { doc, run } from "./testing.ts";

const findings = (...texts: string[]) => run(S02, doc(texts));
const final = (text: string) => run(S02, doc([text], { kind: "finalAccounts", year: 2024 }));

describe("S-02 direction words against the figures", () => {
  it("accepts consistent wording in several regions' forms", () => {
    expect(
      findings(
        "单位资金 321.44 万元，占 6.16%，比上年预算减少 59.68 万元，下降 15.66%，主要原因是未安排设备支出。",
        "2026年支出预算5,876.67万元,比上年执行数增加48.92万元,增长0.8%,与上年基本持平。",
        "因公出国（境）费215.6万元，比上年增加0万元，增长0%，主要原因是与上年持平，无增减变化。",
        "2026 年度收入预算134133.33万元,比 2025 年年初预算数125462.47万元增加8670.86万元,增长 6.91%。",
      ),
    ).toEqual([]);
  });

  it("reports a change and a rate going opposite ways", () => {
    const f = findings("项目支出 2,697.26 万元，比上年预算增加 680.33 万元，下降 33.73%。");
    expect(f).toMatchObject([{ rule: "S-02", severity: "error", expected: "增加", actual: "下降" }]);
  });

  it("reports a direction word that the two stated amounts contradict", () => {
    const f = findings("2026 年度收入预算120000.00万元,比 2025 年年初预算数125462.47万元增加5462.47万元。");
    expect(f).toMatchObject([{ severity: "error", expected: "减少", actual: "增加", difference: "-5,462.47" }]);
    // within the printed steps the direction is not decided: no finding
    expect(findings("收入预算 19,577万元，比2025年预算19,577.4万元增加0.4万元。")).toEqual([]);
  });

  it("warns about a signed change under a direction word and an unchanged claim with a change", () => {
    expect(findings("公务接待费 6.02 万元，比上年增加-0.50 万元。")).toMatchObject([{ severity: "warning" }]);
    expect(findings("公务接待费 6.02 万元，比上年增加 0.50 万元，与上年持平。")).toMatchObject([
      { severity: "warning" },
    ]);
    expect(findings("公务接待费 6.02 万元，比上年增加 0.05 万元，与上年基本持平。")).toEqual([]);
  });

  it("checks 决算 大于/小于/等于 against the two amounts (上海, 西安)", () => {
    expect(final("年初预算为 1560.05 万元，支出决算为1511.89万元。 决算数小于预算数的主要原因：人员变化。")).toEqual(
      [],
    );
    expect(final("年初预算0万元，支出决算56万元，决算数大于年初预算数的主要原因是追加任务。")).toEqual([]);
    expect(final("年初预算为 10.00 万元，支出决算为 10.00 万元。决算数等于预算数。")).toEqual([]);
    const f = final("年初预算为 85.55 万元，支出决算为84.65万元。 决算数大于预算数的主要原因：预算按充分保障预估。");
    expect(f).toMatchObject([{ rule: "S-02", severity: "error", expected: "决算数小于预算数" }]);
    // the blank template's own wording states no comparison
    expect(final("年初预算为 85.55 万元，支出决算为84.65万元。决算数大于（小于）预算数的主要原因：XXXX。")).toEqual([]);
  });
});

describe("S-02 undecided comparisons", () => {
  it("does not report 大于 when the two amounts are within their printed steps", () => {
    const final = (text: string) => run(S02, doc([text], { kind: "finalAccounts", year: 2024 }));
    expect(final("年初预算为 10.00 万元，支出决算为 9.99 万元。决算数大于预算数的主要原因：追加。")).toEqual([]);
    expect(final("年初预算为 10.00 万元，支出决算为 9.90 万元。决算数大于预算数的主要原因：追加。")).toHaveLength(1);
  });
});

describe("S-02 signed rates", () => {
  it("reads 增长率为-5% as a fall", () => {
    expect(findings("支出 95.00 万元，比上年减少 5.00 万元，增长率为-5.00%。")).toEqual([]);
    expect(findings("支出 105.00 万元，比上年增加 5.00 万元，增长率为-5.00%。")).toMatchObject([{ severity: "error" }]);
  });
});
