/**
 * What a column's header words mean, by the national vocabulary: 合计/总计 are totals, 一般公共预算
 * is the general budget fund, 人员经费/人员支出 are personnel costs, 因公出国(境)费 is overseas travel
 * of the 三公 … wherever they stand and however they nest. The general reader names columns by these
 * meanings (the same keys the template specs use), and knows which meanings add up to which
 * (a 三公 total is overseas travel + reception + vehicles; 基本支出 is 人员经费 + 公用经费).
 */

/** A column meaning: a canonical key and the fact dimensions it carries. */
export interface ColumnMeaning {
  key: string;
  dims?: Record<string, string>;
}

const clean = (s: string) =>
  s
    .replace(/\s+/g, "")
    .replace(/^其中[:：]?/, "")
    .replace(/[“”"'‘’]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");

/** Leaf words → meaning, most specific first. */
const LEAF: readonly [RegExp, ColumnMeaning][] = [
  [/因公出国/, { key: "overseasTravel" }],
  [/公务接待/, { key: "officialReception" }],
  [/公务用车购置及运行|公务用车费/, { key: "officialVehicles" }],
  [/公务用车购置|^购置费$/, { key: "vehiclePurchase" }],
  [/公务用车运行|^运行(?:维护)?费$/, { key: "vehicleOperation" }],
  [/会议费/, { key: "meetings" }],
  [/培训费/, { key: "training" }],
  // the 三公 total beside 会议费 and 培训费 (小计 under “三公”经费)
  [/^“?三公”?经费(?:合计|小计)?$/, { key: "threePublic" }],
  [/机关运行经费/, { key: "officeOperatingCost" }],
  [/^行政经费/, { key: "adminCost" }],
  [/人员经费|人员支出|工资福利/, { key: "personnel", dims: { nature: "basic", basicKind: "personnel" } }],
  [/公用经费|公用支出/, { key: "operating", dims: { nature: "basic", basicKind: "operating" } }],
  [/基本支出/, { key: "basic", dims: { nature: "basic" } }],
  [/扣除基建/, { key: "projectExConstruction" }],
  [/项目支出/, { key: "project", dims: { nature: "project" } }],
  [/事业单位经营支出|经营支出/, { key: "operatingExpenditure" }],
  [/对附属单位补助/, { key: "subsidyToAffiliated" }],
  [/上缴上级/, { key: "remitToUpper" }],
  [/结转下年|年终结转/, { key: "carryForward" }],
  [/政府采购/, { key: "procurement" }],
  [/教育收费/, { key: "specialAccountEducation", dims: { fund: "specialAccount" } }],
  [/其他专户/, { key: "specialAccountOther", dims: { fund: "specialAccount" } }],
  [/财政专户/, { key: "specialAccount", dims: { fund: "specialAccount" } }],
  [/一般公共预算/, { key: "generalBudget", dims: { fund: "generalBudgetAppropriation" } }],
  [/政府性基金/, { key: "governmentFund", dims: { fund: "governmentFundAppropriation" } }],
  [/国有资本经营/, { key: "stateCapital", dims: { fund: "stateCapitalAppropriation" } }],
  [/事业单位经营收入|经营收入/, { key: "operatingIncome", dims: { fund: "operatingIncome" } }],
  [/事业收入/, { key: "businessIncome", dims: { fund: "businessIncome" } }],
  [/上级补助/, { key: "upperSubsidy", dims: { fund: "upperSubsidy" } }],
  [/附属单位上缴/, { key: "affiliatedRemit", dims: { fund: "affiliatedRemit" } }],
  [/用事业基金弥补/, { key: "reserveFund", dims: { fund: "reserveFund" } }],
  [/其他收入/, { key: "otherIncome", dims: { fund: "otherIncome" } }],
  [/上年结转|上年结余|结转结余/, { key: "carryover", dims: { fund: "carryover" } }],
  [/单位资金|其他资金/, { key: "unitFunds", dims: { fund: "unitFunds" } }],
  [/非财政拨款结余|用非财政拨款/, { key: "nonFiscalBalanceUsed", dims: { fund: "nonFiscalBalanceUsed" } }],
  [/^(?!.*非财政).*财政拨款/, { key: "fiscalSubtotal", dims: { fund: "fiscalAppropriation" } }],
  [/^(?:合计|总计|小计|共计)$|合计$|总计$|总额$|^(?:\d{4}年)?(?:预算数?|金额|预算金额)$/, { key: "total" }],
  [/增减|比上年/, { key: "change" }],
  [/上年预算/, { key: "prior" }],
];

/** Every meaning's fact dimensions, by key (for specs that must know every column a layout may print). */
export const COLUMN_DIMS: Readonly<Record<string, Record<string, string> | undefined>> = Object.fromEntries(
  LEAF.map(([, m]) => [m.key, m.dims]),
);

/** The meaning of a column from its header path (leaf first, then the groups above it). */
export function columnMeaning(path: readonly string[]): ColumnMeaning | undefined {
  const parts = path.map(clean).filter(Boolean);
  const leaf = parts[parts.length - 1];
  if (!leaf) return undefined;
  for (const [re, m] of LEAF) if (re.test(leaf)) return inGroup(m, parts.slice(0, -1), leaf);
  return undefined;
}

/**
 * The meanings of a table's columns, by their header paths. A heading that heads other columns as
 * their group ("2026年预算数" over 合计 | 因公出国（境）费 | …) names none of them: a column whose own
 * heading was not read, left with the group's alone, means nothing from it.
 */
export function columnMeanings(paths: readonly (readonly string[])[]): (ColumnMeaning | undefined)[] {
  const groups = new Set(paths.flatMap((p) => p.slice(0, -1)));
  return paths.map((p) => {
    const leaf = p[p.length - 1];
    return leaf !== undefined && groups.has(leaf) ? undefined : columnMeaning(p);
  });
}

/**
 * A leaf means something within its group: 小计 under 财政拨款 is the 财政拨款 subtotal, 小计 under
 * 公务用车购置及运行费 is the vehicles total, 一般公共预算 under 上年结转 is a carry-over.
 */
function inGroup(m: ColumnMeaning, groups: readonly string[], leaf = ""): ColumnMeaning {
  if (m.key !== "total") return m;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] as string;
    for (const [re, gm] of LEAF) {
      if (gm.key === "total" || !re.test(g)) continue;
      // (the 三公 total beside 会议费 and 培训费 is their 小计; a 合计 under “三公”经费 may be the
      // table's grand total, its heading hung too wide)
      if (gm.key === "threePublic" && leaf !== "小计") continue;
      return gm;
    }
  }
  return m;
}

