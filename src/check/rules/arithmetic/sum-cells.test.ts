import { describe, expect, it } from "vitest";
import { wan } from "../../testing.ts";
import { compareCells, compareEqual } from "./sum-cells.ts";

const rule = { id: "X", severity: "error" as const };
const location = { table: 1 };

describe("compareCells", () => {
  it("passes equal sums and ignores blanks", () => {
    expect(
      compareCells(rule, { total: wan("3.00"), parts: [wan("1.00"), null, wan("2.00")], message: "m", location }),
    ).toBe(undefined);
    expect(compareCells(rule, { total: null, parts: [null, wan("0.00")], message: "m", location })).toBe(undefined);
  });

  it("gives a notice within 0.005 × (n + 1) 万元 and an error beyond", () => {
    const n = compareCells(rule, { total: wan("3.01"), parts: [wan("1.00"), wan("2.00")], message: "m", location });
    expect(n).toMatchObject({ severity: "notice", expected: "3.00", actual: "3.01", difference: "0.01" });
    const e = compareCells(rule, { total: wan("3.02"), parts: [wan("1.00"), wan("2.00")], message: "m", location });
    expect(e?.severity).toBe("error");
  });

  it("does not give rounding allowance for blank parts", () => {
    // one printed part → tolerance 0.01; 0.02 is an error even though two more parts are blank
    const e = compareCells(rule, { total: wan("1.02"), parts: [wan("1.00"), null, null], message: "m", location });
    expect(e?.severity).toBe("error");
  });

  it("reports a blank total with non-zero parts as an error, never as 0", () => {
    const e = compareCells(rule, { total: null, parts: [wan("0.01")], message: "m", location });
    expect(e).toMatchObject({ severity: "error", actual: "（空）", expected: "0.01" });
    expect(e?.message).toContain("合计为空但分项不为空");
  });

  it("compareEqual: blank against a figure is an error, 0.00 against blank is not", () => {
    expect(compareEqual(rule, { actual: null, expected: [wan("5.00")], message: "m", location })?.severity).toBe(
      "error",
    );
    expect(compareEqual(rule, { actual: wan("5.00"), expected: [null], message: "m", location })?.severity).toBe(
      "error",
    );
    expect(compareEqual(rule, { actual: wan("0.00"), expected: [null], message: "m", location })).toBe(undefined);
  });
});
