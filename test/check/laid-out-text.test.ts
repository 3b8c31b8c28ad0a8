/**
 * Extracted text of documents no text template knows (`pdftotext -layout` of the region PDFs, as a
 * user who has only the text brings it): read by the general reader as their PDFs are, not forced
 * through the seed's template (which read none of their tables and reported some 30 missing tables
 * and sections each).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
      expect(r.report?.format).toBe("text");
      expect(d?.meta.department).toBe(department);
      expect(d?.tables.map((t) => t.id)).toEqual(pdf.disclosure?.tables.map((t) => t.id));
      expect(d?.tables.length).toBe(tables);
      expect(check(d!).findings.filter((f) => f.severity === "error")).toEqual([]);
    });

  // the text's monospaced columns place a heading over the wrong amounts: two columns headed alike,
  // and a sum that fails there is the reading's, not the document's
  it("shanghai-putuo-caizhengju-2024-juesuan.pdf 表7 (三公): two columns headed alike make the table unreliable, not wrong", async () => {
    const d = (await importFile(textOf(`${CORPUS}shanghai-putuo-caizhengju-2024-juesuan.pdf`))).disclosure;
    const t = d?.tables.find((x) => x.no === 7);
    expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining("两栏同为") });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.location.table === 7)).toEqual([]);
  });

  // its 基本支出 table prints a row's amount a line or two above the row's code and name: the text
  // gives amounts in rows of their own, named by nothing
  it("shanghai-putuo-caizhengju-2024-juesuan.pdf 表6: amounts on lines of their own, under no name, make the table unreliable, not wrong", async () => {
    const d = (await importFile(textOf(`${CORPUS}shanghai-putuo-caizhengju-2024-juesuan.pdf`))).disclosure;
    const t = d?.tables.find((x) => x.no === 6);
    expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining("没有读到行名称") });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.location.table === 6)).toEqual([]);
  });

  it("an amount column the text gives no heading, and a sum that fails beside it: unreliable, not wrong", async () => {
    const lines = [
      "                                  某某局2026年部门预算",
      "",
      "                            一般公共预算“三公”经费支出表",
      "                                                                        单位：万元",
      "        项目              合计         因公出国（境）费          公务接待费",
      "",
      "     某某局              10.00         3.00          6.00          2.00",
      "",
      ...Array.from({ length: 20 }, (_, i) => `    说明     第${i + 1}行     文字`),
    ];
    const file = join(dir, "unheaded.txt");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const d = (await importFile(file)).disclosure;
    const t = d?.tables.find((x) => x.no === 1);
    expect(t?.columns.map((c) => c.path.join("/"))).toEqual(["项目", "合计", "因公出国(境)费", "amount", "公务接待费"]);
    expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining("没有读到栏目名称") });
    // (the one table of a made-up document: its arithmetic, not the tables it lacks)
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.rule.startsWith("A-"))).toEqual([]);
  });

  it("国家信访局 表9 (三公): the text's columns give every amount its heading; the table adds up", async () => {
    const d = (await importFile(textOf(`${REGIONS}central-xinfangju-2026-yusuan.pdf`))).disclosure;
    const t = d?.tables.find((x) => x.no === 9);
    expect(t?.reading).toMatchObject({ status: "reliable", failed: 0 });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.location.table === 9)).toEqual([]);
  });

  // a name wrapped in a tall cell around its row's code and amounts: the text prints its lines a row
  // apart, as it prints rows ("机关事业单位基本养老保险缴费" / "2080505 10,387.06 …" / "支出")
  it("西安市卫健委 2022 决算 表2: a name wrapped around its row's code and amounts is that row's name, not two blank rows", async () => {
    const file = `${REGIONS}xian-weijianwei-2022-juesuan.pdf`;
    const rowsOf = (d: Awaited<ReturnType<typeof importFile>>["disclosure"]) =>
      d?.tables
        .find((x) => x.no === 2)
        ?.rows.map((r) => [r.code ?? "", r.label, r.cells.filter((c) => typeof c === "number")]);
    const pdf = rowsOf((await importFile(file)).disclosure);
    const text = rowsOf((await importFile(textOf(file))).disclosure);
    expect(text).toContainEqual([
      "2080505",
      "机关事业单位基本养老保险缴费支出",
      [10387060000, 6897940000, 3489090000, 30000],
    ]);
    expect(text).toEqual(pdf);
  });

  // its 收入决算表's header sets 经营收入 and 附属单位上缴收入 off the columns their amounts fill
  it("西安市卫健委 2022 决算 表2: an amount column the text gives no heading makes the table unreliable, however many sums hold", async () => {
    const d = (await importFile(textOf(`${REGIONS}xian-weijianwei-2022-juesuan.pdf`))).disclosure;
    const t = d?.tables.find((x) => x.no === 2);
    expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining("没有读到栏目名称") });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.location.table === 2)).toEqual([]);
  });

  // its 收入预算总表 sets some rows' amounts half a column left of others' (by the characters each row's
  // name takes): a column headed by the group 收入预算 alone, beside 收入预算/财政拨款收入
  it("上海市审计局 表2: a column headed by a group that heads other columns makes the table unreliable, not wrong", async () => {
    const d = (await importFile(textOf(`${REGIONS}shanghai-shenjiju-2026-unit-yusuan.pdf`))).disclosure;
    const t = d?.tables.find((x) => x.no === 2);
    expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining("又是其他栏的表头") });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.location.table === 2)).toEqual([]);
  });

  // its 基本支出总表's second page sets the amounts off the columns of the header printed over them:
  // one amount too many for the columns read, on three rows
  it("深圳市财政局 表4: amounts with no column left for them make the table unreliable, not wrong; its wrapped name is read whole", async () => {
    const d = (await importFile(textOf(`${REGIONS}shenzhen-caizhengju-2026-yusuan.pdf`))).disclosure;
    const t = d?.tables.find((x) => x.no === 4);
    expect(t?.rows.find((r) => r.label === "机关事业单位基本养老保险缴费")?.cells.slice(1, 4)).toEqual([
      596890000, 596890000, 596890000,
    ]);
    expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining("金额多于读到的栏目") });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.location.table === 4)).toEqual([]);
  });

  it("国家信访局: the real slip in its 说明 (31.35% for 31.56%) is found in the text as in the PDF", async () => {
    const r = await importFile(textOf(`${REGIONS}central-xinfangju-2026-yusuan.pdf`));
    const s01 = check(r.disclosure!).findings.filter((f) => f.rule === "S-01");
    expect(s01.map((f) => f.message)).toEqual([expect.stringContaining("31.35%")]);
  });
});
