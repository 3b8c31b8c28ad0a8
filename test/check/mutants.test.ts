/**
 * Issue 11's planted-change measurement on the committed fixtures (test/fixtures/mutants, made from
 * real PDFs of ten regions with ../shared/tools/pdf_mutants.py; see its README): at least 95% of the
 * one-digit changes planted in table amounts must be reported as an error at their table, and the
 * cut originals must show no error. scripts/mutants.ts is the same measurement with a line per
 * mutant (`npx tsx scripts/mutants.ts`).
 *
 * Written while the general table reader is being built: on main at ea102ad 18 of 88 changes (20.5%)
 * were caught at their table and the 23 cut originals carried 579 error findings; at 170dc2b, 76 of 88
 * (86.4%) and 28; now 84 of 88 (95.5%) and 5: the real one and three misreadings, listed below by
 * name so that any new error on an original fails this test. The bar is the issue's, not tuned to
 * any result; do not lower it. (Completeness findings on the cuts are not counted: the cuts drop
 * the text part by construction; the whole documents are checked in corpus tests.)
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  formatReport,
  judgeMutant,
  locateTable,
  type MutantReport,
  measureMutants,
  normaliseTitle,
  readManifest,
  sameTitle,
  TARGET_RATE,
} from "../../scripts/mutants.ts";
import type { Disclosure, PrintedTable } from "../../src/model/disclosure.ts";
import type { Finding } from "../../src/model/finding.ts";

const DIR = fileURLToPath(new URL("../fixtures/mutants/", import.meta.url));
const manifest = readManifest(DIR);

const pages = new Map<string, string>();
const pageText = (file: string, page: number) => {
  const k = `${file}#${page}`;
  let text = pages.get(k);
  if (text === undefined) {
    const args = ["-layout", "-f", String(page), "-l", String(page), join(DIR, file), "-"];
    text = execFileSync("pdftotext", args, { encoding: "utf8" });
    pages.set(k, text);
  }
  return text;
};
const count = (text: string, s: string) => text.split(s).length - 1;

describe("the planted-change fixtures", () => {
  it("hold 60–100 mutants from six or more regions, each beside its cut original", () => {
    expect(manifest.mutants.length).toBeGreaterThanOrEqual(60);
    expect(manifest.mutants.length).toBeLessThanOrEqual(100);
    const originals = new Set(manifest.documents.map((d) => d.original));
    const regions = new Set(
      manifest.mutants.map((m) => manifest.documents.find((d) => d.original === m.original)?.region),
    );
    expect(regions.size).toBeGreaterThanOrEqual(6);
    for (const d of manifest.documents) expect(existsSync(join(DIR, d.original)), d.original).toBe(true);
    for (const m of manifest.mutants) {
      expect(existsSync(join(DIR, m.file)), m.file).toBe(true);
      expect(originals.has(m.original), m.file).toBe(true);
      expect(m.new, m.file).not.toBe(m.old);
      expect(m.title, m.file).toMatch(/表/);
    }
  });

  it("print the new figure on the mutant's page where the original prints the old one (pdftotext)", () => {
    for (const m of manifest.mutants) {
      const before = pageText(m.original, m.page);
      const after = pageText(m.file, m.page);
      expect(count(after, m.new), m.file).toBeGreaterThan(count(before, m.new));
      expect(count(after, m.old), m.file).toBe(count(before, m.old) - 1);
    }
  });
});

// The harness's own judgement, on hand-made readings: what counts as caught and what does not.
const table = (no: number, title: string, pages: number[], amounts: number[]): PrintedTable =>
  ({
    no,
    id: `t${no}`,
    title,
    unit: "wanyuan",
    columns: [],
    pages,
    rows: [{ kind: "item", label: "行", cells: amounts }],
  }) as unknown as PrintedTable;
const reading = (...tables: PrintedTable[]) => ({ tables }) as unknown as Disclosure;
const error = (tableNo: number, actual = "1.00"): Finding => ({
  rule: "A-01",
  severity: "error",
  message: "合计不等于各项之和",
  location: { table: tableNo, row: "合计" },
  expected: "2.00",
  actual,
});
const planted = { page: 5, new: "1,234.56", title: "表3 本年支出总体情况表" };

describe("the harness's judgement", () => {
  it("finds the table on the figure's page under its printed title; of two, the one holding the figure", () => {
    const t3 = table(3, "2026年本年支出总体情况表", [5], [7]);
    const t4 = table(4, "财政拨款收支总体情况表", [5, 6], [1]);
    expect(locateTable(reading(t4, t3), planted)).toMatchObject({ table: { no: 3 }, by: "title" });
    // a table continued over the page break, read twice under the same title
    const t3a = table(3, "本年支出总体情况表", [4, 5], [1]);
    const t9 = table(9, "本年支出总体情况表", [5], [1_234_560_000]);
    expect(locateTable(reading(t3a, t9), planted)).toMatchObject({ table: { no: 9 }, by: "cell" });
    // the figure read into another table (one run into the next): not found, its errors point elsewhere
    expect(locateTable(reading(table(4, "财政拨款收支总体情况表", [5], [1_234_560_000])), planted)).toBeUndefined();
    expect(locateTable(reading(table(3, "本年支出总体情况表", [4], [1_234_560_000])), planted)).toBeUndefined();
  });

  it("tells tables of similar titles apart", () => {
    expect(sameTitle("表3：2026年市级部门支出预算总表", "表3 2026 年市级部门支出预算总表")).toBe(true);
    expect(sameTitle("一般公共预算基本支出情况表（按经济分类科目）", "表6 一般公共预算基本支出情况表")).toBe(true);
    expect(sameTitle("“三公”经费支出表", '"三公"经费支出表')).toBe(true);
    expect(sameTitle("支出总表", "基本支出总表")).toBe(false);
    expect(sameTitle("一般公共预算支出表", "一般公共预算基本支出表")).toBe(false);
    expect(sameTitle("市级部门一般公共预算“三公”经费预算表", "市级部门一般公共预算基本支出预算表")).toBe(false);
  });

  it("counts an error at the table as caught only when the original does not have it", () => {
    const d = reading(table(3, "本年支出总体情况表", [5], [1_234_560_000]));
    expect(judgeMutant(planted, [], d, [error(3)]).status).toBe("caught");
    expect(judgeMutant(planted, [error(3)], d, [error(3)]).status).toBe("missed");
    // the change moved an existing misreading's figures: a different finding, so it stood out
    expect(judgeMutant(planted, [error(3)], d, [error(3, "9.00")]).status).toBe("caught");
    expect(judgeMutant(planted, [], d, [error(4)]).status).toBe("elsewhere");
    expect(judgeMutant(planted, [], d, [{ ...error(3), severity: "warning" }]).status).toBe("missed");
    expect(judgeMutant(planted, [], reading(), [error(3)]).status).toBe("no-table");
    expect(judgeMutant(planted, [], reading(table(5, "一般公共预算支出表", [5], [])), [error(5)]).status).toBe(
      "no-table",
    );
  });

  it("reads titles without their numbering or year", () => {
    expect(normaliseTitle("表3：2026年市级部门支出预算总表")).toBe("市级部门支出预算总表");
    expect(normaliseTitle("预算03表 支出总表")).toBe("支出总表");
    expect(normaliseTitle("五、2017 年度江苏省高级人民法院部门财政拨款支出预算表")).toBe(
      "江苏省高级人民法院部门财政拨款支出预算表",
    );
  });
});

/**
 * The one real inconsistency on the cut originals, checked by hand with `pdftotext -layout`:
 * 上海市审计局 2026 单位预算 (source p7, cut p2) 财务收支预算总表 prints 收入总计 blank while 一、财政拨款收入
 * is 195,774,300 and 支出总计 is 195,774,300 (元); the cut prints no table numbers, so it is 表1 there.
 * 杭州市公安局 2026 (source p21–22, p29 and p32–33, checked with `pdftotext -layout` and every word on
 * the pages through PyMuPDF): 表2 收入总表 — the department's row (404,415.23) is 1,471.68 万元 more than
 * its eleven units' rows in 总计 and 小计 (1,471.66 in 一般公共预算); 表7 三公 by unit — the 合计 row is
 * 144.00 more than its nine units' rows in “三公”经费合计, 小计 and 公务用车运行维护费 (4,112.82 against
 * 3,968.82); 表10 项目支出 — the 合计 row is 199.00 more than its 33 projects in 总计 and 一般公共预算
 * (106,512.00 against 106,313.00). A unit left out of the lists, most likely; each difference is itself a
 * row that adds up across.
 */
