/**
 * Test helpers: random valid budget packages (for property tests and the benchmark). Pure.
 */
import fc from "fast-check";
import type { CatalogSet } from "../catalog/catalog-set.ts";
import { type BudgetPackage, type Fund, type LineItem, metaSchema, type PackageMeta } from "./package.ts";

const FUNDS: Fund[] = [
  "generalBudget",
  "upperTransferGeneral",
  "governmentFund",
  "upperTransferFund",
  "stateCapital",
  "specialAccount",
  "otherIncome",
  "businessIncome",
  "fiscalCarryoverGeneral",
  "nonFiscalUnitFunds",
];

/** A minimal valid metadata object for the given units. */
export function sampleMeta(units: readonly string[], overrides: Partial<Record<string, unknown>> = {}): PackageMeta {
  return metaSchema.parse({
    department: "测试局",
    year: 2025,
    overview: {
      functions: ["测试职能"],
      divisions: ["办公室"],
      units: units.map((name, i) => ({ name, kind: i === 0 ? "administrative" : "institution" })),
      staffing: { authorized: 10, active: 9, activeChange: 0, retired: 1, retiredChange: 0, lixiu: 0, lixiuChange: 0 },
    },
    assets: {
      asOf: "2024 年底",
      buildingArea: "100.00",
      buildingValue: 100000,
      vehicles: [{ type: "一般公务用车", count: 0, value: 0 }],
      furnitureValue: 0,
      otherValue: 0,
    },
    procurement: { goods: 0, works: 0, services: 0, smeReserved: 0, microReserved: 0 },
    performance: {
      overall: {
        goal: "履行职责",
        indicators: [
          { level1: "履职效能", level2: "数量指标", name: "办理事项", target: ">=10件", weight: 45 },
          { level1: "履职效能", level2: "质量指标", name: "办结率", target: ">=90%", weight: 45 },
        ],
      },
    },
    threePublic: {
      overseasTravel: { amount: 0, prior: 0, reason: "无" },
      officialReception: { amount: 0, prior: 0, reason: "无" },
      vehiclePurchase: { amount: 0, prior: 0, reason: "无" },
      vehicleOperation: { amount: 0, prior: 0, reason: "无" },
    },
    officeOperatingCost: { prior: 0, reason: "无" },
    ...overrides,
  });
}

/** Generates n random valid line items against a catalog (deterministic for a seed). */
export function randomItems(catalog: CatalogSet, units: readonly string[], n: number, seed: number): LineItem[] {
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const fns = [...catalog.function.entries.values()].filter((e) => e.level === "项").map((e) => e.code);
  const ecs = [...catalog.economic.entries.values()].filter((e) => e.level === "款").map((e) => e.code);
  // 三公 款 stay out of random basic items so the 三公 table (0) covers them (K-32).
  const basicEcs = ecs.filter((c) => !["30212", "30217", "30231", "30913", "31013"].includes(c));
  const seen = new Set<string>();
  const items: LineItem[] = [];
  for (let i = 0; items.length < n && i < n * 4; i++) {
    const nature = items.length === 0 || rnd() < 0.5 ? "basic" : "project";
    const unit = pick(units);
    const economicCode =
      nature === "basic" ? pick(basicEcs.filter((c) => c.startsWith(rnd() < 0.6 ? "301" : "302"))) : pick(ecs);
    const basicKind = nature === "basic" ? (economicCode.startsWith("302") ? "operating" : "personnel") : undefined;
    const project = nature === "project" ? `${unit}项目${Math.floor(rnd() * 20)}` : undefined;
    const it: LineItem = {
      unit,
      functionCode: pick(fns),
      economicCode,
      fund: items.length === 0 ? "generalBudget" : pick(FUNDS),
      nature,
      basicKind,
      project,
      // the first item is a non-zero 一般公共预算 basic item, as in every real department
      amount:
        items.length === 0
          ? 1_000_000 + Math.floor(rnd() * 50_000_000)
          : Math.floor(rnd() * 50_000_000) * (rnd() < 0.9 ? 1 : 0),
      priorAmount: Math.floor(rnd() * 50_000_000) * (rnd() < 0.8 ? 1 : 0),
      source: "line-items.csv",
      line: i + 2,
    };
    const key = [it.unit, it.functionCode, it.economicCode, it.fund, it.nature, it.basicKind, it.project].join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(it);
  }
  return items;
}

/** Metadata describing every project of the items (说明七 and a 绩效目标表 each), as a complete package does. */
export function metaFor(units: readonly string[], items: readonly LineItem[]): PackageMeta {
  const projects = [...new Set(items.filter((it) => it.project).map((it) => it.project as string))];
  return sampleMeta(units, {
    projects: projects.map((name) => ({
      name,
      basis: ["《测试办法》"],
      allocationText: "按计划分配。",
      period: "2025年1月1日-2025年12月31日",
    })),
    performance: {
      ...sampleMeta(units).performance,
      projects: projects.map((name) => ({
        name,
        manager: "张三",
        goal: "完成项目",
        indicators: [
          {
            level1: "产出指标",
            level2: "数量指标",
            name: "完成事项",
            target: ">=1次",
            weight: 40,
            scoring: "按照完成比例赋分",
          },
          {
            level1: "成本指标",
            level2: "经济成本指标",
            name: "单次成本",
            target: "<=200元/次",
            weight: 20,
            scoring: "按照完成比例赋分",
          },
          {
            level1: "效益指标",
            level2: "社会效益指标",
            name: "社会效益",
            target: "有效提高",
            weight: 20,
            scoring: "按评判等级赋分",
          },
          {
            level1: "满意度指标",
            level2: "满意度指标",
            name: "满意度",
            target: ">=90%",
            weight: 10,
            scoring: "满意度赋分",
          },
        ],
      })),
    },
  });
}

/** fast-check arbitrary of valid packages. */
export function packageArbitrary(catalog: CatalogSet): fc.Arbitrary<BudgetPackage> {
  return fc
    .record({
      units: fc.integer({ min: 1, max: 3 }),
      n: fc.integer({ min: 1, max: 80 }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    })
    .map(({ units, n, seed }) => {
      const names = ["测试局", "测试中心", "测试站"].slice(0, units);
      const items = randomItems(catalog, names, n, seed);
      return { source: "random", meta: metaFor(names, items), items };
    });
}
