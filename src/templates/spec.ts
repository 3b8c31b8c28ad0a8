/**
 * Template specs: a regional disclosure format as data. A spec declares each table: its number,
 * id (shared across templates where the meaning is the same), title and aliases, the columns with
 * stable keys, and the row structure. Generic code parses tables, checks their arithmetic and maps
 * cells to facts from the spec, so a new region is a new spec, not new code paths.
 */
import type { Column } from "../model/disclosure.ts";

export type TableLayout =
  /** income lines on the left, function classes on the right (表1, 表4) */
  | "twoSided"
  /** rows by function code 类/款/项 printed in three code columns plus a name column */
  | "functionCoded"
  /** rows by economic code 类/款 printed in two code columns plus a name column */
  | "economicCoded"
  /** rows: total, budget unit, function class/section/item, with a project name column */
  | "projects"
  /** fixed lines with a label column (三公, 结转结余) */
  | "lines";

export interface ColumnSpec extends Column {
  /** fact dimensions the column contributes (measure set by the table) */
  dims?: Record<string, string>;
}

/** A row identity: the amount in column `total` equals the sum of `parts` in the same row. */
export interface RowSum {
  total: string;
  parts: readonly string[];
}

/** A fixed line of a two-sided or lines table, with the lines it is the sum of. */
export interface LineSpec {
  key: string;
  /** label as printed (compared after removing spaces and list markers) */
  label: string;
  aliases?: readonly string[];
  side?: "income" | "expenditure";
  /** keys of the lines this one is the sum of */
  sumOf?: readonly string[];
  dims?: Record<string, string>;
}

/**
 * A fixed line printed as a column of a one-row table: Shanghai, Jiangsu and the 决算 print the 三公
 * lines side by side ("合计 | 因公出国（境）费 | 公务接待费 | …") instead of one row per line.
 */
export interface LineColumn {
  /** the line key, as in a lines table that prints one row per line (Xinjiang 表10) */
  line: string;
  /** the column key holding the line's amount */
  column: string;
  /** 决算 tables pair 预算数 and 决算数 per line */
  stage?: "budget" | "actual";
}

export interface TableSpec {
  no: number;
  id: string;
  title: string;
  aliases: readonly string[];
  layout: TableLayout;
  measure: "income" | "expenditure" | "fiscalIncome" | "fiscalExpenditure" | "carryover" | "threePublic";
  columns: readonly ColumnSpec[];
  rowSums: readonly RowSum[];
  lines?: readonly LineSpec[];
  /**
   * 决算 表6: instead of one 总计 the table prints 人员经费合计 over these economic classes and
   * 公用经费合计 over the others (two blocks side by side)
   */
  personnelClasses?: readonly string[];
  /**
   * the 表1 income line this table's 总计 (column `total`) repeats: "total" by default; "currentYear"
   * where the table holds the year's income only (决算 表2 本年收入合计)
   */
  totalLine?: string;
  /** the lines are printed as columns of a single row (see LineColumn); `lines` then lists none */
  lineColumns?: readonly LineColumn[];
  /** the table may be published empty with a 空表说明 */
  mayBeEmpty: boolean;
  /** a table the template knows but does not require (completeness rules skip it) */
  optional?: boolean;
  /** base fact dimensions for every cell of the table */
  dims?: Record<string, string>;
}

export interface ExplanationSpec {
  no: number;
  id: string;
  /** a distinctive part of the title (as data: a document's section is recognised by it) */
  title: string;
  required: boolean;
  /**
   * ids (as in the Xinjiang spec) of sections whose content this one carries: Shanghai's 预算编制说明
   * lists the 一般公共预算 items that Xinjiang's 说明五 does, so the rules about 说明五 read it
   */
  covers?: readonly string[];
  /**
   * what the section's amounts are set against: "priorYear" (比上年增减, the default: Xinjiang,
   * Shanghai), "budget" (决算: 年初预算 and 完成率, items by 项) or "none" (amounts and shares only:
   * 决算 说明二/三). Completeness rules ask for a 比上年增减 only where the template does.
   */
  comparesWith?: "priorYear" | "budget" | "none";
  /**
   * the whole the section's shares (占 …%) are of: "grandTotal" (表1 收支总计, the default) or
   * "sectionTotal" (the section's own total, e.g. 决算 本年收入合计 / 本年支出合计)
   */
  shareBase?: "grandTotal" | "sectionTotal";
  /**
   * the section names 表1 lines by their printed labels (决算: 本年收入合计, 其他收入) rather than by
   * the fund words of the Xinjiang 说明二 (一般公共预算, 财政专户, 单位资金)
   */
  linesByLabel?: boolean;
  /**
   * the section is, on its own, what a 其他重要事项 sub-section carries elsewhere (Jiangsu 2017: 说明十
   * 机关运行经费 and 说明十二 政府采购 are sections of their own): it is read into otherMatters and the
   * rules about that matter (C-28, C-29, T-23 …) find it there
   */
  otherMatter?: "officeOperatingCost" | "procurement" | "assets";
}

export interface TemplateSpec {
  id: string;
  name: string;
  region: string;
  kind: "budget" | "finalAccounts";
  unit: "wanyuan" | "yuan";
  tables: readonly TableSpec[];
  explanations: readonly ExplanationSpec[];
  /** every table names its 编制部门 (a line, or the department inside the title); C-17 checks it */
  printsPreparedBy?: boolean;
  /**
   * the text rules have been checked against this template's 说明 on real PDFs: a PDF import then
   * declares the text it read (provenance.parts "text"), so text and completeness rules run on it
   */
  proseChecked?: boolean;
  /** the 概况 states 编制数/实有人数/在职/退休 (Xinjiang; C-04 checks it) */
  statesStaffing?: boolean;
  /** 表1/表4 list every 功能分类 类 of the year, with or without amounts (K-08 checks it) */
  listsAllClasses?: boolean;
  /** the 说明 has no 国有资产占用 section (Jiangsu 2017 省级): C-30 is not checked, naming the template */
  omitsAssets?: boolean;
  /**
   * the national standard itself, for documents of no known regional template: only the rules
   * written for any region's wording and layout run on them (Rule.general)
   */
  national?: boolean;
}

const LABEL_CHANGES = /[\s()]/;
const LABEL_MARKER_START = /^[一二三四五六七八九十\d（其]/;

/** Normalises a printed label for matching: no whitespace, no list markers, unified brackets. */
export function normaliseLabel(label: string): string {
  // Fast path (most labels): nothing to remove or unify — no whitespace or ASCII bracket, and no
  // first character that could start a list marker or 其中.
  if (!LABEL_CHANGES.test(label) && !LABEL_MARKER_START.test(label)) return label;
  return label
    .replace(/\s+/g, "")
    .replace(
      /^(?:[一二三四五六七八九十]+、|\d+[.、．]|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\))/,
      "",
    )
    .replace(/^其中[:：]/, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}
