/**
 * PDF → Disclosure: extract positioned text (extract.ts), rebuild lines (lines.ts), detect the
 * template from the table titles found (titles.ts; `--template` forces one), read every table the
 * spec declares (read-tables.ts), map cells to facts. Also a per-document report: pages, tables
 * found with a confidence, tables of the template not found, and problems with page numbers.
 */
import { governmentOf } from "../../catalog/regions.ts";
import type { Disclosure, ImportProblem, PrintedTable } from "../../model/disclosure.ts";
import type { AmountUnit } from "../../model/money.ts";
import { pageRuns, picturedPages } from "../../model/page-runs.ts";
import { getTemplate, nationalBudget, nationalFinal, TEMPLATES, type TemplateSpec } from "../../templates/index.ts";
import { hasTableOrStandIn } from "../../templates/vocabulary.ts";
import { deriveFacts } from "../facts.ts";
import { gridLines } from "../grid/from-pdf.ts";
import { readDocumentTables } from "../grid/read-document.ts";
import { findRegions } from "../grid/regions.ts";
import { documentIdentity } from "../identity.ts";
import { DEFAULT_LIMITS, type ExtractLimits, type ExtractResult, extractPdf } from "./extract.ts";
import type { PdfLine } from "./lines.ts";
import { nationalProse } from "./national-prose.ts";
import { readOwnPdf } from "./own-pdf.ts";
import { proseLines, readProse } from "./prose.ts";
import { readTables } from "./read-tables.ts";
import { stitchPages } from "./stitch.ts";
import { detectTemplate } from "./titles.ts";

export interface TableReport {
  no: number;
  id: string;
  title: string;
  pages: number[];
  rows: number;
  amounts: number;
  /** 0–1: how much of the table's own arithmetic holds as read (1: every identity holds) */
  confidence: number;
  /** reliable, unreliable (not checked: a misreading), or empty */
  status?: "reliable" | "unreliable" | "empty";
  /** identity instances tested and failed (a total with its parts in one row or column) */
  tested?: number;
  failed?: number;
  /** how the rows nest as read: code, numbers, indentation, flat */
  structure?: string;
  /** why a table is not reliably read */
  note?: string;
}

/** What an importer found in one document. */
export interface ImportReport {
  /** text: extracted text read by the general reader (laid out as printed, or tab-separated) */
  format: "pdf" | "xlsx" | "text";
  pages?: number;
  sheets?: number;
  template?: { id: string; how: "detected" | "forced" | "national"; confidence: number };
  /** the regional spec whose titles the document's resemble most (for information: not used unless forced) */
  closest?: { id: string; confidence: number };
  /** "yusuan": a document in yusuan's own layout (its PDF or workbook), read cell by cell */
  layout?: "yusuan";
  tables: TableReport[];
  /** tables of the template that the document does not contain (or that could not be found) */
  missing: { no: number; id: string; title: string }[];
}

export interface PdfImportOptions {
  template?: string | undefined;
  /**
   * the text half of a document published as two PDFs (Jiangsu "-text.pdf"): read its prose only,
   * with the template given (the tables half's), and return a Disclosure without tables
   */
  textOnly?: boolean | undefined;
  limits?: Partial<ExtractLimits>;
}

export interface PdfImportResult {
  disclosure?: Disclosure;
  problems: ImportProblem[];
  report?: ImportReport;
}

