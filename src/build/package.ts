/**
 * The budget package: what `yusuan build` reads. Line items (CSV or an xlsx sheet) carry every
 * amount; the metadata (meta.yaml / meta.json / the xlsx `meta` sheet) carries everything else.
 * All amounts in a package are 元 (exact decimals); the builder works in integer 分.
 * docs/package.md explains each field; schema/package.schema.json is generated from these schemas.
 */
import { z } from "zod";
import type { Fen } from "../model/money.ts";

/** Fund (资金来源) values accepted in the `fund` column, with the internal key they map to. */
export const FUNDS = {
  一般公共预算本级: "generalBudget",
  上级转移支付: "upperTransferGeneral",
  政府性基金: "governmentFund",
  上级政府性基金转移支付: "upperTransferFund",
  国有资本经营: "stateCapital",
  上级国有资本经营转移支付: "upperTransferStateCapital",
  财政专户: "specialAccount",
  单位资金: "otherIncome",
  事业收入: "businessIncome",
  上级补助收入: "upperSubsidy",
  附属单位上缴收入: "affiliatedRemit",
  事业单位经营收入: "operatingIncome",
  其他收入: "otherIncome",
  财政拨款结转: "fiscalCarryoverGeneral",
  政府性基金结转: "fiscalCarryoverFund",
  国有资本经营结转: "fiscalCarryoverStateCapital",
  非财政拨款结转结余: "nonFiscalUnitFunds",
  财政专户结转结余: "nonFiscalSpecialAccount",
} as const;

export type FundName = keyof typeof FUNDS;
export type Fund = (typeof FUNDS)[FundName];

export const FUND_NAMES = Object.keys(FUNDS) as FundName[];

/** Funds that are 财政拨款 of the current year, by budget (一般公共预算 / 政府性基金 / 国有资本经营). */
export const FISCAL_BUDGET: Partial<Record<Fund, "general" | "fund" | "stateCapital">> = {
  generalBudget: "general",
  upperTransferGeneral: "general",
  governmentFund: "fund",
  upperTransferFund: "fund",
  stateCapital: "stateCapital",
  upperTransferStateCapital: "stateCapital",
};

export const UNIT_FUNDS: readonly Fund[] = [
  "businessIncome",
  "upperSubsidy",
  "affiliatedRemit",
  "operatingIncome",
  "otherIncome",
];
export const FISCAL_CARRYOVER: readonly Fund[] = [
  "fiscalCarryoverGeneral",
  "fiscalCarryoverFund",
  "fiscalCarryoverStateCapital",
];
export const NON_FISCAL_CARRYOVER: readonly Fund[] = ["nonFiscalSpecialAccount", "nonFiscalUnitFunds"];

/** One line item after parsing (amounts in 分). */
export interface LineItem {
  readonly unit: string;
  readonly functionCode: string;
  readonly economicCode: string;
  readonly fund: Fund;
  readonly nature: "basic" | "project";
  readonly basicKind?: "personnel" | "operating" | undefined;
  readonly project?: string | undefined;
  readonly amount: Fen;
  readonly priorAmount: Fen;
  /** where it came from, for messages */
  readonly source: string;
  readonly line: number;
}

/** The columns of line-items.csv, in order. */
export const LINE_ITEM_COLUMNS = [
  "budget_unit",
  "function_code",
  "economic_code",
  "fund",
  "nature",
  "basic_kind",
  "project",
  "amount",
  "prior_amount",
] as const;

/** 元 amounts in metadata: a number or a decimal string ("12345.67"). */
const yuan = z
  .union([z.number(), z.string()])
  .describe("amount in 元: a number or a decimal string with at most 2 decimals");
const reason = z.string().describe("the reason for the change, inserted after 主要原因是 (no leading 主要原因是)");

const changeItem = z.object({
  amount: yuan.describe("this year, 元"),
  prior: yuan.describe("last year's budget, 元"),
  reason: reason.optional(),
});

