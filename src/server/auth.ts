/**
 * Authentication: `Authorization: Bearer <token>` (API), or a `token` form field (the portal's
 * upload and publish forms, which work without JavaScript; no cookies, so no CSRF surface).
 * Tokens are looked up by sha256 hash. Reads are public; every write goes through `requireRole`.
 */
import type { Context } from "hono";
import { findPrincipal, type Principal, type Role, type Store } from "../store/index.ts";
import { httpError } from "./errors.ts";

export function bearerToken(c: Context): string | undefined {
  const h = c.req.header("authorization");
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

/** Resolves the principal or throws 401; then checks the role (403). */
export async function requireRole(
  store: Store,
  c: Context,
  roles: readonly Role[],
  formToken?: string,
): Promise<Principal> {
  const token = bearerToken(c) ?? (formToken?.trim() || undefined);
  if (!token) throw httpError(401, "此操作需要登录令牌（Authorization: Bearer …）");
  if (token.length > 200) throw httpError(401, "令牌无效");
  const p = await findPrincipal(store, token);
  if (!p) throw httpError(401, "令牌无效或已吊销");
  if (!roles.includes(p.role)) throw httpError(403, "当前令牌的角色无权执行此操作");
  return p;
}

/** Editors act only on their own department; admins and reviewers on any. */
export function requireDepartment(p: Principal, departmentId: number): void {
  if (p.role === "editor" && p.departmentId !== departmentId) throw httpError(403, "编辑只能操作本部门的公开文件");
}
