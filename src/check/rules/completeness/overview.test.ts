import { describe, expect, it } from "vitest";
import { emptyDisclosure, findings, run } from "../text/testing.ts";
import { C01, C02, C03, C04 } from "./overview.ts";

function doc() {
  const d = emptyDisclosure();
  d.overview = {
    functions: ["贯彻执行……"],
    divisions: ["办公室", "就业促进科"],
    divisionCount: 2,
    budgetUnits: [
      { name: "本级", kind: "administrative" },
      { name: "中心", kind: "institution" },
    ],
    budgetUnitCount: 1,
    administrativeUnits: 1,
    institutionUnits: 1,
    staffing: { authorized: 10, actual: 12, active: 9, retired: 3, lixiu: 0 },
    text: "",
  };
  return d;
}

describe("部门概况 completeness", () => {
  it("C-01 cannot check timeliness without a 批复 date", () => {
    const d = doc();
    d.meta.publishedOn = "2025-02-12";
    const r = run(C01, d);
    expect(r).toHaveProperty("notChecked");
    expect((r as { notChecked: string }).notChecked).toContain("批复日期");
  });
  it("C-02 … C-04 pass on a complete overview", () => {
    for (const r of [C02, C03, C04]) expect(findings(r, doc())).toEqual([]);
  });
  it("C-02 reports missing 主要职能", () => {
    const d = doc();
    d.overview.functions = [];
    expect(findings(C02, d)[0]).toMatchObject({ severity: "error", location: { part: "部门概况" } });
  });
  it("C-03 reports counts that do not match the lists", () => {
    const d = doc();
    d.overview.divisionCount = 3;
    d.overview.institutionUnits = 2;
    expect(findings(C03, d).map((f) => f.severity)).toEqual(["error", "error"]);
  });
  it("C-04 names the missing staffing figures", () => {
    const d = doc();
    d.overview.staffing = { authorized: 10 };
    expect(findings(C04, d)[0]!.message).toContain("实有人数、在职人数、退休人数");
  });
});
