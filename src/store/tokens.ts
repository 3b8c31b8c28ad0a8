/**
 * API tokens: stored as sha256 hashes only; the plain token is shown once when created.
 * Roles: admin (everything), reviewer (publish any department), editor (upload for own department).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Store } from "./open-store.ts";
import type { Principal, Role } from "./types.ts";

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export interface NewToken {
  name: string;
  role: Role;
  departmentId?: number | null | undefined;
  /** use this plain token instead of generating one (e.g. YUSUAN_ADMIN_TOKEN) */
  token?: string | undefined;
}

/** Creates a token; returns the plain text, which is not stored anywhere. */
export async function createToken(store: Store, t: NewToken): Promise<{ id: number; token: string }> {
  if (t.role === "editor" && (t.departmentId === undefined || t.departmentId === null))
    throw new Error("an editor token needs a department");
  const token = t.token ?? `ys_${randomBytes(24).toString("base64url")}`;
  const { id } = await store.db
    .insertInto("tokens")
    .values({
      token_hash: hashToken(token),
      name: t.name,
      role: t.role,
      department_id: t.departmentId ?? null,
      created_at: new Date().toISOString(),
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, token };
}

export async function findPrincipal(store: Store, token: string): Promise<Principal | undefined> {
  const r = await store.db
    .selectFrom("tokens")
    .select(["id", "name", "role", "department_id"])
    .where("token_hash", "=", hashToken(token))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return r ? { tokenId: r.id, name: r.name, role: r.role as Role, departmentId: r.department_id } : undefined;
}

export async function revokeToken(store: Store, id: number): Promise<void> {
  await store.db.updateTable("tokens").set({ revoked_at: new Date().toISOString() }).where("id", "=", id).execute();
}

export async function countAdminTokens(store: Store): Promise<number> {
  const { n } = await store.db
    .selectFrom("tokens")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("revoked_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(n);
}
