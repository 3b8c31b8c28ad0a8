/**
 * The OpenAPI document lists what the server really answers: every /api route is documented and
 * nothing else is; each status the server gives an operation when provoked — 400 (an undeclared
 * query parameter), 413 (a body over its limit), 503 (overload), 429 (failed token attempts), 406
 * (an Accept-Encoding it cannot meet) — is among that operation's documented responses; and a method
 * a path does not document is answered 405 with Allow naming exactly the documented ones.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, resolveConfig } from "../../src/config.ts";
import { openApiDocument } from "../../src/server/api/openapi.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { type Saved, saveDisclosure } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { makeDisclosure } from "../../src/store/testing.ts";
import { listen } from "../security/helpers.ts";

interface Op {
  security?: unknown;
  responses: Record<string, unknown>;
}
const doc = openApiDocument() as unknown as {
  paths: Record<string, Record<string, Op>>;
  components: { responses: Record<string, unknown> };
};
const OPERATIONS = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
);

function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    // a declared Content-Length is enough: the server refuses it before reading a byte
    req.end();
  });
}

describe("the OpenAPI document and the server's answers", () => {
  let t: TestStore;
  let config: Config;
  const apps: ReturnType<typeof createApp>[] = [];
  const servers: { base: string; close: () => Promise<void> }[] = [];
  let saved: Saved;

  async function serve(opts: Parameters<typeof createApp>[2] = {}): Promise<string> {
    const app = createApp(t.store, config, opts);
    apps.push(app);
    const s = await listen(app);
    servers.push(s);
    return s.base;
  }

  /** A documented path with its parameters filled in from the saved disclosure. */
  const concrete = (path: string) =>
    path
      .replace("/api/departments/{id}", `/api/departments/${saved.departmentId}`)
      .replace("{id}", String(saved.id))
      .replace("{other}", String(saved.id))
      .replace("{no}", "1");

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    config = resolveConfig({}, {});
    saved = await saveDisclosure(t.store, { disclosure: makeDisclosure(), status: "published" });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const a of apps) await closeApp(a);
    await t?.cleanup();
  });

  it("documents every /api route and no other", async () => {
    const app = createApp(t.store, config);
    apps.push(app);
    const routes = new Set(
      app.routes
        .filter((r) => r.path.startsWith("/api/") && r.method !== "ALL" && !r.path.endsWith("*"))
        .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]\w*)/g, "{$1}")}`),
    );
    expect(new Set(OPERATIONS.map((o) => `${o.method} ${o.path}`))).toEqual(routes);
  });

  it("lists 400, 413 and 503 on every operation, each provoked", async () => {
    const base = await serve();
    const busy = await serve({ loopLag: () => 10_000 });
    for (const { path, method, op } of OPERATIONS) {
      const at = `${method} ${path}`;
      const bad = await send(base, method, `${concrete(path)}?no_such_parameter=1`);
      expect(bad.status, at).toBe(400);
      const big = await send(base, method, concrete(path), { "Content-Length": String(200 * 1024 * 1024) });
      expect(big.status, at).toBe(413);
      const shed = await send(busy, method, concrete(path));
      expect(shed.status, at).toBe(503);
      expect(shed.headers["retry-after"], at).toMatch(/^\d+$/);
      for (const code of ["400", "413", "503"]) expect(Object.keys(op.responses), `${at} ${code}`).toContain(code);
    }
  });

  it("lists 429 on every operation that takes a token, and only there", async () => {
    const base = await serve();
    const secured = OPERATIONS.filter((o) => o.op.security);
    expect(secured.length).toBeGreaterThanOrEqual(4);
    const first = secured[0]!;
    for (let i = 0; i < 10; i++) {
      const r = await send(base, first.method, concrete(first.path), { Authorization: `Bearer wrong-${i}` });
      expect(r.status).toBe(401);
    }
    for (const { path, method, op } of secured) {
      const r = await send(base, method, concrete(path), { Authorization: "Bearer wrong-again" });
      expect(r.status, `${method} ${path}`).toBe(429);
      expect(r.headers["retry-after"], `${method} ${path}`).toMatch(/^\d+$/);
      expect(Object.keys(op.responses), `${method} ${path}`).toContain("429");
    }
    // reads take no token: never 429, and not documented so
    for (const { path, method, op } of OPERATIONS.filter((o) => !o.op.security)) {
      const r = await send(base, method, concrete(path));
      expect(r.status, `${method} ${path}`).toBe(200);
      expect(Object.keys(op.responses), `${method} ${path}`).not.toContain("429");
    }
  });

  it("lists 406 on every operation that answers with content, each read provoked", async () => {
    const base = await serve();
    for (const { path, method, op } of OPERATIONS.filter((o) => o.method === "GET")) {
      const r = await send(base, method, concrete(path), { "Accept-Encoding": "identity;q=0" });
      expect(r.status, path).toBe(406);
      expect(Object.keys(op.responses), path).toContain("406");
    }
    for (const { path, method, op } of OPERATIONS.filter((o) => o.method !== "GET")) {
      const content = Object.entries(op.responses).some(
        ([c, v]) => c.startsWith("2") && JSON.stringify(v).includes("content"),
      );
      expect(Object.keys(op.responses).includes("406"), `${method} ${path}`).toBe(content);
    }
  });

  it("answers 405 with Allow naming exactly the documented methods of a path", async () => {
    const base = await serve();
    expect(doc.components.responses.MethodNotAllowed).toBeDefined();
    for (const [path, ops] of Object.entries(doc.paths)) {
      const documented = Object.keys(ops).map((m) => m.toUpperCase());
      const allow = [...documented, ...(documented.includes("GET") ? ["HEAD"] : [])].sort();
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !documented.includes(m))) {
        const r = await send(base, method, concrete(path));
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(String(r.headers.allow).split(", ").sort(), `${method} ${path}`).toEqual(allow);
      }
    }
  });
});
