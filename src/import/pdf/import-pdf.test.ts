/**
 * Every corpus PDF (test/fixtures/corpus, copied from ../shared/corpus/pdf) imports with all its
 * tables, read both ways: by the general reader (the default: no regional spec is chosen for a
 * document, the closest one is only reported) and by the regional spec it follows when asked for
 * (`--template`). Every amount that `pdftotext -layout` prints on a table line of a table page
 * appears in the imported tables of that page, and every row identity of the specs holds on the
 * spec's reading (which catches an amount read into the wrong column).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Disclosure } from "../../model/disclosure.ts";
import { formatAmount } from "../../model/money.ts";
import { getTemplate } from "../../templates/index.ts";
import { importPdf, type PdfImportResult } from "./import-pdf.ts";

const DIR = join(import.meta.dirname, "../../../test/fixtures/corpus");

/** Tables counted by reading each PDF's text (pdftotext -layout) by hand. */
const CORPUS: { file: string; template: string; tables: number; amounts: boolean }[] = [
  { file: "jiangsu-gaoyuan-2017-yusuan.pdf", template: "jiangsu-2017-budget", tables: 12, amounts: true },
  { file: "jiangsu-jianchayuan-2017-yusuan.pdf", template: "jiangsu-2017-budget", tables: 12, amounts: true },
  { file: "jiangsu-renda-2017-yusuan.pdf", template: "jiangsu-2017-budget", tables: 12, amounts: true },
  { file: "jiangsu-shengweiban-2017-yusuan-tables.pdf", template: "jiangsu-2017-budget", tables: 12, amounts: true },
  { file: "jiangsu-zhengxie-2017-yusuan-tables.pdf", template: "jiangsu-2017-budget", tables: 12, amounts: true },
  { file: "national-juesuan-template.pdf", template: "national-final-accounts", tables: 9, amounts: false },
  { file: "shanghai-putuo-caizhengju-2024-juesuan.pdf", template: "national-final-accounts", tables: 9, amounts: true },
  {
    file: "shanghai-putuo-caizhengju-2025-yusuan.pdf",
    template: "shanghai-department-budget",
    tables: 9,
    amounts: true,
  },
];

const hasPdftotext = spawnSync("pdftotext", ["-v"]).status === 0;

/** Amount tokens on the table lines of one page, as pdftotext -layout prints them. */
function pdftotextAmounts(file: string, page: number): string[] {
  const out = spawnSync("pdftotext", ["-layout", "-f", String(page), "-l", String(page), file, "-"]).stdout.toString();
  const tokens: string[] = [];
  for (const line of out.split("\n")) {
    // prose (the 说明 part sharing a page with a table) quotes amounts too: skip sentences
    if (/[，。；]|万元|%/.test(line)) continue;
    for (const m of line.matchAll(/(?<![\d.,])(-?\d{1,3}(?:,\d{3})*\.\d{2})(?![\d.,])/g)) tokens.push(m[1] as string);
  }
  return tokens;
}

function importedAmounts(d: Disclosure, page: number): string[] {
  const out: string[] = [];
  for (const t of d.tables)
    for (const r of t.rows)
      if (r.page === page) for (const c of r.cells) if (typeof c === "number") out.push(formatAmount(c, t.unit));
  return out;
}

/** Every amount pdftotext prints on the table lines of each table page is among the page's cells. */
function expectEveryAmount(file: string, d: Disclosure): void {
  const pages = [...new Set(d.tables.flatMap((t) => t.pages ?? []))];
  let checked = 0;
  for (const page of pages) {
    const want = pdftotextAmounts(join(DIR, file), page);
    const got = importedAmounts(d, page);
    const missing: string[] = [];
    for (const w of want) {
      const i = got.indexOf(w);
      if (i >= 0) got.splice(i, 1);
      else missing.push(w);
    }
    expect(missing, `page ${page}`).toEqual([]);
    checked += want.length;
  }
  expect(checked).toBeGreaterThan(100);
}

/** The general reader's results (no template asked for). */
const national = new Map<string, PdfImportResult>();
/** The regional spec's reader, asked for as `--template` does. */
const results = new Map<string, PdfImportResult>();

beforeAll(async () => {
  for (const c of CORPUS) {
    const buf = readFileSync(join(DIR, c.file));
    national.set(c.file, await importPdf(new Uint8Array(buf), c.file));
    results.set(c.file, await importPdf(new Uint8Array(buf), c.file, { template: c.template }));
  }
}, 120_000);

