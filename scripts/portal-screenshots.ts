/**
 * Takes the portal screenshots in docs/screenshots/ (home, the seed department, a phone, a Jiangsu
 * department read from its PDF, the API reference) from a fresh `yusuan serve` on a temporary
 * database: `npx tsx scripts/portal-screenshots.ts`. Look at them after changing the pages.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../src/render/chromium.ts";

const out = new URL("../docs/screenshots", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "yusuan-shots-"));
const port = 18000 + Math.floor(Math.random() * 1000);
const child = spawn(
  process.execPath,
  [
    new URL("../bin/yusuan.js", import.meta.url).pathname,
    "serve",
    "--db",
    join(dir, "portal.db"),
    "--port",
    String(port),
  ],
  { cwd: new URL("..", import.meta.url).pathname, stdio: ["ignore", "inherit", "pipe"] },
);
await new Promise<void>((resolve, reject) => {
  let buf = "";
  child.stderr!.on("data", (d) => {
    buf += d;
    process.stderr.write(d);
    if (buf.includes("已启动")) resolve();
  });
  child.once("exit", (c) => reject(new Error(`exit ${c}`)));
});
const base = `http://127.0.0.1:${port}`;
const browser = await launchChromium();
const external: string[] = [];
try {
  const shoot = async (path: string, file: string, viewport: { width: number; height: number }, full = false) => {
    const page = await browser.newPage({ viewport });
    page.on("request", (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith("data:")) external.push(r.url());
    });
    await page.goto(base + path, { waitUntil: "networkidle" });
    await page.evaluate("document.fonts.ready.then(() => undefined)");
    // lazy chart images: scroll them in so they load before the shot
    await page.evaluate(
      "Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); }))",
    );
    console.log(
      path,
      "fonts:",
      await page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').length"),
      "loaded faces",
    );
    await page.screenshot({ path: join(out, file), fullPage: full });
    await page.close();
  };
  await shoot("/", "portal-home.png", { width: 1280, height: 900 });
  const page = await browser.newPage();
  await page.goto(`${base}/?q=${encodeURIComponent("新疆巴州人力资源和社会保障局")}`);
  const href = await page.locator("ul.results a").first().getAttribute("href");
  await page.close();
  console.log("department", href);
  await shoot(href!, "portal-department.png", { width: 1280, height: 900 });
  await shoot(href!, "portal-phone.png", { width: 390, height: 844 });
  // a Jiangsu department (12 tables of its own template, read from the PDF) and its phone view
  const js = await browser.newPage();
  await js.goto(`${base}/?q=${encodeURIComponent("江苏省政协办公厅")}`);
  const jsHref = await js.locator("ul.results a").first().getAttribute("href");
  await js.close();
  console.log("jiangsu", jsHref);
  await shoot(jsHref!, "portal-jiangsu.png", { width: 1280, height: 2200 });
  await shoot(jsHref!, "portal-jiangsu-phone.png", { width: 390, height: 1600 });
  await shoot("/api-docs", "api-reference.png", { width: 1280, height: 1400 });
  if (process.argv[2] === "full") {
    await shoot(href!, "full-department.png", { width: 1280, height: 900 }, true);
    await shoot(href!, "full-phone.png", { width: 390, height: 844 }, true);
  }
} finally {
  await browser.close();
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
console.log("external requests:", external);
