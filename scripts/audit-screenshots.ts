/**
 * The audit report screenshots in docs/screenshots/: audits the corpus, the regions and the seed
 * into a temporary folder (`yusuan audit`), then opens report.html in Chromium with the network
 * cut off (it must work offline) and photographs the top and one document's scorecard:
 * `npx tsx scripts/audit-screenshots.ts [OUT]`. Look at them after changing the report.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../src/render/chromium.ts";

const root = new URL("..", import.meta.url).pathname;
const shots = join(root, "docs/screenshots");
const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), "yusuan-audit-shots-"));
const r = spawnSync(
  process.execPath,
  [
    join(root, "bin/yusuan.js"),
    "audit",
    "test/fixtures/corpus",
    "test/fixtures/regions",
    "test/fixtures/bazhou-hrss-2025-budget.txt",
    "-o",
    out,
  ],
  { cwd: root, stdio: "inherit" },
);
if (r.status !== 0) process.exit(r.status ?? 1);
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
} finally {
  await browser.close();
}
if (fetched.length > 0) {
  console.error(`report.html tried to fetch: ${fetched.join(", ")}`);
  process.exit(1);
}
console.log(`screenshots in ${shots}; the audit in ${out}`);
