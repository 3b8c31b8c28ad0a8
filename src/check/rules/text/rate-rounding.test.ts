import { describe, expect, it } from "vitest";
import { rateWithinRounding } from "./shared.ts";
import { w } from "./testing.ts";

const H = 5_000n; // half of 0.01 万元, in 分

describe("rateWithinRounding", () => {
  it("accepts a rate that the printed amounts' rounding can produce", () => {
    // 江苏省人大 2017: +4,032.99 on 1,586.32 last year → 254.24% from printed figures; 254.23% is reachable.
    expect(rateWithinRounding(25423, w("4032.99"), w("1586.32"), H, 2n * H)).toBe(true);
    expect(rateWithinRounding(25424, w("4032.99"), w("1586.32"), H, 2n * H)).toBe(true);
  });
  it("refuses a rate no rounding explains", () => {
    // 江苏省检察院 2017: +3,401.59 on 2,630.96 → 129.29%, printed 129.97% (digits swapped).
    expect(rateWithinRounding(12997, w("3401.59"), w("2630.96"), H, 2n * H)).toBe(false);
    // the seed: 一般公共预算 +719.53 on 2,654.74 → 27.10% exactly; 27.11% is too far for amounts this large
    expect(rateWithinRounding(2710, w("719.53"), w("2654.74"), H, 2n * H)).toBe(true);
    expect(rateWithinRounding(2711, w("719.53"), w("2654.74"), H, 2n * H)).toBe(false);
  });
  it("gives no tolerance when the base could be zero", () => {
    expect(rateWithinRounding(10000, w("0.01"), w("0.01"), H, 2n * H)).toBe(false);
  });
});
