import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseLabel } from "./spec.ts";

/** normaliseLabel without its fast path: the definition the fast path must agree with. */
function reference(label: string): string {
  return label
    .replace(/\s+/g, "")
    .replace(
      /^(?:[一二三四五六七八九十]+、|\d+[.、．]|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\))/,
      "",
    )
    .replace(/^其中[:：]/, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}

describe("normaliseLabel", () => {
  it("removes whitespace, list markers and 其中, and unifies brackets", () => {
    expect(normaliseLabel("一、一般公共服务支出")).toBe("一般公共服务支出");
    expect(normaliseLabel(" 2. 行政运行 ")).toBe("行政运行");
    expect(normaliseLabel("（三）其他(含结转)")).toBe("其他（含结转）");
    expect(normaliseLabel("其中：基本支出")).toBe("基本支出");
    expect(normaliseLabel("社会保障和就业支出")).toBe("社会保障和就业支出");
  });
  it("gives what the unoptimised definition gives, for any label from the characters that matter", () => {
    const ch = fc.constantFrom(..."一二三十、.．（）()其中:：0123456789 \u3000\t行政运行支出");
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 12 }), (cs) => {
        const s = cs.join("");
        expect(normaliseLabel(s)).toBe(reference(s));
      }),
      { numRuns: 5000 },
    );
  });
});
