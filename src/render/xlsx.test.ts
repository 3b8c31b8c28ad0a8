import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Disclosure } from "../model/disclosure.ts";
import { formatAmount } from "../model/money.ts";
import { headerGrid } from "./header-grid.ts";
import { testDisclosures } from "./testing.ts";
import { AMOUNT_FORMAT, amountFormat, renderXlsx, sheetName, TITLE_ROWS } from "./xlsx.ts";

const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;
const dir = mkdtempSync(join(tmpdir(), "yusuan-xlsx-"));
let docs: { name: string; d: Disclosure }[] = [];

beforeAll(async () => {
  docs = await testDisclosures();
  for (const { name, d } of docs) await renderXlsx(d, join(dir, `${name}.xlsx`));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Minimal RFC 4180 parser for LibreOffice's CSV output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = "";
  let q = false;
  const endField = () => {
    row.push(f);
    f = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else f += c;
  }
  if (f || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe("renderXlsx", () => {
  it("reads back with exceljs: one sheet per table, merged headers, #,##0.00, values equal to the model", async () => {
    for (const { name, d } of docs) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, `${name}.xlsx`));
      const taken = new Set<string>();
      for (const t of d.tables) {
        const ws = wb.getWorksheet(sheetName(`表${t.no} ${t.title}`, taken));
        expect(ws, `${name} 表${t.no}`).toBeDefined();
        const grid = headerGrid(t.columns);
        const merges = (ws!.model as { merges?: string[] }).merges ?? [];
        const spans = grid.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1);
        expect(merges.length, `${name} 表${t.no} merges`).toBe(spans.length + 1 + (t.emptyNote ? 1 : 0));
        for (const h of grid.cells) expect(ws!.getCell(TITLE_ROWS + 1 + h.row, 1 + h.col).value).toBe(h.text);
        const first = TITLE_ROWS + 1 + grid.depth;
        expect(ws!.views[0]).toMatchObject({ state: "frozen", ySplit: first - 1 });
        expect(ws!.pageSetup.paperSize).toBe(9);
        t.rows.forEach((row, ri) => {
          row.cells.forEach((v, ci) => {
            const cell = ws!.getCell(first + ri, ci + 1);
            if (typeof v === "number") {
              expect(cell.numFmt).toBe(amountFormat(t.precision));
              expect(typeof cell.value).toBe("number");
              const per = t.unit === "wanyuan" ? 1e6 : 100;
              expect(Math.round((cell.value as number) * per), `${name} 表${t.no} r${ri} c${ci}`).toBe(v);
            } else {
              expect(cell.value ?? null, `${name} 表${t.no} r${ri} c${ci}`).toBe(v);
            }
          });
        });
      }
      expect(wb.getWorksheet("说明")).toBeDefined();
      if (d.performance.length) expect(wb.getWorksheet("绩效目标表")).toBeDefined();
    }
  });

  it.skipIf(!hasSoffice)(
    "LibreOffice (soffice --convert-to csv) reads every table sheet with the same numbers",
    () => {
      for (const { name, d } of docs) {
        const out = join(dir, `lo-${name}`);
        execFileSync(
          "soffice",
          [
            "--headless",
            "--norestore",
            `-env:UserInstallation=${pathToFileURL(join(dir, "lo-profile")).href}`,
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
            out,
            join(dir, `${name}.xlsx`),
          ],
          { stdio: "ignore", timeout: 60_000 },
        );
        const taken = new Set<string>();
        for (const t of d.tables) {
          const sheet = sheetName(`表${t.no} ${t.title}`, taken);
          const rows = parseCsv(readFileSync(join(out, `${name}-${sheet}.csv`), "utf8"));
          const first = TITLE_ROWS + headerGrid(t.columns).depth;
          t.rows.forEach((row, ri) => {
            const got = rows[first + ri]!;
            const want = row.cells.map((v) => (v === null ? "" : typeof v === "number" ? formatAmount(v, t.unit) : v));
            expect(got.slice(0, want.length), `${name} ${sheet} row ${ri}`).toEqual(want);
          });
        }
      }
    },
    120_000,
  );

  it("rows of wrapped text are written tall enough for every line (programs that do not fit rows print them whole)", async () => {
    const lines = (d: Disclosure) => d.overview.text.split(/\n+/).map((l) => l.trim());
    const { name, d } = docs.find((x) => lines(x.d).some((l) => l.length > 120)) as { name: string; d: Disclosure };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, `${name}.xlsx`));
    const text = wb.getWorksheet("说明") as ExcelJS.Worksheet;
    const long = lines(d).find((l) => l.length > 120) as string;
    // printed at 100% in a column that fits an A4 page: a scaled sheet's wrapped lines are cut at
    // the cell's edge by LibreOffice
    expect(text.pageSetup.fitToPage ?? false).toBe(false);
    expect(text.getColumn(1).width).toBeLessThanOrEqual(70);
    expect(long).toBeDefined();
    let found = false;
    text.eachRow((row) => {
      const v = String(row.getCell(1).value ?? "");
      if (v === long) {
        found = true;
        // more than 120 characters in the 说明 column (a CJK character counts two): three lines at least
        expect(row.height).toBeGreaterThanOrEqual(3 * 10.5 * 1.35);
      }
      // a one-line heading keeps the default height
      if (v.startsWith("第一部分")) expect(row.height ?? 15).toBeLessThanOrEqual(15);
    });
    expect(found).toBe(true);
  });

  it("shows each table's amounts with the decimals it printed (6 in some 万元 tables)", () => {
    expect(amountFormat(undefined)).toBe(AMOUNT_FORMAT);
    expect(amountFormat(2)).toBe("#,##0.00");
    expect(amountFormat(6)).toBe("#,##0.000000");
    expect(amountFormat(0)).toBe("#,##0");
  });

  it("makes amount columns wide enough for every amount, in 元 too (a number wider than its cell prints as ###)", async () => {
    const { d } = docs[0] as { d: Disclosure };
    // the seed printed in 元, for a department a hundred times its size: totals of 16 characters
    const inYuan: Disclosure = {
      ...d,
      tables: d.tables.map((t) => ({
        ...t,
        unit: "yuan",
        precision: 2,
        rows: t.rows.map((r) => ({ ...r, cells: r.cells.map((v) => (typeof v === "number" ? v * 100 : v)) })),
      })),
    };
    const file = join(dir, "yuan.xlsx");
    await renderXlsx(inYuan, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const taken = new Set<string>();
    let widest = 0;
    for (const t of inYuan.tables) {
      const ws = wb.getWorksheet(sheetName(`表${t.no} ${t.title}`, taken)) as ExcelJS.Worksheet;
      t.columns.forEach((col, ci) => {
        if (col.type !== "amount") return;
        for (const row of t.rows) {
          const v = row.cells[ci];
          if (typeof v !== "number") continue;
          const printed = formatAmount(v, "yuan");
          widest = Math.max(widest, printed.length);
          expect(ws.getColumn(ci + 1).width ?? 0, `表${t.no} ${printed}`).toBeGreaterThan(printed.length);
        }
      });
    }
    expect(widest).toBeGreaterThan(14);
  });

  it("writes header rows tall enough for headings that wrap in their cells", async () => {
    let checked = 0;
    for (const { name, d } of docs) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, `${name}.xlsx`));
      const taken = new Set<string>();
      for (const t of d.tables) {
        const ws = wb.getWorksheet(sheetName(`表${t.no} ${t.title}`, taken)) as ExcelJS.Worksheet;
        for (const h of headerGrid(t.columns).cells) {
          // a heading wider than its (one) amount column, spanning one header row, wraps onto 2+ lines
          const col = t.columns[h.col];
          if (h.colSpan !== 1 || h.rowSpan !== 1 || col?.type !== "amount" || [...h.text].length * 2 <= 14) continue;
          expect(ws.getRow(TITLE_ROWS + 1 + h.row).height, `${name} 表${t.no} ${h.text}`).toBeGreaterThan(15);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
