/**
 * Tables printed as pictures: a department scans its printed (stamped) tables and binds the scans
 * into its electronic PDF, so some pages carry an image and no text. What is on them cannot be read,
 * so it is neither checked nor reported missing: the reading names the pages, and the rules that
 * would say "缺少表…" say why they could not check instead.
 * Built from a real layout: 杭州市气象局 2026 with pages turned into pictures of themselves by
 * scripts/picture-pages.py (Debian's python3-fitz, installed by .ci/run): whole pages (scans), or all
 * but a table's title (a screenshot pasted under it). A chart beside the 说明 (西安市财政局 2026 p17)
 * is not taken for one: national-corpus.test.ts finds no page of the corpus printed as a picture.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditDocument } from "../../src/audit/document.ts";
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { pageRuns } from "../../src/model/page-runs.ts";
import { yusuan } from "../cli/run.ts";

const root = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "yusuan-pictures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURE = join(root, "test/fixtures/regions/hangzhou-qixiangju-2026-yusuan.pdf");

/** The fixture with PAGES turned into pictures, in a folder of its own (one document per folder). */
function pictured(pages: string, ...more: string[]): string {
  return picturedOf(FIXTURE, pages, ...more);
}

/** Any real PDF with PAGES turned into pictures. */
function picturedOf(fixture: string, pages: string, ...more: string[]): string {
  const name = fixture.split("/").pop() as string;
  const sub = join(dir, [name, pages, ...more].join(""));
  mkdirSync(sub, { recursive: true });
  const out = join(sub, name);
  const r = spawnSync("/usr/bin/python3", [join(root, "scripts/picture-pages.py"), fixture, out, pages, ...more], {
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  return out;
}

const findingsOf = (d: Disclosure) =>
  check(d)
    .findings.filter((f) => f.severity !== "notice")
    .map((f) => `${f.severity} ${f.rule}`);
const reasonOf = (d: Disclosure, rule: string) => check(d).notChecked.find((n) => n.rule === rule)?.reason;

describe("pages printed as pictures", () => {
  it("every page a picture (a page number printed on each as text): refused, saying so", async () => {
    const r = yusuan(["check", pictured("1-25", "--page-numbers")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/第 1–25 页印成图像（扫描件或截图）.*没有读到预算表或情况说明.*文字识别（OCR）/);
  }, 60_000);

  it("pageRuns joins consecutive pages", () => {
    expect(pageRuns([3, 15, 16, 17, 20])).toBe("3、15–17、20");
    expect(pageRuns([21])).toBe("21");
  });

  it("two table pages scanned (表6 基本支出, 表7 三公): named, and the two tables not reported missing", async () => {
    const r = await importFile(pictured("20-21"));
    const d = r.disclosure as Disclosure;
    expect(d.provenance.imagePages).toEqual([20, 21]);
    expect(r.problems.find((p) => p.code === "pdf.imagePages")?.message).toContain("第 20–21 页印成图像");
    // the tables printed as text are read as in the original, and each the same
    const original = (await importFile(FIXTURE)).disclosure as Disclosure;
    expect(original.provenance.imagePages).toBeUndefined();
    const asText = original.tables.filter((t) => t.no !== 6 && t.no !== 7);
    expect(d.tables.map((t) => t.no)).toEqual(asText.map((t) => t.no));
    expect(d.tables.map((t) => t.rows)).toEqual(asText.map((t) => t.rows));
    const report = check(d);
    const completeness = report.findings.filter((f) => /^C-|^N-/.test(f.rule) && f.severity !== "notice");
    expect(completeness.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    expect(reasonOf(d, "C-11")).toMatch(/^第 20–21 页印成图像.*未找到：缺少.*三公/);
    expect(reasonOf(d, "C-10")).toMatch(/^第 20–21 页印成图像/);
    // what was read is still checked: no error anywhere, as in the original
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);

    // `yusuan check` says so first, in its text and in its JSON
    const text = yusuan(["check", pictured("20-21")]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout.split("\n")[1]).toMatch(/^读取 hangzhou-qixiangju-2026-yusuan\.pdf：第 20–21 页印成图像/);
    const json = JSON.parse(yusuan(["check", pictured("20-21"), "--format", "json"]).stdout);
    expect(json.reading).toEqual([expect.stringContaining("第 20–21 页印成图像")]);
  }, 120_000);

  it("a table pasted as a screenshot under its printed title (表7 三公): not reported missing", async () => {
    const r = await importFile(pictured("21", "--keep-title"));
    const d = r.disclosure as Disclosure;
    expect(d.provenance.imagePages).toEqual([21]);
    const report = check(d);
    expect(report.findings.filter((f) => f.severity !== "notice").map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    expect(reasonOf(d, "C-11")).toMatch(/^第 21 页印成图像（扫描件或截图）.*未找到：缺少.*三公/);
  }, 60_000);

  it("a table pasted as a screenshot under its title printed after other text (江苏高院 p17, 三公): not reported missing", async () => {
    const file = picturedOf(join(root, "test/fixtures/corpus/jiangsu-gaoyuan-2017-yusuan.pdf"), "17", "--under=三公");
    const d = (await importFile(file)).disclosure as Disclosure;
    expect(d.provenance.imagePages).toEqual([17]);
    // 表10 ends on p17 above the title, 表11 (三公) goes on to p18: neither is read as whole
    expect(d.tables.filter((t) => t.reading?.status === "unreliable").map((t) => t.no)).toEqual([10, 11]);
    expect(findingsOf(d)).toEqual(["error S-01"]);
  }, 120_000);

  it("a table printed across a picture, or begun on one, is not read as whole: no arithmetic from it", async () => {
    // 江苏高院 2017 表2 runs over pp12–14: with p13 a picture, its two text parts are joined
    const gy = (await importFile(picturedOf(join(root, "test/fixtures/corpus/jiangsu-gaoyuan-2017-yusuan.pdf"), "13")))
      .disclosure as Disclosure;
    const t2 = gy.tables.find((t) => t.no === 2);
    expect(t2?.reading?.status).toBe("unreliable");
    expect(t2?.reading?.note).toBe("第 13 页印成图像，表的一部分可能印在该页上，未能读全");
    // (表1 ends on p12, where 表2 begins: it cannot go on to p13)
    expect(gy.tables.find((t) => t.no === 1)?.reading?.status).toBe("reliable");
    // the document's own error (S-01, hand-verified) and nothing else
    expect(findingsOf(gy)).toEqual(["error S-01"]);
    // 西安市交通运输局 2022 表13 (三公) begins on p78 and goes on to p79: with p78 a picture, what is
    // read on p79 is its end, not the table
    const xa = (await importFile(picturedOf(join(root, "test/fixtures/regions/xian-jiaotongju-2022-yusuan.pdf"), "78")))
      .disclosure as Disclosure;
    const three = xa.tables.find((t) => t.id === "threePublic");
    expect(three?.pages).toEqual([79]);
    expect(three?.reading?.status).toBe("unreliable");
    expect(findingsOf(xa)).toEqual([]);
  }, 120_000);

  it("a share of the 说明 whose total may be printed on a picture is not reported as unfounded (S-08)", async () => {
    // 西安市卫健委 2022 决算 p150: 表3 (支出决算表), whose 合计 the 说明's shares are of
    const file = picturedOf(join(root, "test/fixtures/regions/xian-weijianwei-2022-juesuan.pdf"), "150");
    const d = (await importFile(file)).disclosure as Disclosure;
    expect(d.provenance.imagePages).toEqual([150]);
    expect(findingsOf(d)).toEqual([]);
    expect(reasonOf(d, "S-08")).toMatch(/^第 150 页印成图像.*未找到：说明中/);
  }, 120_000);

  it("every table page scanned: read as the 说明 it is, not as the text half of a two-file document", async () => {
    const file = pictured("15-25");
    const r = await importFile(file);
    const d = r.disclosure as Disclosure;
    expect(d.provenance.imagePages).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(d.tables).toEqual([]);
    expect(r.problems.map((p) => p.code)).not.toContain("pdf.textOnly");
    expect(r.problems.find((p) => p.code === "pdf.imagePages")?.message).toMatch(
      /第 15–25 页印成图像.*没有读到预算表，只读取了文字部分/,
    );
    for (const rule of ["C-05", "A-COL", "K-01"]) expect(reasonOf(d, rule)).toMatch(/^第 15–25 页印成图像/);
    expect(check(d).findings.filter((f) => f.severity !== "notice")).toEqual([]);

    const a = await auditDocument({ file });
    expect(a.status).toBe("ok");
    expect(a.half).toBeUndefined();
    expect(a.imagePages).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(a.score?.items.find((i) => i.id === "tables")?.status).toBe("未能检查");
  }, 60_000);
});
