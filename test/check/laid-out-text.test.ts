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
import { TABLES_IN_OTHER_FILE } from "../../src/check/rule.ts";
import { importFile, mergeDisclosures } from "../../src/import/index.ts";
import { pairHalves } from "../../src/import/pair.ts";

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

  // its 基本支出 table prints a row's codes at the top of tall cells, the amount above them and the
  // name under them, a blank line between rows ("262.33" / "301 01" / "基本工资"): each block is a row
  it("shanghai-putuo-caizhengju-2024-juesuan.pdf 表6: a row's amount, codes and name on lines of their own, between blank lines, are one row", async () => {
    const file = `${CORPUS}shanghai-putuo-caizhengju-2024-juesuan.pdf`;
    const rowsOf = (d: Awaited<ReturnType<typeof importFile>>["disclosure"]) =>
      d?.tables
        .find((x) => x.no === 6)
        ?.rows.map((r) => [r.code ?? "", r.label, r.cells.filter((c) => typeof c === "number")]);
    const d = (await importFile(textOf(file))).disclosure;
    const text = rowsOf(d);
    const pdf = rowsOf((await importFile(file)).disclosure);
    expect(text?.slice(0, 4)).toEqual([
      ["301", "工资福利支出", [2082850000]],
      ["30101", "基本工资", [262330000]],
      ["30102", "津贴补贴", [1238580000]],
      ["30103", "奖金", []],
    ]);
    // (its 资本性支出 rows as the PDF's but for one name wrapped round its 款: 信息网络及软件购置更 / 07 / 新)
    expect(text?.slice(0, 59)).toEqual(pdf?.slice(0, 59));
    expect(d?.tables.find((x) => x.no === 6)?.reading).toMatchObject({ status: "reliable", failed: 0 });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.location.table === 6)).toEqual([]);
  });

  // amounts the text sets lines away from every code and name (a layout whose cells print their lines
  // at different heights): rows of amounts named by nothing, whatever sums they make hold
  it("amounts on lines of their own, under no name, make the table unreliable, not wrong", async () => {
    const lines = [
      "                                  某某局2025年部门决算",
      "",
      "                          一般公共预算财政拨款基本支出决算表",
      "                                                              单位：万元",
      "      科目编码            科目名称                决算数",
      "",
    ];
    for (const [code, name, amount] of [
      ["301", "工资福利支出", "100.00"],
      ["30101", "基本工资", "60.00"],
      ["30102", "津贴补贴", "30.00"],
      ["30199", "其他工资福利支出", "10.00"],
      ["302", "商品和服务支出", "50.00"],
      ["30201", "办公费", "50.00"],
    ])
      lines.push(`${" ".repeat(42)}${amount}`, "", "", `      ${code}`, "", "", `${" ".repeat(26)}${name}`, "", "");
    lines.push(...Array.from({ length: 20 }, (_, i) => `    说明     第${i + 1}行     文字`));
    const file = join(dir, "nameless.txt");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const d = (await importFile(file)).disclosure;
    const t = d?.tables.find((x) => x.no === 1);
    expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining("没有读到行名称") });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.rule.startsWith("A-"))).toEqual([]);
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

  // its amounts' decimals overlap their whole part in the font's boxes: pdftotext sets the decimals
  // and everything after them on the row a line down, step after step ("12,672" / ".73 一、社会保障和
  // 就业支出 120" / ".17"); read so, the two sides were rows of their own and amounts lost their decimals
  it("重庆市气象局: amounts pdftotext cuts over two lines, the rest of the row a line down, read whole on their rows", async () => {
    const file = `${REGIONS}chongqing-qixiangju-2026-yusuan.pdf`;
    const rowsOf = (d: Awaited<ReturnType<typeof importFile>>["disclosure"], no: number) =>
      d?.tables
        .find((x) => x.no === no)
        ?.rows.map((r) => [r.code ?? "", r.label, r.cells.filter((c) => typeof c === "number")]);
    const pdf = (await importFile(file)).disclosure;
    const text = (await importFile(textOf(file))).disclosure;
    // (the expenditure side's class code, 208, found from its name)
    expect(rowsOf(text, 1)?.[1]).toEqual(["208", "一、一般公共预算资金", [12672730000, 120170000]]);
    expect(rowsOf(text, 6)).toContainEqual(["302", "商品和服务支出", [137340000, 137340000]]);
    for (const no of [1, 5, 6]) expect(rowsOf(text, no)).toEqual(rowsOf(pdf, no));
    expect(check(text!).findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  // amounts a narrow cell wraps after their first decimal ("370,219.2" / "5"), centred on the row:
  // the text sets the cut amounts a line above the row's label and their last digits a line below it
  it("杭州市公安局 表5: amounts wrapped around their row's line are read whole, on the row", async () => {
    const file = `${REGIONS}hangzhou-gonganju-2026-yusuan.pdf`;
    const rowsOf = (d: Awaited<ReturnType<typeof importFile>>["disclosure"]) =>
      d?.tables.find((x) => x.no === 5)?.rows.map((r) => [r.label, r.cells.filter((c) => typeof c === "number")]);
    const text = rowsOf((await importFile(textOf(file))).disclosure);
    expect(text?.[0]).toEqual(["合计", [370219250000, 293191860000, 246458220000, 46733640000, 77027380000]]);
    expect(text).toEqual(rowsOf((await importFile(file)).disclosure));
  });

  // a name wrapped in a tall cell, its code and amounts centred: the text sets the code and amounts
  // first, the name's lines under them ("208 05 05 160.75 160.75" / "机关事业单位基本养老保险" / "缴费支出")
  it("上海市普陀区财政局 2024 决算 表2: a name set under its row's code and amounts, over lines of its own, is the row's name", async () => {
    const file = `${CORPUS}shanghai-putuo-caizhengju-2024-juesuan.pdf`;
    const d = (await importFile(textOf(file))).disclosure;
    const rows = d?.tables.find((x) => x.no === 2)?.rows.map((r) => [r.code ?? "", r.label]);
    expect(rows).toContainEqual(["2080505", "机关事业单位基本养老保险缴费支出"]);
    // (the next row's own name right under the wrapped one's last line)
    expect(rows).toContainEqual(["2080506", "机关事业单位职业年金缴费支出"]);
    expect(rows).toContainEqual(["2080599", "其他行政事业单位养老支出"]);
    // (and no row of the name's last line alone)
    expect(rows?.map(([, label]) => label)).not.toContain("缴费支出");
    expect(rows?.map(([, label]) => label)).not.toContain("支出");
  });

  // headings of different heights side by side, each centred in its cell: the text interleaves their
  // lines ("一般公共" / "预算拨款" / "收入" on every other line, "事业单位" / "经营收入" between)
  it("福州市医保局 表2 and 表3, 上海市审计局 表9: headings whose lines interleave with their neighbours' are read whole", async () => {
    const keys = (d: Awaited<ReturnType<typeof importFile>>["disclosure"], no: number) =>
      d?.tables.find((x) => x.no === no)?.columns.map((c) => c.key);
    const fuzhou = `${REGIONS}fuzhou-yibaoju-2026-yusuan.pdf`;
    const [fp, ft] = [(await importFile(fuzhou)).disclosure, (await importFile(textOf(fuzhou))).disclosure];
    expect(keys(ft, 2)).toContain("operatingIncome");
    for (const no of [2, 3]) expect(keys(ft, no)).toEqual(keys(fp, no));
    // (上年结转 / 结余 is one heading; 公务用车购置及运行费 over 购置费, 本年收入 over its columns are not)
    const shenji = `${REGIONS}shanghai-shenjiju-2026-unit-yusuan.pdf`;
    const [sp, st] = [(await importFile(shenji)).disclosure, (await importFile(textOf(shenji))).disclosure];
    expect(keys(st, 9)).toEqual(keys(sp, 9));
    expect(keys(st, 9)).toContain("officeOperatingCost");
    expect(check(st!).findings.filter((f) => f.severity === "error" && f.location.table === 9)).toEqual([]);
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
  // its rows' amounts stand a column over, the 总计 column blank on rows with amounts
  it("深圳市财政局 表4: amounts set off their columns make the table unreliable, not wrong; its wrapped name is read whole", async () => {
    const d = (await importFile(textOf(`${REGIONS}shenzhen-caizhengju-2026-yusuan.pdf`))).disclosure;
    const t = d?.tables.find((x) => x.no === 4);
    expect(t?.rows.find((r) => r.label === "机关事业单位基本养老保险缴费")?.cells.slice(1, 4)).toEqual([
      596890000, 596890000, 596890000,
    ]);
    expect(t?.reading).toMatchObject({ status: "unreliable", note: expect.stringContaining("文本的列位未能对齐") });
    expect(check(d!).findings.filter((f) => f.severity === "error" && f.location.table === 4)).toEqual([]);
  });

  it("国家信访局: the real slip in its 说明 (31.35% for 31.56%) is found in the text as in the PDF", async () => {
    const r = await importFile(textOf(`${REGIONS}central-xinfangju-2026-yusuan.pdf`));
    const s01 = check(r.disclosure!).findings.filter((f) => f.rule === "S-01");
    expect(s01.map((f) => f.message)).toEqual([expect.stringContaining("31.35%")]);
  });
});

// a total printed once for two expenditure blocks side by side (Jiangsu's 功能分类 | 支出用途) confirms
// its blocks' sums; an amount laid a column over beside a blank total of its own block does not
it.runIf(hasPdftotext)(
  "江苏高院 表5 and 深圳财政局 表6 as text: a blank total beside a shifted amount is no total printed once",
  async () => {
    for (const [file, no] of [
      [`${CORPUS}jiangsu-gaoyuan-2017-yusuan.pdf`, 5],
      [`${REGIONS}shenzhen-caizhengju-2026-yusuan.pdf`, 6],
    ] as const) {
      const d = (await importFile(textOf(file))).disclosure;
      expect(
        check(d!).findings.filter((f) => f.severity === "error" && f.location.table === no),
        file,
      ).toEqual([]);
    }
  },
);

// Beijing and Jiangsu publish a document as two files, its 说明 in one and its tables in the other;
// their extracted text comes as two files too. Before, the 说明's text was forced through the seed's
// template: 北京市财政局's read no section and reported some 30 missing tables and sections, 北京人社's
// did not import at all, and read as the other half of its tables it failed the pair.
describe.runIf(hasPdftotext)("the two halves of a two-file document as extracted text", () => {
  it("北京市人力资源和社会保障局 2026 -text.txt alone: its 说明 read as its PDF's, the tables said to be in the other file", async () => {
    const r = await importFile(textOf(`${REGIONS}beijing-renshe-2026-yusuan-text.pdf`));
    const d = r.disclosure;
    expect([d?.meta.template, d?.meta.department, d?.meta.year]).toEqual([
      "national-budget",
      "北京市人力资源和社会保障局",
      2026,
    ]);
    expect(d?.provenance.parts).toEqual(["text"]);
    expect(d?.explanations.length).toBeGreaterThanOrEqual(10);
    const report = check(d!);
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.notChecked.find((n) => n.rule === "C-05")?.reason).toBe(TABLES_IN_OTHER_FILE);
  });

  it("北京市财政局 2026 -tables.txt with its -text.txt (--text): one document, as its two PDFs read together", async () => {
    const read = async (tables: string, text: string) => {
      const t = (await importFile(tables)).disclosure!;
      const x = (await importFile(text, { template: t.meta.template, textOnly: true })).disclosure!;
      return mergeDisclosures(t, x);
    };
    const pdfs = await read(
      `${REGIONS}beijing-caizhengju-2026-yusuan-tables.pdf`,
      `${REGIONS}beijing-caizhengju-2026-yusuan-text.pdf`,
    );
    const texts = await read(
      textOf(`${REGIONS}beijing-caizhengju-2026-yusuan-tables.pdf`),
      textOf(`${REGIONS}beijing-caizhengju-2026-yusuan-text.pdf`),
    );
    expect(texts.meta.department).toBe("北京市财政局");
    expect(texts.explanations.map((e) => e.title)).toEqual(pdfs.explanations.map((e) => e.title));
    const errors = (d: typeof pdfs) =>
      check(d)
        .findings.filter((f) => f.severity === "error")
        .map((f) => f.rule);
    expect(errors(texts)).toEqual(errors(pdfs));
  });

  it("halves are paired by name as text files too, never a text file with a PDF", () => {
    expect(pairHalves(["a/x-tables.txt", "a/x-text.txt", "a/y-tables.pdf", "a/y-text.txt"])).toEqual([
      { file: "a/x-tables.txt", text: "a/x-text.txt" },
      { file: "a/y-tables.pdf" },
      { file: "a/y-text.txt" },
    ]);
  });
});
