/**
 * The prose of corpus PDFs read with the text importer's parsers (issue 6 "Read them faithfully"):
 * Shanghai 2025 预算 read with its regional spec asked for (`--template shanghai-department-budget`)
 * gives its sections by the spec's titles, statements whose amounts match its tables, and the text
 * rules run; a Jiangsu document published as two PDFs merges text into tables. Without a template
 * a PDF is read by the national standard (import-pdf.ts), whose prose is split at its headings; the
 * text half of a two-file document alone is then imported as text, with a warning that says where
 * the tables are.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../check/index.ts";
import { TABLES_IN_OTHER_FILE } from "../../check/rule.ts";
import { RULES } from "../../check/rules/final-accounts/final-accounts.ts";
import { ALL_RULES } from "../../check/rules/index.ts";
import { amountAt } from "../../model/access.ts";
import type { Disclosure } from "../../model/disclosure.ts";
import { jiangsu2017Budget, nationalBudget, shanghaiDepartmentBudget } from "../../templates/index.ts";
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
    const r = await load("shanghai-putuo-caizhengju-2025-yusuan.pdf", { template: shanghaiDepartmentBudget.id });
    expect(r.report?.template).toEqual({ id: shanghaiDepartmentBudget.id, how: "forced", confidence: 1 });
    d = r.disclosure as Disclosure;
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
  it("the text half alone is imported as text, with a warning that the tables are in another file", async () => {
    const f = "jiangsu-zhengxie-2017-yusuan-text.pdf";
    const alone = await load(f);
    const d = alone.disclosure as Disclosure;
    expect(d.meta).toMatchObject({ department: "江苏省政协办公厅", year: 2017, template: nationalBudget.id });
    expect(d.tables).toEqual([]);
    expect(d.provenance.parts).toEqual(["text"]);
    expect(alone.problems).toEqual([
      {
        code: "pdf.textOnly",
        severity: "warning",
        message: `${f} 只有文字部分（概况、说明、名词解释），没有预算表：表格在另一份文件中。把两份文件一起导入（如 yusuan check X-tables.pdf --text X-text.pdf），yusuan 把它们读成一份文档`,
      },
    ]);
    expect(d.provenance.problems).toEqual(alone.problems);
    // the 说明's twelve sections and the 名词解释 are read, by their headings
    expect(d.explanations.map((e) => e.title)).toEqual(
      expect.arrayContaining([
        "一、收支预算总表情况说明",
        "二、收入预算总表情况说明",
        "三、支出预算总表情况说明",
        "四、财政拨款收支预算总表情况说明",
        "五、财政拨款支出预算表情况说明",
        "六、财政拨款基本支出预算表情况说明",
        "七、政府性基金支出预算表情况说明",
        "八、一般公共预算支出预算表情况说明",
        "九、一般公共预算基本支出预算表情况说明",
        "十、一般公共预算机关运行经费支出预算表说明",
        "十二、政府采购预算表情况说明",
        "第四部分名词解释",
      ]),
    );
    // the rules written for any region's text run; those on tables say the tables are in the other
    // file (not "缺少表1"); the rules written for a regional template say why they do not apply
    const r = check(d);
    // (the general 说明 rules S-01 … S-07 among them; S-08's shares need the tables)
    expect(r.ran).toEqual([
      ...["S-01", "S-02", "S-03", "S-04", "S-05", "S-06", "S-07"],
      ...["N-01", "N-02", "N-03", "N-04", "N-05", "N-06", "N-07", "N-08", "N-09"],
    ]);
    // the 2017 Jiangsu 说明 has no 国有资产 section (its template has none): the one finding
    expect(r.findings.map((x) => [x.rule, x.severity])).toEqual([["N-07", "warning"]]);
    const why = (reason: string) => r.notChecked.filter((n) => n.reason === reason).map((n) => n.rule);
    expect(why(TABLES_IN_OTHER_FILE)).toEqual([
      ...["A-ROW", "A-COL", "K-01", "S-08", "C-05", "C-06", "C-07", "C-08", "C-09", "C-10"],
      ...["C-11", "C-12", "C-13", "C-14", "C-15", "C-16", "C-17"],
    ]);
    // every other rule is written for a regional template, and says so
    const national = `该规则按地区模板的说明结构和表式编写；本文档按全国通用标准读取（${nationalBudget.name}），不适用`;
    const others = r.notChecked.filter((n) => n.reason !== TABLES_IN_OTHER_FILE);
    expect(others.filter((n) => n.reason !== national)).toEqual([]);
    expect(others.map((n) => n.rule)).toEqual(expect.arrayContaining(["K-05", "T-04", "C-01", "C-28", "P-01"]));
    expect(r.notApplicable.map((n) => n.rule)).toEqual(RULES.map((x) => x.id));
    expect(r.ran.length + r.notChecked.length + r.notApplicable.length).toBe(ALL_RULES.length);
  }, 60_000);

  it("read with the tables' template (Jiangsu's, asked for), the text half merges into the tables", async () => {
    const t = await load("jiangsu-zhengxie-2017-yusuan-tables.pdf", { template: jiangsu2017Budget.id });
    const tables = t.disclosure as Disclosure;
    expect(tables.meta.template).toBe(jiangsu2017Budget.id);
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
