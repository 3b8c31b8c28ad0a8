import { describe, expect, it } from "vitest";
import { TABLES_IN_OTHER_FILE } from "../../rule.ts";
import { findingsOf, makeDisclosure, miniDisclosure, runRule, wan, withCell } from "../../testing.ts";
import { K01, K06, K16 } from "./two-sided.ts";

describe("K-01, K-06, K-16", () => {
  it("pass a consistent disclosure", () => {
    const d = miniDisclosure();
    for (const r of [K01, K06, K16]) expect(findingsOf(r, d)).toEqual([]);
  });

  it("K-01: 收入总计 ≠ 支出总计", () => {
    const d = withCell(miniDisclosure(), 1, "total", "expenditureAmount", wan("136.00"));
    expect(findingsOf(K01, d)).toEqual([
      expect.objectContaining({ severity: "error", location: expect.objectContaining({ table: 1, row: "支出总计" }) }),
    ]);
  });

  it("K-06: 支出总计 ≠ Σ 类", () => {
    const d = withCell(miniDisclosure(), 1, "221", "expenditureAmount", wan("31.00"));
    expect(findingsOf(K06, d)[0]).toMatchObject({ expected: "136.00", actual: "135.00", location: { table: 1 } });
  });

  it("K-16: 表4 class sums per column and fund lines", () => {
    const d = withCell(miniDisclosure(), 4, "208", "generalBudget", wan("91.00"));
    expect(findingsOf(K16, d)[0]).toMatchObject({
      location: { table: 4, row: "支出总计", column: "财政拨款支出/一般公共预算" },
    });
    const d2 = withCell(miniDisclosure(), 4, "generalBudgetAppropriation", "incomeAmount", wan("119.00"));
    expect(findingsOf(K16, d2).map((f) => f.location.column)).toEqual(["财政拨款支出/一般公共预算"]);
  });

  it("not checked without the table", () => {
    expect(runRule(K01, makeDisclosure([]))).toEqual({ notChecked: "缺少表1（部门收支总体情况表）" });
    expect(runRule(K16, makeDisclosure([]))).toHaveProperty("notChecked");
  });

  it("on the text half of a two-file document, say the tables are in the other file (not missing)", () => {
    const text = makeDisclosure([]);
    text.provenance.parts = ["text"];
    for (const r of [K01, K06, K16]) expect(runRule(r, text)).toEqual({ notChecked: TABLES_IN_OTHER_FILE });
    // a document whose tables were read but lack 表1 still says 表1 is missing
    const tables = makeDisclosure([]);
    tables.provenance.parts = ["tables", "text"];
    expect(runRule(K01, tables)).toEqual({ notChecked: "缺少表1（部门收支总体情况表）" });
  });
});
