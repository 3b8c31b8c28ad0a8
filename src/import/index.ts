/**
 * Import: any supported input file → a Disclosure. Returns a result with problems; an input that
 * cannot be used at all gives no disclosure and at least one error problem (what, where, what to do).
 */
import { basename, extname } from "node:path";
import type { Disclosure, ImportProblem } from "../model/disclosure.ts";
import { getTemplate } from "../templates/index.ts";
import { decodeText } from "./decode.ts";
import type { ImportReport } from "./pdf/import-pdf.ts";
import { readInputFile } from "./read-input.ts";
import { parseText } from "./text/parse-text.ts";
import { type OfficeConversion, officeConversion, unsupportedFormat } from "./unsupported.ts";

export interface ImportResult {
  disclosure?: Disclosure;
  problems: ImportProblem[];
  /** PDF/XLSX: pages or sheets, template detected, tables found with a confidence, tables missing */
  report?: ImportReport;
}

export interface ImportOptions {
  /** force a template spec id instead of detecting it */
  template?: string | undefined;
  /** a PDF (or its extracted text) holding a document's text only (its tables are in another file): read its prose */
  textOnly?: boolean | undefined;
}

export { mergeDisclosures } from "./merge.ts";

export { MAX_INPUT_BYTES, readInputFile } from "./read-input.ts";

const fail = (code: string, message: string): ImportResult => ({ problems: [{ code, severity: "error", message }] });
const notText = (source: string, reason: string): ImportResult =>
  fail("input.binary", `${source}：${reason}；请提供从 PDF 提取的文本、JSON 或预算文件`);

/** Sniffs the format from magic bytes first, then the extension. */
export function sniffFormat(buf: Uint8Array, name: string): "pdf" | "xlsx" | "json" | "text" | "xls" | "binary" {
  if (buf[0] === 0x25 && buf[1] === 0x50 && buf[2] === 0x44 && buf[3] === 0x46) return "pdf";
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return "xlsx";
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) return "xls";
  const ext = extname(name).toLowerCase();
  if (ext === ".json") return "json";
  let i = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
  if (buf[i] === 0x7b) return "json";
  return "text";
}

/**
 * Parses a Disclosure from JSON (as written by `import --format json` or `build`). The schema it is
 * checked against (zod) loads here, on a JSON's first import: reading a PDF, a workbook or text
 * never needs it, and loading it costs more than the rest of the CLI's start.
 */
export async function parseDisclosureJson(text: string, source: string): Promise<ImportResult> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail("json.syntax", `${source} 不是有效的 JSON：${(e as Error).message}`);
  }
  const { disclosureSchema } = await import("../model/disclosure-schema.ts");
  const r = disclosureSchema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(根)"}：${i.message}`);
    return fail(
      "json.schema",
      `${source} 不符合 Disclosure 模式（schema/disclosure.schema.json）：${first.join("；")}`,
    );
  }
  return { disclosure: r.data, problems: [] };
}

/** Imports text already read, named `source` (for messages); PDF, XLSX and JSON: importBufferAsync. */
export function importBuffer(buf: Uint8Array, source: string, opts: ImportOptions = {}): ImportResult {
  if (buf.length === 0) return fail("input.empty", `${source} 是空文件，没有可读取的内容`);
  const unsupported = unsupportedFormat(buf, source);
  if (unsupported) return fail("input.unsupported", unsupported);
  const format = sniffFormat(buf, source);
  switch (format) {
    case "pdf":
      return fail("input.pdf", `${source} 是 PDF 文件；PDF 导入是异步的，请用 importBufferAsync 或 importFile`);
    case "xlsx":
      return fail("input.xlsx", `${source} 是 Excel 工作簿；XLSX 导入是异步的，请用 importBufferAsync 或 importFile`);
    case "json":
      return fail("input.json", `${source} 是 JSON 文件；JSON 导入是异步的，请用 importBufferAsync 或 importFile`);
    default:
      break;
  }
  const dec = decodeText(buf);
  if (!dec.ok) return notText(source, dec.reason);
  return parseText(dec.text, { source: basename(source), template: opts.template });
}

/**
 * An Office file LibreOffice can convert (officeConversion): an old spreadsheet turned into .xlsx and
 * read as any workbook, a Word document turned into PDF and read as any PDF, with a warning saying
 * so; where LibreOffice is not installed, the message that says how to convert it or what to install.
 */
