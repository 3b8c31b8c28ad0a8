import { describe, expect, it } from "vitest";
import { w } from "../text/testing.ts";
import { S07 } from "./amounts.ts";
import { amountTable, doc, run } from "./testing.ts";

const fiscal = (amount: number, extra = {}) =>
  amountTable("fiscalSummary", 4, "财政拨款收支总表", [{ label: "收入总计", total: amount, total2: amount }], extra);

describe("S-07 totals in the 说明 against the table they name", () => {
  it("reports a total that the table does not print (国家信访局 2026: 18,728.91 against 18,728.94)", () => {
    const text = "2026 年国家信访局财政拨款收支总预算 18,728.91 万\n元。";
    const f = run(S07, doc([text], { tables: [fiscal(w("18,728.94"))] }));
    expect(f).toMatchObject([{ rule: "S-07", severity: "warning", expected: "18,728.94 万元", difference: "-0.03" }]);
    expect(run(S07, doc([text.replace("91", "94")], { tables: [fiscal(w("18,728.94"))] }))).toEqual([]);
  });

  it("converts 元 and 万元 exactly and judges by the printed precision", () => {
    // a table printed in 元: 187,289,400.00 元 = 18,728.94 万元
    const yuan = fiscal(w("18,728.94"), { unit: "yuan" });
    const say = (a: string) => run(S07, doc([`2026年财政拨款收支总预算${a}。`], { tables: [yuan] }));
    expect(say("18,728.94万元")).toEqual([]);
    expect(say("18,729万元")).toEqual([]); // printed to 1 万元
    expect(say("18,728.9万元")).toEqual([]); // cut to 0.1 万元
    expect(say("187,289,400.00元")).toEqual([]);
    expect(say("18,728.84万元")).toHaveLength(1);
    expect(say("18,730万元")).toHaveLength(1);
  });

  it("reads “三公”经费 and 一般公共预算拨款支出 in several wordings, and skips other years", () => {
    const three = amountTable("threePublic", 7, "“三公”经费预算表", [{ label: "合计", total: w("24.02") }]);
    const general = amountTable("generalBudgetExpenditure", 5, "一般公共预算支出表", [
      { label: "合计", total: w("5,753.07") },
    ]);
    const d = (t: string) => doc([t], { tables: [three, general] });
    expect(run(S07, d("2026年“三公”经费预算数为24.02万元,与上年预算数持平。"))).toEqual([]);
    expect(run(S07, d("2026年“三公”经费预算数为24.20万元。"))).toMatchObject([{ actual: "24.20万元" }]);
    expect(run(S07, d("2026年度一般公共预算拨款支出 5,753.07 万元，比上年增加 13.59 万元。"))).toEqual([]);
    expect(run(S07, d("2026年度一般公共预算拨款支出 5,735.07 万元。"))).toHaveLength(1);
    // last year's amount is not this table's
    expect(run(S07, d("2025年一般公共预算拨款支出 5,000.00 万元。"))).toEqual([]);
  });
});

describe("S-07 the 三公 lines", () => {
  const three = amountTable("threePublic", 10, "“三公”经费支出预算表", [
    { label: "合计", total: w("27.31") },
    { label: "2、公务接待费", code: undefined, total: w("2.00") },
    { label: "(2)公务用车运行费", code: undefined, total: w("25.31") },
  ]);
  it("finds each line in any row of the table (福州: one line per item), and a stated 0 is not compared", () => {
    const d = (t: string) => doc([t], { tables: [three] });
    expect(
      run(S07, d("2026年预算安排25.31万元,其中:公务用车运行费25.31万元,与上年持平;公务用车购置费0.00万元。")),
    ).toEqual([]);
    expect(run(S07, d("公务接待费2.10万元,比上年增加0.10万元。"))).toMatchObject([{ actual: "2.10万元" }]);
  });
});
