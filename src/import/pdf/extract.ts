/**
 * PDF text with positions, via pdfjs-dist's legacy build (Node 20). Every failure becomes a
 * problem with a stable code and a readable message: encrypted, damaged/truncated, scanned (no
 * text layer), too many pages, too slow. No stack trace ever reaches the user.
 *
 * Coordinates are converted to the page's viewport (top-left origin, y down), so rotated pages
 * read the same way as upright ones.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ImportProblem } from "../../model/disclosure.ts";
import { displayWidth } from "../../model/text-width.ts";
import { hideFontPrograms } from "./font-skip.ts";
import { normaliseText } from "./normalise.ts";
import { type MarkedItem, type StructNode, type TaggedBlock, taggedBlocks } from "./tagged.ts";

/** A run of text on one baseline, after splitting pdf.js items at wide internal spaces. */
export interface TextChunk {
  text: string;
  x0: number;
  x1: number;
  /** baseline, y down from the top of the page */
  y: number;
  /** font height */
  h: number;
}

export interface PdfPage {
  /** 1-based */
  no: number;
  width: number;
  height: number;
  chunks: TextChunk[];
  /** the page's logical structure, for tagged PDFs printed by Chromium (yusuan's own PDFs) */
  tagged?: TaggedBlock[];
}

export interface ExtractLimits {
  /** refuse documents with more pages than this */
  maxPages: number;
  /** give up after this many milliseconds in total */
  timeoutMs: number;
  /** text items read per page at most (a hostile page can hold millions) */
  maxItemsPerPage: number;
  /** read the structure tree of tagged Chromium PDFs (default true) */
  structure?: boolean;
  /** hide embedded font programs that text does not need from pdf.js (font-skip.ts; default true) */
  hideFontPrograms?: boolean;
}

export const DEFAULT_LIMITS: ExtractLimits = { maxPages: 500, timeoutMs: 120_000, maxItemsPerPage: 20_000 };

export interface ExtractResult {
  pages: PdfPage[];
  pageCount: number;
  problems: ImportProblem[];
  /** set when nothing usable came out (the problems say why) */
  failed: boolean;
  /**
   * pages that show what they hold as a picture: little text, and an image painted over much of the
   * page (a scan of printed tables bound into an electronic PDF, a table pasted as a screenshot under
   * its title). What the pictures show was not read.
   */
  imagePages?: number[];
}

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve("pdfjs-dist/package.json"));
const CMAP_URL = join(PDFJS_DIR, "cmaps") + "/";
const FONT_URL = join(PDFJS_DIR, "standard_fonts") + "/";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

/**
 * Built-ins that pdf.js's legacy build replaces with core-js polyfills for the whole process:
 * Array.prototype.push (forced because of an edge case with non-writable lengths) and JSON.parse /
 * JSON.stringify. The polyfilled push alone took a sixth of all import time, in pdf.js and in
 * every other module. V8's own versions are correct for everything pdf.js does, so they are put
 * back once pdf.js is loaded. Captured here, before pdf.js is imported, and only when native.
 */
const isNative = (f: unknown): boolean =>
  typeof f === "function" && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));
const NATIVES: [object, string, unknown][] = [
  [Array.prototype, "push", Array.prototype.push],
  [JSON, "parse", JSON.parse],
  [JSON, "stringify", JSON.stringify],
];
function restoreNatives(): void {
  for (const [owner, key, fn] of NATIVES) {
    if (!isNative(fn) || Reflect.get(owner, key) === fn) continue;
    const d = Object.getOwnPropertyDescriptor(owner, key);
    Object.defineProperty(owner, key, {
      value: fn,
      writable: true,
      configurable: true,
      enumerable: d?.enumerable ?? false,
    });
  }
}

