/**
 * Authentication: `Authorization: Bearer <token>` (API), or a `token` form field (the portal's
 * upload and publish forms, which work without JavaScript; no cookies, so no CSRF surface).
 * Tokens are looked up by sha256 hash. Reads are public; every write goes through `Auth.require`.
 *
 * Failed attempts are counted per client address in a sliding window: past the limit, every
 * attempt from that address (a right token too, so a guess cannot be confirmed) is answered 429
 * with Retry-After until the oldest failure leaves the window.
 */
import type { Context } from "hono";
import type { ServerLimits } from "../config.ts";
import { findPrincipal, type Principal, type Role, type Store } from "../store/index.ts";
import { httpError } from "./errors.ts";
import { FailureWindow } from "./failure-window.ts";

export function bearerToken(c: Context): string | undefined {
  const h = c.req.header("authorization");
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

/**
 * The client's address as the socket reports it (proxies' X-Forwarded-For is not trusted: anyone
 * can send it). IPv6 clients are keyed by their /64, which one host controls as a whole.
 */
export function clientKey(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const addr = env?.incoming?.socket?.remoteAddress;
  if (!addr) return "local";
  if (addr.startsWith("::ffff:") && addr.includes(".")) return addr.slice(7);
  if (!addr.includes(":")) return addr;
  const [head = "", tail = ""] = addr.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = addr.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export class Auth {
  private readonly failures: FailureWindow;

  constructor(
    private readonly store: Store,
    limits: Pick<ServerLimits, "authFailures" | "authWindowMs">,
    now: () => number = Date.now,
  ) {
    this.failures = new FailureWindow(limits.authFailures, limits.authWindowMs, now);
  }

  /** 429 when this client has failed too often; call before reading anything the client sends. */
  guard(c: Context): void {
    const wait = this.failures.blockedFor(clientKey(c));
    if (wait > 0) throw httpError(429, `令牌验证失败次数过多，请 ${wait} 秒后再试`, { "Retry-After": String(wait) });
  }

  /** Resolves the principal or throws 401 (counted as a failure); then checks the role (403). */
  async require(c: Context, roles: readonly Role[], formToken?: string): Promise<Principal> {
    this.guard(c);
    const token = bearerToken(c) ?? (formToken?.trim() || undefined);
    if (!token) throw httpError(401, "此操作需要登录令牌（Authorization: Bearer …，或表单中的访问令牌）");
    const p = token.length > 200 ? undefined : await findPrincipal(this.store, token);
    if (!p) {
      this.failures.fail(clientKey(c));
      throw httpError(401, "令牌无效或已吊销");
    }
    if (!roles.includes(p.role)) throw httpError(403, "当前令牌的角色无权执行此操作");
    return p;
  }
}

/** Editors act only on their own department; admins and reviewers on any. */
export function requireDepartment(p: Principal, departmentId: number): void {
  if (p.role === "editor" && p.departmentId !== departmentId) throw httpError(403, "编辑只能操作本部门的公开文件");
}
