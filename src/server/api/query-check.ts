/**
 * Every API route accepts only the query parameters its OpenAPI operation declares: an unknown
 * one (a misspelt or unsupported filter such as `?functionCode=205`) is a 400 that names the
 * parameters the route takes, never silently ignored (the whole unfiltered list looked like an
 * answer). The OpenAPI document is the one list, so the documentation and the check cannot drift.
 */
import type { MiddlewareHandler } from "hono";
import { httpError } from "../errors.ts";
import { openApiDocument } from "./openapi.ts";

type Operation = { parameters?: { name: string; in: string }[] };

/** Query parameter names by "METHOD /openapi/path". */
function declaredQueries(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [path, ops] of Object.entries(openApiDocument().paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, Operation>)) {
      const names = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      out.set(`${method.toUpperCase()} ${path}`, new Set(names));
    }
  }
  return out;
}

/** "/api/disclosures/:id/facts" → "/api/disclosures/{id}/facts" */
const openApiPath = (routePath: string) => routePath.replace(/:([A-Za-z_]\w*)/g, "{$1}");

export function checkQuery(): MiddlewareHandler {
  const declared = declaredQueries();
  return async (c, next) => {
    const names = Object.keys(c.req.queries());
    if (names.length > 0) {
      const method = c.req.method === "HEAD" ? "GET" : c.req.method;
      // the route that answers: the matched route of this method that is not a middleware
      const route = c.req.matchedRoutes.find((r) => r.method === method && !r.path.endsWith("*"));
      const allowed = route ? declared.get(`${method} ${openApiPath(route.path)}`) : undefined;
      const unknown = names.filter((n) => !allowed?.has(n));
      if (route && unknown.length > 0) {
        const list = allowed && allowed.size > 0 ? `可用：${[...allowed].join("、")}` : "此接口不接受查询参数";
        throw httpError(400, `未知的查询参数：${unknown.join("、")}（${list}；见 /api/openapi.json）`);
      }
    }
    await next();
  };
}
