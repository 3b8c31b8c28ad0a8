import { describe, expect, it } from "vitest";
import type { Rule } from "../../rule.ts";
import { miniDisclosure } from "../../testing.ts";
import { bySeverity, explanation, findings, stmt, w } from "../text/testing.ts";
import { C28, C29, C30, SECTION_RULES } from "./sections.ts";

const rule = (id: string): Rule => SECTION_RULES.find((r) => r.id === id)!;
const ch = (subject: string, no: number, extra: object = {}) =>
  stmt(no, { subject, amount: w("1.00"), share: 100, change: w("0.10"), growth: 1111, reason: "业务增加", ...extra });

/** miniDisclosure (一般财力 100, 上级转移 20, 单位资金 10, 结转 5) with all twelve 说明 sections. */
function doc() {
  const d = miniDisclosure();
  d.explanations = [
    explanation(1, [stmt(1, { subject: "收支总预算", amount: w("135.00") })]),
    explanation(2, [
      ch("一般公共预算", 2),
      ch("上级一般公共预算安排的转移支付资金", 2),
      ch("单位资金", 2),
      ch("财政拨款结转", 2),
    ]),
    explanation(3, [ch("基本支出", 3), ch("项目支出", 3)]),
    explanation(4, [stmt(4, { subject: "财政拨款收支总预算", amount: w("120.00") })]),
    explanation(5, [
      ch("基本支出", 5),
      ch("项目支出", 5),
      stmt(5, { subject: "社会保障和就业支出（类）", code: "208", amount: w("90.00"), share: 7500 }),
      ch("社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）", 5, { code: "2080101" }),
    ]),
    explanation(6, [
      stmt(6, { subject: "人员经费", amount: w("85.00") }),
      stmt(6, { subject: "公用经费", amount: w("5.00") }),
    ]),
    explanation(7, []),
    explanation(8, [], "为空表"),
    explanation(9, [], "为空表"),
    explanation(10, [
      stmt(10, { subject: "财政拨款“三公”经费", amount: w("5.00"), change: 0 }),
      stmt(10, { subject: "因公出国（境）费", amount: 0, change: 0 }),
      stmt(10, { subject: "公务用车购置费", amount: 0, change: 0 }),
      stmt(10, { subject: "公务用车运行费", amount: w("4.00"), change: 0 }),
      stmt(10, { subject: "公务接待费", amount: w("1.00"), change: 0 }),
    ]),
    explanation(11, []),
    explanation(12, []),
  ];
  d.projects = [
    {
      name: "2025年业务项目",
      basis: ["某文件"],
      scale: w("30.00"),
      unit: "测试单位",
      allocation: [{ label: "培训", amount: w("30.00") }],
      period: "2025年全年",
      extra: {},
    },
  ];
  d.otherMatters.officeOperatingCost = ch("机关运行经费", 12);
  d.otherMatters.procurement = { total: w("1.00"), goods: w("1.00"), works: 0, services: 0, smeReserved: w("1.00") };
  d.otherMatters.assets = {
    buildingArea: "100",
    vehicles: { count: 0, value: 0, byType: [] },
    equipmentOver50: 0,
    plannedVehicles: "未安排",
  };
  return d;
}

describe("C-18 … C-30 说明 sections", () => {
  it("pass on a complete document", () => {
    for (const r of [...SECTION_RULES, C28, C29, C30]) expect(findings(r, doc())).toEqual([]);
  });
  it("report a missing section as an error naming it", () => {
    const d = doc();
    d.explanations = d.explanations.filter((e) => e.no !== 11 && e.no !== 9);
    expect(findings(rule("C-27"), d)[0]).toMatchObject({ severity: "error", location: { section: "说明十一" } });
    expect(findings(rule("C-25"), d)[0]!.message).toContain("国有资本经营预算拨款");
  });
  // Each section rule, one by one: its section removed → an error from that rule at that section.
  const SECTIONS: [string, number][] = [
    ["C-18", 1],
    ["C-19", 2],
    ["C-20", 3],
    ["C-21", 4],
    ["C-22", 5],
    ["C-23", 6],
    ["C-24", 7],
    ["C-25", 8],
    ["C-26", 10],
    ["C-27", 11],
  ];
  for (const [id, no] of SECTIONS) {
    it(`${id}: 说明 section ${no} missing is an error`, () => {
      const d = doc();
      d.explanations = d.explanations.filter((e) => e.no !== no);
      const f = findings(rule(id), d);
      expect(f[0]).toMatchObject({ rule: id, severity: "error" });
    });
  }
  it("C-20, C-21, C-23: a section without its amounts is an error", () => {
    for (const [id, no] of [
      ["C-20", 3],
      ["C-21", 4],
      ["C-23", 6],
    ] as const) {
      const d = doc();
      for (const e of d.explanations) if (e.no === no) e.statements = [];
      expect(
        findings(rule(id), d).some((f) => f.severity === "error"),
        id,
      ).toBe(true);
    }
  });
  it("C-29: 政府采购 missing, or its parts not adding up, is reported", () => {
    const d = doc();
    delete d.otherMatters.procurement;
    expect(findings(C29, d).length).toBeGreaterThan(0);
  });

  it("C-19: a source in 表1 without a sentence is an error; a missing reason a warning", () => {
    const d = doc();
    d.explanations[1]!.statements.splice(3, 1);
    d.explanations[1]!.statements[2]!.reason = undefined;
    const f = findings(rule("C-19"), d);
    expect(bySeverity(f)).toEqual({ error: 1, warning: 1, notice: 0 });
  });
  it("C-22: a placeholder reason is a warning located at the item", () => {
    const d = doc();
    d.explanations[4]!.statements[3]!.reason = "【待填写：原因】";
    const f = findings(rule("C-22"), d);
    expect(f).toEqual([
      expect.objectContaining({
        severity: "warning",
        location: expect.objectContaining({ section: "说明五（三）第 1 项" }),
      }),
    ]);
  });
  it("C-24: a 补助类 project lacks its subsidy details", () => {
    const d = doc();
    d.projects[0]!.extra = { 补贴人数: "10 人" };
    expect(findings(rule("C-24"), d)[0]!.message).toContain("补贴标准");
  });
  it("C-26: a 三公 sub-item without its change", () => {
    const d = doc();
    d.explanations[9]!.statements[4]!.change = undefined;
    expect(findings(rule("C-26"), d)[0]!.message).toContain("公务接待费比上年增减");
  });
  it("C-28 … C-30 report what is missing", () => {
    const d = doc();
    d.otherMatters = { notes: [] };
    for (const r of [C28, C29, C30]) expect(findings(r, d)[0]!.severity).toBe("error");
  });
});
