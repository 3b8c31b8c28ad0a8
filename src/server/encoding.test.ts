import zlib from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { LruCache } from "../store/cache.ts";
import {
  compression,
  Encoded,
  etagFor,
  ifNoneMatch,
  isCompressible,
  negotiate,
  parseAcceptEncoding,
  sendEncoded,
  varyOn,
} from "./encoding.ts";

describe("Accept-Encoding negotiation (RFC 9110 §12.5.3)", () => {
  it.each([
    // [header, worth compressing, expected]
    [undefined, true, "identity"], // no header: identity, as curl without --compressed expects
    ["", true, "identity"], // an empty value: no coding wanted
    ["gzip, deflate, br", true, "br"], // a browser: brotli preferred on a tie
    ["gzip, deflate, br, zstd", true, "br"],
    ["gzip", true, "gzip"],
    ["x-gzip", true, "gzip"],
    ["deflate", true, "identity"], // nothing we send but identity, which is acceptable by default
    ["br;q=0, gzip", true, "gzip"],
    ["gzip;q=0, br", true, "br"],
    ["gzip;q=0, br;q=0", true, "identity"],
    ["br;q=0.5, gzip;q=0.8", true, "gzip"],
    ["gzip;q=0.5", true, "gzip"], // identity unnamed is only the fallback
    ["gzip;q=0.5, identity", true, "identity"], // named, its q=1 beats 0.5
    ["gzip;q=0.5, identity;q=0.2", true, "gzip"],
    ["*;q=0.5", true, "br"],
    ["GZIP;Q=1.0", true, "gzip"],
    ["*", true, "br"],
    ["*;q=0.5, gzip", true, "gzip"],
    ["identity;q=0, gzip", true, "gzip"],
    ["identity;q=0, gzip", false, "gzip"], // identity refused: compressed even when not worth it
    ["gzip, br", false, "identity"], // not worth compressing, identity acceptable
    ["identity;q=0", true, undefined], // nothing acceptable: 406
    ["*;q=0", true, undefined],
    ["*;q=0, identity", true, "identity"],
    ["identity;q=0, gzip;q=0, br;q=0", true, undefined],
    ["gzip;q=2", true, "identity"], // a q out of range counts as 0, never as 1
    ["gzip;q=abc", true, "identity"],
    ["br;q=0.001", true, "br"], // any q above 0 is acceptable
    ["br;q=0.001, identity;q=0", true, "br"],
  ] as const)("%j (worth %s) → %s", (header, worth, expected) => {
    expect(negotiate(header, worth)).toBe(expected);
  });

  it("parses codings and q-values", () => {
    expect([...(parseAcceptEncoding(" gzip ; q=0.5 ,br,identity;q=0") ?? [])]).toEqual([
      ["gzip", 0.5],
      ["br", 1],
      ["identity", 0],
    ]);
    expect(parseAcceptEncoding(undefined)).toBeUndefined();
  });
});

describe("ETags and Vary", () => {
  it("gives each coding its own ETag", () => {
    const tags = (["identity", "gzip", "br"] as const).map((c) => etagFor("abc", c));
    expect(new Set(tags).size).toBe(3);
    expect(tags[0]).toBe('"abc"');
  });

  it("compares If-None-Match weakly, in lists, and with *", () => {
    expect(ifNoneMatch('"abc-br"', '"abc-br"')).toBe(true);
    expect(ifNoneMatch('W/"abc-br"', '"abc-br"')).toBe(true);
    expect(ifNoneMatch('"x", "abc-br" , "y"', '"abc-br"')).toBe(true);
    expect(ifNoneMatch("*", '"abc"')).toBe(true);
    expect(ifNoneMatch('"abc"', '"abc-br"')).toBe(false);
    expect(ifNoneMatch('"abc-gzip"', '"abc-br"')).toBe(false);
    expect(ifNoneMatch(undefined, '"abc"')).toBe(false);
  });

  it("adds Accept-Encoding to Vary once", () => {
    expect(varyOn(null)).toBe("Accept-Encoding");
    expect(varyOn("Origin")).toBe("Origin, Accept-Encoding");
    expect(varyOn("origin, accept-encoding")).toBe("origin, accept-encoding");
    expect(varyOn("*")).toBe("*");
  });

  it("compresses text, JSON, XML and SVG, never formats compressed already", () => {
    for (const t of [
      "text/html; charset=UTF-8",
      "text/csv",
      "application/json",
      "image/svg+xml",
      "application/ld+json",
    ])
      expect(isCompressible(t)).toBe(true);
    for (const t of [
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/pdf",
      "image/png",
      "font/woff2",
      "application/zip",
      "application/octet-stream",
      "text/event-stream",
      undefined,
    ])
      expect(isCompressible(t)).toBe(false);
  });
});

