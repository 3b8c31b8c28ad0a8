import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Allocation } from "../../model/disclosure.ts";
import { parseAmount } from "../../model/money.ts";
import { parseAllocation } from "./projects.ts";

/** parseAllocation as regular expressions and splits: the definition the faster one must agree with. */
function reference(text: string): Allocation[] {
  const AMOUNT = /(-?\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)/;
  const items = (part: string): Allocation[] => {
    const res: Allocation[] = [];
    let prefix = "";
    for (const piece of part.split(/，|,(?!\d{3})/)) {
      const p = piece.trim();
      if (!p) continue;
      const m = AMOUNT.exec(p);
      const amount = m ? parseAmount(m[1] as string, m[2] === "元" ? "yuan" : "wanyuan") : undefined;
      if (!m || amount === undefined) {
        prefix = prefix ? `${prefix}，${p}` : p;
        continue;
      }
      const label = (prefix ? `${prefix}，` : "") + p.slice(0, m.index).trim();
      res.push({ label: label || p, amount });
      prefix = "";
    }
    return res;
  };
  const out: Allocation[] = [];
  for (const clause of text.replace(/。$/, "").split(/[；;]/)) {
    const [main = "", ...rest] = clause.split(/其中[:：]/);
    const mains = items(main);
    out.push(...mains);
    const parent = mains[mains.length - 1];
    const children = rest.flatMap(items);
    if (parent && children.length > 0) parent.children = children;
    else out.push(...children);
  }
  return out;
}

describe("parseAllocation", () => {
  it("reads items, remarks and children", () => {
    expect(parseAllocation("大赛 35.50 万元，其中：奖金 15.00 万元，承办 20.50 万元；网站维护费 1.96 万元。")).toEqual([
      {
        label: "大赛",
        amount: 35_500_000,
        children: [
          { label: "奖金", amount: 15_000_000 },
          { label: "承办", amount: 20_500_000 },
        ],
      },
      { label: "网站维护费", amount: 1_960_000 },
    ]);
  });

  it("gives what the splits and regular expressions give", () => {
    const tokens = [
      ..."，,；;。:： 0123456789.-万元",
      "其中：",
      "其中:",
      "其中",
      "万元",
      ",000",
      "租赁",
      "每场",
      "。。",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 30 }), (ts) => {
        const text = ts.join("");
        expect(parseAllocation(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });
});
