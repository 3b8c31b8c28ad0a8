/**
 * Wide tables printed across pages side by side (test/fixtures/producers/README.md): two real
 * documents written out as yusuan's workbook and exported by LibreOffice Calc at 100 %, portrait,
 * not fitted to the page, so every table wider than a sheet of A4 runs on onto further pages (a
 * spreadsheet prints "down, then over"); 国家信访局's with nothing repeated, 福州市公安局治安管理支队's
 * with its label column printed again on every page. Read again, each must give the original's
 * tables back, row by row, and no error the original does not have (the tables add up: an error
 * would be a misreading).
 */
import { describe, expect, it } from "vitest";
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";
import { matchKey } from "../../src/import/pdf/titles.ts";
import type { Disclosure, PrintedTable } from "../../src/model/disclosure.ts";

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;

/** A row as printed: its label (whatever the producer's brackets and codes) and its amounts. */
const rowsOf = (t: PrintedTable) =>
  t.rows.map((r) => ({
    label: matchKey(r.label ?? "").replace(/^\d{3,7}(?=\D)/, ""),
    amounts: r.cells.filter((c) => typeof c === "number"),
  }));
const errorsOf = (d: Disclosure) =>
  check(d)
    .findings.filter((f) => f.severity === "error")
    .map((f) => `${f.rule} 表${f.location.table ?? ""}`)
    .sort();

const CASES = [
  {
    name: "国家信访局 2026: nothing repeated; 表5 three pages wide, 表2's title centred onto its middle part",
    original: "regions/central-xinfangju-2026-yusuan.pdf",
    split: "producers/central-xinfangju-2026-yusuan-calc-split.pdf",
    // page joined ← the pages joined to it, in the order printed
    joined: ["1←2", "3←4,5", "6←7", "8←9", "10←11,12", "13←14", "17←18"],
  },
  {
    name: "福州市公安局治安管理支队 2026: the label column printed again on every page",
    original: "regions/fuzhou-zhiandui-2026-unit-yusuan.pdf",
    split: "producers/fuzhou-zhiandui-2026-unit-yusuan-calc-split-cols.pdf",
    joined: undefined,
  },
];

describe("a wide table printed across pages side by side", () => {
  for (const c of CASES)
    describe(c.name, () => {
      it("is read as the original: every table with amounts, row by row; no error the original has not", async () => {
        const first = (await importFile(fixture(c.original))).disclosure as Disclosure;
        const r = await importFile(fixture(c.split));
        const again = r.disclosure as Disclosure;
        // (the split print is the original's reading written out: its tables are the reference)
        const printed = first.tables.filter((t) => t.rows.some((row) => row.cells.some((x) => typeof x === "number")));
        expect(printed.length).toBeGreaterThanOrEqual(6);
        for (const t of printed) {
          const back = again.tables.find((x) => x.id === t.id);
          expect(back, `表${t.no} ${t.title}`).toBeDefined();
          const cols = (x: PrintedTable) => x.columns.map((k) => k.key);
          expect({ no: t.no, columns: cols(back as PrintedTable), rows: rowsOf(back as PrintedTable) }).toEqual({
            no: t.no,
            columns: cols(t),
            rows: rowsOf(t),
          });
        }
        expect(errorsOf(again).filter((e) => !errorsOf(first).includes(e))).toEqual([]);
        const notes = r.problems.filter((p) => p.code === "pdf.stitched");
        expect(notes.length).toBeGreaterThan(0);
        for (const n of notes) expect(n.severity).toBe("warning");
        if (c.joined)
          expect(
            notes.map((n) =>
              n.message
                .match(/第 ([\d、]+) 页/)?.[1]
                ?.replace(/、/, "←")
                .replace(/、/g, ","),
            ),
          ).toEqual(c.joined);
      });
    });
});
