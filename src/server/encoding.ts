/**
 * Compressed responses (HTTP content coding, RFC 9110 §8.4 and §12.5.3): brotli or gzip, chosen
 * from the request's Accept-Encoding with its q-values, `Vary: Accept-Encoding` on every response
 * that could have been sent otherwise, and an ETag per coding (a 304 names the bytes the client has).
 *
 * Two ways in:
 * - `Encoded` + `sendEncoded`: a body made once and kept (a department page per version, a download,
 *   a chart, the font stylesheet). Each coding is compressed once, on its first request, and kept
 *   beside the identity bytes; `size` counts them all, so the cache that holds it bounds them too.
 * - `compression()`: middleware for everything else (search, aggregates, the other pages), compressed
 *   per response. A body up to `bufferMax` is compressed whole (with a Content-Length); a longer one,
 *   or a stream, is compressed as it streams, never held whole.
 *
 * Not compressed: bodies under 1 KB (the coding costs more than it saves), types that are compressed
 * already (XLSX, PDF, PNG, woff2, zip: anything not text, JSON, XML or SVG), error answers (kept
 * cheap under load), and responses marked `Cache-Control: no-transform`. A client that accepts no
 * coding we can send, identity included (`identity;q=0` with `gzip;q=0, br;q=0`, or `*;q=0`), is
 * answered 406 for a compressible body; bodies we never compress are sent as they are (RFC 9110
 * lets a server disregard Accept-Encoding for them).
 *
 * @example
 *   app.use(compression());
 *   const page = new Encoded(bytes, "text/html; charset=UTF-8");
 *   return sendEncoded(c, page);
 */
import { createHash } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import { httpError } from "./errors.ts";

export type Coding = "br" | "gzip" | "identity";

/** Bodies shorter than this are sent as they are (when the client accepts identity). */
export const MIN_COMPRESS_BYTES = 1024;

/** Types worth compressing: text, JSON, XML, SVG, JavaScript. Everything else is sent as it is. */
export function isCompressible(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    (type.startsWith("text/") && type !== "text/event-stream") ||
    type === "application/json" ||
    type === "application/javascript" ||
    type === "application/xml" ||
    type === "image/svg+xml" ||
    type.endsWith("+json") ||
    type.endsWith("+xml")
  );
}

/**
 * Accept-Encoding as coding → q (lower-case codings; `x-gzip` read as gzip). Undefined when the
 * header is absent. A malformed q counts as 0 (not acceptable), never as 1.
 */
export function parseAcceptEncoding(header: string | undefined): Map<string, number> | undefined {
  if (header === undefined) return undefined;
  const out = new Map<string, number>();
  for (const part of header.slice(0, 1000).split(",")) {
    const [name, ...params] = part.split(";");
    const coding = name?.trim().toLowerCase();
    if (!coding) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*(.*?)\s*$/i.exec(p);
      if (m) q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(m[1] ?? "") ? Number(m[1]) : 0;
    }
    const key = coding === "x-gzip" ? "gzip" : coding;
    // the first mention of a coding counts (a header that repeats one is malformed anyway)
    if (!out.has(key)) out.set(key, q);
  }
  return out;
}

/**
 * The coding to send a body in, or undefined when the client accepts none we can send (406).
 * Without Accept-Encoding: identity. The highest q wins, brotli before gzip before identity on a
 * tie; identity competes only when named (or through `*`): unnamed it is the fallback, acceptable
 * unless `*;q=0` refuses it. A body not worth compressing (`worth` false: small, or a type we never
 * compress) goes as identity whenever identity is acceptable.
 */
