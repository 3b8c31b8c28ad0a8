import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { T01, T02, T03 } from "./income-statements.ts";
import { bySeverity, explanation, findings, run, stmt, w } from "./testing.ts";

/** miniDisclosure: 收支总计 135.00 = 一般财力 100 + 上级转移 20 + 单位资金 10 + 结转 5; 支出 208 105, 221 30. */
function withText() {
  const d = miniDisclosure();
  d.explanations = [
    explanation(
      1,
      [stmt(1, { subject: "收支总预算", amount: w("135.00") })],
      "收支总预算 135.00 万元。收入预算包括：一般公共预算、单位资金、财政拨款结转结余。支出预算包括：社会保障和就业支出、住房保障支出。",
    ),
    explanation(2, [
      stmt(2, { subject: "部门收入预算", amount: w("135.00") }),
      stmt(2, { subject: "一般公共预算", amount: w("100.00"), share: 7407 }),
      stmt(2, { subject: "上级一般公共预算安排的转移支付资金", amount: w("20.00"), share: 1481 }),
      stmt(2, { subject: "单位资金", amount: w("10.00"), share: 741 }),
      stmt(2, { subject: "财政拨款结转", amount: w("5.00"), share: 370 }),
    ]),
    explanation(3, [
      stmt(3, { subject: "基本支出", amount: w("90.00"), share: 6667 }),
      stmt(3, { subject: "项目支出", amount: w("45.00"), share: 3333 }),
    ]),
  ];
  return d;
}

describe("T-01 说明一 vs 表1", () => {
  it("passes when the total and the lists agree", () => expect(findings(T01, withText())).toEqual([]));
  it("reports a wrong total as an error and a class missing from the list as a warning", () => {
    const d = withText();
    d.explanations[0]!.statements[0]!.amount = w("135.10");
    d.explanations[0]!.text = d.explanations[0]!.text.replace("、住房保障支出", "");
    const f = findings(T01, d);
    expect(bySeverity(f)).toEqual({ error: 1, warning: 1, notice: 0 });
    expect(f[0]!.location.section).toBe("说明一");
  });
  it("is not checked without 说明一", () => expect(run(T01, miniDisclosure())).toHaveProperty("notChecked"));
});

describe("T-02 说明二 amounts vs 表1", () => {
  it("passes on agreeing amounts", () => expect(findings(T02, withText())).toEqual([]));
  it("reports the source that differs, with the 表1 line", () => {
    const d = withText();
    d.explanations[1]!.statements[3]!.amount = w("10.01");
    const f = findings(T02, d);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "error", location: { section: "说明二（单位资金）", table: 1 } });
  });
});

describe("T-03 shares", () => {
  it("passes on exact shares", () => expect(findings(T03, withText())).toEqual([]));
  it("reports a share off by 0.01 percentage point: a notice when the amounts' rounding explains it", () => {
    // 45.00 ÷ 135.00 = 33.33%, but 45.005 ÷ 134.995 = 33.338% rounds to 33.34%: rounding, not an error.
    const d = withText();
    d.explanations[2]!.statements[1]!.share = 3334;
    const f = findings(T03, d);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "notice", expected: "33.33%", actual: "33.34%" });
    expect(f[0]!.location.section).toBe("说明三（项目支出）");
  });

  it("reports a share that rounding cannot explain as an error", () => {
    const d = withText();
    d.explanations[2]!.statements[1]!.share = 3336;
    expect(findings(T03, d)[0]).toMatchObject({ severity: "error", expected: "33.33%", actual: "33.36%" });
  });
});
