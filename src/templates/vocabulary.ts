/**
 * The national standard's vocabulary: the kinds of table every region publishes under its own
 * titles, the words their headers use, and which tables the national minimum requires. The
 * general reader (src/import/grid) finds tables by these words, never by one region's titles;
 * the regional template specs add their own aliases on top.
 *
 * Sources: 财政部《地方预决算公开操作规程》(财预〔2016〕143号) — eight tables for a 部门预算
 * (收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表, 一般公共预算基本支出表,
 * 一般公共预算"三公"经费支出表, 政府性基金预算支出表); the central departments' template adds
 * 国有资本经营预算支出表; 部门决算 publishes the same set (收入支出决算总表 …).
 */

/** Canonical table ids (shared with the template specs where the meaning is the same). */
export type TableKindId =
  | "summary"
  | "income"
  | "expenditure"
  | "fiscalSummary"
  | "generalBudgetExpenditure"
  | "basicExpenditure"
  | "projectExpenditure"
  | "governmentFundExpenditure"
  | "stateCapitalExpenditure"
  | "threePublic"
  | "carryover"
  | "generalBudgetEconomic"
  | "fiscalExpenditure"
  | "basicExpenditureAll"
  | "projectExpenditureAll"
  | "officeOperating"
  | "procurement"
  | "performance"
  | "otherTable";

export interface TableKind {
  id: TableKindId;
  /** the table's number in the Xinjiang template when it has one there (rule ids A-T{no}-…), else 20+ */
  no: number;
  /** the standard name, for messages */
  name: string;
  /** required by the national minimum for a 部门预算 (财预〔2016〕143号) */
  requiredBudget: boolean;
  /** required for a 部门决算 */
  requiredFinal: boolean;
  /** may be published empty with an explanation (空表说明) */
  mayBeEmpty: boolean;
  measure: "income" | "expenditure" | "fiscalIncome" | "threePublic" | "carryover";
  /** fact dims shared by every cell */
  dims?: Record<string, string>;
}

export const TABLE_KINDS: Readonly<Record<TableKindId, TableKind>> = {
  summary: {
    id: "summary",
    no: 1,
    name: "部门收支总表",
    requiredBudget: true,
    requiredFinal: true,
    mayBeEmpty: false,
    measure: "income",
  },
  income: {
    id: "income",
    no: 2,
    name: "部门收入总表",
    requiredBudget: true,
    requiredFinal: true,
    mayBeEmpty: false,
    measure: "income",
  },
  expenditure: {
    id: "expenditure",
    no: 3,
    name: "部门支出总表",
    requiredBudget: true,
    requiredFinal: true,
    mayBeEmpty: false,
    measure: "expenditure",
  },
  fiscalSummary: {
    id: "fiscalSummary",
    no: 4,
    name: "财政拨款收支总表",
    requiredBudget: true,
    requiredFinal: true,
    mayBeEmpty: false,
    measure: "fiscalIncome",
  },
  generalBudgetExpenditure: {
    id: "generalBudgetExpenditure",
    no: 5,
    name: "一般公共预算支出表",
    requiredBudget: true,
    requiredFinal: true,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { fund: "generalBudgetAppropriation" },
  },
  basicExpenditure: {
    id: "basicExpenditure",
    no: 6,
    name: "一般公共预算基本支出表",
    requiredBudget: true,
    requiredFinal: true,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { fund: "generalBudgetAppropriation", nature: "basic" },
  },
  projectExpenditure: {
    id: "projectExpenditure",
    no: 7,
    name: "一般公共预算项目支出表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { fund: "generalBudgetAppropriation", nature: "project" },
  },
  governmentFundExpenditure: {
    id: "governmentFundExpenditure",
    no: 8,
    name: "政府性基金预算支出表",
    requiredBudget: true,
    requiredFinal: true,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { fund: "governmentFundAppropriation" },
  },
  stateCapitalExpenditure: {
    id: "stateCapitalExpenditure",
    no: 9,
    name: "国有资本经营预算支出表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { fund: "stateCapitalAppropriation" },
  },
  threePublic: {
    id: "threePublic",
    no: 10,
    name: "一般公共预算“三公”经费支出表",
    requiredBudget: true,
    requiredFinal: true,
    mayBeEmpty: true,
    measure: "threePublic",
  },
  carryover: {
    id: "carryover",
    no: 11,
    name: "上年结转结余表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "carryover",
  },
  generalBudgetEconomic: {
    id: "generalBudgetEconomic",
    no: 21,
    name: "一般公共预算支出经济分类表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { fund: "generalBudgetAppropriation" },
  },
  fiscalExpenditure: {
    id: "fiscalExpenditure",
    no: 22,
    name: "财政拨款支出表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { fund: "fiscalAppropriation" },
  },
  basicExpenditureAll: {
    id: "basicExpenditureAll",
    no: 23,
    name: "基本支出表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { nature: "basic" },
  },
  projectExpenditureAll: {
    id: "projectExpenditureAll",
    no: 24,
    name: "项目支出表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
    dims: { nature: "project" },
  },
  officeOperating: {
    id: "officeOperating",
    no: 25,
    name: "机关运行经费表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
  },
  procurement: {
    id: "procurement",
    no: 26,
    name: "政府采购预算表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
  },
  performance: {
    id: "performance",
    no: 27,
    name: "绩效目标表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
  },
  otherTable: {
    id: "otherTable",
    no: 28,
    name: "其他表",
    requiredBudget: false,
    requiredFinal: false,
    mayBeEmpty: true,
    measure: "expenditure",
  },
};

