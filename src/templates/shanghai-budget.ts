/**
 * 上海 部门预算 / 单位预算 templates (普陀区 2025–2026): nine tables, amounts in 元 except the
 * “三公”/机关运行经费 table (万元, its own 单位 line). Titles carry the year ("2025年部门财务收支
 * 预算总表"); the 单位 variant says "预算单位" and splits 表1's expenditure into 合计/人员经费/
 * 公用经费/项目支出. The 三公 table prints its lines as columns of one row.
 * Column keys are shared with the Xinjiang spec where the meaning is the same.
 */
import type { ColumnSpec, LineSpec, TableSpec, TemplateSpec } from "./spec.ts";

const code3: ColumnSpec[] = [
  { key: "class", path: ["功能分类科目编码", "类"], type: "code" },
  { key: "section", path: ["功能分类科目编码", "款"], type: "code" },
  { key: "item", path: ["功能分类科目编码", "项"], type: "code" },
  { key: "name", path: ["功能分类科目名称"], type: "text" },
];

const basicProject = (group: string, fund: string): ColumnSpec[] => [
  { key: "total", path: [group, "合计"], type: "amount", dims: { fund } },
  { key: "basic", path: [group, "基本支出"], type: "amount", dims: { fund, nature: "basic" } },
  { key: "project", path: [group, "项目支出"], type: "amount", dims: { fund, nature: "project" } },
];

const summaryLines: LineSpec[] = [
  {
    key: "fiscalAppropriation",
    label: "财政拨款收入",
    side: "income",
    sumOf: ["generalBudgetAppropriation", "governmentFundAppropriation", "stateCapitalAppropriation"],
  },
  { key: "generalBudgetAppropriation", label: "一般公共预算资金", aliases: ["一般公共预算"], side: "income" },
  { key: "governmentFundAppropriation", label: "政府性基金", aliases: ["政府性基金预算"], side: "income" },
  { key: "stateCapitalAppropriation", label: "国有资本经营预算", side: "income" },
  { key: "businessIncome", label: "事业收入", side: "income" },
  { key: "operatingIncome", label: "事业单位经营收入", side: "income" },
  { key: "otherIncome", label: "其他收入", side: "income" },
  {
    key: "total",
    label: "收入总计",
    side: "income",
    sumOf: ["fiscalAppropriation", "businessIncome", "operatingIncome", "otherIncome"],
  },
];

/** The 三公 lines, printed as columns of 表9 under the same keys. */
const THREE_PUBLIC_LINES = [
  "total",
  "overseasTravel",
  "officialReception",
  "officialVehicles",
  "vehiclePurchase",
  "vehicleOperation",
];

