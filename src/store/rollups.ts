/**
 * Rollups: each disclosure's sums over the canonical aggregate slices, written in the save
 * transaction (migration 0002 backfills older saves with the same definitions). An aggregate over
 * every current disclosure then groups a few rows per disclosure instead of scanning its facts.
 *
 * The slices here must match `slice()` in aggregates.ts, which still answers the combinations the
 * rollups do not hold (a function-class filter on economic class, fund or 三公 item); the storage
 * tests compare both paths on both engines.
 */
import type { Insertable } from "kysely";
import type { FactRow, RollupRow } from "./schema.ts";

export const ROLLUP_METRIC_SLICES = {
  expenditure: { table: "expenditure", column: "total" },
  basic: { table: "expenditure", column: "basic" },
  project: { table: "expenditure", column: "project" },
  income: { table: "income", column: "total" },
  threePublic: { table: "threePublic", column: "total" },
} as const;

export const THREE_PUBLIC_LINES = ["overseasTravel", "officialReception", "officialVehicles"] as const;

export type RollupDim = "total" | "functionClass" | "economicClass" | "fund" | "threePublicItem";

type F = Insertable<FactRow>;

/** The (dim, metric, key) cells a fact counts in; usually none or one or two. */
function cellsOf(f: F): [RollupDim, string, string][] {
  const out: [RollupDim, string, string][] = [];
  for (const [metric, s] of Object.entries(ROLLUP_METRIC_SLICES)) {
    if (f.table_key !== s.table || f.column_key !== s.column) continue;
    if (f.grain === "total") out.push(["total", metric, ""]);
    else if (f.grain === "class" && f.function_class) out.push(["functionClass", metric, f.function_class]);
  }
  if (
    f.economic_class &&
    ((f.table_key === "basicExpenditure" && f.column_key === "total" && f.grain === "class") ||
      (f.table_key === "projectExpenditure" && f.grain === "total"))
  )
    out.push(["economicClass", "", f.economic_class]);
  if (
    f.table_key === "income" &&
    f.grain === "total" &&
    f.fund &&
    f.fund !== "total" &&
    f.fund !== "fiscalAppropriation"
  )
    out.push(["fund", "", f.fund]);
  if (
    f.table_key === "threePublic" &&
    f.column_key === "total" &&
    f.line_key &&
    (THREE_PUBLIC_LINES as readonly string[]).includes(f.line_key)
  )
    out.push(["threePublicItem", "", f.line_key]);
  return out;
}

/** The rollup rows of one disclosure, from the fact rows saved with it. */
export function rollupRows(
  facts: readonly F[],
  ctx: { disclosureId: number; departmentId: number; year: number; region: string },
): Insertable<RollupRow>[] {
  const sums = new Map<string, Insertable<RollupRow>>();
  for (const f of facts) {
    for (const [dim, metric, key] of cellsOf(f)) {
      const k = `${dim}\u0000${metric}\u0000${key}`;
      const row = sums.get(k);
      if (row) row.amount_fen = Number(row.amount_fen) + Number(f.amount_fen);
      else
        sums.set(k, {
          disclosure_id: ctx.disclosureId,
          dim,
          metric,
          key,
          amount_fen: Number(f.amount_fen),
          department_id: ctx.departmentId,
          year: ctx.year,
          region: ctx.region,
          is_current: 0,
        });
    }
  }
  return [...sums.values()];
}
