/**
 * The hand-written fast paths of the 绩效目标表 importer against the definitions they stand for
 * (regular expressions and the plain implementations): equal results for any input built from the
 * characters that matter.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitFields } from "./lines.ts";
import { isSeparatorRow, parsePerformance, SEPARATOR_RE, splitCells } from "./performance.ts";
import { LABELS, labelOf } from "./performance-meta.ts";
import { isWeight, WEIGHT_RE } from "./performance-rows.ts";
import { joinSplitNumbers, looksLikeTarget, OPERATOR_MAP, squeeze } from "./performance-target.ts";

const strings = (chars: string, maxLength = 16) =>
  fc.array(fc.constantFrom(...chars), { maxLength }).map((cs) => cs.join(""));

describe("splitCells", () => {
  const reference = (text: string): string[] => {
    const cells = splitFields(text);
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    return cells;
  };
  it("is splitFields without the trailing blank cells", () => {
    fc.assert(
      fc.property(strings("\t\t  \u3000\u00a0\r\nab一-", 20), (s) => {
        expect(splitCells(s)).toEqual(reference(s));
      }),
      { numRuns: 20000 },
    );
    for (const s of ["", "\t", " \t \t ", "a", " a ", "a\t", "\ta", "\t\ta\t\tb\t\t"])
      expect(splitCells(s)).toEqual(reference(s));
  });
  it("gives the same cells in an array that held another line's", () => {
    const line = strings("\t\t  ab一", 20);
    fc.assert(
      fc.property(line, line, (a, b) => {
        const out = splitCells(a);
        expect(splitCells(b, out)).toBe(out);
        expect(out).toEqual(reference(b));
      }),
      { numRuns: 10000 },
    );
  });
});

describe("isSeparatorRow", () => {
  it("is SEPARATOR_RE.test", () => {
    fc.assert(
      fc.property(strings("-—–|:=_+ \t\u3000\u00a0\u2028x一0"), (s) => {
        expect(isSeparatorRow(s)).toBe(SEPARATOR_RE.test(s));
      }),
      { numRuns: 20000 },
    );
  });
});

describe("isWeight", () => {
  it("is WEIGHT_RE.test", () => {
    fc.assert(
      fc.property(strings("0123456789..-+ x\n", 8), (s) => {
        expect(isWeight(s)).toBe(WEIGHT_RE.test(s));
      }),
      { numRuns: 20000 },
    );
  });
});

describe("labelOf", () => {
  // The plain definition: squeeze, drop "（万元）"… and "其中：", look the key up.
  const reference = (cell: string) => {
    const key = cell
      .replace(/[\s\u00a0\u3000]+/g, "")
      .replace(/[（(](万元|元|盖章)[）)]/g, "")
      .replace(/^其中[:：]/, "");
    return Object.hasOwn(LABELS, key) ? LABELS[key] : undefined;
  };
  it("gives what the plain definition gives", () => {
    const pieces = [
      ...Object.keys(LABELS),
      "（万元）",
      "(元)",
      "（盖章）",
      "其中：",
      "其中:",
      "（",
      ")",
      " ",
      "\u3000",
      "x",
      "他",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 4 }), (ps) => {
        const s = ps.join("");
        expect(labelOf(s)).toBe(reference(s));
      }),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(strings("预算单位项目名称其中：:（）()万元盖章他资金来源 \u3000\tx1"), (s) => {
        expect(labelOf(s)).toBe(reference(s));
      }),
      { numRuns: 20000 },
    );
  });
});

describe("looksLikeTarget", () => {
  // The definition before the fast path for a leading operator (the operator artefacts as the one
  // regular expression performance-target.ts documents).
  const ART = /\$|\\(?:geq?|leq?|gt|lt)(?![a-z])|\\%|[≥≧⩾≤≦⩽＞＜＝％]|([<>])\s+=/g;
  const reference = (text: string): boolean => {
    const s = text.replace(ART, (m, op: string | undefined) => (op ? `${op}=` : (OPERATOR_MAP[m] as string))).trim();
    if (s === "") return false;
    if (/^[<>=]/.test(s)) return true;
    if (/^\d/.test(s) && /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日?)?$/.test(squeeze(joinSplitNumbers(s)))) return true;
    return s.startsWith("有效");
  };
  it("gives what the definition without the fast path gives", () => {
    fc.assert(
      fc.property(strings("<>=≥≤＞＝％$\\gel% 2025年1月日有效x", 10), (s) => {
        expect(looksLikeTarget(s)).toBe(reference(s));
      }),
      { numRuns: 20000 },
    );
    for (const s of [
      ">=90%",
      "> =90%",
      "=100%",
      "$\\geq 92\\%$",
      "≥20人",
      "2025年12月10日",
      "有效促进",
      "计划标准",
      "-",
    ])
      expect(looksLikeTarget(s)).toBe(reference(s));
  });
});

describe("指标值 readings shared by a document's tables", () => {
  it("still give each indicator a target of its own", () => {
    const all = readFileSync(new URL("../../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url), "utf8");
    const lines = all.split("\n");
    const start = lines.findIndex((l) => l.trim() === "部门整体绩效目标表");
    const { tables } = parsePerformance(lines.slice(start), { year: 2025 });
    const targets = tables.flatMap((t) => t.indicators.map((i) => i.target));
    expect(new Set(targets.map((t) => t.raw)).size).toBeLessThan(targets.length); // (texts do recur)
    expect(new Set(targets).size).toBe(targets.length);
  });
});