async function importConverted(
  buf: Uint8Array,
  source: string,
  opts: ImportOptions,
  conversion: OfficeConversion,
  unsupported: string,
): Promise<ImportResult> {
  const { convertWithOffice, officeProgram } = await import("./office.ts");
  if (!officeProgram())
    return fail(
      "input.unsupported",
      `${unsupported}；或在本机安装 LibreOffice（如 Debian/Ubuntu：apt-get install ${conversion.needs}），yusuan 会自动转换后读取`,
    );
  const name = basename(source);
  const { to } = conversion;
  // (a space before a kind that starts with a Latin word: "是 Word 文档")
  const kind = /^[A-Za-z]/.test(conversion.kind) ? ` ${conversion.kind}` : conversion.kind;
  const target = to === "xlsx" ? ".xlsx" : "PDF";
  const instead =
    to === "xlsx"
      ? "请确认文件能在 Excel 或 WPS 中打开，另存为 .xlsx 后再读取"
      : "请在 Word 或 WPS 中“另存为 PDF”后再读取";
  const c = await convertWithOffice(buf, source, to);
  if ("error" in c)
    return fail("input.convert", `${name} 是${kind}，用 LibreOffice 转换为 ${target} 时失败：${c.error}。${instead}`);
  const r =
    to === "xlsx"
      ? await (await import("./xlsx/import-xlsx.ts")).importXlsx(c.bytes, name, { template: opts.template })
      : await (await import("./pdf/import-pdf.ts")).importPdf(c.bytes, name, {
          template: opts.template,
          textOnly: opts.textOnly,
        });
  if (!r.disclosure) {
    const errors = r.problems.filter((p) => p.severity === "error").map((p) => p.message);
    return fail(
      "input.convert",
      `${name} 是${kind}（已用 LibreOffice 转换为 ${target}）：${errors.join("；") || "无法读取"}。${instead}`,
    );
  }
  const note: ImportProblem = {
    code: "office.converted",
    severity: "warning",
    message: `${name} 是${kind}，已用 LibreOffice 转换为 ${target} 后读取${to === "pdf" ? "；页码按转换后的版式，可能与在 Word 或 WPS 中打开时不同" : ""}`,
  };
  const problems = [note, ...r.problems];
  const provenance = { ...r.disclosure.provenance, problems: [note, ...r.disclosure.provenance.problems] };
  return { ...r, problems, disclosure: { ...r.disclosure, provenance } };
}

/**
 * Imports bytes of any supported format: PDF, XLSX and JSON asynchronously (pdf.js, exceljs and the
 * schema load on first use), text through the synchronous importBuffer.
 */