/** pdf.js's worker module (it ships no types; only its side effect is wanted) */
const WORKER_MODULE: string = "pdfjs-dist/legacy/build/pdf.worker.mjs";
let pdfjsPromise: Promise<PdfJs> | undefined;
/**
 * pdf.js and its worker, loaded once per process. In Node pdf.js runs its "worker" in this thread;
 * importing the worker module up front (it registers globalThis.pdfjsWorker) spares every document
 * the dynamic import and lets the built-ins be restored after both modules ran.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const lib = await import("pdfjs-dist/legacy/build/pdf.mjs");
    await import(WORKER_MODULE);
    restoreNatives();
    return lib;
  })();
  return pdfjsPromise;
}

/**
 * Loads pdf.js now rather than at the first PDF: a reader process that is waiting for its first
 * document anyway (an audit's, while the documents are being found and hashed) has it ready. A
 * failure to load is left to the first extractPdf to report.
 */
export async function preloadPdfJs(): Promise<void> {
  await loadPdfJs().catch(() => undefined);
}

/** True for PDFs printed by Chromium with tags (yusuan's own): their structure tree is worth reading. */
async function chromiumTagged(doc: { getMetadata(): Promise<{ info: unknown }>; getMarkInfo(): Promise<unknown> }) {
  try {
    const info = (await doc.getMetadata()).info as { Creator?: unknown; Producer?: unknown };
    const creator = String(info.Creator ?? "");
    const producer = String(info.Producer ?? "");
    if (!/Chrom(e|ium)/.test(creator) || !/^Skia\/PDF/.test(producer)) return false;
    const mark = (await doc.getMarkInfo()) as { Marked?: boolean } | null;
    return mark?.Marked === true;
  } catch {
    return false;
  }
}

class Timeout extends Error {}

function withDeadline<T>(p: Promise<T>, deadline: number): Promise<T> {
  const left = deadline - Date.now();
  if (left <= 0) return Promise.reject(new Timeout());
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), left);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const err = (code: string, message: string, page?: number): ImportProblem =>
  page === undefined ? { code, severity: "error", message } : { code, severity: "error", message, page };
const warn = (code: string, message: string, page?: number): ImportProblem =>
  page === undefined ? { code, severity: "warning", message } : { code, severity: "warning", message, page };

/**
 * Characters NFKC or the radicals map can change: anything beyond ASCII other than CJK unified
 * ideographs and common CJK punctuation that NFKC keeps (、。“”《》【】). Most items are plain
 * ideographs, digits and commas and skip normalisation.
 */
const NEEDS_NORMALISING = /[^\u0000-\u009f\u4e00-\u9fff\u3001\u3002\u2018\u2019\u201c\u201d\u300a-\u3011]/;

const AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;

/**
 * Splits one pdf.js item at runs of two or more spaces (some producers put a whole table line in
 * one item, "201   06   01   行政运行"), estimating each piece's x from character widths.
 */
export function splitItem(text: string, x0: number, width: number, y: number, h: number): TextChunk[] {
  const words = text.split(/(\s+)/);
  const total = displayWidth(text);
  const per = total > 0 ? width / total : 0;
  const out: TextChunk[] = [];
  let x = x0;
  let cur: TextChunk | undefined;
  let prevAmount = false;
  for (const w of words) {
    const u = displayWidth(w);
    if (w.trim() === "") {
      // two or more spaces separate cells; one space only separates an amount from its neighbour
      if (w.length >= 2) cur = undefined;
    } else {
      const amount = AMOUNT.test(w);
      if (cur && !amount && !prevAmount) {
        cur.text += ` ${w}`;
        cur.x1 = x + u * per;
      } else {
        cur = { text: w, x0: x, x1: x + u * per, y, h };
        out.push(cur);
      }
      prevAmount = amount;
    }
    x += u * per;
  }
  return out;
}

function describe(e: unknown): { name: string; message: string } {
  if (e && typeof e === "object") {
    const o = e as { name?: unknown; message?: unknown };
    return { name: String(o.name ?? ""), message: String(o.message ?? "") };
  }
  return { name: "", message: String(e) };
}