const REAL = [
  "shanghai/shanghai-shenjiju-2026-unit-yusuan-original.pdf 表1 A-COL 收入总计",
  "shanghai/shanghai-shenjiju-2026-unit-yusuan-original.pdf 表1 K-01 支出总计",
  "hangzhou/hangzhou-gonganju-2026-yusuan-original.pdf 表2 A-COL 杭州市公安局",
  "hangzhou/hangzhou-gonganju-2026-yusuan-original.pdf 表7 A-COL 合计",
  "hangzhou/hangzhou-gonganju-2026-yusuan-original.pdf 表10 A-COL 合计",
];
/** Misreadings the reader still makes on the cut originals (open work of issue 11): none today. */
const KNOWN_MISREADINGS: string[] = [];

describe("issue 11: planted table changes in real PDFs of six or more regions", () => {
  let report: MutantReport;
  beforeAll(async () => {
    report = await measureMutants(DIR);
  }, 900_000);

  it(`are reported as errors at their table in at least ${TARGET_RATE * 100}% of cases`, () => {
    expect(report.total).toBe(manifest.mutants.length);
    expect(report.rate, formatReport(report)).toBeGreaterThanOrEqual(TARGET_RATE);
  });

  it("leave the cut originals clean: every one read, no error finding but the real ones and the known misreadings listed", () => {
    const unread = report.originals.filter((o) => !o.read).map((o) => `${o.file}: ${o.note}`);
    const errors = report.originals.flatMap((o) =>
      o.errors.map((f) => `${o.file} 表${f.location.table} ${f.rule} ${f.location.row ?? ""}`.trim()),
    );
    expect(unread).toEqual([]);
    expect(errors.sort()).toEqual([...REAL, ...KNOWN_MISREADINGS].sort());
  });
});
