/**
 * Roles and tokens on every write (the probe's 72 cases held) and published versions that never
 * change, kept here. The write routes are read from the app's own route table, so a new write
 * route without a token check fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import {
  createToken,
  getDisclosure,
  getRecord,
  publishDisclosure,
  putRendition,
  type Saved,
  StoreError,
  saveDisclosure,
} from "../../src/store/index.ts";
import { BACKENDS, openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { makeDisclosure } from "../../src/store/testing.ts";

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

for (const backend of BACKENDS)
  describe(`writes and versions on ${backend}`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createApp>;
    let published: Saved;
    let draft: Saved;
    let other: Saved;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      t = await openTestStore(backend);
      app = createApp(t.store, resolveConfig({}, {}));
      published = await saveDisclosure(t.store, {
        disclosure: makeDisclosure({ department: "甲局" }),
        status: "published",
      });
      draft = await saveDisclosure(t.store, {
        disclosure: makeDisclosure({ department: "甲局", year: 2026 }),
        status: "draft",
      });
      other = await saveDisclosure(t.store, {
        disclosure: makeDisclosure({ department: "乙局", year: 2026 }),
        status: "draft",
      });
      tokens.admin = (await createToken(t.store, { name: "a", role: "admin" })).token;
      tokens.reviewer = (await createToken(t.store, { name: "r", role: "reviewer" })).token;
      tokens.editor = (
        await createToken(t.store, { name: "e", role: "editor", departmentId: published.departmentId })
      ).token;
    });
    afterAll(async () => {
      if (app) await closeApp(app);
      await t?.cleanup();
    });

    /** A concrete request for each write route of the app. */
    const requestFor = (path: string): string => path.replace(":id", String(draft.id)).replace(/:\w+/g, "1");

    it("knows every write route, and each needs a valid token (401) and the right role (403)", async () => {
      const writes = app.routes.filter((r) => WRITE.has(r.method)).map((r) => `${r.method} ${r.path}`);
      expect([...new Set(writes)].sort()).toEqual([
        "DELETE /api/disclosures/:id",
        "POST /api/disclosures",
        "POST /api/disclosures/:id/publish",
        "POST /api/tokens",
        "POST /disclosures/:id/publish",
        "POST /upload",
      ]);
      for (const w of new Set(writes)) {
        const [method, route] = w.split(" ") as [string, string];
        const path = requestFor(route);
        for (const auth of [
          undefined,
          "Bearer not-a-token",
          "Bearer ",
          "Basic YWRtaW46YWRtaW4=",
          `Bearer ${"x".repeat(300)}`,
        ]) {
          const res = await app.request(
            path,
            { method, headers: auth ? { Authorization: auth } : {} },
            { incoming: { socket: { remoteAddress: `198.51.100.${writes.indexOf(w) + 1}` } } },
          );
          expect(res.status, `${w} with ${auth ?? "no token"}`).toBe(401);
        }
      }
      // roles: only admins create tokens; editors act on their own department only
      const asRole = (role: string, method: string, path: string) =>
        app.request(path, {
          method,
          headers: { Authorization: `Bearer ${tokens[role]}`, "Content-Type": "application/json" },
          body: method === "DELETE" ? undefined : JSON.stringify({ name: "x", role: "admin" }),
        });
      expect((await asRole("editor", "POST", "/api/tokens")).status).toBe(403);
      expect((await asRole("reviewer", "POST", "/api/tokens")).status).toBe(403);
      expect((await asRole("editor", "POST", `/api/disclosures/${other.id}/publish`)).status).toBe(403);
      expect((await asRole("editor", "DELETE", `/api/disclosures/${other.id}`)).status).toBe(403);
      const form = new URLSearchParams({ token: tokens.editor as string });
      expect((await app.request(`/disclosures/${other.id}/publish`, { method: "POST", body: form })).status).toBe(403);
    });

    it("never changes a published version", async () => {
      const before = await getDisclosure(t.store, published.id);
      const rec = await getRecord(t.store, published.id);
      const admin = { Authorization: `Bearer ${tokens.admin}` };
      expect((await app.request(`/api/disclosures/${published.id}`, { method: "DELETE", headers: admin })).status).toBe(
        409,
      );
      expect(
        (await app.request(`/api/disclosures/${published.id}/publish`, { method: "POST", headers: admin })).status,
      ).toBe(409);
      for (const method of ["PUT", "PATCH"])
        expect((await app.request(`/api/disclosures/${published.id}`, { method, headers: admin })).status).toBe(405);
      await expect(publishDisclosure(t.store, published.id)).rejects.toBeInstanceOf(StoreError);
      await expect(putRendition(t.store, draft.id, "pdf", new Uint8Array([1]))).rejects.toBeInstanceOf(StoreError);
      // a correction is a new version; the first stays as it was, and is marked corrected
      const fixed = makeDisclosure({ department: "甲局" });
      fixed.explanations[0]!.text = "更正后的说明";
      const v2 = await saveDisclosure(t.store, { disclosure: fixed, status: "published" });
      expect(v2.version).toBe(2);
      expect(await getDisclosure(t.store, published.id)).toEqual(before);
      const after = await getRecord(t.store, published.id);
      expect(after?.contentSha256).toBe(rec?.contentSha256);
      expect(after?.isCurrent).toBe(false);
      const old = await (await app.request(`/departments/${published.departmentId}/2025?version=1`)).text();
      expect(old).toContain("已被更正");
    });
  });
