/**
 * The prose of corpus PDFs read with the text importer's parsers (issue 6 "Read them faithfully"):
 * Shanghai 2025 预算 gives its sections by the spec's titles, statements whose amounts match its
 * tables, and the text rules run; a Jiangsu document published as two PDFs merges text into tables.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../check/index.ts";
import { amountAt } from "../../model/access.ts";
import type { Disclosure } from "../../model/disclosure.ts";
import { mergeDisclosures } from "../merge.ts";
import { importPdf } from "./import-pdf.ts";
import type { PdfLine } from "./lines.ts";
import { proseLines } from "./prose.ts";

const DIR = join(import.meta.dirname, "../../../test/fixtures/corpus");
const load = async (f: string, opts: Parameters<typeof importPdf>[2] = {}) =>
  importPdf(new Uint8Array(readFileSync(join(DIR, f))), f, opts);

describe("proseLines", () => {
  const line = (page: number, y: number, x0: number, x1: number, text: string): PdfLine => ({
    page,
    y,
    h: 10,
    cells: [{ text, x0, x1, y, h: 10 }],
    text,
  });

  it("joins a paragraph's wrapped lines and keeps indented and numbered lines apart", () => {
    const lines = [
      line(1, 10, 20, 300, "2025年部门预算编制说明"),
      line(1, 30, 40, 500, "收入预算3,121.42万元，其中：财政拨款收入3,121.42万元，比2024年预算增加"),
      line(1, 50, 20, 200, "107.62万元。"),
      line(1, 70, 40, 500, "1.“一般公共服务支出（类）财政事务（款）行政运行（项）”1,623.18万元，主要用于局本级"),
      line(1, 90, 20, 120, "基本支出。"),
      line(1, 110, 20, 500, "2.“一般公共服务支出（类）财政事务（款）信息化建设（项）”166.66万元，主要用于信息"),
    ];
    expect(proseLines(lines, []).map((l) => l.text)).toEqual([
      "2025年部门预算编制说明",
      "收入预算3,121.42万元，其中：财政拨款收入3,121.42万元，比2024年预算增加107.62万元。",
      "1.“一般公共服务支出（类）财政事务（款）行政运行（项）”1,623.18万元，主要用于局本级基本支出。",
      "2.“一般公共服务支出（类）财政事务（款）信息化建设（项）”166.66万元，主要用于信息",
    ]);
  });

  it("drops table extents, page numbers and a block repeated at the top of the next page", () => {
    const lines = [
      line(1, 10, 20, 200, "说明"),
      line(1, 30, 20, 200, "7.职业年金887.36万元。"),
      line(1, 50, 20, 200, "8.其他0.96万元。"),
      line(1, 70, 20, 60, "7"),
      line(2, 10, 20, 200, "7.职业年金887.36万元。"),
      line(2, 30, 20, 200, "8.其他0.96万元。"),
      line(2, 50, 20, 200, "2025年部门财务收支预算总表"),
      line(2, 70, 20, 200, "一、财政拨款收入 31,214,205.80"),
    ];
    expect(proseLines(lines, [{ start: 6, end: 8 }]).map((l) => l.text)).toEqual([
      "说明",
      "7.职业年金887.36万元。",
      "8.其他0.96万元。",
    ]);
  });
});

describe("Shanghai 2025 预算: the 说明 of the PDF", () => {
  let d: Disclosure;
  beforeAll(async () => {
    d = (await load("shanghai-putuo-caizhengju-2025-yusuan.pdf")).disclosure as Disclosure;
  }, 60_000);

  it("finds the sections by the spec's titles and says the text was read", () => {
    expect(d.provenance.parts).toEqual(["tables", "text"]);
    expect(d.explanations.map((e) => e.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(d.explanations.find((e) => e.no === 4)?.title).toBe("2025年部门预算编制说明");
    expect(d.overview.functions).toHaveLength(12);
    expect(d.glossary.map((g) => g.term)).toEqual(["基本支出预算", "项目支出预算", "“三公”经费", "机关运行经费"]);
    expect(d.toc).toHaveLength(16);
    expect(d.otherMatters.officeOperatingCost?.amount).toBe(229_430_000);
    expect(d.otherMatters.procurement).toMatchObject({ total: 117_000_000, goods: 17_000_000, services: 100_000_000 });
  });

  it("reads the 项 statements, whose amounts are 表5's cut to 0.01 万元 — except item 7", () => {
    const items = (d.explanations.find((e) => e.no === 4)?.statements ?? []).filter((s) => s.subject.includes("(项)"));
    expect(items).toHaveLength(11); // items 7–11 are printed twice across a page break, read once
    const t5 = d.tables.find((t) => t.no === 5);
    expect(t5?.unit).toBe("yuan");
    for (const s of items) {
      const row = s.code ? t5?.rows.find((r) => r.code === s.code) : undefined;
      if (!row || !t5) continue; // item 8 says 其它…, the table 其他… (resolved by the rule)
      const cut = Math.trunc((amountAt(t5, row, "total") ?? 0) / 10_000) * 10_000;
      // 说明 item 7 says 887.36 万元; 表5 2080506 prints 873,617.00 元 (see corpus-findings.test.ts)
      if (s.code === "2080506") expect([s.amount, cut]).toEqual([887_360_000, 87_360_000]);
      else expect(s.amount).toBe(cut);
    }
  });

  it("runs the text rules instead of 'not checked'; T-11 finds the stray digit, nothing else errs", () => {
    const r = check(d);
    for (const id of ["T-04", "T-09", "T-11", "T-19", "T-20", "T-22", "T-23", "T-25"]) expect(r.ran).toContain(id);
    const t = r.findings.filter((f) => f.rule.startsWith("T-"));
    expect(t.map((f) => [f.rule, f.severity, f.location.row])).toEqual([
      ["T-11", "error", "2080506 机关事业单位职业年金缴费支出"],
    ]);
  });
});

describe("Jiangsu 2017: text and tables in two PDFs", () => {
  it("the text half alone is refused without a template; with the tables' template it is read and merged", async () => {
    const alone = await load("jiangsu-zhengxie-2017-yusuan-text.pdf");
    expect(alone.disclosure).toBeUndefined();
    const tables = (await load("jiangsu-zhengxie-2017-yusuan-tables.pdf")).disclosure as Disclosure;
    const text = await load("jiangsu-zhengxie-2017-yusuan-text.pdf", {
      template: tables.meta.template,
      textOnly: true,
    });
    expect(text.disclosure?.tables).toEqual([]);
    const m = mergeDisclosures(tables, text.disclosure as Disclosure);
    expect(m.tables).toBe(tables.tables);
    expect(m.explanations.map((e) => e.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(m.glossary.length).toBeGreaterThanOrEqual(7);
    const s1 = m.explanations[0]?.statements.find((s) => s.subject.includes("一般公共预算收入"));
    expect(s1).toMatchObject({ amount: 9_066_790_000, change: 498_720_000, growth: 582 });
    // Jiangsu's text rules are checked on the corpus (proseChecked): the merged document declares its text
    expect(m.provenance.parts).toEqual(["tables", "text"]);
    expect(m.provenance.problems.map((p) => p.code)).not.toContain("pdf.textUnchecked");
  }, 60_000);
});
