/**
 * The audit screenshots in docs/screenshots/: audits the corpus, the regions and the seed into a
 * temporary folder (`yusuan audit … --save`, into a temporary portal database that also holds the
 * corpus documents), then in Chromium:
 *   - report.html with the network cut off (it must work offline): the top, and one scorecard;
 *   - the portal (`yusuan serve` on that database): /audits/:id and a department-year page with its
 *     data-quality badge.
 * `npx tsx scripts/audit-screenshots.ts [OUT]`. Look at them after changing the report or pages.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../src/render/chromium.ts";

const root = new URL("..", import.meta.url).pathname;
const shots = join(root, "docs/screenshots");
const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), "yusuan-audit-shots-"));
const db = join(out, "portal.db");
const cli = (args: string[]) =>
  spawnSync(process.execPath, [join(root, "bin/yusuan.js"), ...args], { cwd: root, stdio: "inherit" });
const corpus = readdirSync(join(root, "test/fixtures/corpus"))
  .filter((f) => f.endsWith(".pdf"))
  .map((f) => `test/fixtures/corpus/${f}`);
// the portal's documents (one, the blank national template, is refused: exit 2)
cli(["import", ...corpus, "test/fixtures/bazhou-hrss-2025-budget.txt", "--save", "--db", db]);
const r = cli([
  "audit",
  "test/fixtures/corpus",
  "test/fixtures/regions",
  "test/fixtures/bazhou-hrss-2025-budget.txt",
  "-o",
  out,
  "--save",
  "--db",
  db,
  "--title",
  "样例与各地区文档",
]);
if (r.status !== 0) process.exit(r.status ?? 1);

const port = 18000 + Math.floor(Math.random() * 1000);
const server = spawn(process.execPath, [join(root, "bin/yusuan.js"), "serve", "--db", db, "--port", String(port)], {
  cwd: root,
  env: { ...process.env, YUSUAN_SEED: "0" },
  stdio: ["ignore", "inherit", "pipe"],
});
await new Promise<void>((resolve, reject) => {
  let buf = "";
  server.stderr?.on("data", (d) => {
    buf += d;
    if (buf.includes("已启动")) resolve();
  });
  server.once("exit", (c) => reject(new Error(`serve exit ${c}`)));
});
const base = `http://127.0.0.1:${port}`;
const browser = await launchChromium();
const fetched: string[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    fetched.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(join(out, "report.html")).href, { waitUntil: "load" });
  await page.screenshot({ path: join(shots, "audit-report.png") });
  // one document's scorecard, opened
  await page.evaluate("document.querySelectorAll('details')[1]?.setAttribute('open', '')");
  const card = page.locator("details").nth(1);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(shots, "audit-scorecard.png") });
  await page.close();

  const portal = await browser.newPage({ viewport: { width: 1280, height: 1300 } });
  await portal.goto(`${base}/audits/1`, { waitUntil: "networkidle" });
  await portal.evaluate("document.fonts.ready.then(() => undefined)");
  await portal.screenshot({ path: join(shots, "portal-audit.png") });
  await portal.goto(`${base}/?q=${encodeURIComponent("上海市普陀区财政局")}`);
  const href = await portal.locator("ul.results a").first().getAttribute("href");
  await portal.setViewportSize({ width: 1280, height: 700 });
  await portal.goto(`${base}${href}`, { waitUntil: "networkidle" });
  await portal.evaluate("document.fonts.ready.then(() => undefined)");
  await portal.screenshot({ path: join(shots, "portal-department-quality.png") });
  await portal.close();
} finally {
  await browser.close();
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
}
if (fetched.length > 0) {
  console.error(`report.html tried to fetch: ${fetched.join(", ")}`);
  process.exit(1);
}
console.log(`screenshots in ${shots}; the audit in ${out}`);
