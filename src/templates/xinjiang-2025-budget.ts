/**
 * 新疆 部门预算公开 template (2025): eleven tables in 万元, twelve 说明 sections. The seed
 * (新疆巴州人力资源和社会保障局 2025) follows it. Column keys are shared with other templates'
 * specs wherever the meaning is the same, so rules written against keys hold for every template.
 */
import type { ColumnSpec, LineSpec, TableSpec, TemplateSpec } from "./spec.ts";

const code3: ColumnSpec[] = [
  { key: "class", path: ["功能分类科目编码", "类"], type: "code" },
  { key: "section", path: ["功能分类科目编码", "款"], type: "code" },
  { key: "item", path: ["功能分类科目编码", "项"], type: "code" },
  { key: "name", path: ["功能分类科目名称"], type: "text" },
];

/** The indicator column headers of a 项目支出绩效目标表 in this template, left to right. */
export const PERFORMANCE_PROJECT_HEADERS: readonly string[] = [
  "一级指标",
  "二级指标",
  "三级指标",
  "指标值",
  "指标值设置依据",
  "上年完成值",
  "指标分值权重",
  "指标赋分规则",
  "佐证资料",
];

/** The 29 function classes of 2025, as printed on the expenditure side of 表1 and 表4. */
export const FUNCTION_CLASSES_2025: readonly [string, string][] = [
  ["201", "一般公共服务支出"],
  ["202", "外交支出"],
  ["203", "国防支出"],
  ["204", "公共安全支出"],
  ["205", "教育支出"],
  ["206", "科学技术支出"],
  ["207", "文化旅游体育与传媒支出"],
  ["208", "社会保障和就业支出"],
  ["209", "社会保险基金支出"],
  ["210", "卫生健康支出"],
  ["211", "节能环保支出"],
  ["212", "城乡社区支出"],
  ["213", "农林水支出"],
  ["214", "交通运输支出"],
  ["215", "资源勘探工业信息等支出"],
  ["216", "商业服务业等支出"],
  ["217", "金融支出"],
  ["219", "援助其他地区支出"],
  ["220", "自然资源海洋气象等支出"],
  ["221", "住房保障支出"],
  ["222", "粮油物资储备支出"],
  ["223", "国有资本经营预算支出"],
  ["224", "灾害防治及应急管理支出"],
  ["227", "预备费"],
  ["229", "其他支出"],
  ["230", "转移性支出"],
  ["231", "债务还本支出"],
  ["232", "债务付息支出"],
  ["233", "债务发行费用支出"],
];

/** 表1 income lines. `fund` keys are the project's fund vocabulary (see README, "Facts"). */
const summaryIncomeLines: LineSpec[] = [
  {
    key: "currentYear",
    label: "本年收入",
    side: "income",
    sumOf: [
      "generalBudgetAppropriation",
      "governmentFundAppropriation",
      "stateCapitalAppropriation",
      "specialAccount",
      "unitFunds",
    ],
  },
  {
    key: "generalBudgetAppropriation",
    label: "一般公共预算拨款",
    side: "income",
    sumOf: ["generalBudget", "upperTransferGeneral"],
  },
  { key: "generalBudget", label: "一般财力", side: "income" },
  { key: "upperTransferGeneral", label: "上级一般公共预算安排转移支付", side: "income" },
  {
    key: "governmentFundAppropriation",
    label: "政府性基金预算拨款",
    side: "income",
    sumOf: ["governmentFund", "upperTransferFund"],
  },
  { key: "governmentFund", label: "政府性基金收入", side: "income" },
  { key: "upperTransferFund", label: "上级政府性基金安排转移支付", side: "income" },
  {
    key: "stateCapitalAppropriation",
    label: "国有资本经营预算拨款",
    side: "income",
    sumOf: ["stateCapital", "upperTransferStateCapital"],
  },
  { key: "stateCapital", label: "国有资本经营收入", side: "income" },
  { key: "upperTransferStateCapital", label: "上级国有资本经营预算安排转移支付", side: "income" },
  { key: "specialAccount", label: "财政专户核拨", side: "income" },
  {
    key: "unitFunds",
    label: "单位资金",
    side: "income",
    sumOf: ["businessIncome", "upperSubsidy", "affiliatedRemit", "operatingIncome", "otherIncome"],
  },
  { key: "businessIncome", label: "事业收入", side: "income" },
  { key: "upperSubsidy", label: "上级补助收入", side: "income" },
  { key: "affiliatedRemit", label: "附属单位上缴收入", side: "income" },
  { key: "operatingIncome", label: "事业单位经营收入", side: "income" },
  { key: "otherIncome", label: "其他收入", side: "income" },
  { key: "carryover", label: "上年结转结余", side: "income", sumOf: ["fiscalCarryover", "nonFiscalCarryover"] },
  {
    key: "fiscalCarryover",
    label: "财政拨款结转",
    side: "income",
    sumOf: ["fiscalCarryoverGeneral", "fiscalCarryoverFund", "fiscalCarryoverStateCapital"],
  },
  { key: "fiscalCarryoverGeneral", label: "一般公共预算拨款", side: "income" },
  { key: "fiscalCarryoverFund", label: "政府性基金预算拨款", side: "income" },
  { key: "fiscalCarryoverStateCapital", label: "国有资本经营预算拨款", side: "income" },
  {
    key: "nonFiscalCarryover",
    label: "非财政拨款结转结余",
    side: "income",
    sumOf: ["nonFiscalSpecialAccount", "nonFiscalUnitFunds"],
  },
  { key: "nonFiscalSpecialAccount", label: "财政专户核拨", side: "income" },
  { key: "nonFiscalUnitFunds", label: "单位资金", side: "income" },
  { key: "total", label: "收入总计", side: "income", sumOf: ["currentYear", "carryover"] },
];