/** Builds the Disclosure shell around tables read by an importer. */
export function disclosureFromTables(
  tables: PrintedTable[],
  template: TemplateSpec,
  info: {
    source: string;
    format: "pdf" | "xlsx";
    title: string;
    department: string;
    year: number;
    problems: ImportProblem[];
    /** the first pages' text: names the government when the department's name does not */
    cover?: string;
  },
): Disclosure {
  const units = tables.map((t) => t.unit);
  const unit: AmountUnit = units.filter((u) => u === "yuan").length > units.length / 2 ? "yuan" : template.unit;
  let facts: Disclosure["facts"] = [];
  try {
    facts = deriveFacts(tables, template);
  } catch (e) {
    info.problems.push({ code: "facts", severity: "warning", message: `无法从表格推出事实：${(e as Error).message}` });
  }
  // The issuing government from the document's words, never from the template that read it.
  const gov = governmentOf(info.department, info.cover);
  return {
    schemaVersion: 1,
    meta: {
      kind: template.kind,
      title: info.title,
      department: info.department,
      year: info.year,
      unit,
      template: template.id,
      ...(gov ? { region: gov.province } : {}),
      ...(gov?.city ? { city: gov.city } : {}),
      ...(gov?.county ? { county: gov.county } : {}),
    },
    overview: { functions: [], divisions: [], budgetUnits: [], staffing: {}, text: "" },
    toc: [],
    tables,
    facts,
    explanations: [],
    projects: [],
    otherMatters: { notes: [] },
    performance: [],
    glossary: [],
    // PDF and XLSX import reads the tables only; text rules report "not checked" instead of "missing"
    provenance: { source: info.source, format: info.format, problems: info.problems, parts: ["tables"] },
  };
}

/** Year and department from the first pages' text and the tables' 编制部门 (src/import/identity.ts). */
export { documentIdentity };

/**
 * Imports a PDF disclosure.
 * @example const r = await importPdf(bytes, "x.pdf"); r.report?.tables.length // 9
 */
export async function importPdf(
  buf: Uint8Array,
  source: string,
  opts: PdfImportOptions = {},
): Promise<PdfImportResult> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const ex = await extractPdf(buf, source, limits);
  if (ex.failed) return { problems: [...ex.problems] };
  const r = readPages(ex, source, opts);
  return ex.imagePages ? withImagePages(r, ex.imagePages, source) : r;
}

/**
 * A reading of a PDF some of whose pages are pictures (scans bound into it): the reading says which,
 * so that nothing printed on them is reported missing (src/check/rule.ts), and the 说明-only message
 * says where the tables are.
 */
function withImagePages(r: PdfImportResult, imagePages: number[], source: string): PdfImportResult {
  const where = `${picturedPages(imagePages)}，其中的内容未能读取`;
  const textOnly = r.problems.some((p) => p.code === "pdf.textOnly");
  const problems = r.problems.filter((p) => p.code !== "pdf.textOnly");
  problems.push({
    code: "pdf.imagePages",
    severity: "warning",
    message: textOnly
      ? `${source}：${where}，没有读到预算表，只读取了文字部分（概况、说明、名词解释）。要检查表格，请提供原始电子版 PDF 或 Excel，或先做文字识别（OCR）`
      : `${source}：${where}；印在这些页上的表格或说明没有检查，也不作缺失报告。请提供原始电子版，或先做文字识别（OCR）`,
    page: imagePages[0] as number,
  });
  if (!r.disclosure) {
    // nothing read at all: the pictures are why, not the kind of document
    const why = `${source}：${where}，其余页上没有读到预算表或情况说明（${r.report?.pages ?? "?"} 页中 ${imagePages.length} 页是图像，可能整份是扫描件）；请提供原始电子版 PDF，或先做文字识别（OCR）`;
    return {
      ...r,
      problems: r.problems.map((p) => (p.code === "pdf.noTables" ? { ...p, code: "pdf.pictures", message: why } : p)),
    };
  }
  const provenance = { ...r.disclosure.provenance, problems, imagePages };
  const tables = r.disclosure.tables.map((t, i, all) => partlyPictured(t, all[i - 1], all[i + 1], imagePages));
  return { ...r, problems, disclosure: { ...r.disclosure, tables, provenance } };
}

