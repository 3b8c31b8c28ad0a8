/**
 * Path traversal (the probe's 12 cases held) and security headers, kept here: files are
 * addressed by id or by exact name only, never as paths; every answer — page, API, download,
 * chart, error, refusal — carries the security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { type Saved, saveDisclosure } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { makeDisclosure } from "../../src/store/testing.ts";

const SECRETS = [/"name":\s*"yusuan"/, /root:x:0:0/, /BEGIN [A-Z ]*PRIVATE KEY/];

describe("path traversal and security headers", () => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  let seed: Saved;

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    app = createApp(t.store, resolveConfig({}, {}));
    seed = await saveDisclosure(t.store, {
      disclosure: makeDisclosure(),
      status: "published",
      source: { name: "../../../etc/passwd", bytes: new TextEncoder().encode("seed") },
    });
  });
  afterAll(async () => {
    if (app) await closeApp(app);
    await t?.cleanup();
  });

  it("never serves a file by path", async () => {
    const id = seed.id;
    const tricks = [
      "..%2F..%2Fpackage.json",
      "..%2f..%2f..%2fetc%2fpasswd",
      "%2e%2e%2f%2e%2e%2fpackage.json",
      "..%5C..%5Cpackage.json",
      "....%2F%2Fpackage.json",
      "package.json%00.woff2",
      "%252e%252e%252fpackage.json",
    ];
    const paths = [
      ...tricks.map((x) => `/assets/fonts/${x}`),
      ...tricks.map((x) => `/disclosures/${id}/tables/${x}`),
      ...tricks.map((x) => `/disclosures/${id}/charts/${x}`),
      ...tricks.map((x) => `/disclosures/${x}/source`),
      ...tricks.map((x) => `/regions/${x}`),
      "/disclosures/../../package.json",
      "/assets/../package.json",
      "/api/disclosures/1%2F..%2F..%2Fpackage.json",
      `/disclosures/${id}/tables/3.csv%00.txt`,
      "/package.json",
      "/.env",
      "/src/config.ts",
      "/data/yusuan.db",
      "/node_modules/hono/package.json",
    ];
    for (const path of paths) {
      const res = await app.request(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      const body = await res.text();
      for (const s of SECRETS) expect(body, path).not.toMatch(s);
    }
    const src = await app.request(`/disclosures/${id}/source`);
    expect(src.status).toBe(200);
    expect(src.headers.get("content-disposition")).not.toMatch(/filename="[^"]*(\.\.|\/)/);
  });

  it("sends the security headers on every kind of answer", async () => {
    const answers: [string, RequestInit?][] = [
      ["/"],
      [`/departments/${seed.departmentId}/2025`],
      ["/api/departments"],
      [`/disclosures/${seed.id}/tables/3.csv`],
      [`/disclosures/${seed.id}/charts/function.svg`],
      ["/no/such/page"],
      ["/api/no/such"],
      ["/upload", { method: "PUT" }],
      ["/api/tokens", { method: "POST" }],
      ["/api/tokens", { method: "POST", headers: { "Content-Length": String(10 ** 9) }, body: "x" }],
    ];
    for (const [path, init] of answers) {
      const res = await app.request(path, init);
      const h = (name: string) => res.headers.get(name) ?? "";
      const what = `${init?.method ?? "GET"} ${path} (${res.status})`;
      expect(h("content-security-policy"), what).toMatch(/default-src '(self|none)'/);
      if (!path.endsWith(".svg")) {
        expect(h("content-security-policy"), what).toContain("script-src 'none'");
        expect(h("content-security-policy"), what).toContain("frame-ancestors 'none'");
      }
      expect(h("x-content-type-options"), what).toBe("nosniff");
      expect(h("x-frame-options"), what).toMatch(/DENY|SAMEORIGIN/);
      expect(h("referrer-policy"), what).not.toBe("");
      expect(h("strict-transport-security"), what).toContain("max-age=");
      expect(h("cross-origin-resource-policy"), what).toBe("same-origin");
      expect(res.headers.has("x-powered-by"), what).toBe(false);
    }
  });
});
