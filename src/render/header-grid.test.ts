import { describe, expect, it } from "vitest";
import { xinjiang2025Budget } from "../templates/xinjiang-2025-budget.ts";
import { headerGrid } from "./header-grid.ts";

describe("headerGrid", () => {
  it("merges parents across columns and extends short paths down (表11, three levels)", () => {
    const t11 = xinjiang2025Budget.tables.find((t) => t.no === 11)!;
    const g = headerGrid(t11.columns);
    expect(g.depth).toBe(3);
    const at = (row: number, col: number) => g.cells.find((c) => c.row === row && c.col === col);
    expect(at(0, 0)).toMatchObject({ text: "项目", rowSpan: 3, colSpan: 1 });
    expect(at(0, 2)).toMatchObject({ text: "财政拨款", rowSpan: 1, colSpan: 4 });
    expect(at(1, 2)).toMatchObject({ text: "小计", rowSpan: 2, colSpan: 1 });
    expect(at(1, 3)).toMatchObject({ text: "基本支出", rowSpan: 1, colSpan: 2 });
    expect(at(2, 3)).toMatchObject({ text: "人员经费", rowSpan: 1 });
    expect(at(1, 5)).toMatchObject({ text: "项目支出", rowSpan: 2 });
    expect(at(0, 6)).toMatchObject({ text: "非财政拨款", colSpan: 4 });
  });

  it("covers every grid position exactly once", () => {
    for (const t of xinjiang2025Budget.tables) {
      const g = headerGrid(t.columns);
      const seen = new Map<string, number>();
      for (const c of g.cells)
        for (let r = c.row; r < c.row + c.rowSpan; r++)
          for (let k = c.col; k < c.col + c.colSpan; k++) seen.set(`${r},${k}`, (seen.get(`${r},${k}`) ?? 0) + 1);
      expect(seen.size, `表${t.no}`).toBe(g.depth * t.columns.length);
      expect(
        [...seen.values()].every((n) => n === 1),
        `表${t.no}`,
      ).toBe(true);
    }
  });

  it("does not merge two leaves with the same text, nor a leaf with a parent", () => {
    const g = headerGrid([{ path: ["合计"] }, { path: ["合计"] }, { path: ["合计", "小计"] }]);
    expect(g.cells.filter((c) => c.row === 0).map((c) => [c.text, c.colSpan, c.rowSpan])).toEqual([
      ["合计", 1, 2],
      ["合计", 1, 2],
      ["合计", 1, 1],
    ]);
  });
});
