import { describe, expect, it } from "vitest";
import type { Fen } from "../../../model/money.ts";
import { wan } from "../../testing.ts";
import { cellsAgree, compareCells, compareEqual } from "./sum-cells.ts";

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

describe("cellsAgree", () => {
  it("is true exactly when compareCells and compareEqual find nothing (random totals and parts)", () => {
    // A fixed pseudo-random sequence over blanks, zeros, small and large amounts, exact and near sums.
    let state = 7;
    const rand = (n: number) => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state % n;
    };
    const amount = (): Fen | null => {
      const k = rand(5);
      if (k === 0) return null;
      if (k === 1) return 0 as Fen;
      return ((rand(2) ? -1 : 1) * rand(k === 4 ? 1e9 : 300) * 100) as Fen;
    };
    let agreeing = 0;
    for (let n = 0; n < 5000; n++) {
      const parts = Array.from({ length: rand(5) }, amount);
      const exact = parts.reduce<number>((a, p) => a + (p ?? 0), 0) as Fen;
      const k = rand(4);
      const total = k === 0 ? null : k === 1 ? exact : k === 2 ? ((exact + (rand(2) ? 100 : -1)) as Fen) : amount();
      const agree = cellsAgree(total, parts);
      if (agree) agreeing++;
      expect(agree).toBe(compareCells(rule, { total, parts, message: "m", location }) === undefined);
      expect(agree).toBe(compareEqual(rule, { actual: total, expected: parts, message: "m", location }) === undefined);
    }
    expect(agreeing).toBeGreaterThan(1000); // (both outcomes were exercised)
    expect(agreeing).toBeLessThan(4000);
  });
});
