/**
 * The seed printed by another producer (a spreadsheet program's PDF export of yusuan's workbook,
 * test/fixtures/producers/README.md) reads back with the seed's tables: every table found and named,
 * every row in order with its label and its amounts, 表7's project names in their own column, and no
 * error (the tables add up, so one would be a misreading).
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";
import { matchKey } from "../../src/import/pdf/titles.ts";
import { readLaidOut } from "../../src/import/text/laid-out.ts";
import type { Disclosure, PrintedTable } from "../../src/model/disclosure.ts";
import { seedDisclosure } from "./compare.ts";

const pdf = new URL("../fixtures/producers/bazhou-hrss-2025-budget-libreoffice.pdf", import.meta.url).pathname;

/** A label as printed, whatever the producer's brackets, colons and spaces. */
const label = (s: string | undefined) => matchKey(s ?? "");
const amounts = (cells: readonly unknown[]) => cells.filter((c) => typeof c === "number");
/** code and name: the seed's text keeps a code inside some labels ("230 转移性支出"), a PDF's reader apart */
const rowsOf = (t: PrintedTable) =>
  t.rows.map((r) => {
    const l = label(r.label);
    const inLabel = /^\d{3,7}(?=\D)/.exec(l)?.[0];
    return { code: r.code ?? inLabel, label: inLabel ? l.slice(inLabel.length) : l, amounts: amounts(r.cells) };
  });
const projectNames = (t: PrintedTable) => {
  const at = t.columns.findIndex((c) => c.key === "projectName");
  return t.rows.map((r) => (at < 0 ? undefined : label(r.cells[at] as string | undefined)));
};

/** Every table of the seed, in order, with its rows' codes, labels and amounts, and 表7's project names. */
function expectSeedTables(d: Disclosure, seed: Disclosure): void {
  expect(d.tables.map((t) => t.id)).toEqual(seed.tables.map((t) => t.id));
  for (const t of seed.tables) {
    const back = d.tables.find((x) => x.id === t.id) as PrintedTable;
    expect({ no: t.no, rows: rowsOf(back) }).toEqual({ no: t.no, rows: rowsOf(t) });
  }
  const projects = (x: Disclosure) => projectNames(x.tables.find((t) => t.id === "projectExpenditure") as PrintedTable);
  expect(projects(d)).toEqual(projects(seed));
}

describe("the seed exported to PDF by a spreadsheet program", () => {
  it("reads back with every table of the seed: ids, row labels and amounts, project names", async () => {
    const seed = await seedDisclosure();
    const r = await importFile(pdf);
    expect(r.problems).toEqual([]);
    const d = r.disclosure as Disclosure;
    // (its cover is printed after the tables, on the 说明 sheet; a 项目 cites "2023年度" earlier)
    expect(d.meta).toMatchObject({ year: 2025, department: seed.meta.department });
    expectSeedTables(d, seed);
  });

  it("its text laid out by pdftotext -layout reads back with the same tables", async () => {
    const seed = await seedDisclosure();
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    const d = readLaidOut(text, "seed-libreoffice.txt").disclosure as Disclosure;
    expectSeedTables(d, seed);
  });

  it("its tables add up: no error, and no arithmetic warning, is reported", async () => {
    const report = check((await importFile(pdf)).disclosure as Disclosure);
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.findings.filter((f) => f.severity === "warning" && f.rule.startsWith("A-"))).toEqual([]);
  });
});
