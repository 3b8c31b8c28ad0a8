/**
 * The runtime (zod) schema of the Disclosure (src/model/disclosure.ts holds its types and conventions):
 * what a JSON import, the store and `npm run schema` (schema/disclosure.schema.json) validate against.
 * Loaded only where a Disclosure from outside is validated: zod and these schemas take longer to
 * load than the rest of the CLI (BENCHMARKS.md), and reading or checking a document needs neither.
 */
import { z } from "zod";

const fenSchema = z.number().int().describe("exact amount in 分 (1 万元 = 1,000,000 分)");
const centiPercentSchema = z.number().int().describe("hundredths of a percent (64.65% → 6465)");

export const pageRefSchema = z.object({ page: z.number().int().optional(), line: z.number().int().optional() });

export const metaSchema = z.object({
  kind: z.enum(["budget", "finalAccounts"]),
  title: z.string(),
  department: z.string(),
  year: z.number().int(),
  unit: z.enum(["wanyuan", "yuan"]).describe("unit of the table amounts as printed"),
  template: z.string().describe("template spec id, e.g. xinjiang-2025-budget"),
  region: z
    .string()
    .optional()
    .describe("the issuing government's province-level region, short (广东, 上海, 新疆), or 中央 for central"),
  city: z.string().optional().describe("the issuing government's prefecture-level division as printed (广州市)"),
  county: z.string().optional().describe("the issuing government's county-level division as printed (普陀区)"),
  publishedOn: z.string().optional().describe("ISO date printed on the document"),
});

export const budgetUnitSchema = z.object({
  name: z.string(),
  kind: z.enum(["administrative", "institution", "unknown"]),
});

export const overviewSchema = z.object({
  functions: z.array(z.string()).describe("主要职能 items"),
  divisions: z.array(z.string()).describe("内设科室"),
  divisionCount: z.number().int().optional(),
  budgetUnits: z.array(budgetUnitSchema),
  budgetUnitCount: z.number().int().optional().describe("下属预算单位 count as stated"),
  administrativeUnits: z.number().int().optional(),
  institutionUnits: z.number().int().optional(),
  staffing: z.object({
    authorized: z.number().int().optional().describe("编制数"),
    actual: z.number().int().optional().describe("实有人数"),
    active: z.number().int().optional().describe("在职"),
    activeChange: z.number().int().optional(),
    retired: z.number().int().optional().describe("退休"),
    retiredChange: z.number().int().optional(),
    lixiu: z.number().int().optional().describe("离休"),
    lixiuChange: z.number().int().optional(),
  }),
  text: z.string().describe("the whole 概况 part as printed"),
});

export const columnSchema = z.object({
  key: z.string().describe("stable key from the template spec, e.g. total, basic, project"),
  path: z.array(z.string()).describe("header path, top to bottom (merged header cells repeat)"),
  type: z.enum(["code", "text", "amount"]),
  side: z.enum(["income", "expenditure"]).optional().describe("for two-sided tables (表1, 表4)"),
});

export const cellSchema = z.union([fenSchema, z.string(), z.null()]);

export const rowSchema = z.object({
  kind: z
    .enum(["total", "class", "section", "item", "unit", "project", "line", "header"])
    .describe(
      "total 总计/合计; class/section/item = 类/款/项 (function) or 类/款 (economic); unit; project; line = other",
    ),
  code: z
    .string()
    .optional()
    .describe("classification code joined, e.g. 2080101 or 30101; in two-sided tables the expenditure-side class"),
  lineKey: z
    .string()
    .optional()
    .describe("template line key for fixed lines (表1/表4 income side, 三公 lines), e.g. generalBudget"),
  label: z.string(),
  level: z.number().int().describe("0 for totals, 1 类, 2 款, 3 项; depth for other hierarchies"),
  cells: z.array(cellSchema).describe("one per column: amounts in 分, text, or null for blank"),
  page: z.number().int().optional(),
});

/** A table's own identities, found and verified by the reader (src/model/sums.ts). */
export const tableSumsSchema = z.object({
  across: z
    .array(z.object({ total: z.string(), parts: z.array(z.string()) }))
    .describe("on every row: column `total` = Σ columns `parts` (column keys)"),
  down: z
    .array(z.object({ total: z.number().int(), parts: z.array(z.number().int()), columns: z.array(z.string()) }))
    .describe("row `total` = Σ rows `parts` (row indices) in each of `columns` (column keys)"),
});

