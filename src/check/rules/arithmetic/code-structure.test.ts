import { describe, expect, it } from "vitest";
import {
  coded,
  findingsOf,
  makeDisclosure,
  makeTable,
  miniDisclosure,
  runRule,
  total,
  wan,
  withCell,
} from "../../testing.ts";
import { ACODES, ANEG } from "./code-structure.ts";

describe("A-CODES", () => {
  it("passes a consistent disclosure", () => {
    expect(findingsOf(ACODES, miniDisclosure())).toEqual([]);
  });

  it("duplicate codes, missing parents, bad lengths", () => {
    const t3 = makeTable("expenditure", [
      total({ total: "1.00", basic: "1.00" }),
      coded("208", "社会保障和就业支出", { total: "1.00", basic: "1.00" }),
      coded("2080101", "行政运行", { total: "1.00", basic: "1.00" }),
      coded("208", "社会保障和就业支出", { total: "1.00", basic: "1.00" }),
      coded("2080", "错", {}),
    ]);
    const f = findingsOf(ACODES, makeDisclosure([t3]));
    expect(f.map((x) => [x.severity, x.location.row])).toEqual([
      ["warning", "2080101 行政运行"],
      ["error", "208 社会保障和就业支出"],
      ["warning", "2080 错"],
    ]);
  });

  it("not checked without coded tables", () => {
    expect(runRule(ACODES, makeDisclosure([]))).toHaveProperty("notChecked");
  });
});

describe("A-NEG", () => {
  it("warns about negative amounts", () => {
    expect(findingsOf(ANEG, miniDisclosure())).toEqual([]);
    const f = findingsOf(ANEG, withCell(miniDisclosure(), 6, "30101", "personnel", wan("-1.00")));
    expect(f).toEqual([
      expect.objectContaining({ severity: "warning", location: expect.objectContaining({ table: 6 }) }),
    ]);
  });
});
