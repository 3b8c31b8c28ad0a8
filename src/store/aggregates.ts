/**
 * Aggregates over the facts of current (published, latest-version) disclosures. Each grouping
 * sums one canonical slice of facts (a template table id, column key and row grain), so a 类 row
 * is never added to its own 款 and 项 rows. Results are cached per query and store generation.
 */
import { type ExpressionBuilder, sql } from "kysely";
import { FUNCTION_CLASSES_2025, PROJECT_ECONOMIC_CLASSES } from "../templates/xinjiang-2025-budget.ts";
import { LruCache, storeKey } from "./cache.ts";
import type { Store } from "./open-store.ts";
import type { RollupDim } from "./rollups.ts";
import type { Database } from "./schema.ts";
import type { Page } from "./types.ts";

export const AGGREGATE_BY = [
  "functionClass",
  "economicClass",
  "fund",
  "threePublicItem",
  "year",
  "region",
  "department",
] as const;
export type AggregateBy = (typeof AGGREGATE_BY)[number];
export const METRICS = ["expenditure", "basic", "project", "income", "threePublic"] as const;
export type Metric = (typeof METRICS)[number];

export interface AggregateQuery {
  by: AggregateBy;
  metric?: Metric | undefined;
  year?: number | undefined;
  region?: string | undefined;
  departmentId?: number | undefined;
  functionClass?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface AggregateItem {
  key: string;
  label: string;
  amountFen: number;
  disclosures: number;
}

export interface AggregateResult extends Page<AggregateItem> {
  by: AggregateBy;
  metric: Metric;
  totalAmountFen: number;
}

const METRIC_SLICE: Record<Metric, { table: string; column: string }> = {
  expenditure: { table: "expenditure", column: "total" },
  basic: { table: "expenditure", column: "basic" },
  project: { table: "expenditure", column: "project" },
  income: { table: "income", column: "total" },
  threePublic: { table: "threePublic", column: "total" },
};

export const ECONOMIC_CLASS_NAMES: Record<string, string> = {
  ...Object.fromEntries(PROJECT_ECONOMIC_CLASSES.map(([, code, name]) => [code, name])),
  "301": "工资福利支出",
  "302": "商品和服务支出",
  "303": "对个人和家庭的补助",
};
export const FUNCTION_CLASS_NAMES: Record<string, string> = Object.fromEntries(FUNCTION_CLASSES_2025);
export const FUND_NAMES: Record<string, string> = {
  generalBudget: "一般公共预算",
  upperTransferGeneral: "上级一般公共预算转移支付",
  governmentFund: "政府性基金",
  upperTransferFund: "上级政府性基金转移支付",
  stateCapital: "国有资本经营预算",
  upperTransferStateCapital: "上级国有资本经营转移支付",
  specialAccount: "财政专户",
  unitFunds: "单位资金",
  fiscalCarryover: "财政拨款结转",
  nonFiscalCarryover: "非财政拨款结转结余",
};
export const THREE_PUBLIC_NAMES: Record<string, string> = {
  overseasTravel: "因公出国（境）费",
  officialReception: "公务接待费",
  officialVehicles: "公务用车购置及运行费",
};

type Eb = ExpressionBuilder<Database, "facts">;

function slice(q: AggregateQuery, metric: Metric) {
  return (eb: Eb) => {
    const s = METRIC_SLICE[metric];
    switch (q.by) {
      case "functionClass":
        return eb.and([eb("table_key", "=", s.table), eb("column_key", "=", s.column), eb("grain", "=", "class")]);
      case "economicClass":
        return eb.or([
          eb.and([eb("table_key", "=", "basicExpenditure"), eb("column_key", "=", "total"), eb("grain", "=", "class")]),
          eb.and([
            eb("table_key", "=", "projectExpenditure"),
            eb("grain", "=", "total"),
            eb("economic_class", "is not", null),
          ]),
        ]);
      case "fund":
        return eb.and([
          eb("table_key", "=", "income"),
          eb("grain", "=", "total"),
          eb("fund", "not in", ["total", "fiscalAppropriation"]),
        ]);
      case "threePublicItem":
        return eb.and([
          eb("table_key", "=", "threePublic"),
          eb("column_key", "=", "total"),
          eb("line_key", "in", Object.keys(THREE_PUBLIC_NAMES)),
        ]);
      default:
        // with a function-class filter, the class rows of that class; otherwise the total row
        return eb.and([
          eb("table_key", "=", s.table),
          eb("column_key", "=", s.column),
          eb("grain", "=", q.functionClass !== undefined ? "class" : "total"),
        ]);
    }
  };
}

const KEY_COLUMN = {
  functionClass: "function_class",
  economicClass: "economic_class",
  fund: "fund",
  threePublicItem: "line_key",
  year: "year",
  region: "region",
  department: "department_id",
} as const;

/**
 * Answers for 60 s (another process's saves show within it); after that an answer is still given
 * for up to 10 minutes while one query refreshes it, so no request waits for an aggregate over
 * every disclosure (0.2–1.3 s at 300,000 on PostgreSQL) once it has been asked for.
 */
const cache = new LruCache<AggregateItem[]>(1000, 60_000, undefined, 10 * 60_000);

type Grouped = { k: string | number; amount: number | string; n: number | string }[];

/** Which rollup rows answer the query, or undefined when only the facts can. */
function rollupPlan(q: AggregateQuery, metric: Metric): { dim: RollupDim; metric: string; key?: string } | undefined {
  switch (q.by) {
    case "functionClass":
      return { dim: "functionClass", metric, ...(q.functionClass !== undefined ? { key: q.functionClass } : {}) };
    case "economicClass":
    case "fund":
    case "threePublicItem":
      return q.functionClass !== undefined ? undefined : { dim: q.by, metric: "" };
    default:
      return q.functionClass !== undefined
        ? { dim: "functionClass", metric, key: q.functionClass }
        : { dim: "total", metric };
  }
}

const ROLLUP_GROUP = { year: "year", region: "region", department: "department_id" } as const;

async function fromRollups(
  store: Store,
  q: AggregateQuery,
  plan: NonNullable<ReturnType<typeof rollupPlan>>,
): Promise<Grouped> {
  const col = q.by === "year" || q.by === "region" || q.by === "department" ? ROLLUP_GROUP[q.by] : "key";
  let query = store.db
    .selectFrom("rollups")
    .select([
      sql<string>`${sql.ref(col)}`.as("k"),
      sql<number>`cast(sum(amount_fen) as bigint)`.as("amount"),
      sql<number>`count(*)`.as("n"),
    ])
    .where("is_current", "=", 1)
    .where("dim", "=", plan.dim)
    .where("metric", "=", plan.metric);
  if (plan.key !== undefined) query = query.where("key", "=", plan.key);
  if (q.year !== undefined) query = query.where("year", "=", q.year);
  if (q.region !== undefined) query = query.where("region", "=", q.region);
  if (q.departmentId !== undefined) query = query.where("department_id", "=", q.departmentId);
  return query.groupBy(sql.ref(col)).execute();
}

async function fromFacts(store: Store, q: AggregateQuery, metric: Metric): Promise<Grouped> {
  const key = KEY_COLUMN[q.by];
  let query = store.db
    .selectFrom("facts")
    .select([
      sql<string>`${sql.ref(key)}`.as("k"),
      sql<number>`cast(sum(amount_fen) as bigint)`.as("amount"),
      sql<number>`count(distinct disclosure_id)`.as("n"),
    ])
    // a literal, so both engines may use the partial index over current facts (migration 0006)
    .where(sql<boolean>`is_current = 1`)
    .where(slice(q, metric))
    .where(sql.ref(key), "is not", null);
  if (q.year !== undefined) query = query.where("year", "=", q.year);
  if (q.region !== undefined) query = query.where("region", "=", q.region);
  if (q.departmentId !== undefined) query = query.where("department_id", "=", q.departmentId);
  if (q.functionClass !== undefined) query = query.where("function_class", "=", q.functionClass);
  return query.groupBy(sql.ref(key)).execute();
}

async function groups(
  store: Store,
  q: AggregateQuery,
  metric: Metric,
  source: "auto" | "facts",
): Promise<AggregateItem[]> {
  const plan = source === "auto" ? rollupPlan(q, metric) : undefined;
  const rows = plan ? await fromRollups(store, q, plan) : await fromFacts(store, q, metric);
  let names: Map<number, string> | undefined;
  if (q.by === "department" && rows.length > 0) {
    const ids = rows.map((r) => Number(r.k));
    names = new Map<number, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const part = await store.db
        .selectFrom("departments")
        .select(["id", "name"])
        .where("id", "in", ids.slice(i, i + 500))
        .execute();
      for (const d of part) names.set(d.id, d.name);
    }
  }
  const label = (k: string): string => {
    switch (q.by) {
      case "functionClass":
        return FUNCTION_CLASS_NAMES[k] ?? k;
      case "economicClass":
        return ECONOMIC_CLASS_NAMES[k] ?? k;
      case "fund":
        return FUND_NAMES[k] ?? k;
      case "threePublicItem":
        return THREE_PUBLIC_NAMES[k] ?? k;
      case "department":
        return names?.get(Number(k)) ?? k;
      default:
        return String(k);
    }
  };
  const items = rows.map((r) => ({
    key: String(r.k),
    label: label(String(r.k)),
    amountFen: Number(r.amount),
    disclosures: Number(r.n),
  }));
  if (q.by === "year") items.sort((a, b) => a.key.localeCompare(b.key));
  else items.sort((a, b) => b.amountFen - a.amountFen || a.key.localeCompare(b.key));
  return items;
}

/**
 * Sums a metric grouped by one dimension over current disclosures, with filters and paging.
 * @example aggregate(store, { by: "functionClass", year: 2025 }) // spending by 类
 */
export async function aggregate(
  store: Store,
  q: AggregateQuery,
  opts: {
    /** false: always ask the database (benchmarks) */
    cache?: boolean;
    /** "facts": skip the rollups and sum the facts (tests compare both) */
    source?: "auto" | "facts";
  } = {},
): Promise<AggregateResult> {
  const metric = q.metric ?? "expenditure";
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 1000);
  const offset = Math.max(q.offset ?? 0, 0);
  const cacheKey = JSON.stringify([store.generation, q.by, metric, q.year, q.region, q.departmentId, q.functionClass]);
  const source = opts.source ?? "auto";
  const all =
    opts.cache === false || source !== "auto"
      ? await groups(store, q, metric, source)
      : await cache.wrap(`${storeKey(store)}:${cacheKey}`, () => groups(store, q, metric, source));
  return {
    by: q.by,
    metric,
    items: all.slice(offset, offset + limit),
    total: all.length,
    limit,
    offset,
    totalAmountFen: all.reduce((s, i) => s + i.amountFen, 0),
  };
}
