import { describe, expect, it } from "vitest";
import {
  coded,
  findingsOf,
  makeDisclosure,
  makeTable,
  miniDisclosure,
  projectRow,
  runRule,
  total,
  unitRow,
  wan,
  withCell,
} from "../../testing.ts";
import { K29, K33, unitBlocks } from "./unit-blocks.ts";

describe("K-29 表7 structure", () => {
  it("passes a consistent disclosure", () => {
    expect(findingsOf(K29, miniDisclosure())).toEqual([]);
  });

  it("two units, shared 项 codes", () => {
    const a = { total: "10.00", e302: "10.00" };
    const b = { total: "5.00", e310: "5.00" };
    const t7 = makeTable("projectExpenditure", [
      total({ total: "15.00", e302: "10.00", e310: "5.00" }),
      unitRow("单位甲", a),
      coded("208", "社会保障和就业支出", a),
      coded("20801", "人力资源和社会保障管理事务", a),
      projectRow("项目一", { total: "4.00", e302: "4.00" }, "2080104"),
      projectRow("项目二", { total: "6.00", e302: "6.00" }, "2080104"),
      unitRow("单位乙", b),
      coded("208", "社会保障和就业支出", b),
      projectRow("项目三", b, "2080109"),
    ]);
    const d = makeDisclosure([t7]);
    expect(unitBlocks(t7).map((x) => x.rows.length)).toEqual([4, 2]);
    expect(findingsOf(K29, d)).toEqual([]);
    const bad = withCell(d, 7, "项目二", "e302", wan("7.00"));
    const f = findingsOf(K29, bad);
    // the unit, its 类 and its 款 rows each disagree with the changed project row
    expect(f.map((x) => x.location.row)).toEqual([
      "单位甲",
      "208 社会保障和就业支出",
      "20801 人力资源和社会保障管理事务",
    ]);
    expect(f.every((x) => x.location.column === "商品和服务支出" && x.severity === "error")).toBe(true);
  });

  it("总计 ≠ Σ 单位", () => {
    const d = withCell(miniDisclosure(), 7, "总计", "e310", wan("5.00"));
    expect(findingsOf(K29, d)[0]).toMatchObject({ location: { table: 7, row: "总计", column: "资本性支出" } });
  });
});

describe("K-33 表11 structure", () => {
  it("passes a consistent disclosure", () => {
    expect(findingsOf(K33, miniDisclosure())).toEqual([]);
  });

  it("unit ≠ Σ projects", () => {
    const d = withCell(miniDisclosure(), 11, "2024年上年项目", "fiscalProject", wan("4.00"));
    expect(findingsOf(K33, d)[0]).toMatchObject({
      location: { table: 11, row: "测试单位", column: "财政拨款/项目支出" },
    });
  });

  it("not checked without the table", () => {
    expect(runRule(K33, makeDisclosure([]))).toHaveProperty("notChecked");
    expect(runRule(K29, makeDisclosure([]))).toHaveProperty("notChecked");
  });
});