/**
 * A table printed across a page read as a picture may have rows on it; so may one that ends just
 * before such a page with no other table begun before it (it may go on there), and one that begins
 * just after such a page with no other table going on past it (it may have begun there, its title
 * and first rows in the picture, after the end of the table before). Those rows were not read, so
 * the table's reading is not trusted (no arithmetic is reported from it).
 */
function partlyPictured(
  t: PrintedTable,
  prev: PrintedTable | undefined,
  next: PrintedTable | undefined,
  imagePages: readonly number[],
): PrintedTable {
  const pages = t.pages ?? [];
  if (pages.length === 0 || t.reading?.status === "unreliable") return t;
  const first = Math.min(...pages);
  const last = Math.max(...pages);
  const nextStarts = next?.pages?.length ? Math.min(...next.pages) : Number.POSITIVE_INFINITY;
  const prevEnds = prev?.pages?.length ? Math.max(...prev.pages) : Number.NEGATIVE_INFINITY;
  const on = imagePages.filter(
    (p) => (p >= first && p <= last) || (p === last + 1 && nextStarts >= p) || (p === first - 1 && prevEnds <= p),
  );
  if (on.length === 0) return t;
  const note = `第 ${pageRuns(on)} 页印成图像，表的一部分可能印在该页上，未能读全`;
  const reading = t.reading ?? { confidence: 0, status: "unreliable" as const, tested: 0, failed: 0 };
  return { ...t, reading: { ...reading, status: "unreliable", note } };
}

function readPages(ex: ExtractResult, source: string, opts: PdfImportOptions): PdfImportResult {
  const problems = [...ex.problems];
  // (a wide table printed across pages side by side is read as the one page it was laid out as)
  const stitched = stitchPages(ex.pages);
  for (const st of stitched.stitches)
    problems.push({
      code: "pdf.stitched",
      severity: "warning",
      message: `第 ${[st.page, ...st.from].join("、")} 页是同一张表并排分页打印的几部分，已按行拼接成一页读取；页码按第 ${st.page} 页标注`,
    });
  const lines: PdfLine[] = stitched.lines;
  // yusuan's own (tagged) PDFs: tables from the structure tree, exactly (own-pdf.ts)
  const own = readOwnPdf(ex.pages, opts.template);
  if (opts.textOnly) return textOnlyPdf(lines, source, opts.template, problems, ex.pageCount);
  if (opts.template && !getTemplate(opts.template)) {
    problems.push({
      code: "pdf.template",
      severity: "error",
      message: `未知的模板“${opts.template}”；可用：${[...TEMPLATES.keys()].join("、")}`,
    });
    return { problems, report: { format: "pdf", pages: ex.pageCount, tables: [], missing: [] } };
  }
  const firstText = lines
    .filter((l) => l.page <= 3)
    .map((l) => l.text)
    .join("\n");
  // (ours as a whole, or not at all: a table printed under other columns is read as any PDF's)
  if (own && own.problems.length === 0) return ownPdf(own, ex.pageCount, lines, firstText, source, problems);
  // A regional spec asked for (--template): its own reader, the spec's tables and columns read as
  // the spec prints them, and every rule of the catalogue.
  const forced = opts.template ? getTemplate(opts.template) : undefined;
  if (forced && !forced.national) return templatePdf(lines, forced, ex.pageCount, firstText, source, problems);
  return readGeneral(lines, ex.pageCount, source, problems, opts.template);
}

/**
 * The general reader over positioned lines (a PDF's, or extracted text laid out as printed): tables
 * found and named by the national vocabulary, the 说明 read around them.
 */