export function negotiate(header: string | undefined, worth: boolean): Coding | undefined {
  const accepted = parseAcceptEncoding(header);
  if (!accepted) return "identity";
  const star = accepted.get("*");
  const named = accepted.get("identity") ?? star;
  const identityOk = named === undefined || named > 0;
  if (!worth && identityOk) return "identity";
  let best: Coding | undefined;
  let bestQ = 0;
  for (const coding of ["br", "gzip"] as const) {
    const q = accepted.get(coding) ?? star ?? 0;
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  if (named !== undefined && named > bestQ) return "identity";
  return best ?? (identityOk ? "identity" : undefined);
}

/** The ETag of a representation in a coding: the identity's tag, suffixed for the others. */
export function etagFor(base: string, coding: Coding): string {
  return coding === "identity" ? `"${base}"` : `"${base}-${coding}"`;
}

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2), or is `*`. */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const want = etag.replace(/^W\//, "");
  return (header.slice(0, 8192).match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => t.replace(/^W\//, "") === want);
}

/** Adds Accept-Encoding to a Vary value (once). */
export function varyOn(current: string | null | undefined): string {
  if (!current) return "Accept-Encoding";
  if (current.trim() === "*" || /(^|,)\s*accept-encoding\s*(,|$)/i.test(current)) return current;
  return `${current}, Accept-Encoding`;
}

export type Effort = "fast" | "best";

function brotliParams(size: number, effort: Effort): zlib.BrotliOptions {
  return {
    params: {
      // quality 5 compresses 20–45 KB of HTML in well under a millisecond, within 10 % of 11, which
      // takes 20–60 ms (measured on the portal's pages); 11 only for bodies made once per process
      [zlib.constants.BROTLI_PARAM_QUALITY]: effort === "best" ? 11 : 5,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      // a window no larger than the body: less memory to set up per call
      [zlib.constants.BROTLI_PARAM_LGWIN]: Math.max(16, Math.min(22, Math.ceil(Math.log2(size + 1)))),
      ...(size > 0 ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size } : {}),
    },
  };
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Bodies up to this size are compressed on the event loop (quality 5 takes 0.05–0.3 ms for them);
 * larger ones, and the best effort, in libuv's thread pool. A trip through the pool costs more than
 * the work: on the search API under load the pool made the server-side p50 3.8 ms against 0.1 ms,
 * and for cold department pages 8.4 ms against 1.6 ms, with the client's p99 no better.
 */
const INLINE_MAX = 64 * 1024;

/** Compresses a whole body: on the event loop when small and fast, else in the thread pool. */
export async function compressBytes(bytes: Uint8Array, coding: "br" | "gzip", effort: Effort): Promise<Uint8Array> {
  const here = effort === "fast" && bytes.byteLength <= INLINE_MAX;
  const br = brotliParams(bytes.byteLength, effort);
  const gz = { level: effort === "best" ? 9 : 6 };
  const out =
    coding === "br"
      ? here
        ? zlib.brotliCompressSync(bytes, br)
        : await brotli(bytes, br)
      : here
        ? zlib.gzipSync(bytes, gz)
        : await gzip(bytes, gz);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * A body made once and kept, with its compressed forms made on first request and kept beside it.
 * The ETag is the caller's (a version and a file) or a hash of the bytes.
 */
export class Encoded {
  readonly etag: string;
  /** whether a coding other than identity is ever offered */
  readonly compressible: boolean;
  private readonly effort: Effort;
  private readonly coded: { br?: Uint8Array; gzip?: Uint8Array } = {};
  private readonly pending: { br?: Promise<Uint8Array>; gzip?: Promise<Uint8Array> } = {};
  /** told how many bytes a new coding added (the owning cache re-weighs the entry) */
  onGrow: ((added: number) => void) | undefined;

  constructor(
    readonly identity: Uint8Array,
    readonly type: string,
    opts: { etag?: string; effort?: Effort } = {},
  ) {
    this.etag = opts.etag ?? createHash("sha256").update(identity).digest("base64url").slice(0, 22);
    this.compressible = isCompressible(type) && identity.byteLength >= MIN_COMPRESS_BYTES;
    this.effort = opts.effort ?? "fast";
  }

  /** Bytes held: the identity and every coding made so far. */
  get size(): number {
    return this.identity.byteLength + (this.coded.br?.byteLength ?? 0) + (this.coded.gzip?.byteLength ?? 0);
  }

  /** The body in `coding`, compressed once (concurrent first requests share the work). */
  async bytes(coding: Coding): Promise<Uint8Array> {
    if (coding === "identity") return this.identity;
    const have = this.coded[coding];
    if (have) return have;
    let p = this.pending[coding];
    if (!p) {
      p = compressBytes(this.identity, coding, this.effort).then(
        (b) => {
          this.coded[coding] = b;
          delete this.pending[coding];
          this.onGrow?.(b.byteLength);
          return b;
        },
        (err) => {
          delete this.pending[coding];
          throw err;
        },
      );
      this.pending[coding] = p;
    }
    return p;
  }
}

/** Requests answered by sendEncoded: the middleware leaves them alone without looking at the response. */
const sent = new WeakSet<Context>();

/** Cheap answers left alone (health checks: a two-byte body, asked for all the time). */
const EXEMPT = new Set(["/healthz"]);

const NOT_ACCEPTABLE = "客户端的 Accept-Encoding 不接受本服务器能提供的任何编码（identity、gzip、br）";

/**
 * Answers with an Encoded body in the coding the request accepts: Vary, the coding's ETag, 304 when
 * the client has it, Content-Encoding and Content-Length. Extra headers (Cache-Control, a download's
 * name) are set by the caller on `c` beforehand. HEAD gets the same headers (Hono drops the body).
 */
export async function sendEncoded(c: Context, enc: Encoded): Promise<Response> {
  sent.add(c);
  const accept = c.req.header("accept-encoding");
  // a type we never compress does not vary by Accept-Encoding: sent as it is
  const negotiated = isCompressible(enc.type);
  const coding = negotiated ? negotiate(accept, enc.compressible) : "identity";
  if (negotiated) c.header("Vary", "Accept-Encoding");
  if (!coding) throw httpError(406, NOT_ACCEPTABLE, { Vary: "Accept-Encoding" });
  const etag = etagFor(enc.etag, coding);
  c.header("ETag", etag);
  if (ifNoneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  const bytes = await enc.bytes(coding);
  if (coding !== "identity") c.header("Content-Encoding", coding);
  c.header("Content-Type", enc.type);
  c.header("Content-Length", String(bytes.byteLength));
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
}

/** Reads a stream's first `max` bytes: all of it (`done`), or what was read and the rest. */
async function readUpTo(
  body: ReadableStream<Uint8Array>,
  max: number,
): Promise<{ chunks: Uint8Array[]; size: number; rest?: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, size };
    chunks.push(value);
    size += value.byteLength;
    if (size > max) return { chunks, size, rest: reader };
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A compressing stream over what was read and the rest of the body, never holding the whole. */
function compressStream(
  chunks: Uint8Array[],
  rest: ReadableStreamDefaultReader<Uint8Array> | undefined,
  coding: "br" | "gzip",
): ReadableStream<Uint8Array> {
  async function* source() {
    yield* chunks;
    if (!rest) return;
    for (;;) {
      const { done, value } = await rest.read();
      if (done) return;
      yield value;
    }
  }
  const compressor =
    coding === "br" ? zlib.createBrotliCompress(brotliParams(0, "fast")) : zlib.createGzip({ level: 6 });
  const out = new PassThrough();
  // on an error every stream of the pipeline is destroyed with it, and the response is cut short
  pipeline(Readable.from(source()), compressor, out).catch(() => {
    void rest?.cancel().catch(() => {});
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export interface CompressionOptions {
  /** bodies up to this many bytes are compressed whole, with a Content-Length; longer ones stream */
  bufferMax?: number;
}

/**
 * Compresses the app's other responses as they are sent: 2xx answers of a compressible type with
 * a body of at least 1 KB, not already encoded (sendEncoded's are), not `no-transform`.
 */
export function compression(opts: CompressionOptions = {}): MiddlewareHandler {
  const bufferMax = opts.bufferMax ?? 1024 * 1024;
  return async (c, next) => {
    await next();
    if (sent.has(c) || EXEMPT.has(c.req.path)) return;
    const res = c.res;
    if (res.status < 200 || res.status >= 300 || res.status === 204 || res.status === 206) return;
    if (res.headers.has("Content-Encoding") || !isCompressible(res.headers.get("Content-Type"))) return;
    if (/(^|,)\s*no-transform\s*(,|$)/i.test(res.headers.get("Cache-Control") ?? "")) return;
    const body = res.body;
    if (!body) return;
    const headers = new Headers(res.headers);
    headers.set("Vary", varyOn(headers.get("Vary")));
    const accept = c.req.header("accept-encoding");
    // read whole up to bufferMax; a longer body is compressed as it streams
    const { chunks, size, rest } = await readUpTo(body, bufferMax);
    const coding = negotiate(accept, rest !== undefined || size >= MIN_COMPRESS_BYTES);
    if (!coding) {
      await rest?.cancel();
      throw httpError(406, NOT_ACCEPTABLE, { Vary: "Accept-Encoding" });
    }
    const etag = headers.get("ETag");
    if (coding !== "identity") {
      headers.set("Content-Encoding", coding);
      if (etag) headers.set("ETag", etag.replace(/"$/, `-${coding}"`));
    }
    if (rest) {
      // the length is known only once the whole is compressed: not sent (HEAD may omit it, RFC 9110 §9.3.2)
      headers.delete("Content-Length");
      if (c.req.method === "HEAD") {
        await rest.cancel();
        replace(c, new Response(null, { status: res.status, headers }));
      } else {
        const stream = coding === "identity" ? replay(chunks, rest) : compressStream(chunks, rest, coding);
        replace(c, new Response(stream, { status: res.status, headers }));
      }
      return;
    }
    const whole = concat(chunks, size);
    const out = coding === "identity" ? whole : await compressBytes(whole, coding, "fast");
    headers.set("Content-Length", String(out.byteLength));
    replace(c, new Response(out as Uint8Array<ArrayBuffer>, { status: res.status, headers }));
  };
}

/**
 * Puts `res` in place of the response. Hono's `c.res = …` copies the old response's headers over
 * the new one's (an unsuffixed ETag, a stale Content-Length); the new one already has every header
 * it should, so the old one is let go first.
 */
function replace(c: Context, res: Response): void {
  c.res = undefined;
  c.res = res;
}

/** The body as it was (identity): what was read, then the rest. */
function replay(chunks: Uint8Array[], rest: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  const head = chunks.slice();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = head.shift();
      if (next) return controller.enqueue(next);
      const { done, value } = await rest.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return rest.cancel(reason);
    },
  });
}
