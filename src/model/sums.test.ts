import { describe, expect, it } from "vitest";
import { differencesFormRow } from "./sums.ts";

// 杭州市公安局 2026 表7, in 分: the 合计 row exceeds its units by 144.00 万元 in 三公合计, 小计, 运行维护费
const ACROSS = [
  { total: "all", parts: ["abroad", "vehicles", "reception"] },
  { total: "vehicles", parts: ["purchase", "operation"] },
];
const diff = (d: Record<string, number>) =>
  new Map(["all", "abroad", "vehicles", "purchase", "operation", "reception"].map((k) => [k, d[k] ?? 0]));

describe("differencesFormRow", () => {
  it("is true when the differences add up across as a row does", () => {
    expect(differencesFormRow(diff({ all: 14400, vehicles: 14400, operation: 14400 }), ACROSS, 5)).toBe(true);
  });

  it("allows the rounding of sums over many rows, and no more", () => {
    expect(differencesFormRow(diff({ all: 14402, vehicles: 14400, operation: 14400 }), ACROSS, 1)).toBe(true);
    expect(differencesFormRow(diff({ all: 14500, vehicles: 14400, operation: 14400 }), ACROSS, 5)).toBe(false);
  });

  it("is false when no identity across involves the differences", () => {
    expect(differencesFormRow(diff({ all: 14400 }), [], 5)).toBe(false);
    expect(differencesFormRow(new Map([["x", 100]]), ACROSS, 5)).toBe(false);
  });
});
