import { describe, expect, it } from "vitest";
import { findingsOf, makeDisclosure, miniDisclosure, runRule, seedDisclosure, wan, withCell } from "../../testing.ts";
import { K30, K35 } from "./projects.ts";

describe("K-30, K-35", () => {
  it("pass a consistent disclosure", () => {
    const d = miniDisclosure();
    expect(findingsOf(K30, d)).toEqual([]);
    expect(findingsOf(K35, d)).toEqual([]);
  });

  it("K-30: 表7 总计 and per-项 project sums vs 表5 项目支出", () => {
    const d = withCell(miniDisclosure(), 7, "2025年业务项目", "total", wan("31.00"));
    expect(findingsOf(K30, d)).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ table: 5, row: "2080104 综合业务管理", column: "项目支出" }),
      }),
    ]);
    const d2 = withCell(miniDisclosure(), 7, "总计", "total", wan("31.00"));
    expect(findingsOf(K30, d2)[0]).toMatchObject({ location: { table: 7, row: "总计" } });
  });

  it("K-35 (warning): a 表11 project without a matching 表2 结转", () => {
    const d = withCell(miniDisclosure(), 11, "2024年上年项目", "fiscalSubtotal", wan("4.00"));
    const f = findingsOf(K35, d);
    expect(f.map((x) => [x.severity, x.location.table])).toEqual([
      ["warning", 11],
      ["warning", 2],
    ]);
  });

  it("K-35: carry-over split across 项 differently but with the same total is not reported", async () => {
    // Seed: 表11 projects 42.88 + 11.60 = 表2 结转 on 2080704 (42.88) + 2080799 (11.60).
    const seed = await seedDisclosure();
    const split = withCell(
      withCell(seed, 11, "2024 年中央就业补助资金项目", "fiscalSubtotal", wan("40.00")),
      11,
      "2024 年自治区就业补助资金项目",
      "fiscalSubtotal",
      wan("14.48"),
    );
    expect(findingsOf(K35, split)).toEqual([]);
    const missing = withCell(seed, 11, "2024 年自治区就业补助资金项目", "fiscalSubtotal", wan("12.60"));
    expect(findingsOf(K35, missing).map((x) => [x.severity, x.location.table])).toEqual([
      ["warning", 11],
      ["warning", 2],
    ]);
  });

  it("not checked without 表7 / 表11", () => {
    const d = makeDisclosure(miniDisclosure().tables.filter((t) => t.no !== 7 && t.no !== 11));
    expect(runRule(K30, d)).toHaveProperty("notChecked");
    expect(runRule(K35, d)).toHaveProperty("notChecked");
  });
});
