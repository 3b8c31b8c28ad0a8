/**
 * A rule: stable id, severity, category, title, source, and one pure function from a Disclosure
 * (with its template spec) to findings. A rule that cannot read its inputs says so (`notChecked`)
 * instead of staying silent, so "no finding" never hides "not checked".
 */
import type { Disclosure } from "../model/disclosure.ts";
import type { Category, Finding, Location, Severity } from "../model/finding.ts";
import { type Fen, formatAmount, roundingTolerance } from "../model/money.ts";
import { picturedPages } from "../model/page-runs.ts";
import type { TemplateSpec } from "../templates/spec.ts";

export interface RuleContext {
  readonly d: Disclosure;
  readonly template: TemplateSpec;
}

export type RuleResult = readonly Finding[] | { readonly notChecked: string };

/** A part of a document a rule reads (Disclosure.provenance.parts says which ones were imported). */
export type DocumentPart = "tables" | "text" | "performance";

const PART_NAMES: Record<DocumentPart, string> = {
  tables: "表格",
  text: "文字部分（概况、目录、说明、名词解释）",
  performance: "绩效目标表",
};

export interface Rule {
  /** stable id, e.g. "K-01", "A-T3-ROW" */
  readonly id: string;
  /** the severity of a definite violation; rounding-level differences are notices */
  readonly severity: Severity;
  readonly category: Category;
  /** what the rule requires, in Chinese */
  readonly title: string;
  /** law, notice or template identity it rests on */
  readonly source: string;
  /**
   * the document parts the rule reads besides the tables; when the importer did not read one of
   * them (a PDF or workbook read for its tables only) the rule is not checked, never silently passed
   */
  readonly reads?: readonly DocumentPart[];
  /** the document kinds the rule is about (决算 rules: finalAccounts); absent: every kind */
  readonly appliesTo?: readonly ("budget" | "finalAccounts")[];
  /**
   * written for any region's layout and wording: runs on documents read by the national standard
   * (no regional template). Rules that assume a template's sections, lines or columns do not.
   */
  readonly general?: boolean;
  /**
   * what the rule's findings say: "absent", something was not found (a table, a section, the total a
   * share is of); "present", something read is wrong (a placeholder left in the text, a table without
   * its unit). On a document with pages read as pictures "not found" may only mean "printed as an
   * image", so "absent" findings become "not checked" there. Default: "absent" for completeness
   * rules, "present" for the others.
   */
  readonly says?: "absent" | "present";
  readonly run: (ctx: RuleContext) => RuleResult;
}

/** Why a rule cannot run on this document (a part it reads was not imported), or undefined. */
export function partsNotRead(rule: Pick<Rule, "reads">, ctx: RuleContext): string | undefined {
  const read = ctx.d.provenance.parts;
  if (!read || !rule.reads || rule.reads.every((p) => read.includes(p))) return undefined;
  const missing = rule.reads.filter((p) => !read.includes(p));
  if (missing.length === 0) return undefined;
  return `导入时未读取${missing.map((p) => PART_NAMES[p]).join("、")}（${ctx.d.provenance.format.toUpperCase()} 导入只读取了${read.map((p) => PART_NAMES[p]).join("、")}），无法检查`;
}

/** The reason a table rule gives on the text half of a two-file document, imported alone. */
export const TABLES_IN_OTHER_FILE = "只读取了文字部分（表格在另一份文件中）：把两份文件一起导入才能检查";

/**
 * The document was read without its tables: the text half of a two-file document read alone
 * (Beijing, Jiangsu), or a PDF whose tables are printed as pictures. Its tables are elsewhere, not
 * missing, so table rules say why (whyNoTables) instead of "缺少表…".
 */
export function tablesInOtherFile(d: Disclosure): boolean {
  return !!d.provenance.parts && !d.provenance.parts.includes("tables");
}

/** Why a table rule cannot run on a document read without tables (tablesInOtherFile). */
export function whyNoTables(d: Disclosure): string {
  return d.provenance.imagePages?.length ? imagePagesReason(d.provenance.imagePages) : TABLES_IN_OTHER_FILE;
}

/** The reason a rule gives when what it looks for may be printed on pages read as pictures. */
export function imagePagesReason(pages: readonly number[]): string {
  return `${picturedPages(pages)}，其中的内容未能读取：印在这些页上的表格或说明无法检查`;
}

