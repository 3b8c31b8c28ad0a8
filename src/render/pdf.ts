/**
 * PDF through Chromium (Debian's chromium driven by playwright-core) from the same HTML as the web
 * document. One browser serves a whole batch: `open()` once, `render()` per document (safe to
 * call concurrently; pages are pooled), `close()` at the end.
 *
 * Fonts: the page loads the fontsource Noto Sans SC subsets by file:// URL, so Chromium embeds
 * them as CID TrueType with a correct ToUnicode (never Debian's CFF Noto CJK → Type 3, wrong
 * copied text). The HTML is written to a temporary file because a file:// page may load file://
 * fonts while an about:blank page (setContent) may not.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { Disclosure } from "../model/disclosure.ts";
import { fontPackage } from "./fonts.ts";
import { renderHtml } from "./html.ts";

export interface PdfOptions {
  /** Chromium binary; default /usr/bin/chromium (or $CHROMIUM_PATH resolved by the caller) */
  executablePath?: string;
}

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Renders Disclosures to PDF with one shared browser. */
export class PdfRenderer {
  private browser: Browser | undefined;
  private context: BrowserContext | undefined;
  private readonly idle: Page[] = [];
  private dir: string | undefined;
  private seq = 0;

  constructor(private readonly opts: PdfOptions = {}) {}

  /** Launches the browser (idempotent). */
  async open(): Promise<void> {
    if (this.browser) return;
    this.dir = await mkdtemp(join(tmpdir(), "yusuan-pdf-"));
    this.browser = await chromium.launch({
      executablePath: this.opts.executablePath ?? "/usr/bin/chromium",
      args: ARGS,
    });
    this.context = await this.browser.newContext({ javaScriptEnabled: false, offline: true });
  }

  /** Writes `d` as a PDF to `outFile`. */
  async render(d: Disclosure, outFile: string): Promise<void> {
    if (!this.context || !this.dir) throw new Error("PdfRenderer.render() before open()");
    const fontsDir = fontPackage().dir;
    const { html } = renderHtml(d, { fontUrl: (f) => pathToFileURL(join(fontsDir, f)).href });
    const file = join(this.dir, `doc-${++this.seq}.html`);
    await writeFile(file, html);
    const page = this.idle.pop() ?? (await this.context.newPage());
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      // fonts are font-display:block and loaded lazily by unicode-range; wait until all are in
      // (a string: this project compiles without the DOM lib)
      await page.evaluate("document.fonts.ready.then(() => undefined)");
      await page.pdf({ path: outFile, preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
      this.idle.push(page);
    } catch (err) {
      await page.close().catch(() => {});
      throw err;
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Closes the browser and removes temporary files. */
  async close(): Promise<void> {
    this.idle.length = 0;
    await this.context?.close().catch(() => {});
    await this.browser?.close();
    this.browser = undefined;
    this.context = undefined;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
