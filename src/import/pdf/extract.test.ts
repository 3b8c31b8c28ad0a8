import { describe, expect, it } from "vitest";
import { placeItems } from "./extract.ts";

// an A4 portrait viewport (y down from the top): pdf.js's [1, 0, 0, -1, 0, 842]
const A4 = [1, 0, 0, -1, 0, 842];
const run = (str: string, a: number, b: number, x: number, y: number) => ({
  str,
  transform: [a * 10, b * 10, -b * 10, a * 10, x, y],
  width: 10 * str.length,
  height: 10,
});

describe("placeItems", () => {
  it("keeps upright text and asks for no turn", () => {
    const r = placeItems([run("部门收支总表", 1, 0, 100, 700), run("合计", 1, 0, 100, 680)], A4, 100);
    expect(r.turn).toBe(0);
    expect(r.chunks.map((c) => [c.text, c.x0, c.y])).toEqual([
      ["部门收支总表", 100, 142],
      ["合计", 100, 162],
    ]);
  });

  it("asks for the turn that sets upright the text most of the page runs in", () => {
    // text running up the sheet in PDF space (b > 0) runs up the viewport too
    const up = placeItems([run("部门收支总表", 0, 1, 100, 100), run("页", 1, 0, 300, 20)], A4, 100);
    expect(up.turn).toBe(90);
    expect(up.chunks.map((c) => c.text)).toEqual(["页"]);
    expect(placeItems([run("部门收支总表", 0, -1, 100, 700)], A4, 100).turn).toBe(270);
    expect(placeItems([run("部门收支总表", -1, 0, 500, 100)], A4, 100).turn).toBe(180);
  });

  it("leaves a sideways stamp on an upright page alone", () => {
    const r = placeItems([run("部门收支总表", 1, 0, 100, 700), run("盖章", 0, 1, 20, 400)], A4, 100);
    expect(r.turn).toBe(0);
    expect(r.chunks.map((c) => c.text)).toEqual(["部门收支总表"]);
  });

  it("leaves text set at a slant out (a watermark), and keeps text a scan set a degree askew", () => {
    const slant = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)] as const;
    const r = placeItems(
      [
        run("仅供公开使用", ...slant(30), 100, 400),
        run("仅供公开使用", ...slant(-45), 300, 400),
        run("合计", ...slant(1.5), 100, 700),
      ],
      A4,
      100,
    );
    expect(r.turn).toBe(0);
    expect(r.chunks.map((c) => c.text)).toEqual(["合计"]);
  });

  it("stops at the page's item limit", () => {
    const r = placeItems([run("一", 1, 0, 1, 1), run("二", 1, 0, 2, 1), run("三", 1, 0, 3, 1)], A4, 2);
    expect(r.dense).toBe(true);
    expect(r.chunks.length).toBe(2);
  });
});
