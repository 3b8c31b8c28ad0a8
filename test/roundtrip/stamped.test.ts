/**
 * Real documents as they come out of other hands: with their pages drawn turned (scripts/turned.py: each landscape page laid
 * sideways on a portrait sheet, or every page upside down, with no /Rotate entry to set it upright),
 * as some print drivers and PDF merging tools write them and readers turn the page to read the wide
 * tables. The text is all there, running down or across the sheet: the reader reads each such page
 * turned the right way up, and the originals' tables and findings come back. And with a watermark
 * stamped at a slant over every page (scripts/watermark.py), which is text too and must stay out of
 * the title and the tables; and with a running head and foot on every page (scripts/running-head.py),
 * which must not break the 说明's sentences where a page turns.
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

async function reprinted(script: "turned" | "watermark" | "running-head", name: string, ...args: string[]) {
  const src = join(root, "test/fixtures/regions", name);
  const out = join(dir, `${script}-${args.join("-")}-${name}`);
  const r = spawnSync("/usr/bin/python3", [join(root, `scripts/${script}.py`), src, out, ...args], {
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  const original = (await importFile(src)).disclosure as Disclosure;
  const turned = await importFile(out);
  return { original, turned: turned.disclosure as Disclosure, problems: turned.problems, said: r.stdout.trim() };
}
const both = (name: string, turn: 90 | 180 | 270) => reprinted("turned", name, String(turn));

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

describe("a watermark set at a slant over every page stays out of what is read", () => {
  it("福州医保局 with 仅供公开使用 at 30° a dozen times a page: the same title, tables and findings", async () => {
    const { original, turned: stamped } = await reprinted("watermark", "fuzhou-yibaoju-2026-yusuan.pdf", "30");
    expect(stamped.meta.title).toBe(original.meta.title);
    expect(stamped.meta.title).not.toContain("仅供");
    expect(printedTables(stamped)).toEqual(printedTables(original));
    expect(stamped.explanations).toEqual(original.explanations);
    expect(errorKeys(stamped)).toEqual(errorKeys(original));
  }, 120_000);

  it("西安交通局 (three levels of groups over headings a character a line) with the watermark at -45°", async () => {
    const { original, turned: stamped } = await reprinted("watermark", "xian-jiaotongju-2022-yusuan.pdf", "-45");
    expect(printedTables(stamped)).toEqual(printedTables(original));
    expect(errorKeys(stamped)).toEqual(errorKeys(original));
  }, 120_000);
});

describe("a running head and foot on every page stay out of the text", () => {
  it("福州医保局 with 福州市医疗保障局2026年部门预算 over every page and 第 N 页 共 M 页 under it: the same 说明, sentence for sentence", async () => {
    const { original, turned: headed } = await reprinted(
      "running-head",
      "fuzhou-yibaoju-2026-yusuan.pdf",
      "福州市医疗保障局2026年部门预算",
    );
    expect(printedTables(headed)).toEqual(printedTables(original));
    expect(headed.explanations).toEqual(original.explanations);
    expect(headed.overview).toEqual(original.overview);
    // (the provenance names the file, whose name holds the head)
    const times = (d: Disclosure) =>
      JSON.stringify({ ...d, provenance: undefined }).split("福州市医疗保障局2026年部门预算").length - 1;
    expect(times(headed)).toBe(times(original));
    expect(errorKeys(headed)).toEqual(errorKeys(original));
  }, 120_000);
});