describe("Encoded: compressed once, counted in its cache", () => {
  const text = new TextEncoder().encode("预算公开 ".repeat(2000));

  it("makes each coding once and the bytes decompress to the identity", async () => {
    const e = new Encoded(text, "text/html; charset=UTF-8");
    const [a, b] = await Promise.all([e.bytes("br"), e.bytes("br")]);
    expect(a).toBe(b);
    expect(await e.bytes("br")).toBe(a);
    expect(Buffer.from(zlib.brotliDecompressSync(a))).toEqual(Buffer.from(text));
    expect(Buffer.from(zlib.gunzipSync(await e.bytes("gzip")))).toEqual(Buffer.from(text));
    expect(e.size).toBe(text.byteLength + a.byteLength + (await e.bytes("gzip")).byteLength);
  });

  it("re-weighs its cache entry as compressed forms are added, within the cache's budget", async () => {
    const cache = new LruCache<Encoded>(100, 60_000, { max: 3 * text.byteLength, weigh: (e) => e.size });
    const keys = ["a", "b", "c"];
    for (const k of keys) {
      const e = new Encoded(text, "text/plain");
      e.onGrow = () => cache.reweigh(k);
      cache.set(k, e);
    }
    expect(cache.weighed).toBe(3 * text.byteLength);
    // compressing "c" adds bytes: the least recently used entry ("a") goes to stay within the budget
    await cache.get("c")?.bytes("gzip");
    expect(cache.weighed).toBeLessThanOrEqual(3 * text.byteLength);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeDefined();
    expect(cache.get("c")?.size).toBeGreaterThan(text.byteLength);
  });

  it("never offers a coding for a small body or a type compressed already", async () => {
    expect(new Encoded(new Uint8Array(100), "text/html").compressible).toBe(false);
    expect(new Encoded(text, "application/pdf").compressible).toBe(false);
    expect(new Encoded(text, "text/html").compressible).toBe(true);
  });

  it("answers 406 when nothing acceptable, and 304 for the coding the client has", async () => {
    const e = new Encoded(text, "text/plain; charset=utf-8", { etag: "v1" });
    const app = new Hono().get("/", (c) => sendEncoded(c, e));
    expect((await app.request("/", { headers: { "Accept-Encoding": "identity;q=0" } })).status).toBe(406);
    const r = await app.request("/", { headers: { "Accept-Encoding": "gzip", "If-None-Match": '"v1-gzip"' } });
    expect(r.status).toBe(304);
    expect(r.headers.get("ETag")).toBe('"v1-gzip"');
    expect(r.headers.get("Vary")).toBe("Accept-Encoding");
    const r2 = await app.request("/", { headers: { "Accept-Encoding": "br", "If-None-Match": '"v1-gzip"' } });
    expect(r2.status).toBe(200);
    expect(r2.headers.get("Content-Encoding")).toBe("br");
  });
});

describe("compression(): responses made per request", () => {
  it("streams a body longer than its buffer, compressing as it goes", async () => {
    const CHUNK = 64 * 1024;
    const CHUNKS = 128; // 8 MB
    let produced = 0;
    const source = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (produced >= CHUNK * CHUNKS) return controller.close();
          // varied text (compressible, but not to nothing), so output flows as input does
          const line = Buffer.from(
            Array.from({ length: CHUNK / 16 }, (_, i) => `${(produced + i * 7919).toString(36)},`)
              .join("")
              .padEnd(CHUNK, "x")
              .slice(0, CHUNK),
          );
          produced += CHUNK;
          controller.enqueue(new Uint8Array(line));
        },
      });
    const app = new Hono();
    app.use(compression({ bufferMax: 256 * 1024 }));
    app.get("/big.csv", (c) => c.body(source(), 200, { "Content-Type": "text/csv; charset=utf-8" }));
    const res = await app.request("/big.csv", { headers: { "Accept-Encoding": "gzip" } });
    expect(res.headers.get("Content-Encoding")).toBe("gzip");
    expect(res.headers.get("Content-Length")).toBeNull();
    const reader = res.body!.getReader();
    const first = await reader.read();
    // the first compressed bytes are out long before the whole body was made: nothing holds it all
    expect(first.done).toBe(false);
    expect(produced).toBeLessThan((CHUNK * CHUNKS) / 2);
    const parts: Uint8Array[] = [first.value!];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    const whole = zlib.gunzipSync(Buffer.concat(parts));
    expect(whole.byteLength).toBe(CHUNK * CHUNKS);
    produced = 0;
    const plain = Buffer.from(await (await app.request("/big.csv")).arrayBuffer());
    expect(whole.equals(plain)).toBe(true);
  });

  it("gives a compressed answer its own ETag and length, not the identity's", async () => {
    const big = "数".repeat(5000);
    const app = new Hono();
    app.use(compression());
    app.get("/t", (c) => c.text(big, 200, { ETag: '"v1"', "Content-Length": String(Buffer.byteLength(big)) }));
    const gz = await app.request("/t", { headers: { "Accept-Encoding": "gzip" } });
    const body = Buffer.from(await gz.arrayBuffer());
    expect(gz.headers.get("ETag")).toBe('"v1-gzip"');
    expect(gz.headers.get("Content-Length")).toBe(String(body.byteLength));
    expect(zlib.gunzipSync(body).toString()).toBe(big);
    const plain = await app.request("/t");
    expect(plain.headers.get("ETag")).toBe('"v1"');
    expect(plain.headers.get("Vary")).toBe("Accept-Encoding");
  });

  it("leaves error answers, encoded bodies and no-transform alone", async () => {
    const big = "数".repeat(5000);
    const app = new Hono();
    app.use(compression());
    app.get("/err", (c) => c.text(big, 404));
    app.get("/nt", (c) => c.text(big, 200, { "Cache-Control": "no-transform" }));
    app.get("/ok", (c) => c.text(big));
    const h = { "Accept-Encoding": "gzip" };
    expect((await app.request("/err", { headers: h })).headers.get("Content-Encoding")).toBeNull();
    expect((await app.request("/nt", { headers: h })).headers.get("Content-Encoding")).toBeNull();
    const ok = await app.request("/ok", { headers: h });
    expect(ok.headers.get("Content-Encoding")).toBe("gzip");
    expect(zlib.gunzipSync(Buffer.from(await ok.arrayBuffer())).toString()).toBe(big);
  });
});
