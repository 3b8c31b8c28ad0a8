/**
 * Warming the portal before it listens: the department pages of the most recent published
 * versions (then their charts) are requested once in process, so their immutable parts are
 * rendered, their disclosures parsed and the code compiled before the first visitor arrives.
 * Without it, the first requests to a fresh server each waited for a page's first render
 * (5–35 ms for the bundled examples, one after another) and for V8 to compile the code, which
 * put the department page's p99 at 180–230 ms over the first ten seconds at 150 req/s
 * (BENCHMARKS.md). Bounded by a time budget: with thousands of disclosures the rest are
 * rendered on first request, as before.
 *
 * @example
 *   await warmPortal(app, store);   // then serve(...)
 */
import type { Hono } from "hono";
import { AGGREGATE_BY, type Store } from "../store/index.ts";
import { CHART_NAMES } from "./charts.ts";

export interface WarmResult {
  pages: number;
  charts: number;
  ms: number;
}

export async function warmPortal(
  app: Hono,
  store: Store,
  opts: { budgetMs?: number; limit?: number } = {},
): Promise<WarmResult> {
  const started = performance.now();
  const budget = opts.budgetMs ?? 3000;
  const left = () => performance.now() - started < budget;
  const current = await store.db
    .selectFrom("disclosures")
    .select(["id", "department_id", "year"])
    .where("is_current", "=", 1)
    .orderBy("id", "desc")
    .limit(opts.limit ?? 200)
    .execute();
  let pages = 0;
  let charts = 0;
  for (const d of current) {
    if (!left()) break;
    const res = await app.request(`/departments/${d.department_id}/${d.year}`);
    await res.arrayBuffer();
    if (res.ok) pages++;
  }
  for (const d of current) {
    for (const name of CHART_NAMES) {
      if (!left()) break;
      const res = await app.request(`/disclosures/${d.id}/charts/${name}.svg`);
      await res.arrayBuffer();
      if (res.ok) charts++;
    }
  }
  return { pages, charts, ms: Math.round(performance.now() - started) };
}

/**
 * The answers over every disclosure that the home page and the API's summaries ask for first (each
 * aggregate grouping without a filter), computed once in the background after the server listens:
 * at 300,000 disclosures each takes 0.1–1.7 s on the database, and the first visitors would
 * otherwise wait for them (the store then keeps them fresh, stale-while-revalidate). Resolves
 * with how many were made; a failure is left for a request to meet and report.
 */
export async function warmAnswers(app: Hono): Promise<number> {
  let made = 0;
  for (const by of AGGREGATE_BY) {
    try {
      const res = await app.request(`/api/aggregates?by=${by}`);
      await res.arrayBuffer();
      if (res.ok) made++;
    } catch {
      // the request that needs it will report it
    }
  }
  return made;
}
