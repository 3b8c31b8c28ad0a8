/**
 * Layouts that none of the corpus documents print but other regions may, made as real PDFs (HTML
 * printed by Chromium, as a bureau's own system prints them) and read by the general reader, as a
 * new user's document is: a table in 元 whose amounts are bare integers, and a 说明 section headed by
 * its table's name whose sentences quote the table's amounts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { DEFAULT_CHROMIUM, launchChromium } from "../../src/render/chromium.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
let browser: Browser;
let dir: string;

const page = (body: string) =>
  `<html><head><meta charset="utf-8"><style>body{font-family:"WenQuanYi Zen Hei";font-size:13px;width:720px}
  table{border-collapse:collapse;width:100%} td,th{border:1px solid #000;padding:2px 6px} td.n{text-align:right}</style></head>
  <body><p style="text-align:center;font-size:18px">测试市测试局2026年部门预算</p>${body}</body></html>`;

/** 部门支出总表 in 元, every amount a bare integer; `行政运行` lets a test change one figure. */
const yuanTable = (行政运行 = "1144798") => `
  <p style="text-align:center">部门支出总表</p>
  <p>编制部门：测试市测试局 <span style="float:right">单位：元</span></p>
  <table><tr><th>科目编码</th><th>科目名称</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>
  <tr><td></td><td>合计</td><td class="n">1957743</td><td class="n">1750713</td><td class="n">207030</td></tr>
  <tr><td>201</td><td>一般公共服务支出</td><td class="n">1343398</td><td class="n">1144798</td><td class="n">198600</td></tr>
  <tr><td>20108</td><td>审计事务</td><td class="n">1343398</td><td class="n">1144798</td><td class="n">198600</td></tr>
  <tr><td>2010801</td><td>行政运行</td><td class="n">${行政运行}</td><td class="n">1144798</td><td class="n"></td></tr>
  <tr><td>2010804</td><td>审计业务</td><td class="n">198600</td><td class="n"></td><td class="n">198600</td></tr>
  <tr><td>208</td><td>社会保障和就业支出</td><td class="n">614345</td><td class="n">605915</td><td class="n">8430</td></tr>
  <tr><td>20805</td><td>行政事业单位养老支出</td><td class="n">605915</td><td class="n">605915</td><td class="n"></td></tr>
  <tr><td>2080505</td><td>机关事业单位基本养老保险缴费支出</td><td class="n">605915</td><td class="n">605915</td><td class="n"></td></tr>
  <tr><td>20808</td><td>抚恤</td><td class="n">8430</td><td class="n"></td><td class="n">8430</td></tr>
  <tr><td>2080801</td><td>死亡抚恤</td><td class="n">8430</td><td class="n"></td><td class="n">8430</td></tr>
  </table>`;

async function read(name: string, html: string): Promise<Disclosure> {
  const p = await browser.newPage();
  await p.setContent(html);
  const file = join(dir, name);
  writeFileSync(file, await p.pdf({ format: "A4" }));
  await p.close();
  const r = await importFile(file);
  if (!r.disclosure) throw new Error(JSON.stringify(r.problems));
  return r.disclosure;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "yusuan-layouts-"));
  browser = await launchChromium(CHROMIUM);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("layouts other regions print", () => {
  it("a table in 元 with bare integer amounts: every amount read (codes stay codes) and its sums verified", async () => {
    const d = await read("yuan.pdf", page(yuanTable()));
    const t = d.tables.find((x) => x.id === "expenditure");
    expect(t?.unit).toBe("yuan");
    expect(t?.rows.map((r) => r.code ?? r.label)).toEqual([
      "合计",
      "201",
      "20108",
      "2010801",
      "2010804",
      "208",
      "20805",
      "2080505",
      "20808",
      "2080801",
    ]);
    // 1,957,743 元 = 195,774,300 分; a blank cell stays blank
    expect(t?.rows[0]?.cells.slice(-3)).toEqual([195_774_300, 175_071_300, 20_703_000]);
    expect(t?.rows[3]?.cells.slice(-3)).toEqual([114_479_800, 114_479_800, null]);
    expect(t?.reading).toMatchObject({ status: "reliable", failed: 0 });
    expect(t?.reading?.tested).toBeGreaterThan(10);
    expect(check(d).findings.filter((f) => f.rule.startsWith("A-"))).toEqual([]);
  }, 60_000);

  it("…and a one-digit change in it is reported at its cell", async () => {
    const d = await read("yuan-changed.pdf", page(yuanTable("1144799")));
    const arithmetic = check(d).findings.filter((f) => f.severity === "error" && f.rule.startsWith("A-"));
    expect(arithmetic.map((f) => f.location.row)).toContain("2010801 行政运行");
  }, 60_000);

  it("a 说明 section headed by its table's name, quoting its amounts, is not read as the table", async () => {
    const d = await read(
      "explained.pdf",
      page(`<p>第二部分 2026年部门预算情况说明</p>
        <p>八、一般公共预算“三公”经费支出预算表</p>
        <p>2026年“三公”经费财政拨款预算 45.60 万元，比上年减少 3.20 万元，主要是公务接待减少。</p>
        <p>公务用车购置及运行维护费 30.00 万元，公务接待费 15.60 万元，与上年持平，原因是严格控制。</p>
        <div style="page-break-before:always"></div>
        <p style="text-align:center">一般公共预算“三公”经费支出预算表</p>
        <p style="text-align:right">单位：万元</p>
        <table><tr><th>合计</th><th>因公出国（境）费</th><th>公务用车购置及运行维护费</th><th>公务接待费</th></tr>
        <tr><td class="n">45.60</td><td class="n">0.00</td><td class="n">30.00</td><td class="n">15.60</td></tr></table>`),
    );
    expect(d.tables.map((t) => [t.id, t.title])).toEqual([["threePublic", "一般公共预算“三公”经费支出预算表"]]);
  }, 60_000);
});
