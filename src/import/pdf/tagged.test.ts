import { describe, expect, it } from "vitest";
import { type MarkedItem, markedContent, taggedBlocks } from "./tagged.ts";

const at = (str: string, x: number, width: number, size = 9): MarkedItem => ({
  str,
  transform: [size, 0, 0, size, x, 700],
  width,
});
const begin = (id: string): MarkedItem => ({ type: "beginMarkedContentProps", id });
const end: MarkedItem = { type: "endMarkedContent" };

describe("tagged structure", () => {
  it("keeps printed spaces, drops the gaps pdf.js reports as spaces, and joins wrapped lines", () => {
    const items = [
      begin("a"),
      at(" ", 10, 120), // a gap between cells, not a printed space
      at("2024", 130, 20),
      at(" ", 150, 2.7), // a printed space
      at("年中央就业", 153, 45),
      at("补助资金项目", 130, 54), // the wrapped second line
      end,
    ];
    const c = markedContent(items).get("a")!;
    expect(c.text.trim()).toBe("2024 年中央就业补助资金项目");
    expect(c.x0).toBe(130);
    expect(c.x1).toBe(198);
  });

  it("flattens headings, table rows and paragraphs in reading order; empty cells and rows are skipped", () => {
    const items = [
      begin("h"),
      at("表 3", 10, 20),
      end,
      begin("c1"),
      at("205", 10, 12),
      end,
      begin("c2"),
      at("815.90", 300, 25),
      end,
    ];
    const tree = {
      role: "Document",
      children: [
        { role: "H2", children: [{ type: "content", id: "h" }] },
        {
          role: "Table",
          children: [
            { role: "TR", children: [{ role: "TD", children: [{ type: "content", id: "nothing-here" }] }] },
            {
              role: "TR",
              children: [
                { role: "TD", children: [{ type: "content", id: "c1" }] },
                { role: "TD", children: [] },
                { role: "TD", children: [{ role: "NonStruct", children: [{ type: "content", id: "c2" }] }] },
              ],
            },
          ],
        },
      ],
    };
    expect(taggedBlocks(tree, items)).toEqual([
      { kind: "heading", level: 2, text: "表 3" },
      {
        kind: "row",
        cells: [
          { header: false, text: "205", x0: 10, x1: 22 },
          { header: false, text: "815.90", x0: 300, x1: 325 },
        ],
      },
    ]);
  });
});
