/**
 * One HTTP error type (Hono's HTTPException) and one handler: JSON under /api, a page elsewhere,
 * never a stack trace. Store errors map to their statuses; anything else is a 500 logged server-side.
 */
import type { Context } from "hono";
import { html } from "hono/html";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { InputError } from "../errors.ts";
import { StoreError } from "../store/index.ts";
import { page } from "./layout.ts";

/** An HTTP answer that is not a fault: its status, a message for people, and headers (Retry-After, Allow). */
export class HttpError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(status, { message });
  }
}

export const httpError = (status: ContentfulStatusCode, message: string, headers?: Record<string, string>) =>
  new HttpError(status, message, headers);

/** 503 with Retry-After: the server or the database is busy; the request may simply be sent again. */
export const busy = (message: string, retryAfterSeconds = 1) =>
  httpError(503, message, { "Retry-After": String(retryAfterSeconds) });

const STORE_STATUS: Record<StoreError["code"], ContentfulStatusCode> = {
  notFound: 404,
  immutable: 409,
  conflict: 409,
  invalid: 422,
  busy: 503,
};

const TITLES: Partial<Record<number, string>> = {
  400: "请求有误",
  401: "需要登录令牌",
  403: "没有权限",
  404: "未找到",
  409: "冲突",
  413: "文件太大",
  405: "不支持此请求方法",
  415: "不支持的文件类型",
  422: "内容无效",
  429: "尝试次数过多",
  500: "服务器内部错误",
  503: "服务器繁忙",
};

export function toStatus(err: unknown): {
  status: ContentfulStatusCode;
  message: string;
  headers?: Readonly<Record<string, string>>;
} {
  if (err instanceof HttpError)
    return { status: err.status as ContentfulStatusCode, message: err.message, headers: err.headers };
  if (err instanceof HTTPException) return { status: err.status as ContentfulStatusCode, message: err.message };
  if (err instanceof StoreError)
    return {
      status: STORE_STATUS[err.code],
      message: err.message,
      ...(err.code === "busy" ? { headers: { "Retry-After": "2" } } : {}),
    };
  if (err instanceof InputError) return { status: 400, message: err.describe() };
  return { status: 500, message: "服务器内部错误，请稍后再试" };
}

export function onError(err: unknown, c: Context): Response | Promise<Response> {
  const { status, message, headers: extra } = toStatus(err);
  // expected HTTP errors (e.g. 503 without Chromium) are answers, not faults
  if (status >= 500 && !(err instanceof HTTPException) && !(err instanceof StoreError)) console.error(err);
  const headers: Record<string, string> = { ...extra };
  if (status === 401) headers["WWW-Authenticate"] = 'Bearer realm="yusuan"';
  // A refused request may still be sending its body: close the connection rather than read the rest.
  const sent = c.req.header("transfer-encoding") !== undefined || (c.req.header("content-length") ?? "0") !== "0";
  if (status >= 400 && sent) headers.Connection = "close";
  if (c.req.path === "/api" || c.req.path.startsWith("/api/")) {
    return c.json({ error: { status, message } }, status, headers);
  }
  const title = TITLES[status] ?? "出错了";
  return c.html(
    page({
      title,
      body: html`<h1>${title}</h1>
        <p class="error" role="alert">${message}</p>
        <p><a href="/">返回首页</a></p>`,
    }),
    status,
    headers,
  );
}

export function notFound(c: Context): Response | Promise<Response> {
  return onError(httpError(404, `没有这个页面：${c.req.path}`), c);
}
