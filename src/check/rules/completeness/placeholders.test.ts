import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { explanation, findings, indicator, perfTable, stmt, w } from "../text/testing.ts";
import { C34, candidateOrWhole, mayBeWhole } from "./placeholders.ts";

describe("C-34 placeholders", () => {
  it("passes on a clean document (markdown ** in the glossary is not a placeholder)", () => {
    const d = miniDisclosure();
    d.glossary = [{ term: "**财政拨款**", definition: "指……" }];
    expect(findings(C34, d)).toEqual([]);
  });
  it("warns on XX in text and a lone * as 上年完成值, with the place", () => {
    const d = miniDisclosure();
    d.explanations = [explanation(1, [], "收支总预算 XX 万元。")];
    d.performance = [
      perfTable({
        project: "P",
        indicators: [indicator({ name: "调研成本", target: { raw: "<=4万元" }, lastYear: "*" })],
      }),
    ];
    const f = findings(C34, d);
    expect(f.map((x) => x.severity)).toEqual(["warning", "warning"]);
    expect(f[1]!.location).toMatchObject({ part: "绩效目标表", section: "P", row: "调研成本", column: "上年完成值" });
  });
  it("leaves placeholder reasons to the section rules (reported once)", () => {
    const d = miniDisclosure();
    const reason = "【待填写：原因】";
    d.explanations = [
      explanation(
        2,
        [stmt(2, { subject: "单位资金", amount: w("10.00"), change: w("1.00"), reason })],
        `单位资金 10.00 万元，比上年增加 1.00 万元，主要原因是${reason}。`,
      ),
    ];
    expect(findings(C34, d)).toEqual([]);
  });
});

describe("C-34 first tests", () => {
  // the patterns C-34 used before the first tests, as the reference definitions
  const WHOLE = /^\s*[*＊×]+\s*$/;
  const ANY = /待填|待补|请填|[XＸxｘ]{2}|×{2}|^\s*[*＊×]+\s*$/;
  const ch = fc.constantFrom(..."待填补请写XＸxｘ×*＊ \t\u00a0\u3000\u2003\ufeff1万元-a（", "\n");
  it("mayBeWhole accepts every string WHOLE matches, and candidateOrWhole is CANDIDATE or WHOLE", () => {
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 8 }), (cs) => {
        const s = cs.join("");
        if (WHOLE.test(s)) expect(mayBeWhole(s)).toBe(true);
        expect(candidateOrWhole(s)).toBe(ANY.test(s));
      }),
      { numRuns: 5000 },
    );
  });
  it("mayBeWhole accepts every white space character", () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = `${String.fromCharCode(c)}*`;
      if (WHOLE.test(s)) expect(mayBeWhole(s)).toBe(true);
    }
  });
});
