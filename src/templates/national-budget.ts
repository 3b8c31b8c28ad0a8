/**
 * The national standard as a template: what a 部门预算 from any region is checked against when it
 * matches no regional spec. Its tables are the national vocabulary's kinds (vocabulary.ts) with
 * every column meaning the vocabulary knows (column-words.ts), so facts can be derived from any
 * layout; the tables the national minimum requires (财预〔2016〕143号) are required, the others
 * optional. Row and column identities are not declared here: the general reader finds each
 * printed table's own and keeps them with the table (PrintedTable.sums).
 */
import { COLUMN_DIMS } from "./column-words.ts";
import type { ColumnSpec, LineSpec, TableSpec, TemplateSpec } from "./spec.ts";
import { TABLE_KINDS, type TableKindId } from "./vocabulary.ts";

/** Every column meaning, as amount columns (a printed table uses some of them). */
const ALL_COLUMNS: ColumnSpec[] = Object.entries(COLUMN_DIMS).map(([key, dims]) => ({
  key,
  path: [key],
  type: "amount",
  ...(dims ? { dims } : {}),
}));

/** Income lines of a 收支总表, by their words in any region (keys as in the Xinjiang spec). */
export const NATIONAL_INCOME_LINES: LineSpec[] = [
  {
    key: "fiscalAppropriation",
    label: "财政拨款",
    aliases: ["财政拨款收入", "财政拨款（补助）", "财政拨款补助", "财政拨款资金"],
    side: "income",
  },
  {
    key: "generalBudgetAppropriation",
    label: "一般公共预算拨款",
    aliases: ["一般公共预算拨款收入", "一般公共预算资金", "一般公共预算", "一般公共预算财政拨款", "一般公共预算收入"],
    side: "income",
  },
  {
    key: "governmentFundAppropriation",
    label: "政府性基金预算拨款",
    aliases: [
      "政府性基金预算拨款收入",
      "政府性基金预算资金",
      "政府性基金预算",
      "政府性基金预算财政拨款",
      "政府性基金拨款",
    ],
    side: "income",
  },
  {
    key: "stateCapitalAppropriation",
    label: "国有资本经营预算拨款",
    aliases: [
      "国有资本经营预算拨款收入",
      "国有资本经营预算资金",
      "国有资本经营预算",
      "国有资本经营财政拨款",
      "国有资本经营预算财政拨款",
    ],
    side: "income",
  },
  {
    key: "specialAccount",
    label: "财政专户管理资金",
    aliases: ["财政专户管理资金收入", "财政专户拨款", "财政专户核拨", "财政专户管理资金"],
    side: "income",
  },
  { key: "unitFunds", label: "单位资金", aliases: ["其他资金"], side: "income" },
  { key: "businessIncome", label: "事业收入", aliases: ["事业收入资金"], side: "income" },
  { key: "operatingIncome", label: "事业单位经营收入", aliases: ["事业单位经营收入资金"], side: "income" },
  { key: "upperSubsidy", label: "上级补助收入", aliases: ["上级补助收入资金"], side: "income" },
  { key: "affiliatedRemit", label: "附属单位上缴收入", aliases: ["附属单位上缴收入资金"], side: "income" },
  { key: "otherIncome", label: "其他收入", aliases: ["其他收入资金"], side: "income" },
  { key: "currentYear", label: "本年收入合计", aliases: ["本年收入小计", "收入合计"], side: "income" },
  {
    key: "carryover",
    label: "上年结转结余",
    aliases: ["上年结转", "上年结余、结转", "上年结转结余资金", "年初结转和结余", "上年结转资金"],
    side: "income",
  },
  { key: "total", label: "收入总计", aliases: ["总计"], side: "income" },
];

function table(id: TableKindId): TableSpec {
  const k = TABLE_KINDS[id];
  const twoSided = id === "summary" || id === "fiscalSummary";
  return {
    no: k.no,
    id,
    title: k.name,
    aliases: [],
    layout: twoSided ? "twoSided" : "functionCoded",
    measure: k.measure === "fiscalIncome" ? "fiscalIncome" : k.measure,
    columns: twoSided
      ? [
          { key: "incomeItem", path: ["收入", "项目"], type: "text", side: "income" },
          { key: "incomeAmount", path: ["收入", "预算数"], type: "amount", side: "income" },
          { key: "expenditureItem", path: ["支出", "项目"], type: "text", side: "expenditure" },
          { key: "expenditureAmount", path: ["支出", "预算数"], type: "amount", side: "expenditure" },
          ...ALL_COLUMNS.map((c) => ({ ...c, side: "expenditure" as const })),
        ]
      : ALL_COLUMNS,
    rowSums: [],
    ...(twoSided ? { lines: NATIONAL_INCOME_LINES } : {}),
    mayBeEmpty: k.mayBeEmpty,
    ...(k.dims ? { dims: k.dims } : {}),
    ...(k.requiredBudget ? {} : { optional: true }),
  };
}

const IDS: TableKindId[] = [
  "summary",
  "income",
  "expenditure",
  "fiscalSummary",
  "generalBudgetExpenditure",
  "basicExpenditure",
  "projectExpenditure",
  "governmentFundExpenditure",
  "stateCapitalExpenditure",
  "threePublic",
  "carryover",
  "generalBudgetEconomic",
  "fiscalExpenditure",
  "basicExpenditureAll",
  "projectExpenditureAll",
  "officeOperating",
  "procurement",
  "otherTable",
];

export const nationalBudget: TemplateSpec = {
  id: "national-budget",
  name: "全国通用 部门预算公开（财预〔2016〕143号 最低要求）",
  region: "全国",
  kind: "budget",
  unit: "wanyuan",
  national: true,
  tables: IDS.map(table),
  // the national minimum of the 说明 (财预〔2016〕143号): its sections are found by their words in
  // any wording (completeness rules look for the subject anywhere in the text)
  explanations: [],
};

/** The same for a 部门决算 of no known regional template. */
export const nationalFinal: TemplateSpec = {
  ...nationalBudget,
  id: "national-final",
  name: "全国通用 部门决算公开（最低要求）",
  kind: "finalAccounts",
  tables: IDS.map(table).map((t) => (TABLE_KINDS[t.id as TableKindId].requiredFinal ? { ...t, optional: false } : t)),
};
