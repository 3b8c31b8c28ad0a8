import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { T22, T23, T24, T25, T26 } from "./other-matters.ts";
import { bySeverity, explanation, findings, run, stmt, w } from "./testing.ts";

/** miniDisclosure: 表6 公用经费 5.00; 表10 运行费 4.00, 购置费 blank; 表3 total 135.00. */
function doc() {
  const d = miniDisclosure();
  d.overview.budgetUnits = [{ name: "测试局", kind: "administrative" }];
  d.otherMatters.officeOperatingCost = stmt(12, { subject: "机关运行经费", amount: w("5.00") });
  d.otherMatters.procurement = {
    total: w("10.00"),
    goods: w("4.00"),
    works: 0,
    services: w("6.00"),
    smeReserved: w("10.00"),
    microReserved: w("8.00"),
  };
  d.otherMatters.assets = {
    vehicles: { count: 2, value: w("30.00"), byType: [{ type: "一般公务用车", count: 2, value: w("30.00") }] },
    plannedVehicles: "未安排购置车辆经费",
  };
  d.overview.staffing = { authorized: 10, actual: 12, active: 9, activeChange: -1, retired: 3, lixiu: 0 };
  return d;
}

describe("T-22 机关运行经费 vs 公用经费", () => {
  it("passes when an administrative-only department has them equal", () => expect(findings(T22, doc())).toEqual([]));
  it("errors when above 公用经费, or when not equal for administrative units only", () => {
    const d = doc();
    d.otherMatters.officeOperatingCost!.amount = w("5.01");
    expect(findings(T22, d)[0]).toMatchObject({ severity: "error", location: { table: 6 } });
    d.otherMatters.officeOperatingCost!.amount = w("4.00");
    expect(bySeverity(findings(T22, d)).error).toBe(1);
  });
  it("cannot decide equality when the department includes an 事业单位", () => {
    const d = doc();
    d.overview.budgetUnits.push({ name: "中心", kind: "institution" });
    expect(run(T22, d)).toHaveProperty("notChecked");
    d.otherMatters.officeOperatingCost!.amount = w("4.00");
    expect(findings(T22, d)).toEqual([]);
  });
});

describe("T-23 政府采购", () => {
  it("passes", () => expect(findings(T23, doc())).toEqual([]));
  it("reports parts that do not add up and a micro reservation above the SME one", () => {
    const d = doc();
    d.otherMatters.procurement!.goods = w("5.00");
    d.otherMatters.procurement!.microReserved = w("11.00");
    expect(bySeverity(findings(T23, d)).error).toBe(2);
  });
});

describe("T-24/T-25 车辆", () => {
  it("passes", () => {
    expect(findings(T24, doc())).toEqual([]);
    expect(findings(T25, doc())).toEqual([]);
  });
  it("T-24 reports counts that do not add up", () => {
    const d = doc();
    d.otherMatters.assets!.vehicles!.count = 3;
    expect(findings(T24, d)[0]).toMatchObject({ severity: "error", expected: "2", actual: "3" });
  });
  it("T-25 warns on vehicles without 运行费", () => {
    const d = doc();
    d.otherMatters.assets!.vehicles = { count: 0, value: 0, byType: [] };
    expect(bySeverity(findings(T25, d)).warning).toBe(1);
  });
});

describe("T-26 人员", () => {
  it("passes and checks the change cited in 说明三", () => {
    const d = doc();
    d.explanations = [explanation(3, [], "主要原因是在职人数较上年减少 1 人。")];
    expect(findings(T26, d)).toEqual([]);
    d.explanations = [explanation(3, [], "主要原因是在职人数较上年减少 2 人。")];
    expect(findings(T26, d)[0]).toMatchObject({ severity: "error", expected: "-1", actual: "-2" });
  });
  it("reports 实有 ≠ 在职 + 退休 + 离休", () => {
    const d = doc();
    d.overview.staffing.actual = 13;
    expect(findings(T26, d)[0]).toMatchObject({ severity: "error", location: { part: "部门概况" } });
  });
});