/** True when the last KiB holds no %%EOF marker: the file was probably cut off. */
function looksTruncated(buf: Uint8Array): boolean {
  const tail = Buffer.from(buf.subarray(Math.max(0, buf.length - 1024))).toString("latin1");
  return !tail.includes("%%EOF");
}

/**
 * Characters a Chinese budget prints: ASCII, Latin-1, general punctuation and symbols, CJK symbols
 * and punctuation, the CJK unified ideographs (and the radical and compatibility forms some fonts
 * map them to), full-width forms.
 */
const EXPECTED_CHAR =
  /[\u0000-\u00ff\u2000-\u27bf\u2e80-\u2fdf\u3000-\u303f\u3200-\u33ff\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

/**
 * A text layer that decodes to no language: the glyph codes of fonts without a ToUnicode map read
 * as characters of unrelated scripts (Telugu, Syriac, CJK extension A, private use …). At least 200
 * characters, and a third or more of them outside what a Chinese document prints.
 */
export function garbled(pages: readonly PdfPage[]): boolean {
  let all = 0;
  let odd = 0;
  for (const p of pages)
    for (const c of p.chunks)
      for (const ch of c.text) {
        if (ch.trim() === "") continue;
        all++;
        if (!EXPECTED_CHAR.test(ch)) odd++;
      }
  return all >= 200 && odd >= all / 3;
}

/** The most a run may lean off its axis and be read (tan 11°): a page scanned askew leans a degree or two, a watermark 30–45. */
const SKEW = 0.2;

/** Text items as pdf.js gives them (strings with their transforms; marked-content items have no str). */
type TextItems = readonly ({ str?: string; transform?: unknown; width?: number; height?: number } | object)[];

/**
 * Places a page's text items under a viewport transform: chunks for the upright text, and the
 * clockwise turn (90, 180 or 270 degrees) that would set upright the text running another way,
 * when that text outweighs the upright text (0 otherwise). Text at right angles to the page's
 * own is left out (a rotated stamp or margin note, rare in these tables), and so is text set at a
 * slant (a watermark across the page).
 * @example placeItems(tc.items, vp.transform, 20_000).chunks[0] // { text: "部门收支总表", x0, … }
 */
export function placeItems(
  items: TextItems,
  vt: readonly number[],
  maxItems: number,
): { chunks: TextChunk[]; turn: number; dense: boolean } {
  const chunks: TextChunk[] = [];
  const [va = 1, vb = 0, vc = 0, vd = 1, ve = 0, vf = 0] = vt;
  // characters of text running each way: right (kept), down, left, up
  let upright = 0;
  let down = 0;
  let left = 0;
  let up = 0;
  let n = 0;
  for (const item of items) {
    const it = item as { str?: string; transform: number[]; width: number; height: number };
    if (!it.str) continue;
    if (++n > maxItems) return { chunks, turn: 0, dense: true };
    // viewport × item transform, inline (Util.transform allocates an array per item)
    const [ta = 0, tb = 0, tcc = 0, td = 0, te = 0, tf = 0] = it.transform;
    const a = va * ta + vc * tb;
    const b = vb * ta + vd * tb;
    const str = it.str;
    if (Math.abs(b) > SKEW * Math.abs(a) || a < 0) {
      if (Math.abs(a) <= SKEW * Math.abs(b)) {
        if (b > 0) down += str.length;
        else up += str.length;
      } else if (Math.abs(b) <= SKEW * Math.abs(a)) left += str.length;
      // (text set at a slant, a watermark's "仅供公开使用" across the page, is no part of a table)
      continue;
    }
    if (str.trim() === "") continue;
    upright += str.length;
    const c = va * tcc + vc * td;
    const d = vb * tcc + vd * td;
    const e = va * te + vc * tf + ve;
    const f = vb * te + vd * tf + vf;
    const h = Math.hypot(c, d) || Math.abs(it.height) || 10;
    const w = (it.width * Math.hypot(a, b)) / (Math.hypot(ta, tb) || 1);
    const parts = splitItem(NEEDS_NORMALISING.test(str) ? normaliseText(str) : str, e, w, f, h);
    for (const p of parts) chunks.push(p);
  }
  const most = Math.max(down, left, up);
  // y runs down the viewport: text running down is turned a quarter clockwise, so the view turns
  // three quarters more to set it upright
  const turn = most <= upright ? 0 : most === down ? 270 : most === up ? 90 : 180;
  return { chunks, turn, dense: false };
}

/** Printed characters on a page, spaces aside. */
function textLength(chunks: readonly TextChunk[]): number {
  let n = 0;
  for (const c of chunks) n += c.text.replace(/\s+/g, "").length;
  return n;
}

/**
 * Pages that may show what they hold as a picture, by how much text they print (spaces aside):
 * - next to none (a page number, a stamp's caption): a scan of a whole page when an image covers
 *   half of it or more (a scan covers it all; margins and a page number aside);
 * - a title's worth (a table's title, 部门名称 and 单位 printed as text, the table below pasted as a
 *   screenshot, as Word documents often are): when an image covers a quarter of it or more. Never
 *   the first page (a cover with its emblem or photograph).
 * A page of a table printed as text, even an empty one with its headings, prints more than that.
 */
const BARE_PAGE_TEXT = 12;
const TITLED_PAGE_TEXT = 80;
/** runs of text on such a page at most: a title, 部门名称, 单位 and a page number (an empty table printed as text has its headings, cell by cell) */
const TITLED_PAGE_RUNS = 6;
const BARE_PAGE_COVER = 0.5;
const TITLED_PAGE_COVER = 0.25;
/**
 * - one table's title printed after other text, with next to nothing under it (its 单位, a page
 *   number) though it stands in the upper four fifths of the page: a screenshot pasted under it,
 *   when an image covers a seventh of the page or more.
 */
const UNDER_TITLE_RUNS = 3;
const TITLE_ABOVE = 0.8;
const UNDER_TITLE_COVER = 0.15;

/**
 * The share of the page a picture must cover on this page, or undefined: not a candidate. Past the
 * first page, only a page with a line ending in 表 (a table's title; a chart beside a paragraph of
 * the 说明 is not a table's place): with a title's worth of text in a few runs (not a table's
 * headings), or with next to nothing under its last such title.
 */
function pictureCover(no: number, chunks: readonly TextChunk[], height: number): number | undefined {
  const chars = textLength(chunks);
  if (chars < BARE_PAGE_TEXT) return BARE_PAGE_COVER;
  if (no === 1) return undefined;
  const titles = chunks.filter((c) => /表$/.test(c.text.trim()));
  const title = titles[0];
  if (!title) return undefined;
  if (chars < TITLED_PAGE_TEXT && chunks.length <= TITLED_PAGE_RUNS) return TITLED_PAGE_COVER;
  // (one title on the page: a 目录 or a list of tables names many)
  if (titles.length > 1 || title.y >= height * TITLE_ABOVE) return undefined;
  const below = title.y + title.h / 2;
  return chunks.filter((c) => c.y > below).length <= UNDER_TITLE_RUNS ? UNDER_TITLE_COVER : undefined;
}

type Ops = PdfJs["OPS"];
type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: readonly number[]): Matrix => [
  (n[0] as number) * m[0] + (n[1] as number) * m[2],
  (n[0] as number) * m[1] + (n[1] as number) * m[3],
  (n[2] as number) * m[0] + (n[3] as number) * m[2],
  (n[2] as number) * m[1] + (n[3] as number) * m[3],
  (n[4] as number) * m[0] + (n[5] as number) * m[2] + m[4],
  (n[4] as number) * m[1] + (n[5] as number) * m[3] + m[5],
];

