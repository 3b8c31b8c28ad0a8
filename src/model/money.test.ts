import Big from "big.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatAmount,
  formatPercent,
  formatPrinted,
  groupThousands,
  growth,
  parseAmount,
  parsePercent,
  roundingTolerance,
  roundToPrinted,
  share,
  sum,
} from "./money.ts";

describe("parseAmount", () => {
  it("parses 万元 amounts exactly into 分", () => {
    expect(parseAmount("5,219.30", "wanyuan")).toBe(5_219_300_000);
    expect(parseAmount("0.15", "wanyuan")).toBe(150_000);
    expect(parseAmount("-0.01", "wanyuan")).toBe(-10_000);
    expect(parseAmount("1,065", "wanyuan")).toBe(1_065_000_000);
    expect(parseAmount(" 321.44 ", "wanyuan")).toBe(321_440_000);
    expect(parseAmount("12345.67", "yuan")).toBe(1_234_567);
  });
  it("rejects what is not an amount instead of guessing", () => {
    for (const t of ["", "abc", "1,23.4", "2025年", "1.2.3", "12345.678", "201 06"]) {
      expect(parseAmount(t, "yuan")).toBeUndefined();
    }
  });
  it("never goes through floats: 0.1 + 0.2 is exact", () => {
    const a = parseAmount("0.10", "wanyuan") as number;
    const b = parseAmount("0.20", "wanyuan") as number;
    expect(formatAmount(sum([a, b]))).toBe("0.30");
  });
  it("round-trips every 2-decimal 万元 amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (cents) => {
        const f = cents * 10_000;
        expect(parseAmount(formatAmount(f), "wanyuan")).toBe(f);
      }),
    );
  });
});

describe("parseAmount's fast path", () => {
  /** the full parser alone: what every input must parse to */
  const reference = (text: string, unit: "wanyuan" | "yuan") => {
    const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text.trim().replace(/，/g, ","));
    if (!m) return undefined;
    const scale = unit === "wanyuan" ? 6 : 2;
    const frac = m[3] ?? "";
    if (frac.length > scale) return undefined;
    const n = Number((m[2] ?? "0").replace(/,/g, "") + frac.padEnd(scale, "0"));
    if (!Number.isSafeInteger(n)) return undefined;
    return m[1] === "-" ? -n : n;
  };
  it("parses every string of digits, points, commas and signs as the full parser does", () => {
    const ch = fc.constantFrom(..."0123456789.,-+ ，x");
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 24 }), fc.constantFrom("wanyuan" as const, "yuan" as const), (cs, unit) => {
        const s = cs.join("");
        expect(parseAmount(s, unit)).toBe(reference(s, unit));
      }),
      { numRuns: 20000 },
    );
    for (const s of ["999999999999999", "9007199254", "9007199254.740993", "0", "00012.5", "1.", ".5", "12.3456789"])
      for (const unit of ["wanyuan", "yuan"] as const) expect(parseAmount(s, unit)).toBe(reference(s, unit));
  });
});

describe("formatPrinted", () => {
  it("prints a table's own decimals: 6 in a 万元 table stay 6, 2 or fewer as formatAmount", () => {
    const f = 112859652716; // 112,859.652716 万元 in 分
    expect(formatPrinted(f, "wanyuan", 6)).toBe("112,859.652716");
    expect(formatPrinted(f, "wanyuan", 6, false)).toBe("112859.652716");
    expect(formatPrinted(f, "wanyuan", 4)).toBe("112,859.6527");
    expect(formatPrinted(-f, "wanyuan", 6)).toBe("-112,859.652716");
    expect(formatPrinted(f, "wanyuan", 2)).toBe(formatAmount(f));
    expect(formatPrinted(f, "wanyuan", undefined)).toBe("112,859.65");
    // 元 hold two decimals: more are cut at what the unit holds
    expect(formatPrinted(12345, "yuan", 6)).toBe("123.45");
  });

  it("reads back to the same 分 at 6 decimals, for any amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 14), max: 10 ** 14 }), (f) => {
        expect(parseAmount(formatPrinted(f, "wanyuan", 6), "wanyuan")).toBe(f);
      }),
    );
  });
});

describe("groupThousands", () => {
  it("prints what toLocaleString('en-US') prints, for every size of integer", () => {
    for (const n of [0, 7, 12, 999, 1000, 12345, 123456, 1234567, 1000000000, 2 ** 53 - 1]) {
      expect(groupThousands(n)).toBe(n.toLocaleString("en-US"));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(groupThousands(n)).toBe(n.toLocaleString("en-US"));
      }),
    );
  });
});

describe("rounding", () => {
  it("rounds half up away from zero to 0.01 万元", () => {
    expect(roundToPrinted(1_234_500, "wanyuan")).toBe(1_230_000);
    expect(roundToPrinted(1_235_000, "wanyuan")).toBe(1_240_000);
    expect(roundToPrinted(-1_235_000, "wanyuan")).toBe(-1_240_000);
  });
  it("reproduces the 尾差 of STACK.md: three items of 12,345 元", () => {
    const item = 1_234_500; // 12,345 元 in 分
    const printedSum = 3 * roundToPrinted(item, "wanyuan");
    const printedTotal = roundToPrinted(3 * item, "wanyuan");
    expect(formatAmount(printedSum)).toBe("3.69");
    expect(formatAmount(printedTotal)).toBe("3.70");
    expect(Math.abs(printedTotal - printedSum)).toBeLessThanOrEqual(roundingTolerance(3));
  });
  it("tolerance is 0.005 × (n + 1) 万元", () => {
    expect(roundingTolerance(1)).toBe(10_000);
    expect(roundingTolerance(2)).toBe(15_000);
    expect(roundingTolerance(2, "yuan")).toBe(1);
  });
});

describe("percentages", () => {
  it("parses and formats hundredths of a percent", () => {
    expect(parsePercent("64.65%")).toBe(6465);
    expect(parsePercent("1,065.95%")).toBe(106_595);
    expect(parsePercent("-7.42")).toBe(-742);
    expect(parsePercent("x")).toBeUndefined();
    expect(formatPercent(106_595)).toBe("1,065.95%");
  });
  it("integer rounding equals big.js half-up division for any amounts", () => {
    const ref = (a: number, b: number) =>
      Number(new Big(a).times(10000).div(b).round(0, Big.roundHalfUp).toString()) || 0;
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.integer({ min: -1e13, max: 1e13 }).filter((x) => x !== 0),
        (a, b) => {
          expect(share(a, b)).toBe(ref(a, b));
          expect(growth(a + b, a)).toBe(ref(a, b));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("computes shares and growth like the seed prints them", () => {
    // 一般公共预算 3,374.27 of 5,219.30 → 64.65%; +719.53 → 27.10%
    expect(share(3_374_270_000, 5_219_300_000)).toBe(6465);
    expect(growth(3_374_270_000, 719_530_000)).toBe(2710);
    // 其他就业补助支出 619.12, +566.02 → 1,065.95%
    expect(growth(619_120_000, 566_020_000)).toBe(106_595);
    // zero base: undefined, not Infinity
    expect(growth(808_490_000, 808_490_000)).toBeUndefined();
    expect(share(1, 0)).toBeUndefined();
  });
});
