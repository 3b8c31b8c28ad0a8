/**
 * End to end in headless Chromium (Debian's, via playwright-core) against a real server on
 * 127.0.0.1 and a random port: home, search, the seed department with charts and tables, a CSV
 * download, an upload as an editor, and a refused anonymous upload.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareStore } from "../../src/cli/serve.ts";
import { resolveConfig } from "../../src/config.ts";
import { DEFAULT_CHROMIUM, launchChromium } from "../../src/render/chromium.ts";
import { createApp } from "../../src/server/app.ts";
import { createToken, listDepartments, openStore, type Store } from "../../src/store/index.ts";
import { makeDisclosure } from "../../src/store/testing.ts";

const SEED_DEPARTMENT = "新疆巴州人力资源和社会保障局";
const CHROMIUM = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;

describe("portal in a browser", () => {
  let dir: string;
  let store: Store;
  let server: ReturnType<typeof serve>;
  let base: string;
  let browser: Browser;
  let editorToken: string;
  let departmentId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "yusuan-e2e-"));
    const config = resolveConfig(
      { db: join(dir, "e2e.db"), port: 0, adminToken: "e2e-admin-token-0123456789-abcdefghij" },
      {},
    );
    store = await openStore(config.database);
    await prepareStore(store, config, () => {});
    const dept = (await listDepartments(store, { q: SEED_DEPARTMENT })).items[0];
    if (!dept) throw new Error("the seed document was not loaded on first start");
    departmentId = dept.id;
    editorToken = (await createToken(store, { name: "e2e editor", role: "editor", departmentId })).token;
    const app = createApp(store, config);
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((r) => server.once("listening", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium(CHROMIUM);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens home, searches, opens the seed department and sees charts and tables", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${base}/`);
    await expect(page.title()).resolves.toContain("首页");
    await page.fill("#q", "人力资源");
    await Promise.all([page.waitForURL(/\?q=/), page.click("form.search button")]);
    await page.click(`a:has-text("${SEED_DEPARTMENT}")`);
    await page.waitForURL(/\/departments\/\d+\/2025/);
    await expect(page.locator("h1").textContent()).resolves.toContain(SEED_DEPARTMENT);
    // charts: every image loads as an SVG with a size
    const imgs = page.locator(".charts img");
    expect(await imgs.count()).toBe(5);
    for (const img of await imgs.all()) {
      await img.scrollIntoViewIfNeeded();
      await expect
        .poll(() =>
          img.evaluate((el) => {
            const i = el as unknown as { complete: boolean; naturalWidth: number };
            return i.complete ? i.naturalWidth : 0;
          }),
        )
        .toBeGreaterThan(0);
    }
    expect(await page.locator("section[aria-labelledby='tables'] table").count()).toBeGreaterThanOrEqual(9);
    await expect(page.locator("#t3").textContent()).resolves.toContain("部门支出总体情况表");
    // the self-hosted Noto Sans SC rendered the Chinese, and nothing came from another origin
    await page.evaluate("document.fonts.ready.then(() => undefined)");
    expect(await page.evaluate("document.fonts.check('16px \"Noto Sans SC\"', '部门预算')")).toBe(true);
    expect(requests.some((u) => u.startsWith(`${base}/assets/fonts/`))).toBe(true);
    expect(requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith("data:"))).toEqual([]);
    await page.close();
  });

  it("downloads a table as CSV", async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${base}/departments/${departmentId}/2025`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("section[aria-labelledby='downloads'] a[href$='/tables/3.csv']"),
    ]);
    const file = join(dir, "t3.csv");
    await download.saveAs(file);
    const text = readFileSync(file, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("功能分类科目编码");
    expect(text.split("\r\n").length).toBeGreaterThan(5);
    await page.close();
  });

  it("downloads a table and the whole disclosure as XLSX", async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${base}/departments/${departmentId}/2025`);
    for (const [selector, name] of [
      ["a[href$='/tables/3.xlsx']", /表3.*\.xlsx$/],
      ["a[href$='/disclosure.xlsx']", /新疆巴州人力资源和社会保障局-2025年部门预算-第1版\.xlsx$/],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.click(`section[aria-labelledby='downloads'] ${selector}`),
      ]);
      expect(download.suggestedFilename()).toMatch(name);
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
    }
    await page.close();
  });

  it("uploads a document as an editor, sees the check result and publishes it", async () => {
    const file = join(dir, "upload.json");
    writeFileSync(file, JSON.stringify(makeDisclosure({ department: SEED_DEPARTMENT, region: "新疆", year: 2026 })));
    const page = await browser.newPage();
    await page.goto(`${base}/upload`);
    await page.setInputFiles("#file", file);
    await page.fill("#token", editorToken);
    await Promise.all([page.waitForURL(/\/upload$/), page.click("button[type=submit]")]);
    await expect(page.locator("h1").textContent()).resolves.toContain("检查结果");
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("已保存为草稿");
    await page.fill("#token", editorToken);
    await Promise.all([page.waitForURL(/\/departments\/\d+\/2026/), page.click("button[type=submit]")]);
    await expect(page.locator("h1").textContent()).resolves.toContain("2026");
    await page.close();
  });

  it("refuses an anonymous upload", async () => {
    const file = join(dir, "anon.json");
    writeFileSync(file, JSON.stringify(makeDisclosure({ department: SEED_DEPARTMENT, region: "新疆", year: 2027 })));
    const page = await browser.newPage();
    await page.goto(`${base}/upload`);
    await page.setInputFiles("#file", file);
    // the form requires a token; drop that so the browser submits without one
    await page.locator("#token").evaluate((el) => el.removeAttribute("required"));
    const [response] = await Promise.all([page.waitForResponse(/\/upload$/), page.click("button[type=submit]")]);
    expect(response.status()).toBe(401);
    await expect(page.locator("[role=alert]").textContent()).resolves.toContain("令牌");
    await page.goto(`${base}/departments/${departmentId}/2027`);
    await expect(page.locator("h1").textContent()).resolves.toContain("未找到");
    await page.close();
  });
});