const t1: TableSpec = {
  no: 1,
  id: "summary",
  title: "部门收支总体情况表",
  aliases: ["部门收支总表", "收支总体情况表", "财务收支预算总表"],
  layout: "twoSided",
  measure: "income",
  columns: [
    { key: "incomeItem", path: ["收入", "项目"], type: "text", side: "income" },
    { key: "incomeAmount", path: ["收入", "预算数"], type: "amount", side: "income" },
    { key: "expenditureItem", path: ["支出", "功能分类"], type: "text", side: "expenditure" },
    { key: "expenditureAmount", path: ["支出", "预算数"], type: "amount", side: "expenditure" },
  ],
  rowSums: [],
  lines: summaryIncomeLines,
  mayBeEmpty: false,
};

const t2: TableSpec = {
  no: 2,
  id: "income",
  title: "部门收入总体情况表",
  aliases: ["部门收入总表", "收入预算总表"],
  layout: "functionCoded",
  measure: "income",
  columns: [
    ...code3,
    { key: "total", path: ["总计"], type: "amount", dims: { fund: "total" } },
    {
      key: "fiscalSubtotal",
      path: ["财政拨款（补助）", "财政拨款（补助）小计"],
      type: "amount",
      dims: { fund: "fiscalAppropriation" },
    },
    {
      key: "generalBudget",
      path: ["财政拨款（补助）", "一般公共预算"],
      type: "amount",
      dims: { fund: "generalBudget" },
    },
    {
      key: "upperTransferGeneral",
      path: ["财政拨款（补助）", "上级一般公共预算安排的转移支付"],
      type: "amount",
      dims: { fund: "upperTransferGeneral" },
    },
    {
      key: "governmentFund",
      path: ["财政拨款（补助）", "政府性基金预算"],
      type: "amount",
      dims: { fund: "governmentFund" },
    },
    {
      key: "upperTransferFund",
      path: ["财政拨款（补助）", "上级政府性基金安排的转移支付"],
      type: "amount",
      dims: { fund: "upperTransferFund" },
    },
    {
      key: "stateCapital",
      path: ["财政拨款（补助）", "国有资本经营预算"],
      type: "amount",
      dims: { fund: "stateCapital" },
    },
    {
      key: "upperTransferStateCapital",
      path: ["财政拨款（补助）", "上级国有资本经营预算安排的转移支付"],
      type: "amount",
      dims: { fund: "upperTransferStateCapital" },
    },
    { key: "specialAccount", path: ["财政专户（教育收费）"], type: "amount", dims: { fund: "specialAccount" } },
    { key: "unitFunds", path: ["单位资金"], type: "amount", dims: { fund: "unitFunds" } },
    { key: "fiscalCarryover", path: ["财政拨款结转"], type: "amount", dims: { fund: "fiscalCarryover" } },
    { key: "nonFiscalCarryover", path: ["非财政拨款结转结余"], type: "amount", dims: { fund: "nonFiscalCarryover" } },
  ],
  rowSums: [
    {
      total: "total",
      parts: ["fiscalSubtotal", "specialAccount", "unitFunds", "fiscalCarryover", "nonFiscalCarryover"],
    },
    {
      total: "fiscalSubtotal",
      parts: [
        "generalBudget",
        "upperTransferGeneral",
        "governmentFund",
        "upperTransferFund",
        "stateCapital",
        "upperTransferStateCapital",
      ],
    },
  ],
  mayBeEmpty: false,
};

