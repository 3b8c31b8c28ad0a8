import { describe, expect, it } from "vitest";
import type { Row } from "../../../model/disclosure.ts";
import {
  coded,
  findingsOf,
  makeDisclosure,
  makeTable,
  miniDisclosure,
  runRule,
  total,
  wan,
  withCell,
} from "../../testing.ts";
import { childIndex, HIERARCHY_RULES } from "./code-hierarchy.ts";

const rule = (id: string) => HIERARCHY_RULES.find((r) => r.id === id)!;

describe("A-T{n}-HIER", () => {
  it("covers the function- and economic-coded tables", () => {
    expect(HIERARCHY_RULES.map((r) => r.id)).toEqual([
      "A-T2-HIER",
      "A-T3-HIER",
      "A-T5-HIER",
      "A-T6-HIER",
      "A-T8-HIER",
      "A-T9-HIER",
    ]);
  });

  it("passes a consistent disclosure", () => {
    const d = miniDisclosure();
    for (const r of HIERARCHY_RULES) expect(findingsOf(r, d)).toEqual([]);
  });

  it("compares each level with the next one only (never 类 + 款 + 项 together)", () => {
    const rows = makeTable("expenditure", [
      coded("208", "a", {}),
      coded("20801", "b", {}),
      coded("2080101", "c", {}),
      coded("20802", "d", {}),
    ]).rows;
    expect(childIndex(rows, [3, 5, 7])("208").map((r) => r.code)).toEqual(["20801", "20802"]);
    expect(childIndex(rows, [3, 5, 7])("").map((r) => r.code)).toEqual(["208"]);
    // a 类 printed with 项 rows directly under it
    const flat = makeTable("expenditure", [coded("208", "a", {}), coded("2080101", "c", {})]).rows;
    expect(childIndex(flat, [3, 5, 7])("208").map((r) => r.code)).toEqual(["2080101"]);
  });

  it("childIndex finds the children the one-pass-per-parent definition finds, for every prefix", () => {
    const rows = makeTable("expenditure", [
      coded("208", "a", {}),
      coded("20801", "b", {}),
      coded("2080101", "c", {}),
      coded("2080102", "c2", {}),
      coded("20802", "d", {}),
      coded("210", "e", {}),
      coded("2100101", "f", {}),
      coded("221", "g", {}),
    ]).rows;
    const children = childIndex(rows, [3, 5, 7]);
    for (const prefix of ["", "208", "20801", "20802", "210", "21001", "221", "999"])
      expect(children(prefix).map((r) => r.code)).toEqual(childrenOf(rows, prefix, [3, 5, 7]).map((r) => r.code));
  });

  it("reports a 项 change at the 款 (and only there when 类 still adds up from 款)", () => {
    const d = withCell(miniDisclosure(), 3, "2080101", "basic", wan("61.00"));
    const f = findingsOf(rule("A-T3-HIER"), d);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "error",
      location: { table: 3, row: "20801 人力资源和社会保障管理事务", column: "基本支出" },
    });
  });

  it("reports 总计 ≠ Σ 类", () => {
    const d = withCell(miniDisclosure(), 5, "总计", "total", wan("121.00"));
    expect(findingsOf(rule("A-T5-HIER"), d)[0]).toMatchObject({
      location: { row: "总计", column: "合计" },
      difference: "1.00",
    });
  });

  it("economic hierarchy: 类 = Σ 款, reported once per row for a rounding difference", () => {
    const t6 = makeTable("basicExpenditure", [
      total({ total: "3.01", personnel: "3.01" }),
      coded("301", "工资福利支出", { total: "3.01", personnel: "3.01" }),
      coded("30101", "基本工资", { total: "1.00", personnel: "1.00" }),
      coded("30102", "津贴补贴", { total: "2.00", personnel: "2.00" }),
    ]);
    const f = findingsOf(rule("A-T6-HIER"), makeDisclosure([t6]));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "notice", location: { row: "301 工资福利支出", column: "合计" } });
    expect(f[0]?.message).toContain("人员经费");
  });

  it("empty tables pass; missing tables are not checked", () => {
    expect(findingsOf(rule("A-T8-HIER"), miniDisclosure())).toEqual([]);
    expect(runRule(rule("A-T2-HIER"), makeDisclosure([]))).toHaveProperty("notChecked");
  });
});

/** The definition childIndex must agree with: one filter over the rows per parent. */
function childrenOf(rows: readonly Row[], prefix: string, lengths: readonly number[]): Row[] {
  for (const len of lengths) {
    if (len <= prefix.length) continue;
    const kids = rows.filter((r) => r.code !== undefined && r.code.length === len && r.code.startsWith(prefix));
    if (kids.length > 0) return kids;
  }
  return [];
}