export function readGeneral(
  lines: PdfLine[],
  pageCount: number,
  source: string,
  problems: ImportProblem[],
  asked?: string,
  /** the lines are laid-out text (pdftotext -layout), its columns placed a character a cell */
  laidOut = false,
): PdfImportResult {
  const firstText = lines
    .filter((l) => l.page <= 3)
    .map((l) => l.text)
    .join("\n");
  // (a tables-only file has no cover: its years stand in table captions further on)
  const allText = lines.map((l) => l.text).join("\n");
  // The general reader: tables found and named by the national vocabulary, checked by the rules
  // written for any region. A document from a city nobody tuned for shares many titles with some
  // regional spec without following it, so no regional spec is chosen for it.
  const grid = gridLines(lines);
  const titles = findRegions(grid).map((r) => r.title);
  const detection = detectTemplate(titles, asked);
  const regional = detection?.how === "forced" ? detection : undefined;
  const kind = regional?.template.kind ?? documentKind(firstText, titles);
  const template = regional ? regional.template : kind === "finalAccounts" ? nationalFinal : nationalBudget;
  const read = readDocumentTables(grid, template, { regional: !!regional, laidOut });
  problems.push(...read.problems);
  const tables = read.tables.map((t) => t.table);
  const found = new Set(tables.map((t) => t.id));
  // (a table printed in another standard form stands for the required one: 基本支出 of all funds)
  const missing = template.tables
    .filter((t) => !t.optional && !hasTableOrStandIn(found, t.id))
    .map((t) => ({ no: t.no, id: t.id, title: t.title }));
  if (tables.length === 0) {
    // the 说明 half of a document published as two files (Beijing, Jiangsu): its text is read and
    // checked, and the import says where the tables are
    const text = textOnlyPdf(lines, source, template.id, [...problems], pageCount);
    const d = text.disclosure;
    if (d?.provenance.parts?.includes("text")) {
      text.problems.push({
        code: "pdf.textOnly",
        severity: "warning",
        message: `${source} 只有文字部分（概况、说明、名词解释），没有预算表：表格在另一份文件中。把两份文件一起导入（如 yusuan check X-tables.pdf --text X-text.pdf），yusuan 把它们读成一份文档`,
      });
      d.provenance.problems = text.problems;
      return text;
    }
    problems.push({
      code: "pdf.noTables",
      severity: "error",
      message: `${source}：${pageCount} 页中没有读到任何预算表，也没有情况说明。请确认这是部门预算或决算公开文档`,
    });
    return { problems, report: { format: "pdf", pages: pageCount, tables: [], missing } };
  }
  const disclosure = tablesAndProse(tables, template, lines, read.extents, firstText, source, problems, allText);
  const report: ImportReport = {
    format: "pdf",
    pages: pageCount,
    template: regional
      ? { id: template.id, how: "forced", confidence: regional.confidence }
      : { id: template.id, how: "national", confidence: 1 },
    ...(detection && !regional && detection.confidence > 0
      ? { closest: { id: detection.template.id, confidence: detection.confidence } }
      : {}),
    tables: tables.map(tableReport),
    missing,
  };
  return { disclosure, problems, report };
}

/** 预算 or 决算: from the cover and the tables' titles. */
function documentKind(firstText: string, titles: readonly string[]): "budget" | "finalAccounts" {
  const cover = firstText.replace(/\s+/g, "").slice(0, 400);
  const fa = titles.filter((t) => /决算/.test(t)).length;
  const bu = titles.filter((t) => /预算/.test(t) && !/决算/.test(t)).length;
  if (fa > bu) return "finalAccounts";
  if (bu > fa) return "budget";
  return /部门决算|单位决算|决算公开/.test(cover) && !/部门预算|单位预算/.test(cover) ? "finalAccounts" : "budget";
}

export function tableReport(table: PrintedTable): TableReport {
  const r: TableReport = {
    no: table.no,
    id: table.id,
    title: table.title,
    pages: table.pages ?? [],
    rows: table.rows.length,
    amounts: table.rows.reduce((n, row) => n + row.cells.filter((c) => typeof c === "number").length, 0),
    confidence: table.reading?.confidence ?? 1,
  };
  if (table.reading) {
    r.status = table.reading.status;
    r.tested = table.reading.tested;
    r.failed = table.reading.failed;
    if (table.reading.structure) r.structure = table.reading.structure;
    if (table.reading.note) r.note = table.reading.note;
  }
  return r;
}

