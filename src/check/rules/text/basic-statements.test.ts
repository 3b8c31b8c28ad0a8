import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { listedNames, T14 } from "./basic-statements.ts";
import { bySeverity, explanation, findings, run, stmt, w } from "./testing.ts";

/** miniDisclosure 表6: 人员经费 85.00 (基本工资, 住房公积金, 退休费), 公用经费 5.00 (公务接待费, 公务用车运行维护费). */
function doc(personnelList = "基本工资、住房公积金、退休费") {
  const d = miniDisclosure();
  d.explanations = [
    explanation(6, [
      stmt(6, { subject: "一般公共预算基本支出", amount: w("90.00") }),
      stmt(6, { subject: "人员经费", amount: w("85.00"), text: `人员经费85.00万元，主要包括：${personnelList}。` }),
      stmt(6, {
        subject: "公用经费",
        amount: w("5.00"),
        text: "公用经费5.00万元，主要包括：公务接待费、公务用车运行维护费。",
      }),
    ]),
  ];
  return d;
}

describe("T-14 说明六 vs 表6", () => {
  it("passes when amounts and listed 款 agree", () => expect(findings(T14, doc())).toEqual([]));
  it("reports a wrong amount as an error", () => {
    const d = doc();
    d.explanations[0]!.statements[2]!.amount = w("5.10");
    expect(findings(T14, d)[0]).toMatchObject({
      severity: "error",
      location: { table: 6, section: "说明六（公用经费）" },
    });
  });
  it("reports a name list that differs from 表6 as a warning", () => {
    const f = findings(T14, doc("基本工资、奖金、退休费"));
    expect(bySeverity(f)).toEqual({ error: 0, warning: 1, notice: 0 });
    expect(f[0]!.message).toContain("住房公积金");
    expect(f[0]!.message).toContain("奖金");
  });
  it("reads the list after 包括", () => expect(listedNames("主要包括：办公费、水 费。")).toEqual(["办公费", "水费"]));
  it("is not checked without 说明六", () => expect(run(T14, miniDisclosure())).toHaveProperty("notChecked"));
});