/** How confidently a table was read: its identities tested against its numbers. */
export const tableReadingSchema = z.object({
  confidence: z.number().describe("0–1: share of the table's identities that hold as read"),
  status: z
    .enum(["reliable", "unreliable", "empty"])
    .describe("unreliable: too many identities fail to be errors of the document; no arithmetic is reported from it"),
  tested: z.number().int().describe("identity instances tested (a total and its parts in one row or column)"),
  failed: z.number().int().describe("instances that fail beyond rounding"),
  structure: z.string().optional().describe("how the rows nest: code, numbers, indentation, flat"),
  note: z.string().optional().describe("why the table is not reliably read"),
});

export const printedTableSchema = z.object({
  no: z.number().int().describe("the table's number in its document (1–11 for the seed)"),
  id: z.string().describe("template table id, e.g. incomeExpenditureSummary"),
  title: z.string(),
  unit: z.enum(["wanyuan", "yuan"]),
  preparedBy: z.string().optional().describe("编制部门"),
  columns: z.array(columnSchema),
  rows: z.array(rowSchema),
  emptyNote: z.string().optional().describe("空表说明 printed with the table"),
  pages: z.array(z.number().int()).optional(),
  precision: z.number().int().optional().describe("decimals printed (2 usually; 6 in some 万元 tables)"),
  sums: tableSumsSchema.optional().describe("the table's own identities (general reader); absent: the template's"),
  reading: tableReadingSchema.optional(),
});

export const cellRefSchema = z.object({ table: z.number().int(), row: z.number().int(), column: z.number().int() });

export const factSchema = z.object({
  measure: z.enum([
    "income",
    "expenditure",
    "fiscalIncome",
    "fiscalExpenditure",
    "carryover",
    "threePublic",
    "balance",
  ]),
  dims: z.record(z.string(), z.string()),
  amount: fenSchema,
  cell: cellRefSchema,
});

export const textRefSchema = z.object({
  section: z.number().int().describe("说明 section number 1–12"),
  offset: z.number().int().describe("character offset in the section text"),
});

export const statementSchema = z.object({
  subject: z.string().describe("what the sentence is about, e.g. 一般公共预算, 基本支出, a 项 path"),
  code: z.string().optional().describe("function code when the subject is a class/section/item"),
  amount: fenSchema.optional(),
  share: centiPercentSchema.optional(),
  change: fenSchema.optional().describe("signed change against last year"),
  growth: centiPercentSchema.optional().describe("signed growth rate"),
  budget: fenSchema
    .optional()
    .describe('决算 说明: the 年初预算 the 决算 amount is set against ("年初预算为…，支出决算为…")'),
  completion: centiPercentSchema.optional().describe("决算 说明: the printed 完成年初预算的 …%"),
  reason: z.string().optional(),
  text: z.string(),
  at: textRefSchema,
});

export const allocationSchema: z.ZodType<Allocation> = z.lazy(() =>
  z.object({ label: z.string(), amount: fenSchema, children: z.array(allocationSchema).optional() }),
);
export interface Allocation {
  label: string;
  amount: number;
  children?: Allocation[] | undefined;
}

export const projectDescriptionSchema = z.object({
  name: z.string(),
  basis: z.array(z.string()).describe("设立的政策依据"),
  scale: fenSchema.optional().describe("预算安排规模"),
  unit: z.string().optional().describe("项目承担单位"),
  allocationText: z.string().optional(),
  allocation: z.array(allocationSchema),
  period: z.string().optional().describe("资金执行时间"),
  extra: z.record(z.string(), z.string()).describe("补贴人数/标准/范围/方式/程序, 资金来源 …"),
});

export const explanationSchema = z.object({
  no: z.number().int(),
  title: z.string(),
  text: z.string(),
  statements: z.array(statementSchema),
});

export const otherMattersSchema = z.object({
  officeOperatingCost: statementSchema.optional(),
  procurement: z
    .object({
      total: fenSchema.optional(),
      goods: fenSchema.optional(),
      works: fenSchema.optional(),
      services: fenSchema.optional(),
      smeReserved: fenSchema.optional(),
      microReserved: fenSchema.optional(),
    })
    .optional(),
  assets: z
    .object({
      asOf: z.string().optional(),
      buildingArea: z.string().optional().describe("平方米, decimal string"),
      buildingValue: fenSchema.optional(),
      vehicles: z
        .object({
          count: z.number().int(),
          value: fenSchema,
          byType: z.array(z.object({ type: z.string(), count: z.number().int(), value: fenSchema })),
        })
        .optional(),
      furnitureValue: fenSchema.optional(),
      otherValue: fenSchema.optional(),
      equipmentOver50: z.number().int().optional(),
      equipmentOver100: z.number().int().optional(),
      plannedVehicles: z.string().optional(),
      plannedEquipmentOver50: z.number().int().optional(),
      plannedEquipmentOver100: z.number().int().optional(),
    })
    .optional(),
  performance: z
    .object({
      overallTargets: z.number().int().optional(),
      overallAmount: fenSchema.optional(),
      projectCount: z.number().int().optional(),
      fiscalProjectAmount: fenSchema.optional(),
      nonFiscalProjectAmount: fenSchema.optional(),
    })
    .optional(),
  notes: z.array(z.string()).describe("其他需说明的事项"),
});