/**
 * The disclosure of a PDF's tables, its identity (cover, titles, file name) and its prose. The general
 * reader passes the whole text (a tables-only file's years stand in captions) and says when no year
 * was found.
 */
function tablesAndProse(
  tables: PrintedTable[],
  template: TemplateSpec,
  lines: PdfLine[],
  extents: Parameters<typeof proseLines>[1],
  firstText: string,
  source: string,
  problems: ImportProblem[],
  allText?: string,
): Disclosure {
  const id = documentIdentity(firstText, tables, template.kind, source, allText);
  if (allText !== undefined && id.year === 0)
    problems.push({
      code: "pdf.noYear",
      severity: "warning",
      message: `${source}：封面、表名和文件名中都没有找到预算年度`,
    });
  const disclosure = disclosureFromTables(tables, template, {
    source,
    format: "pdf",
    title: id.title,
    department: id.department,
    year: id.year,
    problems,
    cover: firstText,
  });
  addProse(disclosure, proseLines(lines, extents), problems);
  return disclosure;
}

/** A document read through the regional spec it was said to follow (--template). */
function templatePdf(
  lines: PdfLine[],
  template: TemplateSpec,
  pages: number,
  firstText: string,
  source: string,
  problems: ImportProblem[],
): PdfImportResult {
  const read = readTables(lines, template, template.unit);
  problems.push(...read.problems);
  const tables = read.tables.map((t) => t.table);
  const found = new Set(tables.map((t) => t.id));
  const missing = template.tables.filter((t) => !found.has(t.id)).map((t) => ({ no: t.no, id: t.id, title: t.title }));
  for (const m of missing) {
    problems.push({
      code: "pdf.tableMissing",
      severity: "warning",
      message: `没有找到表 ${m.no}“${m.title}”（模板 ${template.id}）`,
    });
  }
  if (tables.length === 0) {
    problems.push({
      code: "pdf.noTables",
      severity: "error",
      message: `${source}：${pages} 页中没有读到模板 ${template.id} 的任何预算表`,
    });
    return { problems, report: { format: "pdf", pages, tables: [], missing } };
  }
  const disclosure = tablesAndProse(tables, template, lines, read.extents, firstText, source, problems);
  const report: ImportReport = {
    format: "pdf",
    pages,
    template: { id: template.id, how: "forced", confidence: 1 },
    tables: read.tables.map(({ table, confidence }) => ({ ...tableReport(table), confidence })),
    missing,
  };
  return { disclosure, problems, report };
}

/** yusuan's own (tagged) PDFs: the tables from the structure tree, exactly. */
function ownPdf(
  own: NonNullable<ReturnType<typeof readOwnPdf>>,
  pages: number,
  _lines: PdfLine[],
  firstText: string,
  source: string,
  problems: ImportProblem[],
): PdfImportResult {
  const template = own.detection.template;
  problems.push(...own.problems);
  const tables = own.tables;
  const found = new Set(tables.map((t) => t.id));
  const missing = template.tables.filter((t) => !found.has(t.id)).map((t) => ({ no: t.no, id: t.id, title: t.title }));
  const id = documentIdentity(firstText, tables, template.kind, source);
  const disclosure = disclosureFromTables(tables, template, {
    source,
    format: "pdf",
    title: id.title,
    department: id.department,
    year: id.year,
    problems,
  });
  const report: ImportReport = {
    format: "pdf",
    pages,
    template: { id: template.id, how: own.detection.how, confidence: own.detection.confidence },
    layout: "yusuan",
    tables: tables.map((table) => ({ ...tableReport(table), confidence: 1 })),
    missing,
  };
  return { disclosure, problems, report };
}