describe("corpus PDFs", () => {
  for (const c of CORPUS) {
    describe(c.file, () => {
      it("by the general reader: finds every table, and names the spec it resembles without using it", () => {
        const r = national.get(c.file) as PdfImportResult;
        expect(r.disclosure, JSON.stringify(r.problems)).toBeDefined();
        const kind = getTemplate(c.template)?.kind;
        expect(r.report?.template).toEqual({
          id: kind === "finalAccounts" ? "national-final" : "national-budget",
          how: "national",
          confidence: 1,
        });
        // (Shanghai's 部门 and 单位 specs share most titles: a close runner-up lowers the confidence)
        expect(r.report?.closest?.id).toBe(c.template);
        expect(r.report?.closest?.confidence).toBeGreaterThan(0.5);
        expect(r.report?.tables.length).toBe(c.tables);
        expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
      });

      it("with its spec asked for: the spec's reader finds every table of the spec", () => {
        const r = results.get(c.file) as PdfImportResult;
        expect(r.disclosure, JSON.stringify(r.problems)).toBeDefined();
        expect(r.report?.template).toEqual({ id: c.template, how: "forced", confidence: 1 });
        expect(r.report?.tables.length).toBe(c.tables);
        expect(r.report?.missing).toEqual([]);
        expect(new Set(r.disclosure?.tables.map((t) => t.id)).size).toBe(c.tables);
        expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
      });

      if (!c.amounts) {
        it("a blank template: no amount is read by either reader", () => {
          for (const r of [national.get(c.file), results.get(c.file)]) {
            const d = (r as PdfImportResult).disclosure as Disclosure;
            const amounts = d.tables.flatMap((t) =>
              t.rows.flatMap((row) => row.cells.filter((x) => typeof x === "number")),
            );
            expect(amounts).toEqual([]);
          }
        });
        return;
      }

      it.runIf(hasPdftotext)("by the general reader: reads every amount pdftotext prints on the table pages", () => {
        expectEveryAmount(c.file, (national.get(c.file) as PdfImportResult).disclosure as Disclosure);
      });

      it.runIf(hasPdftotext)("with its spec: reads every amount pdftotext prints on the table pages", () => {
        expectEveryAmount(c.file, (results.get(c.file) as PdfImportResult).disclosure as Disclosure);
      });

      it("keeps every row identity of the spec (no amount in a wrong column)", () => {
        const d = (results.get(c.file) as PdfImportResult).disclosure as Disclosure;
        const spec = getTemplate(d.meta.template);
        const bad: string[] = [];
        for (const t of d.tables) {
          const ts = spec?.tables.find((s) => s.id === t.id);
          for (const rs of ts?.rowSums ?? []) {
            const ti = t.columns.findIndex((col) => col.key === rs.total);
            const pi = rs.parts.map((p) => t.columns.findIndex((col) => col.key === p));
            for (const row of t.rows) {
              const total = row.cells[ti];
              if (typeof total !== "number") continue;
              const sum = pi.reduce((s, i) => s + (typeof row.cells[i] === "number" ? (row.cells[i] as number) : 0), 0);
              const tol = t.unit === "wanyuan" ? 5000 * (pi.length + 1) : 0;
              if (Math.abs(sum - total) > tol) bad.push(`${t.id} ${row.code ?? row.label}`);
            }
          }
        }
        expect(bad).toEqual([]);
      });
    });
  }

  it("reads Shanghai 2025 表2 exactly (spot check against the PDF)", () => {
    const d = results.get("shanghai-putuo-caizhengju-2025-yusuan.pdf")?.disclosure as Disclosure;
    const t2 = d.tables.find((t) => t.id === "income");
    const row = t2?.rows.find((r) => r.code === "2080505");
    expect(row?.label).toBe("机关事业单位基本养老保险缴费支出");
    expect(row?.cells.slice(4, 6)).toEqual([174832700, 174832700]);
    expect(t2?.unit).toBe("yuan");
    // the 三公 table prints its own unit (万元) and its lines as columns of one row
    const t9 = d.tables.find((t) => t.id === "threePublic");
    expect(t9?.unit).toBe("wanyuan");
    expect(t9?.rows[0]?.cells).toEqual([950000, null, 950000, null, null, null, 229430000]);
  });

  it("reads wrapped labels and vertically centred cells of the 2024 决算", () => {
    const d = results.get("shanghai-putuo-caizhengju-2024-juesuan.pdf")?.disclosure as Disclosure;
    const t2 = d.tables.find((t) => t.id === "income");
    expect(t2?.rows.find((r) => r.code === "2080505")?.label).toBe("机关事业单位基本养老保险缴费支出");
    const t3 = d.tables.find((t) => t.id === "expenditure");
    expect(t3?.rows.find((r) => r.kind === "total")?.cells.slice(4, 7)).toEqual([2940050000, 2336910000, 603140000]);
    const t6 = d.tables.find((t) => t.id === "basicExpenditure");
    expect(t6?.rows.find((r) => r.code === "30101")?.cells.at(-1)).toBe(262330000);
    expect(t6?.rows.find((r) => r.code === "30201")?.cells.at(-1)).toBe(21210000);
  });

  it("reads a text-only part (no tables) as text and says the tables are in the other file", async () => {
    const f = "jiangsu-zhengxie-2017-yusuan-text.pdf";
    const r = await importPdf(new Uint8Array(readFileSync(join(DIR, f))), f);
    expect(r.disclosure?.tables).toEqual([]);
    expect(r.disclosure?.provenance.parts).toEqual(["text"]);
    const w = r.problems.find((p) => p.code === "pdf.textOnly");
    expect(w?.severity).toBe("warning");
    expect(w?.message).toMatch(/表格在另一份文件中/);
    // with a regional spec asked for, its reader finds none of the spec's tables: an error, no disclosure
    const spec = await importPdf(new Uint8Array(readFileSync(join(DIR, f))), f, { template: "jiangsu-2017-budget" });
    expect(spec.disclosure).toBeUndefined();
    expect(spec.problems.some((p) => p.code === "pdf.noTables" && p.severity === "error")).toBe(true);
  });
});
