import { describe, expect, it } from "vitest";
import { findingsOf, makeDisclosure, miniDisclosure, runRule, wan, withCell } from "../../testing.ts";
import { K12, K17, K34 } from "./income-lines.ts";

describe("K-12, K-17, K-34", () => {
  it("pass a consistent disclosure", () => {
    const d = miniDisclosure();
    for (const r of [K12, K17, K34]) expect(findingsOf(r, d)).toEqual([]);
  });

  it("K-12: 表2 总计行 column vs 表1 line", () => {
    const d = withCell(miniDisclosure(), 1, "otherIncome", "incomeAmount", wan("11.00"));
    expect(findingsOf(K12, d)).toEqual([]);
    const d2 = withCell(miniDisclosure(), 1, "unitFunds", "incomeAmount", wan("11.00"));
    expect(findingsOf(K12, d2)).toEqual([
      expect.objectContaining({ location: expect.objectContaining({ table: 2, row: "总计", column: "单位资金" }) }),
    ]);
  });

  it("K-17: 表4 财政拨款 vs 表1 本年财政拨款", () => {
    const d = withCell(miniDisclosure(), 4, "fiscalAppropriation", "incomeAmount", wan("121.00"));
    expect(findingsOf(K17, d)[0]).toMatchObject({ location: { table: 4 }, expected: "120.00", actual: "121.00" });
  });

  it("K-34: 表11 总计 vs 表1 上年结转结余; empty 表11 with carry-over", () => {
    const d = withCell(miniDisclosure(), 11, "总计", "fiscalSubtotal", wan("6.00"));
    expect(findingsOf(K34, d)[0]).toMatchObject({ location: { table: 11, column: "财政拨款/小计" } });
    const empty = structuredClone(miniDisclosure());
    empty.tables[10]!.rows = [];
    expect(findingsOf(K34, empty)[0]?.severity).toBe("error");
  });

  it("not checked without 表1", () => {
    const d = makeDisclosure(miniDisclosure().tables.filter((t) => t.no !== 1));
    for (const r of [K12, K17, K34]) expect(runRule(r, d)).toHaveProperty("notChecked");
  });
});
