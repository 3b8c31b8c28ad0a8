/**
 * Real documents with their pages drawn turned (scripts/turned.py: each landscape page laid
 * sideways on a portrait sheet, or every page upside down, with no /Rotate entry to set it upright),
 * as some print drivers and PDF merging tools write them and readers turn the page to read the wide
 * tables. The text is all there, running down or across the sheet: the reader reads each such page
 * turned the right way up, and the originals' tables and findings come back.
 *
 * Needs Debian's python3-fitz (installed by .ci/run).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { errorKeys, printedTables } from "./compare.ts";

const root = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "yusuan-turned-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(name: string, turn: 90 | 180 | 270) {
  const src = join(root, "test/fixtures/regions", name);
  const out = join(dir, `${turn}-${name}`);
  const r = spawnSync("/usr/bin/python3", [join(root, "scripts/turned.py"), src, out, String(turn)], {
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  const original = (await importFile(src)).disclosure as Disclosure;
  const turned = await importFile(out);
  return { original, turned: turned.disclosure as Disclosure, problems: turned.problems, said: r.stdout.trim() };
}

describe("a PDF whose pages are drawn turned reads as its original", () => {
  it("上海审计局: every page landscape, laid sideways (text running up the sheet) — not taken for a scan", async () => {
    const { original, turned, problems, said } = await both("shanghai-shenjiju-2026-unit-yusuan.pdf", 90);
    expect(said).toBe("20 of 20 pages turned");
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(printedTables(turned)).toEqual(printedTables(original));
    // 收入总计 printed blank on p7 (A-COL, K-01), as in the original, and nothing else
    expect(errorKeys(turned).sort()).toEqual(["A-COL 1", "K-01 1"]);
  }, 120_000);

  it("杭州气象局: the four landscape table pages turned the other way (text running down) among upright prose", async () => {
    const { original, turned, said } = await both("hangzhou-qixiangju-2026-yusuan.pdf", 270);
    expect(said).toBe("4 of 25 pages turned");
    expect(printedTables(turned)).toEqual(printedTables(original));
    expect(turned.tables.length).toBe(10);
    expect(turned.explanations).toEqual(original.explanations);
    expect(errorKeys(turned)).toEqual(errorKeys(original));
  }, 120_000);

  it("福州医保局: every page upside down", async () => {
    const { original, turned, said } = await both("fuzhou-yibaoju-2026-yusuan.pdf", 180);
    expect(said).toBe("44 of 44 pages turned");
    expect(printedTables(turned)).toEqual(printedTables(original));
    expect(turned.explanations).toEqual(original.explanations);
  }, 120_000);
});
