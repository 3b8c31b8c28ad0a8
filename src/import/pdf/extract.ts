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
import { normaliseText } from "./normalise.ts";

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
}

export interface ExtractLimits {
  /** refuse documents with more pages than this */
  maxPages: number;
  /** give up after this many milliseconds in total */
  timeoutMs: number;
  /** text items read per page at most (a hostile page can hold millions) */
  maxItemsPerPage: number;
}

export const DEFAULT_LIMITS: ExtractLimits = { maxPages: 500, timeoutMs: 120_000, maxItemsPerPage: 20_000 };

export interface ExtractResult {
  pages: PdfPage[];
  pageCount: number;
  problems: ImportProblem[];
  /** set when nothing usable came out (the problems say why) */
  failed: boolean;
}

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve("pdfjs-dist/package.json"));
const CMAP_URL = join(PDFJS_DIR, "cmaps") + "/";
const FONT_URL = join(PDFJS_DIR, "standard_fonts") + "/";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
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

const AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;

/** Display width units of a character: CJK and full-width count 1, others about 0.5. */
function charUnits(c: string): number {
  const cp = c.codePointAt(0) ?? 0;
  return cp >= 0x2e80 ? 1 : 0.5;
}

/**
 * Splits one pdf.js item at runs of two or more spaces (some producers put a whole table line in
 * one item, "201   06   01   行政运行"), estimating each piece's x from character widths.
 */
export function splitItem(text: string, x0: number, width: number, y: number, h: number): TextChunk[] {
  const words = text.split(/(\s+)/);
  let total = 0;
  for (const c of text) total += charUnits(c);
  const per = total > 0 ? width / total : 0;
  const out: TextChunk[] = [];
  let x = x0;
  let cur: TextChunk | undefined;
  let prevAmount = false;
  for (const w of words) {
    let u = 0;
    for (const c of w) u += charUnits(c);
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
  const task = pdfjs.getDocument({
    data: new Uint8Array(buf),
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
    for (let no = 1; no <= pageCount; no++) {
      try {
        const page = await withDeadline(doc.getPage(no), deadline);
        const vp = page.getViewport({ scale: 1 });
        const tc = await withDeadline(page.getTextContent({ disableNormalization: false }), deadline);
        const chunks: TextChunk[] = [];
        let n = 0;
        for (const it of tc.items) {
          if (!("str" in it) || !it.str) continue;
          if (++n > limits.maxItemsPerPage) {
            problems.push(
              warn("pdf.pageTooDense", `第 ${no} 页文字块超过 ${limits.maxItemsPerPage} 个，只读取了前面部分`, no),
            );
            break;
          }
          const m = pdfjs.Util.transform(vp.transform, it.transform) as number[];
          const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = m;
          // Vertical text (rotated runs) is rare in these tables; skip it rather than misplace it.
          if (Math.abs(a) < Math.abs(b)) continue;
          const h = Math.hypot(c, d) || Math.abs(it.height) || 10;
          const w = (it.width * Math.hypot(a, b)) / (Math.hypot(it.transform[0] ?? 1, it.transform[1] ?? 0) || 1);
          chunks.push(...splitItem(normaliseText(it.str), e, w, f, h));
        }
        pages.push({ no, width: vp.width, height: vp.height, chunks });
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
    if (pages.length === 0) return fail(err("pdf.noPages", `${source} 中没有可读取的页面`));
    return { pages, pageCount, problems, failed: false };
  } finally {
    void doc.destroy();
  }
}
