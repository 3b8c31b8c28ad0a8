import { describe, expect, it } from "vitest";
import { BOM, csvField, defuseFormula, tableCsv, tableCsvName } from "./csv.ts";
import { HOSTILE, sampleDisclosure } from "./testing.ts";

const d = sampleDisclosure({ hostile: true });
const table = (no: number) => d.tables.find((t) => t.no === no)!;

describe("tableCsv", () => {
  it("starts with a BOM, joins header paths, writes exact amounts and blank cells empty", () => {
    const csv = tableCsv(table(3));
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "功能分类科目编码/类,功能分类科目编码/款,功能分类科目编码/项,功能分类科目名称,合计,基本支出,项目支出",
    );
    expect(lines[1]).toBe(",,,合计,5219.30,2200.60,3018.70");
    expect(lines).toContain("205,03,,职业教育,808.49,,808.49");
    expect(lines).toContain("208,01,01,行政运行,1057.21,1057.21,0.00");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("writes a table's amounts with the decimals it printed (6 in some 万元 tables), never rounded to 2", () => {
    const t = { ...table(3), precision: 6 };
    t.rows = t.rows.map((r, i) =>
      i === 0 ? { ...r, cells: r.cells.map((c) => (typeof c === "number" ? c + 1 : c)) } : r,
    );
    const lines = tableCsv(t).slice(1).split("\r\n");
    expect(lines[1]).toBe(",,,合计,5219.300001,2200.600001,3018.700001");
  });

  it("quotes hostile text and keeps it as data", () => {
    const csv = tableCsv(table(7));
    expect(csv).toContain(csvField(HOSTILE));
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(defuseFormula("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(defuseFormula("-")).toBe("-");
  });

  it("names files by number and id", () => {
    expect(tableCsvName(table(3))).toBe("03-expenditure.csv");
    expect(tableCsvName(table(11))).toBe("11-carryover.csv");
  });
});