/** Title words with no meaning for the kind: list numbers, years, scope words. */
function titleCore(title: string): string {
  return (
    title
      .replace(/\s+/g, "")
      .replace(/[“”"'‘’「」]/g, "")
      .replace(/^(?:预算|决算)?\d{1,2}表/, "")
      .replace(/^(?:部门公开表|公开表)?\d{0,2}/, "")
      // "表5" / "表十一", never the 一 of a title that follows unseparated ("表5一般公共预算支出表")
      .replace(/^表(?:\d+(?:[-－]\d+)?|[一二三四五六七八九十]+?(?=一般|[^一二三四五六七八九十]|$))[:：.、．]?/, "")
      .replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.．]/, "")
      .replace(/\d{4}年度?/g, "")
  );
}

/**
 * The tables that may stand for a required one: a department that publishes the general budget by
 * economic class with its 基本支出, or the 基本支出 table of all funds, has published its 基本支出
 * table; the 财政拨款 expenditure table stands for the general budget's.
 */
export const STANDS_FOR: Readonly<Partial<Record<TableKindId, readonly TableKindId[]>>> = {
  generalBudgetExpenditure: ["generalBudgetExpenditure", "fiscalExpenditure"],
  basicExpenditure: ["basicExpenditure", "generalBudgetEconomic", "basicExpenditureAll"],
};

/** Whether `found` holds table `id` or a table that stands for it. */
export function hasTableOrStandIn(found: ReadonlySet<string>, id: string): boolean {
  return (STANDS_FOR[id as TableKindId] ?? [id]).some((k) => found.has(k));
}

/**
 * The kind of table a printed title names, by the national vocabulary; undefined for a line that is
 * not a budget table's title. Specific kinds are tried before general ones ("财政拨款收支总表" is not
 * a "收支总表"; "一般公共预算基本支出表" is not a "一般公共预算支出表").
 * @example classifyTitle("表5.2026年市级部门一般公共预算支出预算表") // "generalBudgetExpenditure"
 */
export function classifyTitle(title: string): TableKindId | undefined {
  const t = titleCore(title);
  if (!/表(?:[（(][^）)]*[)）])?$/.test(t) && !/预算表|决算表|总表|情况表|明细表|支出表|收入表/.test(t))
    return undefined;
  if (/说明$|目录/.test(t)) return undefined;
  if (/绩效/.test(t)) return "performance";
  if (/三公/.test(t)) return "threePublic";
  if (/政府采购/.test(t)) return "procurement";
  if (/机关运行经费/.test(t)) return "officeOperating";
  // qualifiers such as "（不含上年结转）" say what a table leaves out, not what it is
  const bare = t.replace(/[（(][^）)]*不含[^）)]*[)）]/g, "");
  if (/结转|结余/.test(bare) && !/收支|收入/.test(bare)) return "carryover";
  if (/政府性基金/.test(t)) return "governmentFundExpenditure";
  if (/国有资本经营/.test(t)) return "stateCapitalExpenditure";
  if (/财政拨款.*收(?:入)?支(?:出)?/.test(t)) return "fiscalSummary";
  if (/收(?:入)?支(?:出)?.*(?:总表|总体情况表|汇总表)/.test(t)) return "summary";
  const economic = /经济分类/.test(t);
  const functional = /功能分类|功能科目/.test(t);
  if (/(?:一般公共预算|财政拨款).*基本支出/.test(t)) {
    return functional && !economic ? "otherTable" : "basicExpenditure";
  }
  if (/(?:一般公共预算|财政拨款).*项目支出|专项业务经费/.test(t)) return "projectExpenditure";
  if (/一般公共预算/.test(t) && /支出/.test(t)) return economic ? "generalBudgetEconomic" : "generalBudgetExpenditure";
  if (/财政拨款/.test(t) && /支出/.test(t)) return economic ? "basicExpenditure" : "fiscalExpenditure";
  if (/收入/.test(t) && !/支出/.test(t)) return "income";
  if (/基本支出/.test(t)) return "basicExpenditureAll";
  if (/项目支出/.test(t)) return "projectExpenditureAll";
  if (/支出/.test(t) && /总表|总体情况表|支出预算表|支出决算表|预算总表/.test(t)) return "expenditure";
  if (/预算表|决算表/.test(t)) return "otherTable";
  return undefined;
}
