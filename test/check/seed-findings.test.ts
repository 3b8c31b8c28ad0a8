/**
 * The whole catalogue on the real seed (新疆巴州人社局 2025) gives exactly the findings that
 * domain-rules.md §9 describes: no errors, the rounding differences of §9.1 as notices, and the
 * questionable items of §9.2–9.6 as warnings. Any new or lost finding fails this test.
 */
import { describe, expect, it } from "vitest";
import { check } from "../../src/check/index.ts";
import { ALL_RULES } from "../../src/check/rules/index.ts";
import { seedDisclosure } from "../../src/check/testing.ts";

type Key = [rule: string, severity: string, place: string];

const EXPECTED: Key[] = [
  // §9.2 growth "100.00%" from a zero base (three 项)
  ["T-12", "warning", "说明五（三）第 1 项"],
  ["T-12", "warning", "说明五（三）第 6 项"],
  ["T-12", "warning", "说明五（三）第 7 项"],
  // §9.3 cost ceiling 4.16 万元/月 × 12 = 49.92 < 50.00
  ["T-32", "warning", "2025 年购买社会保险经办服务项目"],
  // §9.4 "2024 年" inside the 2025 project description
  ["T-34", "warning", "说明七（2025年中央就业补助项目）"],
  // §9.6 the "*" placeholder, the unit mismatch, three headers without 指标赋分规则
  ["C-34", "warning", "2025 年社会保险经办服务和中心运行项目"],
  ["P-08", "warning", "2024-2025 年中央就业补助项目"],
  ["P-09", "warning", "2025 年人社系统专项业务及党建活动项目（自有资金）"],
  ["P-09", "warning", "2025 年人事考试及初任培训项目"],
  ["P-09", "warning", "2025 年社会保险经办服务和中心运行项目"],
  // §9.5 教育强国 has no 满意度指标
  ["P-04", "warning", "教育强国推进工程（公共实训基地建设方向）"],
  // §9.1 rounding differences
  ["A-T1-LINES", "notice", "表1 一、本年收入"],
  ["K-05", "notice", "表1 收入总计"],
  ["A-T2-ROW", "notice", "表2 总计"],
  ["A-T2-ROW", "notice", "表2 208 社会保障和就业支出"],
  ["A-T2-ROW", "notice", "表2 20801 人力资源和社会保障管理事务"],
  ["A-T2-HIER", "notice", "表2 20801 人力资源和社会保障管理事务"],
  ["A-T3-ROW", "notice", "表3 20801 人力资源和社会保障管理事务"],
  ["A-T3-HIER", "notice", "表3 20801 人力资源和社会保障管理事务"],
  ["A-T3-HIER", "notice", "表3 208 社会保障和就业支出"],
  ["K-21", "notice", "表3 总计"],
  ["K-21", "notice", "表3 208 社会保障和就业支出"],
  ["A-T6-HIER", "notice", "表6 301 工资福利支出"],
  ["A-T6-HIER", "notice", "表6 302 商品和服务支出"],
  ["A-T6-HIER", "notice", "表6 303 对个人和家庭的补助"],
  ["T-07", "notice", "说明二"],
  ["T-30", "notice", "全部项目支出绩效目标表"],
  ["T-31", "notice", "部门整体绩效目标表"],
];

describe("the rule catalogue on the seed", async () => {
  const d = await seedDisclosure();
  const report = check(d);

  it("finds no error", () => {
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("gives exactly the expected notices and warnings", () => {
    const actual: Key[] = report.findings.map((f) => [
      f.rule,
      f.severity,
      f.location.table !== undefined && f.location.section === undefined
        ? `表${f.location.table} ${f.location.row}`
        : (f.location.section ?? ""),
    ]);
    const sort = (k: Key[]) => [...k].map((x) => x.join(" | ")).sort();
    expect(sort(actual)).toEqual(sort(EXPECTED));
  });

  it("says which rules could not run, and why; every other rule ran", () => {
    // the rules written for the general reader (its tables' own identities, the national 说明 by
    // subject) do not run on a document read by its regional template: the template's own rules do
    const tables = "表格按地区模板 xinjiang-2025-budget 读取，表内恒等式由该模板生成的表内规则（以 A-T 开头）检查";
    const prose = "地区模板 xinjiang-2025-budget 的说明部分由 C-18 … C-32 按其结构检查";
    const national = ["N-01", "N-02", "N-03", "N-04", "N-05", "N-06", "N-07", "N-08", "N-09"];
    // the general 说明 rules leave a regional document's 说明 to its template's T rules
    const t = "地区模板 xinjiang-2025-budget 的";
    const statements = [
      { rule: "S-01", reason: `${t}说明增长率由 T-04、T-12 按其说明结构核对` },
      { rule: "S-02", reason: `${t}说明增减方向由 T-04、T-12 按其说明结构核对` },
      { rule: "S-03", reason: `${t}说明增减额由 T-04 … T-13 按其说明结构核对` },
      { rule: "S-06", reason: `${t}空表说明由 T-19 按其说明结构检查` },
      { rule: "S-07", reason: `${t}说明金额由 T-01 … T-21 按其说明结构逐项核对` },
      { rule: "S-08", reason: `${t}说明占比由 T-03、T-10 按其说明结构核对` },
    ];
    expect(report.notChecked).toEqual([
      { rule: "A-ROW", reason: tables },
      { rule: "A-COL", reason: tables },
      {
        rule: "T-22",
        reason:
          "机关运行经费等于全部公用经费 116.76 万元，但部门含事业单位；只有该事业单位参公或没有一般公共预算公用经费时才正确，文件未说明，无法判断",
      },
      ...statements,
      {
        rule: "C-01",
        reason: "文件落款日期为 2025-02-12，但没有财政部门批复日期，无法判断是否在批复后 20 日内公开；请提供批复日期",
      },
      ...national.map((rule) => ({ rule, reason: prose })),
    ]);
    // the 决算 rules do not apply to a budget; every other rule of the catalogue ran
    const finalOnly = ALL_RULES.filter((r) => r.appliesTo?.join() === "finalAccounts").map((r) => r.id);
    expect(finalOnly).toHaveLength(13);
    expect(report.notApplicable.map((n) => n.rule)).toEqual(finalOnly);
    const skipped = new Set([...report.notChecked, ...report.notApplicable].map((n) => n.rule));
    expect(report.ran).toEqual(ALL_RULES.map((r) => r.id).filter((id) => !skipped.has(id)));
    // the template's rules that stand in for them ran
    for (const id of ["A-T1-LINES", "A-T2-ROW", "A-T3-HIER", "A-T6-HIER", "C-18", "C-32"])
      expect(report.ran).toContain(id);
  });

  it("every rounding notice is within 0.005 × (n + 1) 万元 and says so", () => {
    for (const f of report.findings.filter((x) => x.severity === "notice")) {
      expect(f.message).toContain("四舍五入");
      expect(f.difference).toMatch(/^-?0\.0[1-9]$/);
    }
  });
});