function tables(prefix: "部门" | "预算单位", unitVariant: boolean): TableSpec[] {
  const t = (s: string) => `${prefix}${s}`;
  const alias = (s: string) => [s, prefix === "部门" ? `单位${s}` : `部门${s}`].filter((a) => a !== t(s));
  const t1: TableSpec = {
    no: 1,
    id: "summary",
    title: t("财务收支预算总表"),
    aliases: alias("财务收支预算总表"),
    layout: "twoSided",
    measure: "income",
    columns: [
      { key: "incomeItem", path: ["本年收入", "项目"], type: "text", side: "income" },
      { key: "incomeAmount", path: ["本年收入", "预算数"], type: "amount", side: "income" },
      { key: "expenditureItem", path: ["本年支出", "项目"], type: "text", side: "expenditure" },
      ...(unitVariant
        ? ([
            { key: "expenditureAmount", path: ["本年支出", "预算数", "合计"], type: "amount", side: "expenditure" },
            {
              key: "expenditurePersonnel",
              path: ["本年支出", "预算数", "基本支出", "人员经费"],
              type: "amount",
              side: "expenditure",
              dims: { nature: "basic", basicKind: "personnel" },
            },
            {
              key: "expenditureOperating",
              path: ["本年支出", "预算数", "基本支出", "公用经费"],
              type: "amount",
              side: "expenditure",
              dims: { nature: "basic", basicKind: "operating" },
            },
            {
              key: "expenditureProject",
              path: ["本年支出", "预算数", "项目支出"],
              type: "amount",
              side: "expenditure",
              dims: { nature: "project" },
            },
          ] satisfies ColumnSpec[])
        : ([
            { key: "expenditureAmount", path: ["本年支出", "预算数"], type: "amount", side: "expenditure" },
          ] satisfies ColumnSpec[])),
    ],
    rowSums: unitVariant
      ? [{ total: "expenditureAmount", parts: ["expenditurePersonnel", "expenditureOperating", "expenditureProject"] }]
      : [],
    lines: summaryLines,
    mayBeEmpty: false,
  };
  const t2: TableSpec = {
    no: 2,
    id: "income",
    title: t("收入预算总表"),
    aliases: alias("收入预算总表"),
    layout: "functionCoded",
    measure: "income",
    columns: [
      ...code3,
      { key: "total", path: ["收入预算", "合计"], type: "amount", dims: { fund: "total" } },
      {
        key: "fiscalSubtotal",
        path: ["收入预算", "财政拨款收入"],
        type: "amount",
        dims: { fund: "fiscalAppropriation" },
      },
      { key: "businessIncome", path: ["收入预算", "事业收入"], type: "amount", dims: { fund: "businessIncome" } },
      {
        key: "operatingIncome",
        path: ["收入预算", "事业单位经营收入"],
        type: "amount",
        dims: { fund: "operatingIncome" },
      },
      { key: "otherIncome", path: ["收入预算", "其他收入"], type: "amount", dims: { fund: "otherIncome" } },
    ],
    rowSums: [{ total: "total", parts: ["fiscalSubtotal", "businessIncome", "operatingIncome", "otherIncome"] }],
    mayBeEmpty: false,
  };
  const t3: TableSpec = {
    no: 3,
    id: "expenditure",
    title: t("支出预算总表"),
    aliases: alias("支出预算总表"),
    layout: "functionCoded",
    measure: "expenditure",
    columns: [...code3, ...basicProject("支出预算", "total")],
    rowSums: [{ total: "total", parts: ["basic", "project"] }],
    mayBeEmpty: false,
  };
  const t4: TableSpec = {
    no: 4,
    id: "fiscalSummary",
    title: t("财政拨款收支预算总表"),
    aliases: alias("财政拨款收支预算总表"),
    layout: "twoSided",
    measure: "fiscalIncome",
    columns: [
      { key: "incomeItem", path: ["财政拨款收入", "项目"], type: "text", side: "income" },
      { key: "incomeAmount", path: ["财政拨款收入", "预算数"], type: "amount", side: "income" },
      { key: "expenditureItem", path: ["财政拨款支出", "项目"], type: "text", side: "expenditure" },
      {
        key: "expenditureTotal",
        path: ["财政拨款支出", "合计"],
        type: "amount",
        side: "expenditure",
        dims: { fund: "fiscalAppropriation" },
      },
      {
        key: "generalBudget",
        path: ["财政拨款支出", "一般公共预算"],
        type: "amount",
        side: "expenditure",
        dims: { fund: "generalBudgetAppropriation" },
      },
      {
        key: "governmentFund",
        path: ["财政拨款支出", "政府性基金预算"],
        type: "amount",
        side: "expenditure",
        dims: { fund: "governmentFundAppropriation" },
      },
      {
        key: "stateCapital",
        path: ["财政拨款支出", "国有资本经营预算"],
        type: "amount",
        side: "expenditure",
        dims: { fund: "stateCapitalAppropriation" },
      },
    ],
    rowSums: [{ total: "expenditureTotal", parts: ["generalBudget", "governmentFund", "stateCapital"] }],
    lines: [
      { key: "generalBudgetAppropriation", label: "一般公共预算资金", aliases: ["一般公共预算"], side: "income" },
      { key: "governmentFundAppropriation", label: "政府性基金", aliases: ["政府性基金预算"], side: "income" },
      { key: "stateCapitalAppropriation", label: "国有资本经营预算", side: "income" },
      {
        key: "total",
        label: "收入总计",
        side: "income",
        sumOf: ["generalBudgetAppropriation", "governmentFundAppropriation", "stateCapitalAppropriation"],
      },
    ],
    mayBeEmpty: false,
  };
  const fn = (no: number, id: string, title: string, group: string, fund: string, mayBeEmpty: boolean): TableSpec => ({
    no,
    id,
    title: t(title),
    aliases: alias(title),
    layout: "functionCoded",
    measure: "expenditure",
    dims: { fund },
    columns: [...code3, ...basicProject(group, fund)],
    rowSums: [{ total: "total", parts: ["basic", "project"] }],
    mayBeEmpty,
  });
  const t8: TableSpec = {
    no: 8,
    id: "basicExpenditure",
    title: t("一般公共预算基本支出部门预算经济分类预算表"),
    aliases: alias("一般公共预算基本支出部门预算经济分类预算表"),
    layout: "economicCoded",
    measure: "expenditure",
    dims: { fund: "generalBudgetAppropriation", nature: "basic" },
    columns: [
      { key: "class", path: ["部门预算经济分类科目编码", "类"], type: "code" },
      { key: "section", path: ["部门预算经济分类科目编码", "款"], type: "code" },
      { key: "name", path: ["经济分类科目名称"], type: "text" },
      { key: "total", path: ["一般公共预算基本支出", "合计"], type: "amount" },
      {
        key: "personnel",
        path: ["一般公共预算基本支出", "人员经费"],
        type: "amount",
        dims: { basicKind: "personnel" },
      },
      {
        key: "operating",
        path: ["一般公共预算基本支出", "公用经费"],
        type: "amount",
        dims: { basicKind: "operating" },
      },
    ],
    rowSums: [{ total: "total", parts: ["personnel", "operating"] }],
    mayBeEmpty: false,
  };
  const t9: TableSpec = {
    no: 9,
    id: "threePublic",
    title: `${prefix === "部门" ? "部门" : "单位"}“三公”经费和机关运行经费预算表`,
    aliases: ["“三公”经费和机关运行经费预算表", "三公经费和机关运行经费预算表"],
    layout: "lines",
    measure: "threePublic",
    dims: { fund: "fiscalAppropriation" },
    columns: [
      { key: "total", path: ["“三公”经费预算数", "合计"], type: "amount" },
      { key: "overseasTravel", path: ["“三公”经费预算数", "因公出国(境)费"], type: "amount" },
      { key: "officialReception", path: ["“三公”经费预算数", "公务接待费"], type: "amount" },
      { key: "officialVehicles", path: ["“三公”经费预算数", "公务用车购置及运行费", "小计"], type: "amount" },
      { key: "vehiclePurchase", path: ["“三公”经费预算数", "公务用车购置及运行费", "购置费"], type: "amount" },
      { key: "vehicleOperation", path: ["“三公”经费预算数", "公务用车购置及运行费", "运行费"], type: "amount" },
      { key: "officeOperatingCost", path: ["机关运行经费预算数"], type: "amount" },
    ],
    rowSums: [
      { total: "total", parts: ["overseasTravel", "officialReception", "officialVehicles"] },
      { total: "officialVehicles", parts: ["vehiclePurchase", "vehicleOperation"] },
    ],
    lineColumns: THREE_PUBLIC_LINES.map((line) => ({ line, column: line })),
    mayBeEmpty: false,
  };
  return [
    t1,
    t2,
    t3,
    t4,
    fn(
      5,
      "generalBudgetExpenditure",
      "一般公共预算支出功能分类预算表",
      "一般公共预算支出",
      "generalBudgetAppropriation",
      false,
    ),
    fn(
      6,
      "governmentFundExpenditure",
      "政府性基金预算支出功能分类预算表",
      "政府性基金预算支出",
      "governmentFundAppropriation",
      true,
    ),
    fn(
      7,
      "stateCapitalExpenditure",
      "国有资本经营预算支出功能分类预算表",
      "国有资本经营预算支出",
      "stateCapitalAppropriation",
      true,
    ),
    t8,
    t9,
  ];
}

