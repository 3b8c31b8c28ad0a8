/**
 * Request bodies, read only as far as they are allowed to go. Every request's body is limited
 * before a byte of it is read: a declared Content-Length over the limit is refused at once, and a
 * body without one (chunked) is counted as it streams and stopped at the limit. Forms are parsed
 * as streams (busboy), so the fields before a file — the token — can be checked before the file
 * is read, and a malformed multipart body is a 400, never a 500.
 *
 * @example
 *   app.use(bodyLimits(config));
 *   const form = await parseForm(c, { maxFileBytes, beforeFile: (f) => auth.require(c, roles, f.token) });
 */
import { Busboy, type BusboyInstance } from "@fastify/busboy";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { HttpError, httpError } from "./errors.ts";

/** Room for the multipart framing and the small fields beside an uploaded file. */
export const UPLOAD_OVERHEAD = 64 * 1024;

/** The routes that take a document upload; every other body is a small form or JSON. */
const UPLOADS: readonly [string, RegExp][] = [
  ["POST", /^\/upload\/?$/],
  ["POST", /^\/api\/disclosures\/?$/],
];

const mb = (n: number) => (n >= 1024 * 1024 ? `${Math.floor(n / 1024 / 1024)} MB` : `${Math.ceil(n / 1024)} KB`);

export function tooLarge(limit: number, what = "请求内容"): HttpError {
  return httpError(413, `${what}太大：上限 ${mb(limit)}。请缩小文件后重试`);
}

/** The largest body a request may send. */
export function bodyLimitFor(config: Config, method: string, path: string): number {
  return UPLOADS.some(([m, re]) => m === method && re.test(path))
    ? config.maxUploadBytes + UPLOAD_OVERHEAD
    : config.limits.maxFormBytes;
}

/**
 * Middleware: refuses a body over its route's limit before reading it. A declared Content-Length
 * is trusted to be an upper bound (Node's parser never delivers more than it declares); a body
 * without one is wrapped in a counter that fails the read at the limit.
 */
export function bodyLimits(config: Config): MiddlewareHandler {
  return async (c, next) => {
    const max = bodyLimitFor(config, c.req.method, c.req.path);
    const declared = c.req.header("content-length");
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      // No GET route reads a body; one sent anyway would be read and dropped after the answer.
      if (c.req.header("transfer-encoding") !== undefined) throw httpError(400, `${c.req.method} 请求不应带请求体`);
      if (declared !== undefined && declared !== "0") {
        if (!/^\d{1,15}$/.test(declared)) throw httpError(400, "Content-Length 无效");
        if (Number(declared) > max) throw tooLarge(max);
      }
      return next();
    }
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (!/^\d{1,15}$/.test(declared)) throw httpError(400, "Content-Length 无效");
      if (Number(declared) > max) throw tooLarge(max);
      return next();
    }
    const raw = c.req.raw;
    if (!raw.body) return next();
    let seen = 0;
    const counted = raw.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          seen += chunk.byteLength;
          if (seen > max) ctl.error(tooLarge(max));
          else ctl.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(raw, { body: counted, duplex: "half" } as RequestInit);
    return next();
  };
}

/** Reads the whole body, refusing it past `max` bytes (413) without keeping more than that. */
export async function readBody(c: Context, max: number): Promise<Uint8Array> {
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) throw tooLarge(max);
      chunks.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e instanceof HttpError ? e : httpError(400, "请求内容读取失败：连接中断或格式有误");
  }
  return Buffer.concat(chunks, size);
}

export interface FormFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface ParsedForm {
  fields: Record<string, string>;
  file?: FormFile;
}

export interface FormOptions {
  /** largest file accepted */
  maxFileBytes: number;
  /** the one file field read (others are refused) */
  fileField?: string;
  /**
   * Runs with the fields seen so far, when the file starts and before any of it is read (and at
   * the end when there is no file): throw to stop reading, e.g. 401 without a valid token.
   */
  beforeFile?: (fields: Record<string, string>) => Promise<void> | void;
}

const MALFORMED = "上传的表单格式有误（multipart/form-data 无法解析）；请用网页表单或 curl -F 上传";

/**
 * Parses an urlencoded or multipart form as it streams. Fields are small (4 KB each, 20 at most);
 * at most one file, of at most `maxFileBytes` (413 past it).
 */