/**
 * How meanings add up in the national tables: the total of each family is the sum of its members
 * (members may be printed through a subtotal of their own: 公务用车 = 购置 + 运行).
 */
export const SUMS: readonly { total: string; parts: readonly string[] }[] = [
  { total: "total", parts: ["overseasTravel", "officialReception", "officialVehicles"] },
  { total: "threePublic", parts: ["overseasTravel", "officialReception", "officialVehicles"] },
  { total: "total", parts: ["threePublic", "meetings", "training"] },
  { total: "officialVehicles", parts: ["vehiclePurchase", "vehicleOperation"] },
  { total: "basic", parts: ["personnel", "operating"] },
  {
    total: "total",
    parts: ["basic", "project", "operatingExpenditure", "subsidyToAffiliated", "remitToUpper", "carryForward"],
  },
  { total: "fiscalSubtotal", parts: ["generalBudget", "governmentFund", "stateCapital"] },
  { total: "specialAccount", parts: ["specialAccountEducation", "specialAccountOther"] },
  {
    total: "unitFunds",
    parts: ["businessIncome", "operatingIncome", "upperSubsidy", "affiliatedRemit", "otherIncome", "reserveFund"],
  },
  {
    total: "total",
    parts: [
      "fiscalSubtotal",
      "specialAccount",
      "unitFunds",
      "carryover",
      // printed without their subtotal columns
      "generalBudget",
      "governmentFund",
      "stateCapital",
      "specialAccountEducation",
      "specialAccountOther",
      "businessIncome",
      "operatingIncome",
      "upperSubsidy",
      "affiliatedRemit",
      "otherIncome",
      "reserveFund",
      "nonFiscalBalanceUsed",
    ],
  },
];
