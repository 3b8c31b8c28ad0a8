/**
 * The arithmetic and cross-table rules on the seed (domain-rules §9.1): no error, and notices
 * exactly for the known rounding differences; then single-cell mutations in every table with
 * amounts must each give an error located in the mutated table.
 */
import { describe, expect, it } from "vitest";
import type { Disclosure } from "../../../model/disclosure.ts";
import { check } from "../../index.ts";
import { addToCell, trySeedDisclosure, wan } from "../../testing.ts";
import { RULES as CROSS } from "../cross-table/index.ts";
import { RULES as ARITH } from "./index.ts";

const seed = await trySeedDisclosure();
const MINE = [...ARITH, ...CROSS];

describe.skipIf(!seed)("seed: arithmetic and cross-table rules", () => {
  const d = seed as Disclosure;

  it("run every rule but the general reader's two, with no error or warning", () => {
    const r = check(d, MINE);
    // A-ROW and A-COL check the identities the general reader finds in a table; the seed's tables
    // are read by the Xinjiang template, whose generated rules (A-T{n}-…) check them instead
    const reason = "表格按地区模板 xinjiang-2025-budget 读取，表内恒等式由该模板生成的表内规则（以 A-T 开头）检查";
    expect(r.notChecked).toEqual([
      { rule: "A-ROW", reason },
      { rule: "A-COL", reason },
    ]);
    expect(r.notApplicable).toEqual([]);
    expect(r.ran).toEqual(MINE.map((x) => x.id).filter((id) => id !== "A-ROW" && id !== "A-COL"));
    expect(r.findings.filter((f) => f.severity !== "notice")).toEqual([]);
  });

  it("give notices exactly for the rounding differences of domain-rules §9.1", () => {
    const notices = check(d, MINE).findings.map((f) => [
      f.rule,
      f.location.table,
      f.location.row,
      f.location.column,
      f.difference,
    ]);
    expect(notices).toEqual([
      ["A-T2-ROW", 2, "总计", "总计", "-0.01"],
      ["A-T2-ROW", 2, "208 社会保障和就业支出", "总计", "-0.01"],
      ["A-T2-ROW", 2, "20801 人力资源和社会保障管理事务", "总计", "-0.01"],
      ["A-T3-ROW", 3, "20801 人力资源和社会保障管理事务", "合计", "-0.01"],
      ["A-T2-HIER", 2, "20801 人力资源和社会保障管理事务", "总计", "-0.01"],
      ["A-T3-HIER", 3, "208 社会保障和就业支出", "项目支出", "-0.01"],
      ["A-T3-HIER", 3, "20801 人力资源和社会保障管理事务", "合计", "-0.01"],
      ["A-T6-HIER", 6, "301 工资福利支出", "合计", "0.01"],
      ["A-T6-HIER", 6, "302 商品和服务支出", "合计", "-0.01"],
      ["A-T6-HIER", 6, "303 对个人和家庭的补助", "合计", "0.01"],
      ["A-T1-LINES", 1, "一、本年收入", "收入/预算数", "-0.01"],
      ["K-05", 1, "收入总计", "收入/预算数", "-0.01"],
      ["K-21", 3, "总计", "项目支出", "-0.01"],
      ["K-21", 3, "208 社会保障和就业支出", "项目支出", "-0.01"],
    ]);
  });

  const ONE = wan("1.00");
  /** [table, row, column] of single leaf cells; +1.00 万元 each. */
  const LEAF_CELLS: [number, string, string][] = [
    [1, "otherIncome", "incomeAmount"],
    [1, "generalBudget", "incomeAmount"],
    [1, "fiscalCarryoverGeneral", "incomeAmount"],
    [1, "205", "expenditureAmount"],
    [2, "2080101", "generalBudget"],
    [2, "2080104", "unitFunds"],
    [2, "2080704", "fiscalCarryover"],
    [3, "2080101", "basic"],
    [3, "2080799", "project"],
    [4, "205", "generalBudget"],
    [4, "generalBudgetAppropriation", "incomeAmount"],
    [5, "2101101", "basic"],
    [5, "2080705", "project"],
    [6, "30101", "personnel"],
    [6, "30217", "operating"],
    [7, "2025年购买社会保险经办服务项目", "e302"],
    [7, "2025年人力资源和劳动保障业务项目", "e303"],
    [10, "officialReception", "generalBudget"],
    [10, "vehicleOperation", "total"],
    [11, "2024 年中央就业补助资金项目", "fiscalProject"],
  ];

  it.each(LEAF_CELLS)("表%i %s %s +1.00 → an error at that table", (table, row, column) => {
    const r = check(addToCell(d, table, row, column, ONE), MINE);
    const errors = r.findings.filter((f) => f.severity === "error");
    expect(errors.some((f) => f.location.table === table)).toBe(true);
  });

  /**
   * Changes that keep the row identity (total and one part together) must still be caught, by the
   * hierarchy or by another table.
   */
  const ROW_CONSISTENT: [number, string, string, string][] = [
    [2, "2080101", "total", "generalBudget"],
    [3, "2080101", "total", "basic"],
    [5, "2101101", "total", "basic"],
    [6, "30101", "total", "personnel"],
    [7, "2025年购买社会保险经办服务项目", "total", "e302"],
    [10, "officialReception", "total", "generalBudget"],
    [11, "2024 年中央就业补助资金项目", "total", "fiscalSubtotal"],
  ];

  it.each(ROW_CONSISTENT)("表%i %s: %s and %s both +1.00 → still an error at that table", (table, row, a, b) => {
    let m = addToCell(d, table, row, a, ONE);
    m = addToCell(m, table, row, b, ONE);
    if (table === 11) m = addToCell(m, table, row, "fiscalProject", ONE);
    const errors = check(m, MINE).findings.filter((f) => f.severity === "error");
    expect(errors.some((f) => f.location.table === table)).toBe(true);
  });
});
