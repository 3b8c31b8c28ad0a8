/**
 * Pages for real documents that were read only in part (Jiangsu 2017, read by the national
 * standard: twelve tables, the 说明 of one in another file) and for a 决算 beside a 预算 (Putuo
 * 2024/2025): a page shows what was read and hides what was not — no "—" figures, no chart image
 * that is not there, no chart of zeros — its badges say how well the document was read (as the
 * stored import report says) and how consistent it is, the kind (预算 or 决算) is named everywhere,
 * and the compare page says why a document is left out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.ts";
import { createApp } from "../../src/server/app.ts";
import { loadFile } from "../../src/server/seed.ts";
import { getRecord } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";

let t: TestStore;
let app: ReturnType<typeof createApp>;
const ids: Record<string, { id: number; dept: number; year: number }> = {};

beforeAll(async () => {
  t = await openTestStore("sqlite");
  for (const f of [
    "jiangsu-gaoyuan-2017-yusuan.pdf",
    "jiangsu-zhengxie-2017-yusuan-tables.pdf",
    "shanghai-putuo-caizhengju-2024-juesuan.pdf",
    "shanghai-putuo-caizhengju-2025-yusuan.pdf",
  ]) {
    const r = await loadFile(t.store, `test/fixtures/corpus/${f}`);
    if ("error" in r) throw new Error(r.error);
    ids[f] = { id: r.saved.id, dept: r.saved.departmentId, year: r.year };
  }
  app = createApp(t.store, resolveConfig({ seed: false }, {}));
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
});

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, text: await res.text() };
};

describe("a partly-read Jiangsu page", () => {
  it("shows the figures and charts that were read, and no others", async () => {
    const { dept } = ids["jiangsu-gaoyuan-2017-yusuan.pdf"]!;
    const page = await get(`/departments/${dept}/2017`);
    expect(page.status).toBe(200);
    const headline = /<section aria-labelledby="headline">([\s\S]*?)<\/section>/.exec(page.text)?.[1] ?? "";
    expect(headline).toContain("支出预算");
    // the 三公 total as printed: its 小计 (670.12), not the 合计 that also holds 会议费 and 培训费 (2,599.37)
    expect(headline).toMatch(/“三公”经费<\/div><div class="figure">670\.12</);
    expect(headline).not.toContain("—");
    // every chart the page shows is there, and is not a chart of zeros
    const charts = [...page.text.matchAll(/(?:src|srcset)="(\/disclosures\/\d+\/charts\/[^"]+\.svg)"/g)].map(
      (m) => m[1]!,
    );
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      const svg = await get(c);
      expect(svg.status, c).toBe(200);
      expect(svg.text, c).toMatch(/^<svg/);
    }
    const tp = charts.find((c) => c.endsWith("/threePublic.svg"));
    expect(tp).toBeDefined();
    const tpSvg = (await get(tp!)).text;
    expect(tpSvg.match(/>0\.00</g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it("says how well it was read beside how consistent it is", async () => {
    // the tables half of a two-file document, without its 说明: partly read
    const part = (await get(`/departments/${ids["jiangsu-zhengxie-2017-yusuan-tables.pdf"]!.dept}/2017`)).text;
    expect(part).toMatch(/class="badge (?:fair|poor)"[^>]*>(?:部分读取|读取不全)</);
    expect(part).toContain("（已读部分）");
    expect(part).toMatch(/读取：读出 \d+(?:\/\d+)? 张表[^<]*说明文字未核对/);
    expect(part).toContain("检查（仅就读出的部分）");
    // read in full by the national standard: every table with all its identities holding, and its 说明
    const full = (await get(`/departments/${ids["shanghai-putuo-caizhengju-2025-yusuan.pdf"]!.dept}/2025`)).text;
    expect(full).toMatch(/class="badge good"[^>]*>读取完整</);
    expect(full).toContain("读取：读出 9 张表。");
    expect(full).not.toContain("（已读部分）");
    expect(full).not.toContain("仅就读出的部分");
  });

  it("names the tables read with low confidence, as the import reported them", async () => {
    // what the reader is sure of changes as it improves: the page must say what the stored report says
    for (const f of ["jiangsu-gaoyuan-2017-yusuan.pdf", "shanghai-putuo-caizhengju-2024-juesuan.pdf"]) {
      const rec = await getRecord(t.store, ids[f]!.id);
      const report = rec?.importReport;
      if (!report) throw new Error(`${f}: no import report stored`);
      const page = (await get(`/departments/${ids[f]!.dept}/${ids[f]!.year}`)).text;
      const low = report.tables.filter((x) => x.confidence < 0.9);
      const worst = Math.min(...report.tables.map((x) => x.confidence));
      expect(page, f).toContain(`读取：读出 ${report.tables.length} 张表`);
      if (low.length === 0) {
        expect(page, f).toMatch(/class="badge good"[^>]*>读取完整</);
        continue;
      }
      expect(page, f).toContain(
        `${low.map((x) => `表${x.no}`).join("、")} 读取置信度低（最低 ${Math.round(worst * 100)}%）`,
      );
      expect(page, f).toMatch(worst < 0.5 ? /class="badge poor"[^>]*>读取不全</ : /class="badge fair"[^>]*>部分读取</);
      expect(page, f).toContain("（已读部分）");
    }
  });

  it("has a contents list, and phone-sized charts", async () => {
    const { dept } = ids["jiangsu-gaoyuan-2017-yusuan.pdf"]!;
    const page = (await get(`/departments/${dept}/2017`)).text;
    expect(page).toMatch(/<nav class="toc"[\s\S]*?<a href="#tables">[\s\S]*?<a href="#t1">表1/);
    expect(page).toContain('<source media="(max-width: 40rem)"');
    const narrow = /srcset="([^"]+-narrow\.svg)"/.exec(page)?.[1];
    expect((await get(narrow!)).text).toMatch(/^<svg[^>]*width="360"/);
  });

  it("the region the home page links to answers", async () => {
    const home = (await get("/")).text;
    const links = [...home.matchAll(/href="(\/regions\/[^"?]+)"/g)].map((m) => m[1]!);
    expect(links).toContain(`/regions/${encodeURIComponent("江苏")}`);
    for (const l of links) expect((await get(l)).status, decodeURIComponent(l)).toBe(200);
  });
});

describe("决算 beside 预算", () => {
  it("titles the 决算 as 决算, in the page, its year links and the home list", async () => {
    const { dept } = ids["shanghai-putuo-caizhengju-2024-juesuan.pdf"]!;
    const page = (await get(`/departments/${dept}/2024`)).text;
    expect(page).toContain("<title>上海市普陀区财政局 2024 年部门决算");
    expect(page).toContain("<h1>上海市普陀区财政局 2024 年部门决算</h1>");
    expect(page).not.toContain("2024 年部门预算");
    expect(page).toContain("部门决算公开表");
    expect(page).toMatch(/2025 预算<\/a>/);
    const home = (await get("/")).text;
    expect(home).toContain("2024 决算</a>");
    expect(home).toContain("2025 预算</a>");
  });

  it("the compare page says why the 决算 is not in the 预算 comparison, and compares 决算 on request", async () => {
    const { dept } = ids["shanghai-putuo-caizhengju-2025-yusuan.pdf"]!;
    const budget = (await get(`/compare?department=${dept}`)).text;
    expect(budget).toContain("历年比较：部门预算");
    expect(budget).toMatch(/未列入：2024 年决算——部门决算与部门预算口径不同/);
    const finals = (await get(`/compare?department=${dept}&kind=finalAccounts`)).text;
    expect(finals).toContain("2024 年决算</a>");
    expect(finals).toMatch(/未列入：2025 年预算/);
    const multi = (await get(`/compare?year=2024&d=${dept}`)).text;
    expect(multi).toMatch(/未列入：上海市普陀区财政局：2024 年没有已发布的部门预算（有部门决算/);
  });
});
