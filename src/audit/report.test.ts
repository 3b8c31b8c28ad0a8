import { describe, expect, it } from "vitest";
import type { DocumentResult } from "./document.ts";
import { assembleReport } from "./report.ts";

function doc(file: string, department: string, year: number, total: number, errors = 0): DocumentResult {
  return {
    file,
    status: "ok",
    department,
    government: "上海 · 普陀区",
    year,
    kind: "budget",
    findings: [],
    summary: { errors, warnings: 0, notices: 0 },
    byCategory: {},
    notChecked: [],
    score: { total, coverage: 100, points: total, items: [] },
    ms: 0,
  };
}

describe("the audit's rankings and year over year", () => {
  it("ranks by score (equal scores share a rank), and follows one department across years", () => {
    const r = assembleReport(
      [
        doc("a-2024.pdf", "财政局", 2024, 80, 3),
        doc("a-2025.pdf", "财政局", 2025, 92),
        doc("a-2026.pdf", "财政局", 2026, 88, 1),
        doc("b-2025.pdf", "审计局", 2025, 92),
        { ...doc("c.pdf", "", 0, 0), status: "unreadable", reason: "坏文件", score: undefined } as DocumentResult,
      ],
      { inputs: ["x"] },
    );
    expect(r.ranking.map((x) => [x.rank, x.file])).toEqual([
      // a tie: by department name (财政局 before 审计局 in pinyin order)
      [1, "a-2025.pdf"],
      [1, "b-2025.pdf"],
      [3, "a-2026.pdf"],
      [4, "a-2024.pdf"],
    ]);
    expect(r.yearOverYear).toHaveLength(1);
    expect(r.yearOverYear[0]?.department).toBe("财政局");
    expect(r.yearOverYear[0]?.years.map((y) => [y.year, y.score, y.change])).toEqual([
      [2024, 80, null],
      [2025, 92, 12],
      [2026, 88, -4],
    ]);
    expect(r.summary).toMatchObject({ documents: 5, read: 4, unreadable: 1, errors: 4 });
    expect(r.summary.meanScore).toBe(88);
    expect(r.distribution.find((b) => b.band === "90–100")?.documents).toBe(2);
    expect(r.distribution.find((b) => b.band === "80–89")?.documents).toBe(2);
  });
});
