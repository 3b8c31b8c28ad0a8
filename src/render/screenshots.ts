/**
 * Writes the screenshots in docs/screenshots/ (a program, not a test):
 *
 *   node --import tsx src/render/screenshots.ts [OUT_DIR]
 *
 * HTML: Chromium screenshots of the top of the document and of two tables. PDF: pdftoppm -r 60 of
 * the pages holding 表1, 表2 (landscape) and the first 项目支出绩效目标表. Uses the seed when the
 * importer reads it, else the fixture. Look at them after changing the renderers.
 */

import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.ts";
import { fontPackage } from "./fonts.ts";
import { renderHtml } from "./html.ts";
import { PdfRenderer } from "./pdf.ts";
import { testDisclosures } from "./testing.ts";

const out = resolve(process.argv[2] ?? "docs/screenshots");
await mkdir(out, { recursive: true });
const docs = await testDisclosures();
const { d } = docs.find((x) => x.name === "seed") ?? docs[0]!;
const tmp = await mkdtemp(join(tmpdir(), "yusuan-shots-"));
try {
  const dir = fontPackage().dir;
  const htmlFile = join(tmp, "doc.html");
  await writeFile(htmlFile, renderHtml(d, { fontUrl: (f) => pathToFileURL(join(dir, f)).href }).html);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(pathToFileURL(htmlFile).href);
  await page.evaluate("document.fonts.ready.then(() => undefined)");
  await page.screenshot({ path: join(out, "html-top.png") });
  for (const no of [2, 7]) {
    const el = page.locator(`#table-${no}`);
    if ((await el.count()) > 0) await el.screenshot({ path: join(out, `html-table-${no}.png`) });
  }
  await browser.close();

  const pdf = new PdfRenderer();
  await pdf.open();
  const pdfFile = join(tmp, "doc.pdf");
  await pdf.render(d, pdfFile);
  await pdf.close();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" }))?.[1] ?? 0);
  const find = (re: RegExp): number | undefined => {
    for (let p = 3; p <= pages; p++) {
      const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdfFile, "-"], { encoding: "utf8" });
      if (re.test(text)) return p;
    }
    return undefined;
  };
  const wanted: [string, RegExp][] = [
    ["pdf-table-1", /部门收支总体情况表/],
    ["pdf-table-2", /部门收入总体情况表/],
    ["pdf-performance", /项目支出绩效目标表/],
  ];
  for (const [name, re] of wanted) {
    const p = find(re);
    if (!p) continue;
    execFileSync("pdftoppm", [
      "-r",
      "60",
      "-png",
      "-singlefile",
      "-f",
      String(p),
      "-l",
      String(p),
      pdfFile,
      join(tmp, name),
    ]);
    await rename(join(tmp, `${name}.png`), join(out, `${name}.png`));
  }
  console.log(`screenshots in ${out}`);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
