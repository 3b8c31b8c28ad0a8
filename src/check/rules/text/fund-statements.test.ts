import { describe, expect, it } from "vitest";
import { miniDisclosure, withCell } from "../../testing.ts";
import { T19, T20, T21, threePublicKey } from "./fund-statements.ts";
import { explanation, findings, stmt, w } from "./testing.ts";

/** miniDisclosure: 表8/表9 empty; 表10 合计 5.00 = 接待 1.00 + 运行 4.00; 表11 5.00 财政拨款, one project. */
function doc() {
  const d = miniDisclosure();
  d.explanations = [
    explanation(8, [], "本部门 2025 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。"),
    explanation(9, [], "本部门 2025 年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。"),
    explanation(10, [
      stmt(10, { subject: "财政拨款“三公”经费", amount: w("5.00"), change: 0, growth: 0 }),
      stmt(10, { subject: "因公出国（境）费", amount: 0, change: 0, growth: 0 }),
      stmt(10, { subject: "公务用车购置费", amount: 0 }),
      stmt(10, { subject: "公务用车运行费", amount: w("4.00") }),
      stmt(10, { subject: "公务接待费", amount: w("1.00") }),
    ]),
    explanation(11, [
      stmt(11, { subject: "上年结转结余", amount: w("5.00") }),
      stmt(11, { subject: "财政拨款", amount: w("5.00") }),
      stmt(11, { subject: "非财政拨款", amount: 0 }),
      stmt(11, { subject: "2024年上年项目", amount: w("5.00") }),
    ]),
  ];
  return d;
}

describe("T-19 空表说明 vs 表8/表9/表4", () => {
  it("passes when empty tables are described as empty", () => expect(findings(T19, doc())).toEqual([]));
  it("reports 表4 fund amounts while 表8 is empty", () => {
    const d = withCell(doc(), 4, "208", "governmentFund", w("1.00"));
    const f = findings(T19, d);
    expect(f).toHaveLength(1);
    expect(f[0]!.location.table).toBe(4);
  });
});

describe("T-20 说明十 vs 表10", () => {
  it("passes", () => expect(findings(T20, doc())).toEqual([]));
  it("reports a sub-item that differs", () => {
    const d = doc();
    d.explanations[2]!.statements[4]!.amount = w("1.10");
    expect(findings(T20, d)[0]).toMatchObject({ location: { table: 10, section: "说明十（公务接待费）" } });
  });
  it("maps subjects to 表10 lines", () => {
    expect(threePublicKey("公务用车购置及运行费")).toBe("officialVehicles");
    expect(threePublicKey("公务用车运行维护费")).toBe("vehicleOperation");
  });
});

describe("T-21 说明十一 vs 表11", () => {
  it("passes", () => expect(findings(T21, doc())).toEqual([]));
  it("reports a project amount that differs", () => {
    const d = doc();
    d.explanations[3]!.statements[3]!.amount = w("4.00");
    expect(findings(T21, d)[0]).toMatchObject({ severity: "error", location: { table: 11, row: "2024年上年项目" } });
  });
});
