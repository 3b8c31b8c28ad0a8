/**
 * Real documents printed again glyph by glyph (scripts/glyphs.py: every character drawn on its own
 * at its place, in one built-in font, as virtual printers and report servers write PDFs): no text run
 * keeps a word or an amount together, and the reader must find them from the glyphs' positions. The
 * originals' rows and errors come back.
 *
 * Needs Debian's python3-fitz (installed by .ci/run).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import { matchKey } from "../../src/import/pdf/titles.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { errorKeys, labelledRows } from "./compare.ts";

const root = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "yusuan-glyphs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(name: string): Promise<{ original: Disclosure; glyphs: Disclosure }> {
  const src = join(root, "test/fixtures/regions", name);
  const out = join(dir, name);
  const r = spawnSync("/usr/bin/python3", [join(root, "scripts/glyphs.py"), src, out], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const original = (await importFile(src)).disclosure as Disclosure;
  const glyphs = (await importFile(out)).disclosure as Disclosure;
  return { original, glyphs };
}

/** Each row as its label and its amounts, in order (blank columns aside). */
const amountsByRow = (d: Disclosure) =>
  d.tables.map((t) => ({
    no: t.no,
    rows: t.rows.map((r) => [matchKey(r.label), ...r.cells.filter((c) => typeof c === "number")]),
  }));

describe("a PDF drawn glyph by glyph reads as its original", () => {
  it("北京: 6-decimal amounts (44,156.640120 drawn a digit at a time, past the second decimal) and every row", async () => {
    const { original, glyphs } = await both("beijing-renshe-2026-yusuan-tables.pdf");
    expect(labelledRows(glyphs)).toEqual(labelledRows(original));
    expect(glyphs.tables.some((t) => t.precision === 6)).toBe(true);
    expect(errorKeys(glyphs)).toEqual([]);
  }, 120_000);

  it("北京财政局: a wide amount (44,156.640120, drawn wider in the built-in font) reaching the next column's heading leaves both headings apart", async () => {
    const { original, glyphs } = await both("beijing-caizhengju-2026-yusuan-tables.pdf");
    const headings = (d: Disclosure) => d.tables.map((t) => t.columns.map((c) => c.path.join("/")));
    expect(headings(glyphs)).toEqual(headings(original));
    expect(headings(glyphs)[1]?.slice(3, 5)).toEqual(["本年收入/一般公共预算资金", "本年收入/政府性基金预算资金"]);
  }, 120_000);

  it("上海 (元, no decimals: 195,774,300 against the next cell's label) and its real errors, no others", async () => {
    const { original, glyphs } = await both("shanghai-shenjiju-2026-unit-yusuan.pdf");
    expect(amountsByRow(glyphs)).toEqual(amountsByRow(original));
    // 收入总计 printed blank on p7 (A-COL, K-01), as in the original
    expect(errorKeys(glyphs).sort()).toEqual(errorKeys(original).sort());
    expect(errorKeys(glyphs).sort()).toEqual(["A-COL 1", "K-01 1"]);
  }, 120_000);
});