const explanations: TemplateSpec["explanations"] = [
  { no: 1, id: "functions", title: "主要职能", required: true },
  { no: 2, id: "organisation", title: "机构设置", required: true },
  { no: 3, id: "glossary", title: "名词解释", required: true },
  // 一般公共预算 income and items by 项 (as Xinjiang 说明五), 三公 in 其他相关情况说明
  { no: 4, id: "preparation", title: "预算编制说明", required: true, covers: ["generalBudget"] },
  { no: 5, id: "other", title: "其他相关情况说明", required: true, covers: ["threePublic"] },
  { no: 6, id: "projects", title: "项目经费情况说明", required: false },
];

export const shanghaiDepartmentBudget: TemplateSpec = {
  id: "shanghai-department-budget",
  name: "上海市 区级部门预算（部门）",
  region: "上海",
  kind: "budget",
  printsPreparedBy: true,
  proseChecked: true,
  unit: "yuan",
  tables: tables("部门", false),
  explanations,
};

export const shanghaiUnitBudget: TemplateSpec = {
  id: "shanghai-unit-budget",
  name: "上海市 区级部门预算（预算单位）",
  region: "上海",
  kind: "budget",
  printsPreparedBy: true,
  proseChecked: true,
  unit: "yuan",
  tables: tables("预算单位", true),
  explanations,
};
