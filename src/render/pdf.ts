/**
 * PDF through Chromium (Debian's chromium driven by playwright-core) from the same HTML as the web
 * document. One browser serves a whole batch: `open()` once, `render()` per document (safe to
 * call concurrently; pages are pooled, so `--jobs N` uses N pages), `close()` at the end.
 *
 * Speed: each pooled page is a "shell" loaded once — the document's <head> with the whole
 * stylesheet and an @font-face rule for every Noto Sans SC subset — and a document is printed by
 * swapping the shell's title and <body> for its own. The browser fetches and decodes a font subset
 * only the first time a page needs one of its characters (unicode-range), so later documents
 * reuse the fonts already loaded instead of reloading ~40 woff2 files and re-parsing the page.
 * The printed result is the same HTML and CSS as `renderHtml`, so the look is unchanged.
 *
 * Fonts: the shell loads the fontsource Noto Sans SC subsets by file:// URL, so Chromium embeds
 * them as CID TrueType with a correct ToUnicode (never Debian's CFF Noto CJK → Type 3, wrong
 * copied text). The shell is a file because a file:// page may load file:// fonts while an
 * about:blank page (setContent) may not.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Disclosure } from "../model/disclosure.ts";
import { launchChromium } from "./chromium.ts";
import { fontFaceCss, fontPackage } from "./fonts.ts";
import { documentParts } from "./html.ts";
import { DOCUMENT_CSS } from "./html-style.ts";

export interface PdfOptions {
  /** Chromium binary; default /usr/bin/chromium (or $CHROMIUM_PATH resolved by the caller) */
  executablePath?: string;
  /** CSS after the document's own (a house style; the reader's producer probe narrows columns with it) */
  css?: string;
  /**
   * false: no structure tree (as another web tool's print would have), so reading the PDF back goes
   * through the general reader, not yusuan's own-PDF reader (the producer probe); default true
   */
  tagged?: boolean;
}

/** The page every document is printed in: head, styles and all font faces, an empty body. */
function shellHtml(css = ""): string {
  const { dir, faces } = fontPackage();
  const fonts = fontFaceCss(faces, (f) => pathToFileURL(join(dir, f)).href);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="generator" content="yusuan">
<title></title>
<style>${fonts}\n${DOCUMENT_CSS}\n${css}</style></head>
<body></body></html>`;
}

/**
 * Runs in the page (JavaScript is off for page scripts; Playwright's evaluation still runs):
 * puts the document in, forces layout so that the fonts its characters need start loading, and
 * resolves once they are all in (the faces are font-display:block).
 */
function swapDocument(parts: { title: string; body: string }): Promise<void> {
  const doc = (
    globalThis as unknown as {
      document: {
        title: string;
        body: { innerHTML: string; offsetHeight: number };
        fonts: { ready: Promise<unknown> };
      };
    }
  ).document;
  doc.title = parts.title;
  doc.body.innerHTML = parts.body;
  void doc.body.offsetHeight;
  return doc.fonts.ready.then(() => undefined);
}

/** Renders Disclosures to PDF with one shared browser. */
export class PdfRenderer {
  private browser: Browser | undefined;
  private context: BrowserContext | undefined;
  private readonly idle: Page[] = [];
  private dir: string | undefined;
  private shell: string | undefined;

  constructor(private readonly opts: PdfOptions = {}) {}

  /** Launches the browser (idempotent). */
  async open(): Promise<void> {
    if (this.browser) return;
    this.dir = await mkdtemp(join(tmpdir(), "yusuan-pdf-"));
    this.shell = join(this.dir, "shell.html");
    await writeFile(this.shell, shellHtml(this.opts.css));
    this.browser = await launchChromium(this.opts.executablePath);
    this.context = await this.browser.newContext({ javaScriptEnabled: false, offline: true });
  }

  private async newPage(): Promise<Page> {
    if (!this.context || !this.shell) throw new Error("PdfRenderer.render() before open()");
    const page = await this.context.newPage();
    await page.goto(pathToFileURL(this.shell).href, { waitUntil: "domcontentloaded" });
    return page;
  }

  /** Writes `d` as a PDF to `outFile`. */
  async render(d: Disclosure, outFile: string): Promise<void> {
    if (!this.context) throw new Error("PdfRenderer.render() before open()");
    const parts = documentParts(d);
    const page = this.idle.pop() ?? (await this.newPage());
    try {
      await page.evaluate(swapDocument, parts);
      await page.pdf({
        path: outFile,
        preferCSSPageSize: true,
        printBackground: true,
        outline: true,
        tagged: this.opts.tagged !== false,
      });
      this.idle.push(page);
    } catch (err) {
      await page.close().catch(() => {});
      throw err;
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
    this.shell = undefined;
  }
}
