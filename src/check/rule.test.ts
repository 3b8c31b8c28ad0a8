import { describe, expect, it } from "vitest";
import { compareSum } from "./rule.ts";

const rule = { id: "X-01", severity: "error" as const };
const location = { part: "部门预算公开表", table: 1 };

describe("compareSum", () => {
  it("reports figures in the unit the table prints: 万元", () => {
    const f = compareSum(rule, {
      expected: 12_345_670_000,
      actual: 12_345_690_000,
      addends: 2,
      message: "m",
      location,
    });
    expect(f).toMatchObject({ severity: "error", expected: "12,345.67", actual: "12,345.69", difference: "0.02" });
  });
  it("reports figures in the unit the table prints: 元 (Shanghai tables), not as 万元", () => {
    // 1,234,567.89 元 printed, parts add up to 1,234,567.00 元: 89 分 apart, beyond 0.005 × 3 元
    const f = compareSum(rule, {
      expected: 123_456_700,
      actual: 123_456_789,
      addends: 2,
      message: "m",
      location,
      unit: "yuan",
    });
    expect(f).toMatchObject({
      severity: "error",
      expected: "1,234,567.00",
      actual: "1,234,567.89",
      difference: "0.89",
    });
  });
  it("makes the message and place only when there is a finding", () => {
    let made = 0;
    const lazy = () => {
      made++;
      return "m";
    };
    expect(compareSum(rule, { expected: 5, actual: 5, addends: 1, message: lazy, location: () => location })).toBe(
      undefined,
    );
    expect(made).toBe(0);
    expect(compareSum(rule, { expected: 5, actual: 5_000_000, addends: 1, message: lazy, location })?.message).toBe(
      "m",
    );
    expect(made).toBe(1);
  });
  it("a rounding-level difference is a notice", () => {
    const f = compareSum(rule, { expected: 10_000, actual: 20_000, addends: 1, message: "m", location });
    expect(f?.severity).toBe("notice");
  });
});