/** Why a rule does not apply to this document's kind (a 决算 rule on a budget), or undefined. */
export function notApplicable(rule: Pick<Rule, "appliesTo">, ctx: RuleContext): string | undefined {
  if (!rule.appliesTo || rule.appliesTo.includes(ctx.d.meta.kind)) return undefined;
  const name = { budget: "部门预算", finalAccounts: "部门决算" } as const;
  return `只适用于${rule.appliesTo.map((k) => name[k]).join("、")}，本文档是${name[ctx.d.meta.kind]}`;
}

/** Runs one rule: not checked when a part it reads was not imported, else its function. */
export function runOne(rule: Rule, ctx: RuleContext): RuleResult {
  const na = notApplicable(rule, ctx);
  if (na) return { notChecked: na };
  if (ctx.template.national && !rule.general)
    return {
      notChecked: `该规则按地区模板的说明结构和表式编写；本文档按全国通用标准读取（${ctx.template.name}），不适用`,
    };
  const missing = partsNotRead(rule, ctx);
  if (missing) return { notChecked: missing };
  const result = rule.run(ctx);
  // Something not found may be printed on a page read as a picture: not reported missing, not checked.
  const pictures = ctx.d.provenance.imagePages;
  const says = rule.says ?? (rule.category === "completeness" ? "absent" : "present");
  if (pictures?.length && says === "absent" && "length" in result) {
    if (result.length > 0)
      return { notChecked: `${imagePagesReason(pictures)}（未找到：${result.map((f) => f.message).join("；")}）` };
  }
  return result;
}

/** The same rules, declared as reading these document parts (see `Rule.reads`). */
export function reading(parts: readonly DocumentPart[], rules: readonly Rule[]): Rule[] {
  return rules.map((r) => ({ ...r, reads: [...new Set([...(r.reads ?? []), ...parts])] }));
}

/** Defines a rule (identity function that fixes the type). */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/**
 * A finding's text or place, given as is or as a function that makes it. Rules compare thousands of
 * cells per document and almost all agree, so the message and location of a comparison are only
 * made when it yields a finding.
 */
export type Lazy<T> = T | (() => T);

/** The value of a `Lazy`. */
export function force<T>(x: Lazy<T>): T {
  return typeof x === "function" ? (x as () => T)() : x;
}

/**
 * Compares a printed total with the sum of its n printed addends: equal → no finding; within
 * 0.005 × (n + 1) 万元 → notice (rounding); beyond → the rule's severity (error by default).
 * Returns the finding or undefined.
 */
export function compareSum(
  rule: Pick<Rule, "id" | "severity">,
  opts: {
    expected: Fen;
    actual: Fen;
    addends: number;
    message: Lazy<string>;
    location: Lazy<Location>;
    unit?: "wanyuan" | "yuan";
    /**
     * `actual` is a 说明 figure printed to 0.01 万元 while `expected` comes from a table in 元: the
     * figure agrees when it is the table amount rounded or cut to 0.01 万元 (Shanghai cuts)
     */
    statedInWanyuan?: boolean;
  },
): Finding | undefined {
  const diff = opts.actual - opts.expected;
  if (diff === 0) return undefined;
  if (opts.statedInWanyuan && opts.actual % 10_000 === 0) {
    const step = 10_000; // 0.01 万元 in 分
    const cut = Math.trunc(opts.expected / step) * step;
    const round = Math.round(opts.expected / step) * step;
    if (opts.actual === cut || opts.actual === round) return undefined;
  }
  const tol = roundingTolerance(opts.addends, opts.unit ?? "wanyuan");
  const shownIn = opts.statedInWanyuan ? "wanyuan" : (opts.unit ?? "wanyuan");
  const rounding = Math.abs(diff) <= tol;
  const message = force(opts.message);
  return {
    rule: rule.id,
    severity: rounding ? "notice" : rule.severity,
    message: rounding ? `${message}（差额在四舍五入容差内）` : message,
    location: force(opts.location),
    // in the unit the compared figures are printed in (a 说明 figure against a 元 table: 万元)
    expected: formatAmount(opts.expected, shownIn),
    actual: formatAmount(opts.actual, shownIn),
    difference: formatAmount(diff, shownIn),
  };
}
