/**
 * Compressed responses from a real server: every kind of answer a browser asks for (the department
 * page, the home page, the JSON API, a CSV and the JSON download, a chart, the font stylesheet) is
 * sent in the coding Accept-Encoding asks for, with `Vary: Accept-Encoding`, an ETag per coding,
 * 304 for the coding the client holds, HEAD with GET's headers, and bytes that decompress to exactly
 * the identity body. XLSX and tiny bodies go as they are; a client that accepts nothing gets 406.
 */
import { request } from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.ts";
import { importFile } from "../../src/import/index.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { type Saved, saveDisclosure } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { listen } from "../security/helpers.ts";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request through node:http: the bytes as sent, nothing decompressed for us (fetch would). */
function raw(base: string, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const decode = (r: Raw): Buffer => {
  const enc = r.headers["content-encoding"];
  if (enc === "br") return zlib.brotliDecompressSync(r.body);
  if (enc === "gzip") return zlib.gunzipSync(r.body);
  if (enc === undefined) return r.body;
  throw new Error(`unexpected coding ${String(enc)}`);
};

const varies = (r: Raw) => /(^|,)\s*accept-encoding\s*(,|$)/i.test(String(r.headers.vary ?? ""));

describe("compressed responses", () => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  let server: { base: string; close: () => Promise<void> };
  let seed: Saved;
  let year: number;
  let paths: string[];

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    app = createApp(t.store, resolveConfig({}, {}));
    const r = await importFile("test/fixtures/bazhou-hrss-2025-budget.txt");
    if (!r.disclosure) throw new Error("the seed did not import");
    seed = await saveDisclosure(t.store, { disclosure: r.disclosure, status: "published" });
    year = r.disclosure.meta.year;
    server = await listen(app);
    // table 3 of the seed is long enough to be worth compressing (over 1 KB of CSV)
    paths = [
      `/departments/${seed.departmentId}/${year}`,
      "/",
      `/api/disclosures/${seed.id}/facts?limit=200`,
      `/api/disclosures/${seed.id}`,
      `/disclosures/${seed.id}/tables/3.csv`,
      `/disclosures/${seed.id}/disclosure.json`,
      `/disclosures/${seed.id}/charts/function.svg`,
      "/assets/fonts.css",
    ];
  });
  afterAll(async () => {
    await server?.close();
    if (app) await closeApp(app);
    await t?.cleanup();
  });

  it("sends each body in the coding asked for, and it decompresses to exactly the identity", async () => {
    for (const path of paths) {
      const plain = await raw(server.base, path);
      expect(plain.status, path).toBe(200);
      expect(plain.headers["content-encoding"], path).toBeUndefined();
      expect(plain.body.byteLength, path).toBeGreaterThanOrEqual(1024);
      expect(varies(plain), path).toBe(true);
      for (const [accept, coding] of [
        ["gzip, deflate, br", "br"],
        ["gzip", "gzip"],
        ["br;q=0, gzip", "gzip"],
        ["gzip;q=0.5, br;q=0.9", "br"],
        ["identity;q=0, gzip", "gzip"],
        ["gzip;q=0.5, identity", undefined],
      ] as const) {
        const r = await raw(server.base, path, { "Accept-Encoding": accept });
        expect(r.status, `${path} ${accept}`).toBe(200);
        expect(r.headers["content-encoding"], `${path} ${accept}`).toBe(coding);
        expect(varies(r), `${path} ${accept}`).toBe(true);
        expect(Number(r.headers["content-length"]), `${path} ${accept}`).toBe(r.body.byteLength);
        expect(decode(r).equals(plain.body), `${path} ${accept}: decompresses to the identity body`).toBe(true);
        if (coding) expect(r.body.byteLength, `${path} ${accept}`).toBeLessThan(plain.body.byteLength / 2);
      }
    }
  });

  it("gives each coding its own ETag, and 304 only for the one the client holds", async () => {
    for (const path of paths.filter((p) => !p.startsWith("/api/") && p !== "/")) {
      const tags = new Map<string, string>();
      for (const accept of ["identity", "gzip", "br"]) {
        const r = await raw(server.base, path, { "Accept-Encoding": accept });
        const etag = String(r.headers.etag ?? "");
        expect(etag, `${path} ${accept}`).toMatch(/^"[^"]+"$/);
        tags.set(accept, etag);
      }
      expect(new Set(tags.values()).size, path).toBe(3);
      const br = tags.get("br") ?? "";
      const same = await raw(server.base, path, { "Accept-Encoding": "br", "If-None-Match": br });
      expect(same.status, path).toBe(304);
      expect(same.body.byteLength, path).toBe(0);
      expect(same.headers.etag, path).toBe(br);
      expect(varies(same), path).toBe(true);
      // weak comparison, and a list
      const weak = await raw(server.base, path, { "Accept-Encoding": "br", "If-None-Match": `"x", W/${br}` });
      expect(weak.status, path).toBe(304);
      // the client holds the brotli bytes but now asks for gzip: it gets them, whole
      const other = await raw(server.base, path, { "Accept-Encoding": "gzip", "If-None-Match": br });
      expect(other.status, path).toBe(200);
      expect(other.headers["content-encoding"], path).toBe("gzip");
      expect(other.headers.etag, path).toBe(tags.get("gzip"));
      const plain = await raw(server.base, path, { "If-None-Match": br });
      expect(plain.status, path).toBe(200);
      expect(plain.headers["content-encoding"], path).toBeUndefined();
    }
  });

  it("answers HEAD with GET's headers and no body", async () => {
    for (const path of paths) {
      for (const accept of ["gzip, deflate, br", "gzip", "identity"]) {
        const get = await raw(server.base, path, { "Accept-Encoding": accept });
        const head = await raw(server.base, path, { "Accept-Encoding": accept }, "HEAD");
        expect(head.status, `${path} ${accept}`).toBe(200);
        expect(head.body.byteLength, `${path} ${accept}`).toBe(0);
        for (const h of ["content-encoding", "content-length", "content-type", "vary"])
          expect(head.headers[h], `${path} ${accept} ${h}`).toEqual(get.headers[h]);
        if (get.headers.etag) expect(head.headers.etag, `${path} ${accept}`).toBe(get.headers.etag);
      }
    }
  });

  it("sends XLSX and tiny bodies as they are, and 406 when no coding is acceptable", async () => {
    const xlsx = await raw(server.base, `/disclosures/${seed.id}/disclosure.xlsx`, {
      "Accept-Encoding": "gzip, deflate, br",
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers["content-encoding"]).toBeUndefined();
    expect(xlsx.body.subarray(0, 2).toString()).toBe("PK");
    const table = await raw(server.base, `/disclosures/${seed.id}/tables/3.xlsx`, { "Accept-Encoding": "gzip, br" });
    expect(table.headers["content-encoding"]).toBeUndefined();
    const tiny = await raw(server.base, "/api/years", { "Accept-Encoding": "gzip, deflate, br" });
    expect(JSON.parse(tiny.body.toString())).toEqual({ items: [year] });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(varies(tiny)).toBe(true);
    // refusing identity for a tiny body: compressed all the same
    const refused = await raw(server.base, "/api/years", { "Accept-Encoding": "gzip, identity;q=0" });
    expect(refused.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decode(refused).toString())).toEqual({ items: [year] });
    // the health check is left alone: two bytes, asked for all the time
    const health = await raw(server.base, "/healthz", { "Accept-Encoding": "gzip, deflate, br" });
    expect(health.body.toString()).toBe("ok");
    expect(health.headers["content-encoding"]).toBeUndefined();
    for (const accept of ["identity;q=0", "*;q=0", "gzip;q=0, br;q=0, identity;q=0"]) {
      for (const path of [paths[0] as string, paths[2] as string]) {
        const r = await raw(server.base, path, { "Accept-Encoding": accept });
        expect(r.status, `${path} ${accept}`).toBe(406);
        expect(decode(r).toString(), `${path} ${accept}`).toMatch(/Accept-Encoding 不接受/);
      }
    }
  });

  it("answers repeated searches and aggregates from one serialised, compressed answer, with ETags", async () => {
    for (const path of [`/api/search?q=${encodeURIComponent("人力资源")}`, "/api/aggregates?by=functionClass"]) {
      const a = await raw(server.base, path, { "Accept-Encoding": "identity;q=0, gzip" });
      const b = await raw(server.base, path, { "Accept-Encoding": "identity;q=0, gzip" });
      expect(a.status, path).toBe(200);
      expect(a.headers["content-encoding"], path).toBe("gzip");
      expect(b.body.equals(a.body), path).toBe(true);
      expect(a.headers.etag, path).toMatch(/-gzip"$/);
      expect(b.headers.etag, path).toBe(a.headers.etag);
      expect(JSON.parse(decode(a).toString()), path).toHaveProperty("items");
      const again = await raw(server.base, path, {
        "Accept-Encoding": "identity;q=0, gzip",
        "If-None-Match": String(a.headers.etag),
      });
      expect(again.status, path).toBe(304);
      const plain = await raw(server.base, path, { "If-None-Match": String(a.headers.etag) });
      expect(plain.status, path).toBe(200);
      expect(plain.body.equals(decode(a)), path).toBe(true);
    }
  });

  it("keeps error pages uncompressed (cheap under load) but the page itself compressed", async () => {
    const missing = await raw(server.base, "/departments/999999/2025", { "Accept-Encoding": "gzip, br" });
    expect(missing.status).toBe(404);
    expect(missing.headers["content-encoding"]).toBeUndefined();
    expect(missing.body.toString()).toMatch(/没有该部门 2025 年已发布的/);
  });
});
