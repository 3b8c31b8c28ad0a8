/**
 * Configuration, resolved once: flag > environment > default. Validated and frozen, then passed
 * explicitly to whatever needs it; nothing else in yusuan reads `process.env`.
 *
 * @example
 *   const config = resolveConfig({ port: "8080" }, process.env);
 *   const store = await openStore(config.database);
 */
import { InputError } from "./errors.ts";
import { DEFAULT_CHROMIUM } from "./render/chromium-path.ts";

export type DatabaseConfig =
  | { readonly kind: "sqlite"; readonly file: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema?: string | undefined };

export interface Config {
  readonly database: DatabaseConfig;
  readonly host: string;
  readonly port: number;
  /** a token to register as admin on first start (otherwise one is generated and printed once) */
  readonly adminToken?: string | undefined;
  /** largest accepted upload, in bytes */
  readonly maxUploadBytes: number;
  /** load the bundled examples into an empty database on start */
  readonly seedExamples: boolean;
  /** the Chromium that renders PDFs (CHROMIUM_PATH, default Debian's /usr/bin/chromium) */
  readonly chromiumPath: string;
  /** the limits the server holds to (README "Security and limits") */
  readonly limits: ServerLimits;
}

/** What the server refuses, and when; see README "Security and limits". */
export interface ServerLimits {
  /** largest body of any request that is not an upload (forms, JSON), in bytes */
  readonly maxFormBytes: number;
  /** failed token attempts allowed per client address within `authWindowMs` before 429 */
  readonly authFailures: number;
  readonly authWindowMs: number;
  /** requests handled at once; more wait in a queue */
  readonly maxActive: number;
  /** requests waiting beyond `maxActive`; more are answered 503 with Retry-After */
  readonly maxQueued: number;
  /** a queued request that waited this long is answered 503 instead of being served late */
  readonly maxQueueWaitMs: number;
  /** while the event loop keeps running this late (every tick of the last five), new requests are answered 503 */
  readonly maxLoopLagMs: number;
  /** how long a write waits for a locked SQLite database before 503 */
  readonly busyWaitMs: number;
}

/** Command-line flags, as strings (commander gives strings). */
export interface ConfigFlags {
  db?: string | undefined;
  databaseUrl?: string | undefined;
  port?: string | number | undefined;
  host?: string | undefined;
  adminToken?: string | undefined;
  maxUploadMb?: string | number | undefined;
  seed?: boolean | undefined;
}

export const DEFAULT_DB_FILE = "./data/yusuan.db";
export const DEFAULT_PORT = 8080;
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** An admin token set from outside (environment or flag) must be at least this long. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;
export const DEFAULT_LIMITS: ServerLimits = Object.freeze({
  maxFormBytes: 64 * 1024,
  authFailures: 10,
  authWindowMs: 60_000,
  maxActive: 32,
  maxQueued: 256,
  maxQueueWaitMs: 2_000,
  maxLoopLagMs: 50,
  busyWaitMs: 5_000,
});

type Env = Readonly<Record<string, string | undefined>>;

function parsePort(v: string | number, where: string): number {
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InputError(`端口无效：${v}`, where, "端口为 0–65535 的整数");
  return n;
}

function parseMb(v: string | number, where: string): number {
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1024) throw new InputError(`上传上限无效：${v}`, where, "以 MB 计，0–1024");
  return Math.floor(n * 1024 * 1024);
}

/** Database from flags and environment: --db FILE > DATABASE_URL > YUSUAN_DB > ./data/yusuan.db. */
export function resolveDatabase(flags: ConfigFlags, env: Env): DatabaseConfig {
  if (flags.db) return Object.freeze({ kind: "sqlite", file: flags.db });
  const url = flags.databaseUrl ?? env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new InputError("DATABASE_URL 不是 PostgreSQL 地址", "DATABASE_URL", "形如 postgres://user@host:5432/db");
    return Object.freeze({ kind: "postgres", url, schema: env.YUSUAN_PG_SCHEMA || undefined });
  }
  return Object.freeze({ kind: "sqlite", file: env.YUSUAN_DB || DEFAULT_DB_FILE });
}

/** Resolves the whole configuration once. Throws InputError (exit 2) on invalid values. */
export function resolveConfig(flags: ConfigFlags, env: Env): Config {
  const port =
    flags.port !== undefined ? parsePort(flags.port, "--port") : env.PORT ? parsePort(env.PORT, "PORT") : DEFAULT_PORT;
  const maxUploadBytes =
    flags.maxUploadMb !== undefined
      ? parseMb(flags.maxUploadMb, "--max-upload-mb")
      : env.YUSUAN_MAX_UPLOAD_MB
        ? parseMb(env.YUSUAN_MAX_UPLOAD_MB, "YUSUAN_MAX_UPLOAD_MB")
        : DEFAULT_MAX_UPLOAD_BYTES;
  // an empty variable is unset (as `YUSUAN_ADMIN_TOKEN= yusuan serve` means)
  const adminToken = flags.adminToken ?? (env.YUSUAN_ADMIN_TOKEN || undefined);
  // A short token can be guessed; the generated ones are 35 characters of 24 random bytes.
  if (adminToken !== undefined && adminToken.length < MIN_ADMIN_TOKEN_LENGTH)
    throw new InputError(
      `管理员令牌太短（${adminToken.length} 个字符）`,
      "YUSUAN_ADMIN_TOKEN",
      `至少 ${MIN_ADMIN_TOKEN_LENGTH} 个字符；可用 openssl rand -base64 32 生成，或不设置此变量，首次启动时自动生成并显示一次`,
    );
  if (adminToken !== undefined && !/^[\x21-\x7e]+$/.test(adminToken))
    throw new InputError("管理员令牌含有空白或非 ASCII 字符", "YUSUAN_ADMIN_TOKEN", "只用可打印的 ASCII 字符");
  return Object.freeze({
    database: resolveDatabase(flags, env),
    host: flags.host ?? env.HOST ?? "127.0.0.1",
    port,
    adminToken: adminToken || undefined,
    maxUploadBytes,
    seedExamples: flags.seed ?? env.YUSUAN_SEED !== "0",
    chromiumPath: env.CHROMIUM_PATH || DEFAULT_CHROMIUM,
    limits: DEFAULT_LIMITS,
  });
}