const basicProject = (fund: string): ColumnSpec[] => [
  { key: "total", path: ["合计"], type: "amount", dims: { fund } },
  { key: "basic", path: ["基本支出"], type: "amount", dims: { fund, nature: "basic" } },
  { key: "project", path: ["项目支出"], type: "amount", dims: { fund, nature: "project" } },
];

const t3: TableSpec = {
  no: 3,
  id: "expenditure",
  title: "部门支出总体情况表",
  aliases: ["部门支出总表", "支出预算总表"],
  layout: "functionCoded",
  measure: "expenditure",
  columns: [...code3, ...basicProject("total")],
  rowSums: [{ total: "total", parts: ["basic", "project"] }],
  mayBeEmpty: false,
};

const t4: TableSpec = {
  no: 4,
  id: "fiscalSummary",
  title: "财政拨款收支预算总体情况表",
  aliases: ["财政拨款收支总体情况表", "财政拨款收支总表", "财政拨款收支预算总表"],
  layout: "twoSided",
  measure: "fiscalIncome",
  columns: [
    { key: "incomeItem", path: ["财政拨款收入", "项目"], type: "text", side: "income" },
    { key: "incomeAmount", path: ["财政拨款收入", "合计"], type: "amount", side: "income" },
    { key: "expenditureItem", path: ["财政拨款支出", "功能分类"], type: "text", side: "expenditure" },
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
    {
      key: "fiscalAppropriation",
      label: "财政拨款（补助）",
      side: "income",
      sumOf: ["generalBudgetAppropriation", "governmentFundAppropriation", "stateCapitalAppropriation"],
    },
    { key: "generalBudgetAppropriation", label: "一般公共预算", side: "income" },
    { key: "governmentFundAppropriation", label: "政府性基金预算", side: "income" },
    { key: "stateCapitalAppropriation", label: "国有资本经营预算", side: "income" },
    { key: "total", label: "收入总计", side: "income", sumOf: ["fiscalAppropriation"] },
  ],
  mayBeEmpty: false,
};

const t5: TableSpec = {
  no: 5,
  id: "generalBudgetExpenditure",
  title: "一般公共预算支出情况表",
  aliases: ["一般公共预算支出表", "一般公共预算财政拨款支出表"],
  layout: "functionCoded",
  measure: "expenditure",
  columns: [...code3, ...basicProject("generalBudgetAppropriation")],
  rowSums: [{ total: "total", parts: ["basic", "project"] }],
  mayBeEmpty: false,
};

const t6: TableSpec = {
  no: 6,
  id: "basicExpenditure",
  title: "一般公共预算基本支出情况表",
  aliases: ["一般公共预算基本支出表", "一般公共预算财政拨款基本支出表"],
  layout: "economicCoded",
  measure: "expenditure",
  dims: { fund: "generalBudgetAppropriation", nature: "basic" },
  columns: [
    { key: "class", path: ["经济分类科目编码", "类"], type: "code" },
    { key: "section", path: ["经济分类科目编码", "款"], type: "code" },
    { key: "name", path: ["经济分类科目名称"], type: "text" },
    { key: "total", path: ["合计"], type: "amount" },
    { key: "personnel", path: ["人员经费"], type: "amount", dims: { basicKind: "personnel" } },
    { key: "operating", path: ["公用经费"], type: "amount", dims: { basicKind: "operating" } },
  ],
  rowSums: [{ total: "total", parts: ["personnel", "operating"] }],
  mayBeEmpty: false,
};

