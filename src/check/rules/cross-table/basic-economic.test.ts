import { describe, expect, it } from "vitest";
import { findingsOf, makeDisclosure, miniDisclosure, runRule, wan, withCell } from "../../testing.ts";
import { K25, K26, K32 } from "./basic-economic.ts";

describe("K-25, K-26, K-32", () => {
  it("pass a consistent disclosure", () => {
    const d = miniDisclosure();
    for (const r of [K25, K26, K32]) expect(findingsOf(r, d)).toEqual([]);
  });

  it("K-25 (warning): 人员经费 ≠ 301 + 303", () => {
    const d = withCell(miniDisclosure(), 6, "总计", "personnel", wan("86.00"));
    expect(findingsOf(K25, d)).toEqual([
      expect.objectContaining({
        severity: "warning",
        location: expect.objectContaining({ table: 6, column: "人员经费" }),
      }),
    ]);
  });

  it("K-26 (warning): 30113 ≠ 2210201", () => {
    const d = withCell(miniDisclosure(), 6, "30113", "total", wan("31.00"));
    expect(findingsOf(K26, d)).toEqual([
      expect.objectContaining({
        severity: "warning",
        location: expect.objectContaining({ table: 6, row: "30113 住房公积金" }),
      }),
    ]);
  });

  it("K-32: 三公 line smaller than the 表6 款", () => {
    const d = withCell(miniDisclosure(), 10, "officialReception", "total", wan("0.50"));
    expect(findingsOf(K32, d)).toEqual([
      expect.objectContaining({
        severity: "error",
        expected: "≥ 1.00",
        actual: "0.50",
        location: expect.objectContaining({ table: 10, row: "公务接待费" }),
      }),
    ]);
    // larger is fine: 三公 may also be paid from project funds
    expect(findingsOf(K32, withCell(miniDisclosure(), 10, "officialReception", "total", wan("2.00")))).toEqual([]);
  });

  it("not checked without 表6", () => {
    const d = makeDisclosure(miniDisclosure().tables.filter((t) => t.no !== 6));
    for (const r of [K25, K26, K32]) expect(runRule(r, d)).toHaveProperty("notChecked");
  });
});
