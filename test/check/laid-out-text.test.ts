/**
 * Extracted text of documents no text template knows (`pdftotext -layout` of the region PDFs, as a
 * user who has only the text brings it): read by the general reader as their PDFs are, not forced
 * through the seed's template (which read none of their tables and reported some 30 missing tables
 * and sections each).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";

const REGIONS = new URL("../fixtures/regions/", import.meta.url).pathname;
const CORPUS = new URL("../fixtures/corpus/", import.meta.url).pathname;
const hasPdftotext = spawnSync("pdftotext", ["-v"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "yusuan-laid-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function textOf(pdf: string): string {
  const out = join(dir, `${pdf.split("/").pop()}.txt`);
  const r = spawnSync("pdftotext", ["-layout", pdf, out]);
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return out;
}

describe.runIf(hasPdftotext)("pdftotext -layout of documents no text template knows", () => {
  // (documents whose text reads without a misread table; see the closing note for the others)
  for (const [file, department, tables] of [
    [`${REGIONS}chongqing-zhengfuban-2026-yusuan.pdf`, "重庆市人民政府办公厅", 9],
    [`${REGIONS}hangzhou-qixiangju-2026-yusuan.pdf`, "杭州市气象局", 10],
    [`${REGIONS}xian-caizhengju-2026-yusuan.pdf`, "西安市财政局", 13],
    [`${REGIONS}fuzhou-yibaoju-2026-yusuan.pdf`, "福州市医疗保障局", 10],
    [`${CORPUS}shanghai-putuo-caizhengju-2025-yusuan.pdf`, "上海市普陀区财政局", 9],
    // titles the Jiangsu text template knows, laid out in columns it cannot read: before, its tables
    // came back with no row, each reported as an empty table without its 空表说明
    [`${CORPUS}jiangsu-zhengxie-2017-yusuan-tables.pdf`, "江苏省政协办公厅", 12],
  ] as const)
    it(`${file.split("/").pop()}: every table its PDF has, by the national standard, and no error`, async () => {
      const pdf = await importFile(file);
      const r = await importFile(textOf(file));
      const d = r.disclosure;
      expect(d?.meta.template).toBe("national-budget");
      expect(d?.provenance.format).toBe("text");
      expect(d?.meta.department).toBe(department);
      expect(d?.tables.map((t) => t.id)).toEqual(pdf.disclosure?.tables.map((t) => t.id));
      expect(d?.tables.length).toBe(tables);
      expect(check(d!).findings.filter((f) => f.severity === "error")).toEqual([]);
    });

  // the text's monospaced columns place a heading over the wrong amounts: a column left with no
  // heading, or two headed alike, and a sum that fails there is the reading's, not the document's
  for (const [file, no, note] of [
    [`${REGIONS}central-xinfangju-2026-yusuan.pdf`, 9, "有一栏金额没有读到栏目名称"],
    [`${CORPUS}shanghai-putuo-caizhengju-2024-juesuan.pdf`, 7, "两栏同为"],
  ] as const)
    it(`${file.split("/").pop()} 表${no} (三公): headings the text's columns cannot place make the table unreliable, not wrong`, async () => {
      const d = (await importFile(textOf(file))).disclosure;
      const t = d?.tables.find((x) => x.no === no);
      expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining(note) });
      const errors = check(d!).findings.filter((f) => f.severity === "error" && f.location.table === no);
      expect(errors).toEqual([]);
    });

  it("国家信访局: the real slip in its 说明 (31.35% for 31.56%) is found in the text as in the PDF", async () => {
    const r = await importFile(textOf(`${REGIONS}central-xinfangju-2026-yusuan.pdf`));
    const s01 = check(r.disclosure!).findings.filter((f) => f.rule === "S-01");
    expect(s01.map((f) => f.message)).toEqual([expect.stringContaining("31.35%")]);
  });
});