/** Fills a Disclosure's text parts from the prose of its PDF; `provenance.parts` says what was read. */
function addProse(d: Disclosure, prose: ReturnType<typeof proseLines>, problems: ImportProblem[]): void {
  const template = getTemplate(d.meta.template);
  if (!template || prose.length === 0) return;
  if (template.national) {
    // any region's wording: sections split at their headings, read as plain text
    const n = nationalProse(prose);
    d.explanations = n.explanations;
    d.toc = n.toc;
    if (n.overview) d.overview = n.overview;
    const chars = n.explanations.reduce((k, e) => k + e.text.length, 0);
    d.provenance.parts = d.tables.length > 0 ? ["tables"] : [];
    if (chars >= 200) d.provenance.parts.push("text");
    return;
  }
  const r = readProse(prose, {
    template,
    tables: d.tables,
    department: d.meta.department,
    year: d.meta.year,
    problems,
  });
  const p = r.parts;
  d.explanations = p.explanations;
  d.projects = p.projects;
  d.otherMatters = p.otherMatters;
  d.performance = p.performance;
  d.glossary = p.glossary;
  d.toc = r.toc;
  if (r.overview) d.overview = r.overview;
  if (p.publishedOn) d.meta.publishedOn = p.publishedOn;
  const parts: ("tables" | "text" | "performance")[] = d.tables.length > 0 ? ["tables"] : [];
  // a blank template ("收入支出总计 XXX 万元"): no figure to check, and every completeness rule would
  // report the template's blanks as the document's omissions
  const blank =
    p.explanations.every((e) => e.statements.length === 0) &&
    p.explanations.some((e) => /[XＸ]{2,}\s*(?:万元|%|％)/.test(e.text));
  if (p.explanations.length > 0 && template.proseChecked && blank)
    problems.push({
      code: "pdf.textTemplate",
      severity: "warning",
      message: `情况说明是未填写的模板（金额为“XXX 万元”），文字规则不检查`,
    });
  else if (p.explanations.length > 0 && template.proseChecked) parts.push("text");
  else if (p.explanations.length > 0)
    problems.push({
      code: "pdf.textUnchecked",
      severity: "warning",
      message: `已读取 ${p.explanations.length} 节情况说明，但模板 ${template.id} 的文字规则尚未在真实文档上核对，文字规则不检查（导入结果中仍包含说明文字和陈述）`,
    });
  if (p.performance.length > 0 && parts.includes("text")) parts.push("performance");
  d.provenance.parts = parts;
}

/** The text half of a two-PDF document: its prose read with the given template, no tables. */
export function textOnlyPdf(
  lines: PdfLine[],
  source: string,
  templateId: string | undefined,
  problems: ImportProblem[],
  pages: number,
): PdfImportResult {
  const template = templateId ? getTemplate(templateId) : undefined;
  if (!template) {
    problems.push({
      code: "pdf.template",
      severity: "error",
      message: `读取文字部分 ${source} 需要指定模板（表格部分的模板）；可用：${[...TEMPLATES.keys()].join("、")}`,
    });
    return { problems };
  }
  const firstText = lines
    .filter((l) => l.page <= 3)
    .map((l) => l.text)
    .join("\n");
  const id = documentIdentity(firstText, [], template.kind, source);
  const d = disclosureFromTables([], template, {
    source,
    format: "pdf",
    title: id.title,
    department: id.department,
    year: id.year,
    problems,
    cover: firstText,
  });
  addProse(d, proseLines(lines, []), problems);
  // (the text half has no tables: the table rules say so instead of reporting them missing)
  d.provenance.parts = (d.provenance.parts ?? []).filter((p) => p !== "tables");
  if (d.explanations.length === 0)
    problems.push({ code: "pdf.noText", severity: "error", message: `${source}：没有读到任何情况说明` });
  return { disclosure: d, problems, report: { format: "pdf", pages, tables: [], missing: [] } };
}
