import { describe, expect, it } from "vitest";
import { looksTabbed, readTabbed, tabbedLines } from "./tabbed.ts";

const text = [
  "部门支出总表",
  "单位：万元",
  "科目\t\t\t\t支出预算\t\t",
  "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出",
  "类\t款\t项\t\t\t\t",
  "※\t※\t※\t※\t1\t2\t3",
  "\t\t\t合计\t5,219.30\t2,146.13\t3,073.17",
  "205\t\t\t教育支出\t815.90\t\t815.90",
].join("\n");

const cellsOf = (lines: ReturnType<typeof tabbedLines>, first: string) =>
  lines.find((l) => l.cells.some((c) => c.text === first))?.cells ?? [];

describe("tabbedLines", () => {
  const lines = tabbedLines(text);
  const mid = (c: { x0: number; x1: number }) => (c.x0 + c.x1) / 2;

  it("sets a merged header cell over the columns the rows under it fill", () => {
    const group = cellsOf(lines, "支出预算").find((c) => c.text === "支出预算");
    const leaves = cellsOf(lines, "合计").filter((c) => ["合计", "基本支出", "项目支出"].includes(c.text));
    expect(group).toBeDefined();
    expect(leaves.length).toBe(3);
    // centred over 合计 … 项目支出, not standing over 合计 alone
    const span = { x0: Math.min(...leaves.map((c) => c.x0)), x1: Math.max(...leaves.map((c) => c.x1)) };
    expect(Math.abs(mid(group as { x0: number; x1: number }) - mid(span))).toBeLessThan(10);
    const code = cellsOf(lines, "功能分类科目编码").find((c) => c.text === "功能分类科目编码");
    const kuan = cellsOf(lines, "款").find((c) => c.text === "款");
    expect(kuan && code && kuan.x0 >= code.x0 && kuan.x1 <= code.x1).toBe(true);
  });

  it("sets amounts flush right in their column, labels flush left, a tall heading amid the header rows", () => {
    const total = lines.find((l) => l.text.startsWith("合计 5,219.30"));
    const edu = lines.find((l) => l.text.startsWith("205"));
    const at = (l: typeof total, t: string) => l?.cells.find((c) => c.text === t);
    // 815.90 of 合计 and 5,219.30 end at the same x; 教育支出 starts where 合计 starts
    expect(at(edu, "815.90")?.x1).toBeCloseTo(at(total, "5,219.30")?.x1 as number, 5);
    expect(at(edu, "教育支出")?.x0).toBeCloseTo(at(total, "合计")?.x0 as number, 5);
    // 功能分类科目名称 has nothing under it in the header: it stands between its own row and the 类 row
    const name = lines.flatMap((l) => l.cells.map((c) => ({ c, y: l.y }))).find((x) => x.c.text === "功能分类科目名称");
    const codeRow = lines.find((l) => l.cells.some((c) => c.text === "功能分类科目编码"));
    const leafRow = lines.find((l) => l.cells.some((c) => c.text === "类"));
    expect(name?.y).toBeGreaterThan(codeRow?.y as number);
    expect(name?.y).toBeLessThan(leafRow?.y as number);
  });

  it("reads merged header cells written in every column and row they span as written once", () => {
    const repeated = [
      "部门支出总表",
      "单位：万元",
      "科目\t科目\t科目\t科目\t支出预算\t支出预算\t支出预算",
      "功能分类科目编码\t功能分类科目编码\t功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出",
      "类\t款\t项\t功能分类科目名称\t合计\t基本支出\t项目支出",
      "\t\t\t合计\t5,219.30\t2,146.13\t3,073.17",
      "205\t\t\t教育支出\t815.90\t\t815.90",
    ].join("\n");
    const again = tabbedLines(repeated);
    const texts = again.map((l) => l.cells.map((c) => c.text));
    // each heading once, set as the merged cell it is
    expect(texts.flat().filter((t) => t === "支出预算").length).toBe(1);
    expect(texts.flat().filter((t) => t === "功能分类科目编码").length).toBe(1);
    expect(texts.flat().filter((t) => t === "基本支出").length).toBe(1);
    const group = again.flatMap((l) => l.cells).find((c) => c.text === "支出预算");
    const leaves = again.flatMap((l) => l.cells).filter((c) => ["合计", "基本支出", "项目支出"].includes(c.text));
    // centred over 合计 … 项目支出 (the data row's 合计 aside)
    const heads = leaves.filter((c) => c.text !== "合计" || c.x0 > 250);
    expect(heads.length).toBe(3);
    const span = (Math.min(...heads.map((c) => c.x0)) + Math.max(...heads.map((c) => c.x1))) / 2;
    expect(Math.abs(((group?.x0 ?? 0) + (group?.x1 ?? 0)) / 2 - span)).toBeLessThan(10);
    // (the column numbers' ※ and the data rows are left as they are)
    expect(texts.find((t) => t[0] === "205")).toEqual(["205", "教育支出", "815.90", "815.90"]);
  });

  it("keeps prose lines whole, a page per form feed", () => {
    const two = tabbedLines("第一页\n项目\t金额\n合计\t1.00\f第二页");
    expect(two.map((l) => [l.page, l.text])).toEqual([
      [1, "第一页"],
      [1, "项目 金额"],
      [1, "合计 1.00"],
      [2, "第二页"],
    ]);
  });
});

describe("looksTabbed", () => {
  it("is true for text with tab-separated rows, false for prose and laid-out text", () => {
    expect(looksTabbed(Array(12).fill("合计\t1.00\t2.00").join("\n"))).toBe(true);
    expect(looksTabbed(Array(12).fill("合计      1.00      2.00").join("\n"))).toBe(false);
    expect(looksTabbed("一、部门主要职能\n负责……")).toBe(false);
  });
});

describe("readTabbed", () => {
  it("gives a merged heading wider than the narrow columns under it room, apart from the heading beside it", () => {
    // 上海市普陀区财政局 2025, 表9 as a converter writes it: 公务用车购置及运行费 is merged over 小计 购置费
    // 运行费 (narrower than it) and 机关运行经费预算数 is a tall cell beside it; set in the columns'
    // own widths, the two headings ran together and 机关运行经费预算数's column was lost (229.43 read as 运行费)
    const text = [
      "2025年部门“三公”经费和机关运行经费预算表",
      "编制部门：上海市普陀区财政局",
      "单位：万元",
      "项目\t“三公”经费预算数\t\t\t\t\t\t机关运行经费预算数",
      "\t合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t",
      "\t\t\t\t小计\t购置费\t运行费\t",
      "\t0.95\t\t0.95\t\t\t\t229.43",
    ].join("\n");
    const table = readTabbed(text, "x.txt").disclosure?.tables[0];
    expect(table?.columns.map((c) => c.path?.join("/"))).toEqual([
      "项目",
      "“三公”经费预算数/合计",
      "“三公”经费预算数/因公出国(境)费",
      "“三公”经费预算数/公务接待费",
      "“三公”经费预算数/公务用车购置及运行费/小计",
      "“三公”经费预算数/公务用车购置及运行费/购置费",
      "“三公”经费预算数/公务用车购置及运行费/运行费",
      "机关运行经费预算数",
    ]);
    expect(table?.rows.map((r) => r.cells)).toEqual([[null, 950000, null, 950000, null, null, null, 229430000]]);
  });
});
