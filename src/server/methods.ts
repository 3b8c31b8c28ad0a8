/**
 * 405 Method Not Allowed: when no route matched, the path may still exist for other methods. The
 * app's own route table says which, so the answer names them in `Allow` instead of a 404.
 *
 * @example
 *   allowedMethods(app.routes, "/upload")  // ["GET", "HEAD", "POST"]
 */

/** Whether a Hono route pattern (`/a/:id/*`) matches a concrete path. */
export function matchesRoute(pattern: string, path: string): boolean {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  for (let i = 0; i < p.length; i++) {
    const part = p[i] as string;
    if (part === "*") return true;
    const seg = s[i];
    if (seg === undefined) return false;
    if (part.startsWith(":")) continue;
    if (part !== seg) return false;
  }
  return p.length === s.length;
}

/** The methods the routes answer on `path` (HEAD with GET), sorted; empty when none. */
export function allowedMethods(routes: readonly { method: string; path: string }[], path: string): string[] {
  const out = new Set<string>();
  for (const r of routes) {
    if (r.method === "ALL" || r.path === "*" || r.path === "/*") continue;
    if (!matchesRoute(r.path, path)) continue;
    out.add(r.method);
    if (r.method === "GET") out.add("HEAD");
  }
  return [...out].sort();
}
