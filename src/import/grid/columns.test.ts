import { describe, expect, it } from "vitest";
import { isColumnNumberLine, phantomColumns } from "./columns.ts";
import type { GridLine, Token } from "./tokens.ts";

const tok = (text: string, x0: number, x1: number, kind: Token["kind"] = "int"): Token => ({ text, x0, x1, kind });
const numberLine = (tokens: Token[]): GridLine => ({
  page: 1,
  y: 100,
  h: 10,
  tokens,
  text: tokens.map((t) => t.text).join(" "),
});

describe("phantomColumns", () => {
  // 支出总表 of one row: 合计 基本支出 项目支出 单位预留机动经费 结转下年资金, the last printed blank;
  // numbers centred in their cells, amounts right-aligned (x as Chromium prints yusuan's HTML)
  const line = numberLine([
    tok("※", 62, 71, "text"),
    tok("1", 125, 130),
    tok("2", 201, 206),
    tok("3", 273, 278),
    tok("4", 377, 382),
    tok("5", 495, 500),
  ]);
  const columns = [
    { x0: 124, x1: 163 },
    { x0: 201, x1: 236 },
    { x0: 274, x1: 309 },
    { x0: 415, x1: 443 },
  ].map((c) => ({ ...c, cx: (c.x0 + c.x1) / 2 }));
  const labels = [{ x0: -1000, x1: -1000 }];

  it("※ over the text columns marks a line of column numbers", () => {
    expect(isColumnNumberLine(line)).toBe(true);
  });

  it("the number no column stands under is the blank column, not the first one's centred number", () => {
    expect(phantomColumns([line], columns, labels)).toEqual([{ x0: 495, x1: 500 }]);
  });

  it("as many numbers as columns: none blank", () => {
    const four = numberLine(line.tokens.slice(0, 5));
    expect(phantomColumns([four], columns, labels)).toEqual([]);
  });

  it("a blank column between two: its number", () => {
    const cols = [columns[0], columns[1], columns[3]].map((c) => c as (typeof columns)[number]);
    expect(phantomColumns([numberLine(line.tokens.slice(0, 5))], cols, labels)).toEqual([{ x0: 273, x1: 278 }]);
  });
});