export async function parseForm(c: Context, opts: FormOptions): Promise<ParsedForm> {
  const type = c.req.header("content-type") ?? "";
  const fileField = opts.fileField ?? "file";
  if (/^application\/x-www-form-urlencoded\b/i.test(type) || (type === "" && !c.req.raw.body)) {
    const text = new TextDecoder().decode(await readBody(c, 64 * 1024));
    const fields: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) fields[k] ??= v;
    await opts.beforeFile?.(fields);
    return { fields };
  }
  if (!/^multipart\/form-data\b/i.test(type))
    throw httpError(415, "表单应为 multipart/form-data（上传文件）或 application/x-www-form-urlencoded");
  if (!/;\s*boundary=/i.test(type)) throw httpError(400, MALFORMED);
  return parseMultipart(c, type, fileField, opts);
}

function parseMultipart(c: Context, type: string, fileField: string, opts: FormOptions): Promise<ParsedForm> {
  const body = c.req.raw.body;
  if (!body) throw httpError(400, MALFORMED);
  let bb: BusboyInstance;
  try {
    bb = Busboy({
      headers: { "content-type": type },
      limits: { fieldNameSize: 100, fieldSize: 4096, fields: 20, files: 1, parts: 21, headerPairs: 20 },
    });
  } catch {
    throw httpError(400, MALFORMED);
  }
  const reader = body.getReader();
  const fields: Record<string, string> = {};
  let file: FormFile | undefined;
  /** set while the file's first bytes wait for `beforeFile` */
  let gate: Promise<void> | undefined;
  let fileDone: Promise<void> = Promise.resolve();
  let failure: unknown;
  const fail = (e: unknown) => {
    failure ??= e;
  };

  bb.on("field", (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) fail(httpError(413, `表单字段 ${name.slice(0, 40)} 太长`));
    else fields[name] ??= value;
  });
  bb.on("file", (name, stream, filename, _encoding, mimeType) => {
    if (name !== fileField || file || gate) {
      stream.resume();
      fail(httpError(400, `表单只接受一个文件字段 ${fileField}`));
      return;
    }
    // Nothing of the file is read until beforeFile (the token check) has passed.
    stream.pause();
    const chunks: Buffer[] = [];
    let size = 0;
    gate = (async () => opts.beforeFile?.({ ...fields }))();
    fileDone = gate.then(
      () =>
        new Promise<void>((resolve) => {
          stream.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > opts.maxFileBytes) {
              fail(tooLarge(opts.maxFileBytes, "文件"));
              stream.resume();
              return;
            }
            chunks.push(chunk);
          });
          stream.on("end", () => {
            if (!failure) file = { name: filename ?? "", type: mimeType ?? "", bytes: Buffer.concat(chunks, size) };
            resolve();
          });
          stream.on("error", (e) => {
            fail(e);
            resolve();
          });
          stream.resume();
        }),
      (e) => {
        fail(e);
      },
    );
  });
  for (const limit of ["partsLimit", "filesLimit", "fieldsLimit"] as const)
    bb.on(limit, () => fail(httpError(400, "表单字段或文件过多")));
  const finished = new Promise<void>((resolve) => {
    bb.on("finish", () => resolve());
    bb.on("error", () => {
      fail(httpError(400, MALFORMED));
      resolve();
    });
  });
  const write = (chunk: Uint8Array) =>
    new Promise<void>((resolve) => {
      let more: boolean;
      try {
        more = bb.write(chunk);
      } catch {
        // busboy throws on some malformed input instead of emitting an error
        fail(httpError(400, MALFORMED));
        return resolve();
      }
      if (more) return resolve();
      // Full: wait until the file is read on (after beforeFile passed), the parser ends, or
      // beforeFile refuses (then nothing more is read at all).
      bb.once("drain", () => resolve());
      void finished.then(() => resolve());
      void gate?.then(undefined, () => resolve());
    });

  return (async () => {
    try {
      for (;;) {
        if (gate) await gate.catch(() => {});
        if (failure) break;
        let r: Awaited<ReturnType<typeof reader.read>>;
        try {
          r = await reader.read();
        } catch (e) {
          fail(e instanceof HttpError ? e : httpError(400, MALFORMED));
          break;
        }
        if (r.done) {
          try {
            bb.end();
          } catch {
            fail(httpError(400, MALFORMED));
          }
          await finished;
          break;
        }
        await write(r.value);
      }
      if (!failure) await fileDone;
      if (!failure && !gate) await opts.beforeFile?.({ ...fields });
    } catch (e) {
      fail(e);
    }
    if (failure) {
      await reader.cancel().catch(() => {});
      bb.removeAllListeners("error");
      bb.on("error", () => {});
      bb.destroy();
      throw failure;
    }
    // a body that ended inside a part
    if (gate && !file) throw httpError(400, MALFORMED);
    return file ? { fields, file } : { fields };
  })();
}