/** The economic classes printed as 表7 columns (部门预算支出经济分类 类). */
export const PROJECT_ECONOMIC_CLASSES: readonly [string, string, string][] = [
  ["e301", "301", "工资福利支出"],
  ["e302", "302", "商品和服务支出"],
  ["e303", "303", "对个人和家庭的补助"],
  ["e307", "307", "债务利息及费用支出"],
  ["e309", "309", "资本性支出（基本建设）"],
  ["e310", "310", "资本性支出"],
  ["e311", "311", "对企业补助（基本建设）"],
  ["e312", "312", "对企业补助"],
  ["e313", "313", "对社会保障基金补助"],
  ["e399", "399", "其他支出"],
];

const t7: TableSpec = {
  no: 7,
  id: "projectExpenditure",
  title: "一般公共预算项目支出情况表",
  aliases: ["项目支出表", "一般公共预算项目支出表"],
  layout: "projects",
  measure: "expenditure",
  dims: { fund: "generalBudgetAppropriation", nature: "project" },
  columns: [
    ...code3,
    { key: "projectName", path: ["项目名称"], type: "text" },
    { key: "total", path: ["项目支出合计"], type: "amount" },
    ...PROJECT_ECONOMIC_CLASSES.map(
      ([key, code, name]): ColumnSpec => ({
        key,
        path: [name],
        type: "amount",
        dims: { economicClass: code },
      }),
    ),
  ],
  rowSums: [{ total: "total", parts: PROJECT_ECONOMIC_CLASSES.map(([key]) => key) }],
  mayBeEmpty: true,
};

const fundExpenditure = (no: number, id: string, title: string, fund: string): TableSpec => ({
  no,
  id,
  title,
  aliases: [],
  layout: "functionCoded",
  measure: "expenditure",
  dims: { fund },
  columns: [
    ...code3,
    { key: "total", path: ["合计"], type: "amount" },
    {
      key: "basicPersonnel",
      path: ["基本支出", "人员经费"],
      type: "amount",
      dims: { nature: "basic", basicKind: "personnel" },
    },
    {
      key: "basicOperating",
      path: ["基本支出", "公用经费"],
      type: "amount",
      dims: { nature: "basic", basicKind: "operating" },
    },
    { key: "project", path: ["项目支出"], type: "amount", dims: { nature: "project" } },
  ],
  rowSums: [{ total: "total", parts: ["basicPersonnel", "basicOperating", "project"] }],
  mayBeEmpty: true,
});

const t8 = fundExpenditure(8, "governmentFundExpenditure", "政府性基金预算支出情况表", "governmentFundAppropriation");
const t9 = fundExpenditure(9, "stateCapitalExpenditure", "国有资本经营预算支出情况表", "stateCapitalAppropriation");

const t10: TableSpec = {
  no: 10,
  id: "threePublic",
  title: "财政拨款“三公”经费支出情况表",
  aliases: ["“三公”经费支出情况表", "三公经费支出表", "一般公共预算“三公”经费支出情况表"],
  layout: "lines",
  measure: "threePublic",
  columns: [
    { key: "item", path: ["“三公”经费支出内容"], type: "text" },
    { key: "total", path: ["合计"], type: "amount", dims: { fund: "fiscalAppropriation" } },
    {
      key: "generalBudget",
      path: ["资金来源", "一般公共预算"],
      type: "amount",
      dims: { fund: "generalBudgetAppropriation" },
    },
    {
      key: "governmentFund",
      path: ["资金来源", "政府性基金"],
      type: "amount",
      dims: { fund: "governmentFundAppropriation" },
    },
    {
      key: "stateCapital",
      path: ["资金来源", "国有资本经营预算"],
      type: "amount",
      dims: { fund: "stateCapitalAppropriation" },
    },
  ],
  rowSums: [{ total: "total", parts: ["generalBudget", "governmentFund", "stateCapital"] }],
  lines: [
    { key: "total", label: "合计", sumOf: ["overseasTravel", "officialReception", "officialVehicles"] },
    { key: "overseasTravel", label: "因公出国（境）费" },
    { key: "officialReception", label: "公务接待费" },
    {
      key: "officialVehicles",
      label: "公务用车购置及运行费（小计）",
      aliases: ["公务用车购置及运行费", "公务用车购置及运行维护费"],
      sumOf: ["vehiclePurchase", "vehicleOperation"],
    },
    { key: "vehiclePurchase", label: "公务用车购置费" },
    { key: "vehicleOperation", label: "公务用车运行费", aliases: ["公务用车运行维护费"] },
  ],
  mayBeEmpty: false,
};