/**
 * Whether the page paints an image over `cover` of itself or more (a scan, a pasted screenshot). Only
 * asked of pages with little text (pictureCover), so a document's pages of text never pay for
 * building an operator list.
 */
async function paintsLargeImage(
  page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>; view: number[] },
  OPS: Ops,
  cover: number,
): Promise<boolean> {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  const pageArea = Math.abs((x1 - x0) * (y1 - y0));
  if (pageArea === 0) return false;
  const ops = await page.getOperatorList();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const images = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintInlineImageXObjectGroup,
  ]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i] as number;
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as number[] | null | undefined;
      if (Array.isArray(m) && m.length === 6) ctm = multiply(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (images.has(fn) && Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]) >= pageArea * cover) return true;
  }
  return false;
}

/**
 * Reads every page's text chunks.
 * @example const r = await extractPdf(bytes, "a.pdf"); r.pages[0].chunks // [{ text: "2025年…", x0, … }]
 */
export async function extractPdf(
  buf: Uint8Array,
  source: string,
  limits: ExtractLimits = DEFAULT_LIMITS,
): Promise<ExtractResult> {
  const problems: ImportProblem[] = [];
  const deadline = Date.now() + limits.timeoutMs;
  const fail = (p: ImportProblem): ExtractResult => ({
    pages: [],
    pageCount: 0,
    problems: [...problems, p],
    failed: true,
  });
  const truncated = looksTruncated(buf);
  if (truncated) {
    problems.push(
      warn("pdf.truncated", `${source} 的末尾没有 PDF 结束标记（%%EOF），文件可能不完整（下载或复制被截断）`),
    );
  }
  let pdfjs: PdfJs;
  try {
    pdfjs = await loadPdfJs();
  } catch (e) {
    return fail(err("pdf.engine", `无法加载 PDF 解析库 pdfjs-dist：${describe(e).message}`));
  }
  // pdf.js may keep the buffer (transfers it to its worker): give it a copy.
  const data = new Uint8Array(buf);
  if (limits.hideFontPrograms !== false) hideFontPrograms(data);
  const task = pdfjs.getDocument({
    data,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: FONT_URL,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await withDeadline(task.promise, deadline);
  } catch (e) {
    void task.destroy();
    if (e instanceof Timeout)
      return fail(err("pdf.timeout", `${source}：打开 PDF 超时（${limits.timeoutMs / 1000} 秒）`));
    const d = describe(e);
    if (d.name === "PasswordException") {
      return fail(
        err("pdf.encrypted", `${source} 已加密（需要密码才能打开）；请提供未加密的版本，或先用 qpdf --decrypt 解密`),
      );
    }
    if (d.name === "InvalidPDFException" || d.name === "FormatError" || truncated) {
      return fail(
        err(
          "pdf.damaged",
          `${source} 不是完整有效的 PDF（${truncated ? "文件被截断" : "结构损坏"}：${d.message}）；请重新下载原文件`,
        ),
      );
    }
    return fail(err("pdf.unreadable", `${source} 无法作为 PDF 读取：${d.message || d.name}`));
  }
  try {
    const pageCount = doc.numPages;
    if (pageCount > limits.maxPages) {
      return fail(
        err(
          "pdf.tooManyPages",
          `${source} 有 ${pageCount} 页，超过上限 ${limits.maxPages} 页；部门预算公开通常不超过百页，请确认文件，或拆分后分别导入`,
        ),
      );
    }
    const pages: PdfPage[] = [];
    const failedPages: number[] = [];
    // pages with little text: what they show may be a picture (told apart once the text is read)
    const sparse: { no: number; cover: number }[] = [];
    const tagged = limits.structure !== false && (await chromiumTagged(doc));
    // Pages are requested a few ahead: pdf.js inflates streams asynchronously (zlib on libuv's
    // threads), so the next pages decompress while this one is turned into chunks.
    const fetchPage = async (no: number) => {
      const page = await doc.getPage(no);
      // pdf.js's own NFKC pass is off: normaliseText below does NFKC (and the radicals map) only
      // on strings that can change.
      const tc = await page.getTextContent({ disableNormalization: true, includeMarkedContent: tagged });
      const tree = tagged ? ((await page.getStructTree()) as StructNode | null) : null;
      return { page, tc, tree };
    };
    const AHEAD = 3;
    const pending = new Map<number, ReturnType<typeof fetchPage>>();
    const request = (no: number) => {
      if (no > pageCount || pending.has(no)) return;
      const p = fetchPage(no);
      p.catch(() => {}); // awaited below; never an unhandled rejection when reading stops early
      pending.set(no, p);
    };
    for (let no = 1; no <= pageCount; no++) {
      for (let k = no; k < no + AHEAD; k++) request(k);
      const next = pending.get(no) as ReturnType<typeof fetchPage>;
      pending.delete(no);
      try {
        const { page, tc, tree } = await withDeadline(next, deadline);
        let vp = page.getViewport({ scale: 1 });
        let placed = placeItems(tc.items, vp.transform as number[], limits.maxItemsPerPage);
        // A page whose text runs sideways or upside down (a landscape table drawn turned on the
        // page, with no /Rotate to set it upright): read it as turned the right way up.
        if (placed.turn !== 0) {
          vp = page.getViewport({ scale: 1, rotation: (page.rotate + placed.turn) % 360 });
          placed = placeItems(tc.items, vp.transform as number[], limits.maxItemsPerPage);
        }
        const chunks = placed.chunks;
        if (placed.dense) {
          problems.push(
            warn("pdf.pageTooDense", `第 ${no} 页文字块超过 ${limits.maxItemsPerPage} 个，只读取了前面部分`, no),
          );
        }
        const result: PdfPage = { no, width: vp.width, height: vp.height, chunks };
        const cover = pictureCover(no, chunks, vp.height);
        if (cover !== undefined) sparse.push({ no, cover });
        if (tagged) result.tagged = taggedBlocks(tree, tc.items as MarkedItem[]);
        pages.push(result);
        page.cleanup();
      } catch (e) {
        if (e instanceof Timeout) {
          problems.push(
            err("pdf.timeout", `${source}：读取超时（${limits.timeoutMs / 1000} 秒），只读取了前 ${pages.length} 页`),
          );
          break;
        }
        failedPages.push(no);
      }
    }
    if (failedPages.length > 0) {
      problems.push(
        err(
          truncated ? "pdf.truncated" : "pdf.pageUnreadable",
          `${source}：第 ${failedPages.join("、")} 页无法读取${truncated ? "（文件不完整）" : ""}`,
          failedPages[0],
        ),
      );
    }
    const textChars = pages.reduce((s, p) => s + p.chunks.reduce((t, c) => t + c.text.length, 0), 0);
    if (pages.length > 0 && textChars === 0) {
      return fail(
        err(
          "pdf.noText",
          `${source} 没有文字层（${pageCount} 页都是图像，可能是扫描件）；请提供原始电子版 PDF，或先做文字识别（OCR）`,
        ),
      );
    }
    if (garbled(pages)) {
      return fail(
        err(
          "pdf.garbledText",
          `${source} 的文字层无法解码：提取出的文字是乱码（字体没有附带字符映射 ToUnicode，或经过加密、替换）；请提供由原始文件重新导出的 PDF、Excel 或文本，或先对打印页做文字识别（OCR）`,
        ),
      );
    }
    if (pages.length === 0) return fail(err("pdf.noPages", `${source} 中没有可读取的页面`));
    const imagePages: number[] = [];
    for (const { no, cover } of sparse) {
      try {
        const page = await withDeadline(doc.getPage(no), deadline);
        if (await withDeadline(paintsLargeImage(page, pdfjs.OPS, cover), deadline)) imagePages.push(no);
        page.cleanup();
      } catch (e) {
        if (e instanceof Timeout) break; // out of time: the pages found so far are reported
        // (a page whose drawing cannot be read is not said to be a picture)
      }
    }
    return { pages, pageCount, problems, failed: false, ...(imagePages.length > 0 ? { imagePages } : {}) };
  } finally {
    void doc.destroy();
  }
}
