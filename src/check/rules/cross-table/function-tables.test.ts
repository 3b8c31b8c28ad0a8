import { describe, expect, it } from "vitest";
import { findingsOf, makeDisclosure, miniDisclosure, runRule, wan, withCell } from "../../testing.ts";
import { K07, K13, K15 } from "./function-tables.ts";

describe("K-07, K-13, K-15", () => {
  it("pass a consistent disclosure", () => {
    const d = miniDisclosure();
    for (const r of [K07, K13, K15]) expect(findingsOf(r, d)).toEqual([]);
  });

  it("K-07: 表1 类 ≠ 表3 类", () => {
    const d = withCell(miniDisclosure(), 3, "221", "total", wan("31.00"));
    expect(findingsOf(K07, d)).toEqual([
      expect.objectContaining({
        severity: "error",
        location: expect.objectContaining({ table: 1, row: "221 住房保障支出" }),
      }),
    ]);
  });

  it("K-13: same codes and 总计 = 合计 per row", () => {
    const d = withCell(miniDisclosure(), 2, "2080101", "total", wan("61.00"));
    expect(findingsOf(K13, d)[0]).toMatchObject({ location: { table: 3, row: "2080101 行政运行" }, expected: "61.00" });
    const missing = structuredClone(miniDisclosure());
    missing.tables[2]!.rows = missing.tables[2]!.rows.filter((r) => r.code !== "2080704");
    expect(findingsOf(K13, missing)[0]?.message).toContain("只出现在表2");
  });

  it("K-15: 表3 总计 vs 表1 支出总计", () => {
    const d = withCell(miniDisclosure(), 3, "总计", "total", wan("134.00"));
    expect(findingsOf(K15, d)[0]).toMatchObject({ location: { table: 3, row: "总计", column: "合计" } });
  });

  it("not checked when a table is missing", () => {
    const d = makeDisclosure(miniDisclosure().tables.filter((t) => t.no !== 3));
    expect(runRule(K07, d)).toEqual({ notChecked: "缺少表3（部门支出总体情况表）" });
    expect(runRule(K13, d)).toHaveProperty("notChecked");
    expect(runRule(K15, d)).toHaveProperty("notChecked");
  });
});
