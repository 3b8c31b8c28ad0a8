import { describe, expect, it } from "vitest";
import { S03 } from "./differences.ts";
import { doc, run } from "./testing.ts";

const findings = (...texts: string[]) => run(S03, doc(texts));

describe("S-03 a stated change against the amounts it joins", () => {
  it("reports 0 万元 that rose from last year", () => {
    const f = findings("因公出国（境）费0万元，比上年增加5万元，主要原因是出访计划调整。");
    expect(f).toMatchObject([{ rule: "S-03", severity: "error", actual: "0万元" }]);
    // any amount below the rise
    expect(findings("公务用车购置费 3.00 万元，比上年增加 5.00 万元。")).toHaveLength(1);
  });

  it("accepts falls to zero and rises within the amount (广州, 重庆)", () => {
    expect(
      findings(
        "因公出国（境）费0万元，比上年减少8万元，下降100%，主要原因是：公出国计划取消。",
        "2026年“三公”经费预算13.85万元,比2025年减少5.45万元。",
        "公务用车运行维护费13.55万元,比2025年减少0.45万元;公务用车购置费0万元,与上年持平。",
      ),
    ).toEqual([]);
  });

  it("checks a stated difference against the two stated amounts (北京)", () => {
    const t = (c: string) =>
      `2026 年支出预算134133.33万元,比 2025 年年初预算\n数125462.47万元增加${c}万元,增长 6.91%。`;
    expect(findings(t("8670.86"))).toEqual([]);
    expect(findings(t("8670.68"))).toMatchObject([{ severity: "error", expected: "8,670.86", actual: "8670.68" }]);
    // printed to whole 万元: within the printed steps
    expect(findings("支出预算19,577万元，比2025年预算19,867.4万元减少290万元。")).toEqual([]);
  });

  it("takes the sentence's total when the amount before the change is a part of it", () => {
    expect(findings("“三公”经费 8.00 万元，其中公务接待费 3.00 万元，比上年增加 5.00 万元。")).toEqual([]);
  });
});
