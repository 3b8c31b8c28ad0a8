/**
 * Oversized bodies (issue 13, item 1): every route refuses a body over its limit before reading
 * it, whether the body declares its length or streams without one, and token-protected routes
 * check the token before reading anything large. The 1 GB bodies are generated as they are sent;
 * memory is the process's own figure (the server runs in this process).
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, resolveConfig } from "../../src/config.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { createToken, type Saved, saveDisclosure } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { makeDisclosure } from "../../src/store/testing.ts";
import { listen } from "./helpers.ts";

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const CHUNK = new Uint8Array(256 * 1024).fill(0x61);

interface Sent {
  status: number;
  body: string;
  sent: number;
}

/**
 * POSTs up to `total` bytes to `path`, generating them as the socket takes them, and stops
 * sending as soon as the server answers (or closes). `declare`: send Content-Length (else chunked).
 */
function post(base: string, path: string, total: number, headers: Record<string, string>, declare: boolean) {
  return new Promise<Sent>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${base}${path}`, {
      method: "POST",
      headers: { ...headers, ...(declare ? { "Content-Length": String(total) } : {}) },
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        body += d;
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sent });
        req.destroy();
      });
    });
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    const pump = () => {
      while (!answered && sent < total && !req.destroyed) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered && sent >= total) req.end();
    };
    pump();
  });
}

describe("oversized bodies", () => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  let config: Config;
  let server: Awaited<ReturnType<typeof listen>>;
  let draft: Saved;
  let admin: string;

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    config = resolveConfig({ maxUploadMb: 1 }, {});
    app = createApp(t.store, config);
    server = await listen(app);
    draft = await saveDisclosure(t.store, { disclosure: makeDisclosure(), status: "draft" });
    admin = (await createToken(t.store, { name: "admin", role: "admin" })).token;
  });
  afterAll(async () => {
    await server?.close();
    if (app) await closeApp(app);
    await t?.cleanup();
  });

  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const cases: [string, string, Record<string, string>][] = [
    ["the publish form (token in the body)", `/disclosures/DRAFT/publish`, form],
    ["the upload form without a token", "/upload", { "Content-Type": "multipart/form-data; boundary=x" }],
    [
      "an API upload with a wrong token",
      "/api/disclosures",
      { Authorization: "Bearer wrong", "Content-Type": "text/plain" },
    ],
    [
      "a route that takes no body",
      "/api/tokens",
      { Authorization: `Bearer wrong`, "Content-Type": "application/json" },
    ],
  ];

  for (const declare of [true, false])
    for (const [what, path, headers] of cases)
      it(`refuses 1 GB to ${what} (${declare ? "Content-Length" : "chunked"}) without reading it`, async () => {
        const rssBefore = process.memoryUsage().rss;
        const peakBefore = process.resourceUsage().maxRSS * 1024;
        const r = await post(server.base, path.replace("DRAFT", String(draft.id)), GB, headers, declare);
        expect([401, 413]).toContain(r.status);
        if (declare || path.includes("publish")) expect(r.status).toBe(413);
        // the answer came long before the body could have been sent: the server stopped reading
        expect(r.sent).toBeLessThan(64 * MB);
        expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * MB);
        expect(process.resourceUsage().maxRSS * 1024 - peakBefore).toBeLessThan(200 * MB);
        expect(r.body).toMatch(/太大|令牌/);
      });

  it("refuses a body sent with a GET too, and closes the connection", async () => {
    const res = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(`${server.base}/`, { method: "GET", headers: { "Content-Length": String(GB) } });
      req.on("response", (r) => {
        resolve({ status: r.statusCode ?? 0, connection: r.headers.connection });
        r.resume();
        req.destroy();
      });
      req.on("error", reject);
      req.write(CHUNK);
    });
    expect(res.status).toBe(413);
    expect(res.connection).toBe("close");
  });

  it("reads nothing of an upload before its token is checked", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        pulled += CHUNK.length;
        ctl.enqueue(CHUNK);
        if (pulled > 64 * MB) ctl.close();
      },
    });
    const res = await app.request("/api/disclosures", {
      method: "POST",
      body,
      duplex: "half",
      headers: { Authorization: "Bearer wrong-token", "Content-Type": "text/plain" },
    } as RequestInit);
    expect(res.status).toBe(401);
    expect(pulled).toBeLessThanOrEqual(2 * CHUNK.length);
  });

  it("still takes an upload within the limit, with a declared length or chunked", async () => {
    for (const chunked of [false, true]) {
      const doc = makeDisclosure({ department: "限额测试局", year: chunked ? 2027 : 2026 });
      const bytes = new TextEncoder().encode(JSON.stringify(doc));
      const res = await app.request("/api/disclosures?name=d.json", {
        method: "POST",
        headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
        ...(chunked
          ? {
              body: new ReadableStream({
                start(ctl) {
                  ctl.enqueue(bytes);
                  ctl.close();
                },
              }),
              duplex: "half",
            }
          : { body: bytes }),
      } as RequestInit);
      expect(res.status, chunked ? "chunked" : "declared").toBe(201);
    }
  });
});