const t11: TableSpec = {
  no: 11,
  id: "carryover",
  title: "上年结转结余情况明细表",
  aliases: ["上年结转结余情况表", "结转结余明细表"],
  layout: "lines",
  measure: "carryover",
  columns: [
    { key: "item", path: ["项目"], type: "text" },
    { key: "total", path: ["合计"], type: "amount" },
    { key: "fiscalSubtotal", path: ["财政拨款", "小计"], type: "amount", dims: { fund: "fiscalCarryover" } },
    {
      key: "fiscalPersonnel",
      path: ["财政拨款", "基本支出", "人员经费"],
      type: "amount",
      dims: { fund: "fiscalCarryover", nature: "basic", basicKind: "personnel" },
    },
    {
      key: "fiscalOperating",
      path: ["财政拨款", "基本支出", "公用经费"],
      type: "amount",
      dims: { fund: "fiscalCarryover", nature: "basic", basicKind: "operating" },
    },
    {
      key: "fiscalProject",
      path: ["财政拨款", "项目支出"],
      type: "amount",
      dims: { fund: "fiscalCarryover", nature: "project" },
    },
    { key: "nonFiscalSubtotal", path: ["非财政拨款", "小计"], type: "amount", dims: { fund: "nonFiscalCarryover" } },
    {
      key: "nonFiscalPersonnel",
      path: ["非财政拨款", "基本支出", "人员经费"],
      type: "amount",
      dims: { fund: "nonFiscalCarryover", nature: "basic", basicKind: "personnel" },
    },
    {
      key: "nonFiscalOperating",
      path: ["非财政拨款", "基本支出", "公用经费"],
      type: "amount",
      dims: { fund: "nonFiscalCarryover", nature: "basic", basicKind: "operating" },
    },
    {
      key: "nonFiscalProject",
      path: ["非财政拨款", "项目支出"],
      type: "amount",
      dims: { fund: "nonFiscalCarryover", nature: "project" },
    },
  ],
  rowSums: [
    { total: "total", parts: ["fiscalSubtotal", "nonFiscalSubtotal"] },
    { total: "fiscalSubtotal", parts: ["fiscalPersonnel", "fiscalOperating", "fiscalProject"] },
    { total: "nonFiscalSubtotal", parts: ["nonFiscalPersonnel", "nonFiscalOperating", "nonFiscalProject"] },
  ],
  mayBeEmpty: true,
};

export const xinjiang2025Budget: TemplateSpec = {
  id: "xinjiang-2025-budget",
  name: "新疆维吾尔自治区 部门预算公开（2025）",
  region: "新疆",
  kind: "budget",
  printsPreparedBy: true,
  listsAllClasses: true,
  unit: "wanyuan",
  tables: [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11],
  statesStaffing: true,
  explanations: [
    { no: 1, id: "overall", title: "收支预算情况", required: true },
    { no: 2, id: "income", title: "收入预算情况说明", required: true },
    { no: 3, id: "expenditure", title: "支出预算情况说明", required: true },
    { no: 4, id: "fiscal", title: "财政拨款收支预算情况", required: true },
    { no: 5, id: "generalBudget", title: "一般公共预算当年拨款", required: true },
    { no: 6, id: "basic", title: "一般公共预算基本支出", required: true },
    { no: 7, id: "projects", title: "一般公共预算项目支出", required: true },
    { no: 8, id: "governmentFund", title: "政府性基金预算拨款", required: true },
    { no: 9, id: "stateCapital", title: "国有资本经营预算拨款", required: true },
    { no: 10, id: "threePublic", title: "“三公”经费", required: true },
    { no: 11, id: "carryover", title: "上年结转结余", required: true },
    { no: 12, id: "other", title: "其他重要事项", required: true },
  ],
};
