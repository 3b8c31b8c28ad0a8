/**
 * Cross-table rules on the seed: a change made consistently inside one table (the cell, its row
 * total and every ancestor total) passes every arithmetic rule of that table, so only a
 * cross-table rule can catch it. Each case names the rule expected to report it.
 */
import { describe, expect, it } from "vitest";
import type { Disclosure } from "../../../model/disclosure.ts";
import { check } from "../../index.ts";
import { addToCell, trySeedDisclosure, wan } from "../../testing.ts";
import { RULES as ARITH } from "../arithmetic/index.ts";
import { RULES as CROSS } from "./index.ts";

const seed = await trySeedDisclosure();

/** Adds delta to every (row, column) pair. */
function bump(d: Disclosure, table: number, rows: readonly string[], cols: readonly string[], delta: number) {
  let m = d;
  for (const r of rows) for (const c of cols) m = addToCell(m, table, r, c, delta);
  return m;
}

const ONE = wan("1.00");

const CASES: [string, number, string[], string[], number, string, number][] = [
  // [name, table, rows, columns, delta, rule expected, table of its error]
  ["表1 类 and 支出总计", 1, ["205", "支出总计"], ["expenditureAmount"], ONE, "K-07", 1],
  [
    "表2 项 and ancestors",
    2,
    ["2080101", "20801", "208", "总计"],
    ["total", "fiscalSubtotal", "generalBudget"],
    ONE,
    "K-12",
    2,
  ],
  ["表3 项 and ancestors", 3, ["2080101", "20801", "208", "总计"], ["total", "basic"], ONE, "K-13", 3],
  ["表5 项 and ancestors", 5, ["2101101", "21011", "210", "总计"], ["total", "basic"], ONE, "K-20", 5],
  ["表6 款 and ancestors", 6, ["30101", "301", "总计"], ["total", "personnel"], ONE, "K-24", 6],
  [
    "表7 project and ancestors",
    7,
    ["2025年购买社会保险经办服务项目", "20801", "208", "巴音郭楞蒙古自治州人力资源和社会保障局", "总计"],
    ["total", "e302"],
    ONE,
    "K-30",
    7,
  ],
  ["表10 公务接待 below 表6 30217", 10, ["officialReception", "total"], ["total", "generalBudget"], -ONE, "K-32", 10],
  [
    "表11 project and ancestors",
    11,
    ["2024 年中央就业补助资金项目", "巴音郭楞蒙古自治州人力资源和社会保障局", "总计"],
    ["total", "fiscalSubtotal", "fiscalProject"],
    ONE,
    "K-34",
    11,
  ],
];

describe.skipIf(!seed)("seed: cross-table rules catch changes consistent within one table", () => {
  const d = seed as Disclosure;

  it.each(CASES)("%s → %s", (_name, table, rows, cols, delta, rule, at) => {
    const m = bump(d, table, rows, cols, delta);
    const r = check(m, [...ARITH, ...CROSS]);
    const errors = r.findings.filter((f) => f.severity === "error");
    // the arithmetic of the changed table still holds…
    expect(errors.filter((f) => f.rule.startsWith("A-") && f.location.table === table)).toEqual([]);
    // …and the cross-table rule reports it
    expect(errors.some((f) => f.rule === rule && f.location.table === at)).toBe(true);
  });

  it("表4 fund line and class consistently +1.00 → K-17 at 表4", () => {
    let m = bump(d, 4, ["205", "支出总计"], ["expenditureTotal", "generalBudget"], ONE);
    m = bump(m, 4, ["fiscalAppropriation", "generalBudgetAppropriation", "total"], ["incomeAmount"], ONE);
    const errors = check(m, [...ARITH, ...CROSS]).findings.filter((f) => f.severity === "error");
    expect(errors.filter((f) => f.rule.startsWith("A-") || ["K-01", "K-16"].includes(f.rule))).toEqual([]);
    expect(errors.some((f) => f.rule === "K-17" && f.location.table === 4)).toBe(true);
    expect(errors.some((f) => f.rule === "K-18" && f.location.table === 4)).toBe(true);
  });
});
