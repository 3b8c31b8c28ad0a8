import { describe, expect, it } from "vitest";
import { makeDisclosure } from "../store/testing.ts";
import { NAME_LIMITS, publishProblems, unusableReason } from "./validity.ts";

const YEAR = 2026;

describe("publishProblems", () => {
  it("accepts a disclosure with a department and a plausible year", () => {
    expect(publishProblems(makeDisclosure({ year: 2025 }), YEAR)).toEqual([]);
    expect(publishProblems(makeDisclosure({ year: 1990 }), YEAR)).toEqual([]);
    expect(publishProblems(makeDisclosure({ year: YEAR + 5 }), YEAR)).toEqual([]);
  });

  it("refuses an empty or blank department", () => {
    for (const name of ["", "   ", "\u3000"]) {
      const d = makeDisclosure();
      d.meta.department = name;
      expect(publishProblems(d, YEAR).join(""), JSON.stringify(name)).toContain("没有部门名称");
    }
  });

  it("refuses implausible years, -0 shown as 0", () => {
    for (const year of [-0, 0, 1989, YEAR + 6, 20250, -2025]) {
      const d = makeDisclosure();
      d.meta.year = year;
      const p = publishProblems(d, YEAR).join("");
      expect(p, String(year)).toContain(`年度 ${Object.is(year, -0) ? 0 : year} 不合理`);
    }
  });

  it("refuses names over their limits, counted in characters", () => {
    const d = makeDisclosure();
    d.meta.department = "局".repeat(NAME_LIMITS.department);
    expect(publishProblems(d, YEAR)).toEqual([]);
    d.meta.department = "局".repeat(NAME_LIMITS.department + 1);
    expect(publishProblems(d, YEAR).join("")).toContain("部门名称过长（101 个字符，上限 100）");
    const e = makeDisclosure();
    e.meta.department = "x".repeat(2_000_000);
    e.meta.region = "区".repeat(51);
    e.tables[0]!.title = "表".repeat(201);
    e.tables[1]!.rows[0]!.label = "行".repeat(501);
    const all = publishProblems(e, YEAR).join("；");
    for (const s of ["部门名称过长", "地区过长", `表${e.tables[0]!.no} 的标题过长`, "一行名称过长"])
      expect(all).toContain(s);
  });
});

describe("unusableReason", () => {
  it("is set only when there is neither a department nor a table", () => {
    const d = makeDisclosure();
    expect(unusableReason(d)).toBeUndefined();
    d.meta.department = "";
    expect(unusableReason(d)).toBeUndefined();
    d.tables = [];
    expect(unusableReason(d)).toContain("既没有部门名称，也没有任何预算公开表");
    d.meta.department = "某局";
    expect(unusableReason(d)).toBeUndefined();
  });
});