export const targetSchema = z.object({
  raw: z.string().describe("the 指标值 as printed (after artefact normalisation)"),
  operator: z.enum([">=", "<=", "=", ">", "<"]).optional(),
  value: z.string().optional().describe("decimal string, exact"),
  unit: z.string().optional(),
  date: z.string().optional().describe("a date target, e.g. 2025-12-10 or 2025-11"),
  qualitative: z.string().optional(),
});

export const indicatorSchema = z.object({
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
  target: targetSchema,
  basis: z.string().optional(),
  lastYear: z.string().optional().describe("上年完成值 as printed, '-' when none"),
  weight: z.number().optional(),
  scoring: z.string().optional(),
  evidence: z.string().optional(),
});

export const performanceTableSchema = z.object({
  kind: z.enum(["overall", "project"]),
  title: z.string(),
  year: z.number().int().optional(),
  budgetUnit: z.string().optional(),
  project: z.string().optional(),
  manager: z.string().optional(),
  contact: z.string().optional(),
  phone: z.string().optional(),
  total: fenSchema.optional(),
  fiscal: fenSchema.optional(),
  other: fenSchema.optional(),
  sources: z
    .object({ upper: fenSchema.optional(), local: fenSchema.optional(), other: fenSchema.optional() })
    .optional(),
  goal: z.string(),
  headers: z.array(z.string()).describe("indicator column headers as printed"),
  indicators: z.array(indicatorSchema),
  page: z.number().int().optional(),
});

/** One indicator of a 绩效自评表 (决算 side): target against what was achieved, and its score. */
export const selfEvaluationIndicatorSchema = z.object({
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
  target: z.string().describe("年度指标值 as printed"),
  actual: z.string().describe("实际完成值 as printed"),
  weight: z.number().describe("分值"),
  score: z.number().describe("得分"),
  deviationReason: z.string().optional().describe("偏差原因分析及改进措施"),
});

/** 项目支出绩效自评表 (or 部门整体): 预算执行率 (10 points) plus indicator scores, total 100. */
export const selfEvaluationSchema = z.object({
  project: z.string(),
  budgetUnit: z.string().optional(),
  budget: fenSchema.describe("全年预算数"),
  executed: fenSchema.describe("全年执行数"),
  executionWeight: z.number().describe("预算执行率分值, 10 by 财预〔2020〕10号"),
  executionScore: z.number().describe("预算执行率得分"),
  indicators: z.array(selfEvaluationIndicatorSchema),
  total: z.number().describe("总分"),
  grade: z.enum(["优", "良", "中", "差"]).optional(),
});

export const glossaryEntrySchema = z.object({ term: z.string(), definition: z.string() });

export const importProblemSchema = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  line: z.number().int().optional(),
  page: z.number().int().optional(),
});

export const disclosureSchema = z.object({
  schemaVersion: z.literal(1),
  meta: metaSchema,
  overview: overviewSchema,
  toc: z.array(z.string()).describe("目录 entries as printed"),
  tables: z.array(printedTableSchema),
  facts: z.array(factSchema),
  explanations: z.array(explanationSchema),
  projects: z.array(projectDescriptionSchema).describe("说明七 project descriptions"),
  otherMatters: otherMattersSchema,
  performance: z.array(performanceTableSchema),
  selfEvaluations: z
    .array(selfEvaluationSchema)
    .optional()
    .describe("绩效自评表 of a 决算 (final accounts) disclosure"),
  glossary: z.array(glossaryEntrySchema),
  provenance: z.object({
    source: z.string(),
    format: z.enum(["text", "pdf", "xlsx", "json", "package"]),
    problems: z.array(importProblemSchema),
    parts: z
      .array(z.enum(["tables", "text", "performance"]))
      .optional()
      .describe(
        "parts of the document the importer read: tables; text (概况, 目录, 说明, 名词解释); performance (绩效目标表). Absent: all of them",
      ),
    imagePages: z
      .array(z.number().int().positive())
      .optional()
      .describe(
        "pages printed as pictures (a scan bound into an electronic PDF): next to no text and an image over much of the page. What they show was not read, so nothing is reported missing that may be on them",
      ),
  }),
});
