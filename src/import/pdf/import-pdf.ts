/**
 * PDF → Disclosure: extract positioned text (extract.ts), rebuild lines (lines.ts), detect the
 * template from the table titles found (titles.ts; `--template` forces one), read every table the
 * spec declares (read-tables.ts), map cells to facts. Also a per-document report: pages, tables
 * found with a confidence, tables of the template not found, and problems with page numbers.
 */
import { governmentOf } from "../../catalog/regions.ts";
import type { Disclosure, ImportProblem, PrintedTable } from "../../model/disclosure.ts";
import type { AmountUnit } from "../../model/money.ts";
import { getTemplate, TEMPLATES, type TemplateSpec } from "../../templates/index.ts";
import { deriveFacts } from "../facts.ts";
import { DEFAULT_LIMITS, type ExtractLimits, extractPdf } from "./extract.ts";
import { type PdfLine, pageLines } from "./lines.ts";
import { readOwnPdf } from "./own-pdf.ts";
import { proseLines, readProse } from "./prose.ts";
import { readTables } from "./read-tables.ts";
import { detectTemplate, matchKey, matchTitleKey } from "./titles.ts";

export interface TableReport {
  no: number;
  id: string;
  title: string;
  pages: number[];
  rows: number;
  amounts: number;
  confidence: number;
}

/** What an importer found in one document. */
export interface ImportReport {
  format: "pdf" | "xlsx";
  pages?: number;
  sheets?: number;
  template?: { id: string; how: "detected" | "forced"; confidence: number };
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

/** Year and department from the first pages' text and the tables' 编制部门. */
export function documentIdentity(
  text: string,
  tables: readonly PrintedTable[],
  kind: "budget" | "finalAccounts",
  source = "",
): { year: number; department: string; title: string } {
  const compact = text.replace(/\s+/g, "");
  // The year from the cover text, else from a table title ("2017年收支预算总表"), else the file name.
  const y =
    /(20\d{2})年(?:度)?/.exec(compact) ??
    tables.map((t) => /(20\d{2})年/.exec(t.title)).find(Boolean) ??
    /(20\d{2})/.exec(source);
  const year = y ? Number(y[1]) : 0;
  const prepared = tables.find((t) => t.preparedBy)?.preparedBy;
  const dm = /(?:20\d{2}年度?)?([\u4e00-\u9fa5（）()]{2,40}?)(?:20\d{2}年度?)?部门(?:预算|决算)/.exec(compact);
  const department = prepared ?? dm?.[1]?.replace(/^\d+/, "") ?? "";
  const title = `${department} ${year || ""} 年部门${kind === "finalAccounts" ? "决算" : "预算"}公开`
    .replace(/\s+/g, " ")
    .trim();
  return { year, department, title };
}

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
  const problems = [...ex.problems];
  if (ex.failed) return { problems };
  const lines: PdfLine[] = [];
  for (const p of ex.pages) lines.push(...pageLines(p));
  // yusuan's own (tagged) PDFs: tables from the structure tree, exactly (own-pdf.ts)
  const own = readOwnPdf(ex.pages, opts.template);
  // Candidate titles for detection: short lines that end like some template's table title.
  const templates = [...TEMPLATES.values()];
  const titles: string[] = [];
  if (!own) {
    // each line's matching key once; a title split over two lines is tried joined
    let prevKey = "";
    lines.forEach((l, i) => {
      const prev = lines[i - 1];
      const key = matchKey(l.text);
      if (templates.some((t) => matchTitleKey(key, t))) titles.push(l.text);
      else if (prev && prev.page === l.page && templates.some((t) => matchTitleKey(prevKey + key, t)))
        titles.push(`${prev.text}${l.text}`);
      prevKey = key;
    });
  }
  if (opts.textOnly) return textOnlyPdf(lines, source, opts.template, problems, ex.pageCount);
  const detection = own?.detection ?? detectTemplate(titles, opts.template);
  if (!detection) {
    if (opts.template) {
      problems.push({
        code: "pdf.template",
        severity: "error",
        message: `未知的模板“${opts.template}”；可用：${[...TEMPLATES.keys()].join("、")}`,
      });
    } else {
      problems.push({
        code: "pdf.noTables",
        severity: "error",
        message: `${source}：${ex.pageCount} 页中没有找到任何已知模板的预算表（${[...TEMPLATES.keys()].join("、")}）。如这是只含文字说明的部分，表格在另一份 PDF 中；如是其他格式，可用 --template 指定模板`,
      });
    }
    return { problems, report: { format: "pdf", pages: ex.pageCount, tables: [], missing: [] } };
  }
  const template = detection.template;
  const firstText = lines
    .filter((l) => l.page <= 3)
    .map((l) => l.text)
    .join("\n");
  const read = own
    ? { tables: own.tables.map((table) => ({ table, confidence: 1 })), problems: own.problems }
    : readTables(lines, template, template.unit);
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
      message: `${source}：${ex.pageCount} 页中没有读到任何预算表（只找到目录或说明中的表名）。如这是只含文字说明的部分，表格在另一份 PDF 中`,
    });
    return { problems, report: { format: "pdf", pages: ex.pageCount, tables: [], missing } };
  }
  const id = documentIdentity(firstText, tables, template.kind, source);
  if (id.year === 0)
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
  // the prose around the tables: 概况, 目录, 说明, 名词解释 (not for yusuan's own PDFs: tables only)
  if (!own) addProse(disclosure, proseLines(lines, "extents" in read ? read.extents : []), problems);
  const report: ImportReport = {
    format: "pdf",
    pages: ex.pageCount,
    template: { id: template.id, how: detection.how, confidence: detection.confidence },
    ...(own ? { layout: "yusuan" as const } : {}),
    tables: read.tables.map(({ table, confidence }) => ({
      no: table.no,
      id: table.id,
      title: table.title,
      pages: table.pages ?? [],
      rows: table.rows.length,
      amounts: table.rows.reduce((n, r) => n + r.cells.filter((c) => typeof c === "number").length, 0),
      confidence,
    })),
    missing,
  };
  return { disclosure, problems, report };
}

/** Fills a Disclosure's text parts from the prose of its PDF; `provenance.parts` says what was read. */
function addProse(d: Disclosure, prose: ReturnType<typeof proseLines>, problems: ImportProblem[]): void {
  const template = getTemplate(d.meta.template);
  if (!template || prose.length === 0) return;
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
function textOnlyPdf(
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
  if (d.explanations.length === 0)
    problems.push({ code: "pdf.noText", severity: "error", message: `${source}：没有读到任何情况说明` });
  return { disclosure: d, problems, report: { format: "pdf", pages, tables: [], missing: [] } };
}