const unitSchema = z.object({
  name: z.string().min(1).describe("budget unit name exactly as in line items"),
  kind: z.enum(["administrative", "institution", "行政", "事业"]),
  civilServiceManaged: z
    .boolean()
    .optional()
    .describe("参照公务员法管理: its 公用经费 counts as 机关运行经费 (as for an administrative unit)"),
});

const indicatorSchema = z.object({
  level1: z.string().describe("一级指标: 产出指标 / 成本指标 / 效益指标 / 满意度指标 / 履职效能"),
  level2: z.string().describe("二级指标"),
  name: z.string().describe("三级指标"),
  target: z.string().describe("指标值 as printed, e.g. >=242人, <=552万元, 2025年12月10日, 有效提高"),
  basis: z.string().optional().describe("指标值设置依据"),
  lastYear: z.string().optional().describe("上年完成值; '-' when none"),
  weight: z.number().optional(),
  scoring: z.string().optional().describe("指标赋分规则"),
  evidence: z.string().optional().describe("佐证资料"),
});

const allocationSchema: z.ZodType<{ label: string; amount: string | number; children?: unknown[] }> = z.lazy(() =>
  z.object({ label: z.string(), amount: yuan, children: z.array(allocationSchema).optional() }),
) as never;

export const metaSchema = z
  .object({
    department: z.string().min(1).describe("部门 name as printed"),
    year: z.number().int().min(2000).max(2100),
    region: z.string().optional(),
    template: z.string().default("xinjiang-2025-budget"),
    publishedOn: z.string().optional().describe("ISO date"),
    overview: z.object({
      functions: z.array(z.string()).describe("主要职能 items, without the （一） numbering"),
      divisions: z.array(z.string()).describe("内设科室"),
      units: z.array(unitSchema).min(1).describe("所属预算单位; the first is the department itself (本级)"),
      staffing: z
        .object({
          authorized: z.number().int().optional(),
          active: z.number().int().optional(),
          activeChange: z.number().int().optional(),
          retired: z.number().int().optional(),
          retiredChange: z.number().int().optional(),
          lixiu: z.number().int().optional(),
          lixiuChange: z.number().int().optional(),
        })
        .default({}),
    }),
    reasons: z
      .object({
        income: z
          .record(z.string(), reason)
          .default({})
          .describe(
            "per income source key: generalBudget, upperTransferGeneral, governmentFund, upperTransferFund, stateCapital, upperTransferStateCapital, specialAccount, unitFunds, fiscalCarryover, nonFiscalCarryover",
          ),
        expenditure: z.object({ basic: reason.optional(), project: reason.optional() }).default({}),
        generalBudget: z
          .object({ basic: reason.optional(), project: reason.optional() })
          .default({})
          .describe("说明五(一): 一般公共预算当年拨款 基本/项目"),
        items: z.record(z.string(), reason).default({}).describe("per 功能分类 项 code (说明五(三))"),
        governmentFund: reason.optional().describe("说明八, when there is 政府性基金 expenditure"),
        stateCapital: reason.optional().describe("说明九"),
      })
      .default({ income: {}, expenditure: {}, generalBudget: {}, items: {} }),
    fiscalUses: z.record(z.string(), z.string()).default({}).describe("说明四 主要用于 … per function 类 code"),
    threePublic: z
      .object({
        overseasTravel: changeItem,
        officialReception: changeItem,
        vehiclePurchase: changeItem,
        vehicleOperation: changeItem,
        governmentFund: z
          .object({
            overseasTravel: yuan.optional(),
            officialReception: yuan.optional(),
            vehiclePurchase: yuan.optional(),
            vehicleOperation: yuan.optional(),
          })
          .optional()
          .describe("the part of each item paid from 政府性基金 (the rest is 一般公共预算)"),
      })
      .describe("财政拨款“三公”经费, this year and last year, 元"),
    officeOperatingCost: z.object({
      amount: yuan
        .optional()
        .describe("override; default = 一般公共预算 基本支出 公用经费 of administrative and 参公 units"),
      prior: yuan,
      reason: reason.optional(),
    }),
    procurement: z
      .object({
        goods: yuan,
        works: yuan,
        services: yuan,
        smeReserved: yuan.optional(),
        microReserved: yuan.optional(),
      })
      .optional(),
    assets: z
      .object({
        asOf: z.string().describe("e.g. 2024 年底"),
        buildingArea: z.union([z.string(), z.number()]).describe("平方米"),
        buildingValue: yuan,
        vehicles: z
          .array(z.object({ type: z.string(), count: z.number().int().min(0), value: yuan }))
          .describe("by type: 一般公务用车, 执法执勤用车, 其他车辆"),
        furnitureValue: yuan.optional(),
        otherValue: yuan.optional(),
        equipmentOver50: z.number().int().optional(),
        equipmentOver100: z.number().int().optional(),
        plannedVehicles: z.number().int().default(0),
        plannedEquipmentOver50: z.number().int().default(0),
        plannedEquipmentOver100: z.number().int().default(0),
      })
      .optional(),
    carryover: z
      .array(
        z.object({
          project: z.string().describe("project name as in line items with fund 财政拨款结转 / 非财政拨款结转结余"),
          purpose: z.string().describe("主要用于"),
        }),
      )
      .default([]),
    projects: z
      .array(
        z.object({
          name: z.string(),
          basis: z.array(z.string()).default([]),
          unit: z.string().optional().describe("项目承担单位; default: the unit of its line items"),
          allocationText: z.string().optional(),
          allocation: z.array(allocationSchema).default([]),
          period: z.string().optional(),
          extra: z.record(z.string(), z.string()).default({}).describe("资金来源, 补贴人数, 补贴标准 …"),
        }),
      )
      .default([])
      .describe("说明七 descriptions of 一般公共预算 projects"),
    performance: z
      .object({
        overall: z
          .object({
            unit: z.string().optional(),
            contact: z.string().optional(),
            phone: z.string().optional(),
            goal: z.string(),
            indicators: z.array(indicatorSchema),
          })
          .optional(),
        projects: z
          .array(
            z.object({
              name: z.string().describe("title as printed on the 绩效目标表"),
              projects: z
                .array(z.string())
                .optional()
                .describe("line-item project names it covers (default: [name]); may include 结转 projects"),
              unit: z.string().optional(),
              manager: z.string().optional(),
              goal: z.string(),
              headers: z.array(z.string()).optional(),
              indicators: z.array(indicatorSchema),
            }),
          )
          .default([]),
      })
      .default({ projects: [] }),
    glossary: z.array(z.object({ term: z.string(), definition: z.string() })).default([]),
    notes: z.array(z.string()).default([]).describe("其他需说明的事项"),
  })
  .strict();

export type PackageMeta = z.infer<typeof metaSchema>;
export type MetaIndicator = z.infer<typeof indicatorSchema>;

/** A package after reading: line items and metadata. */
export interface BudgetPackage {
  readonly source: string;
  /** the metadata file name, for messages (meta.yaml, meta.json, or "工作簿 meta 表") */
  readonly metaFile?: string | undefined;
  readonly meta: PackageMeta;
  readonly items: readonly LineItem[];
}

/** A problem in a package: file, line and field, so the user can fix it. */
export interface PackageProblem {
  readonly file: string;
  readonly line?: number | undefined;
  readonly field?: string | undefined;
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** "line-items.csv 第 12 行 amount：…" */
export function formatProblem(p: PackageProblem): string {
  const where = [p.file, p.line !== undefined ? `第 ${p.line} 行` : undefined, p.field].filter(Boolean).join(" ");
  return `${where}：${p.message}`;
}
