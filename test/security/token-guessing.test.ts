/**
 * Guessing tokens (issue 13, item 7): failed token attempts are limited per client address in a
 * sliding window (429 with Retry-After, a right token included while blocked); an admin token
 * set from outside must be at least 32 characters, or the server refuses to start.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, resolveConfig } from "../../src/config.ts";
import { InputError } from "../../src/errors.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { createToken } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { ROOT } from "../cli/run.ts";

/** The node adapter's bindings, as app.request receives them: a socket with a client address. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe("failed token attempts", () => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  let config: Config;
  let admin: string;
  let clock = 1_000_000;

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    config = resolveConfig({}, {});
    app = createApp(t.store, config, { now: () => clock });
    admin = (await createToken(t.store, { name: "admin", role: "admin" })).token;
  });
  afterAll(async () => {
    if (app) await closeApp(app);
    await t?.cleanup();
  });

  const attempt = (token: string, address: string) =>
    app.request(
      "/api/tokens",
      {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "x", role: "reviewer" }),
      },
      from(address),
    );

  it("answers 429 with Retry-After after the allowed failures, per client, until the window passes", async () => {
    const { authFailures, authWindowMs } = config.limits;
    for (let i = 0; i < authFailures; i++) {
      expect((await attempt(`guess-${i}`, "203.0.113.7")).status).toBe(401);
      clock += 100;
    }
    const blocked = await attempt("guess-x", "203.0.113.7");
    expect(blocked.status).toBe(429);
    const wait = Number(blocked.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(authWindowMs / 1000);
    expect(((await blocked.json()) as { error: { message: string } }).error.message).toContain("秒后再试");
    // a right token from the blocked address is refused too: a guess cannot be confirmed
    expect((await attempt(admin, "203.0.113.7")).status).toBe(429);
    // the portal's publish form is guarded the same way, before its body is read
    const form = await app.request(
      "/disclosures/1/publish",
      { method: "POST", body: new URLSearchParams({ token: admin }) },
      from("203.0.113.7"),
    );
    expect(form.status).toBe(429);
    // another client is not affected
    expect((await attempt(admin, "198.51.100.2")).status).toBe(201);
    // once the window has passed, the address may try again
    clock += authWindowMs;
    expect((await attempt(admin, "203.0.113.7")).status).toBe(201);
  });

  it("counts an IPv6 client by its /64, and an IPv4-mapped address as IPv4", async () => {
    const { authFailures } = config.limits;
    for (let i = 0; i < authFailures; i++)
      expect((await attempt(`v6-${i}`, `2001:db8:1:2::${(i + 1).toString(16)}`)).status).toBe(401);
    expect((await attempt(admin, "2001:db8:1:2:ffff::1")).status).toBe(429);
    expect((await attempt(admin, "2001:db8:1:3::1")).status).toBe(201);
    for (let i = 0; i < authFailures; i++) expect((await attempt(`v4-${i}`, "::ffff:192.0.2.9")).status).toBe(401);
    expect((await attempt(admin, "192.0.2.9")).status).toBe(429);
  });

  it("does not count requests without a token or with a right one", async () => {
    for (let i = 0; i < config.limits.authFailures * 2; i++) {
      const res = await app.request("/api/tokens", { method: "POST" }, from("192.0.2.50"));
      expect(res.status).toBe(401);
    }
    expect((await attempt(admin, "192.0.2.50")).status).toBe(201);
  });
});

describe("admin tokens from the environment", () => {
  it("must be at least 32 characters", () => {
    expect(() => resolveConfig({}, { YUSUAN_ADMIN_TOKEN: "a".repeat(31) })).toThrow(InputError);
    try {
      resolveConfig({}, { YUSUAN_ADMIN_TOKEN: "short" });
      expect.unreachable("a 5-character admin token was accepted");
    } catch (e) {
      expect((e as InputError).describe()).toMatch(/YUSUAN_ADMIN_TOKEN.*太短.*至少 32 个字符/);
    }
    expect(() => resolveConfig({}, { YUSUAN_ADMIN_TOKEN: `${"a".repeat(31)} ` })).toThrow(InputError);
    expect(resolveConfig({}, { YUSUAN_ADMIN_TOKEN: "a".repeat(32) }).adminToken).toBe("a".repeat(32));
  });

  it("makes `yusuan serve` refuse to start with a clear message (exit 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), "yusuan-token-"));
    try {
      const r = spawnSync(
        process.execPath,
        [`${ROOT}bin/yusuan.js`, "serve", "--db", join(dir, "x.db"), "--port", "0"],
        {
          encoding: "utf8",
          timeout: 60_000,
          env: { ...process.env, YUSUAN_ADMIN_TOKEN: "e2e-admin-token-0123456789" },
        },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("管理员令牌太短");
      expect(r.stderr).toContain("YUSUAN_ADMIN_TOKEN");
      expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