export async function importBufferAsync(
  buf: Uint8Array,
  source: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const unsupported = buf.length > 0 ? unsupportedFormat(buf, source) : undefined;
  if (unsupported) {
    const conversion = officeConversion(buf, source);
    if (conversion) return await importConverted(buf, source, opts, conversion, unsupported);
    return fail("input.unsupported", unsupported);
  }
  if (buf.length > 0) {
    const format = sniffFormat(buf, source);
    try {
      // pdf.js and exceljs load only when needed: they take longer to load than a text import takes.
      if (format === "pdf") {
        const { importPdf } = await import("./pdf/import-pdf.ts");
        return await importPdf(buf, basename(source), { template: opts.template, textOnly: opts.textOnly });
      }
      if (format === "xlsx") {
        const { importXlsx } = await import("./xlsx/import-xlsx.ts");
        return await importXlsx(buf, basename(source), { template: opts.template });
      }
    } catch (e) {
      // The importers turn every expected failure into a problem; this is the last line of defence.
      return fail(`input.${format}`, `${source} 无法读取：${(e as Error).message ?? String(e)}`);
    }
    if (format === "json") {
      const dec = decodeText(buf);
      if (!dec.ok) return notText(source, dec.reason);
      return await parseDisclosureJson(dec.text, source);
    }
  }
  // the 说明 half of a two-file document as extracted text: its prose, as its PDF's is read
  if (opts.textOnly && buf.length > 0 && sniffFormat(buf, source) === "text") {
    const dec = decodeText(buf);
    if (!dec.ok) return notText(source, dec.reason);
    const { readLaidOutText } = await import("./text/laid-out.ts");
    return readLaidOutText(dec.text, basename(source), opts.template);
  }
  const r = importBuffer(buf, source, opts);
  // Text with tab-separated tables that the text template read in doubt (tables whose printed
  // header is not the template's, or tables not found): the general reader, as for its PDF, when
  // it reads more tables soundly than the template read in their own layout (a text the template
  // reads without doubt, as the seed, costs nothing more)
  if (!opts.template && doubtful(r) && sniffFormat(buf, source) === "text") {
    const dec = decodeText(buf);
    const { looksTabbed, readTabbed } = await import("./text/tabbed.ts");
    if (dec.ok && looksTabbed(dec.text)) {
      const general = readTabbed(dec.text, basename(source));
      const sound = (general.disclosure?.tables ?? []).filter((t) => t.reading?.status !== "unreliable").length;
      if (sound > fitting(r)) return general;
    }
  }
  // Text laid out as printed (pdftotext -layout) in a layout no text template reads (no table, or
  // titles a template knows over rows it cannot read: most tables without an amount): the general
  // reader, as for its PDF (loaded only then, as the PDF reader is)
  if (
    !opts.template &&
    withAmounts(r) * 2 <= (r.disclosure?.tables.length ?? 0) &&
    sniffFormat(buf, source) === "text"
  ) {
    const dec = decodeText(buf);
    const { looksLaidOut, readLaidOut } = await import("./text/laid-out.ts");
    const tables = (x: ImportResult) => x.disclosure?.tables.length ?? 0;
    const laidOut = dec.ok && looksLaidOut(dec.text);
    // (text with no table a template knows may be a 说明 alone, laid out or not: see below)
    if (dec.ok && (laidOut || tables(r) === 0)) {
      const general = readLaidOut(dec.text, basename(source));
      // (a blank template prints no amounts either way: the reading with more of its tables stays)
      if (
        laidOut &&
        (tables(r) === 0 ? tables(general) > 0 : withAmounts(general) > withAmounts(r) && tables(general) >= tables(r))
      )
        return general;
      // the 说明 half of a two-file document (its tables in the other file), as the general reader
      // reads its PDF: more of its sections than a text template found among no tables of its own,
      // and the table rules say the tables are elsewhere instead of reporting them missing
      const sections = (x: ImportResult) => x.disclosure?.explanations.length ?? 0;
      if (tables(r) === 0 && tables(general) === 0 && sections(general) > sections(r) && onlyText(general))
        return general;
    }
  }
  return r;
}

/** A reading of the 说明 alone: its text read, no tables (src/check/rule.ts tablesInOtherFile). */
function onlyText(r: ImportResult): boolean {
  const parts = r.disclosure?.provenance.parts;
  return !!parts && parts.includes("text") && !parts.includes("tables");
}

/** Tables a text template read whose printed header is the template's (see text/tables.ts). */
function fitting(r: ImportResult): number {
  const unfit = new Set(r.problems.filter((p) => p.code === "table.header").map((p) => p.message));
  return (r.disclosure?.tables.length ?? 0) - unfit.size;
}

/** A text template's reading that may not be the document's layout: a header not its own, or tables missing. */
function doubtful(r: ImportResult): boolean {
  const d = r.disclosure;
  if (!d || fitting(r) < d.tables.length) return true;
  const spec = getTemplate(d.meta.template);
  return !spec || d.tables.length < spec.tables.filter((t) => !t.optional).length;
}

/** Tables of a reading that print at least one amount. */
function withAmounts(r: ImportResult): number {
  return (r.disclosure?.tables ?? []).filter((t) => t.rows.some((row) => row.cells.some((c) => typeof c === "number")))
    .length;
}

/** Loads the PDF reader (pdf.js) ahead of the first PDF; for processes that will read many. */
export async function preloadPdfReader(): Promise<void> {
  const { preloadPdfJs } = await import("./pdf/extract.ts");
  await preloadPdfJs();
}

/** Imports a file from disk (a regular file, read up to MAX_INPUT_BYTES; see read-input.ts). */
export async function importFile(path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const r = await readInputFile(path);
  if ("error" in r) return fail(r.code, r.error);
  return importBufferAsync(r.bytes, path, opts);
}
