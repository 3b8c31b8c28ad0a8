/**
 * Bad values (issue 13, item 6): a disclosure without a department or a plausible year, or with
 * a department name megabytes long, never reaches the public site (4xx from the API, an error from
 * the CLI); a file with nothing of a disclosure in it is unusable input (exit 2), not 30 findings.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, resolveConfig } from "../../src/config.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import {
  countDisclosures,
  createToken,
  openStore,
  publishDisclosure,
  type Saved,
  StoreError,
  saveDisclosure,
} from "../../src/store/index.ts";
import { BACKENDS, openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { makeDisclosure } from "../../src/store/testing.ts";
import { yusuan } from "../cli/run.ts";

/** The disclosure JSON as `import --format json` writes it, with `meta` changed. */
const withMeta = (meta: Record<string, unknown>) => {
  const d = makeDisclosure({ department: "坏值测试局" }) as unknown as { meta: Record<string, unknown> };
  d.meta = { ...d.meta, ...meta };
  return JSON.stringify(d);
};

const BAD: [string, string, RegExp][] = [
  ["an empty department", withMeta({ department: "" }), /没有(读到)?部门名称/],
  ["a blank department", withMeta({ department: "  " }), /没有(读到)?部门名称/],
  // JSON.stringify writes -0 as 0: the probe's `"year": -0` is written by hand
  ["year -0", withMeta({ year: 0 }).replace('"year":0', '"year":-0'), /年度 0 不合理/],
  ["year 0", withMeta({ year: 0 }), /年度 0 不合理/],
  ["year 3025", withMeta({ year: 3025 }), /年度 3025 不合理/],
  ["a 2,000,000-character department", withMeta({ department: "长".repeat(2_000_000) }), /部门名称过长/],
];

for (const backend of BACKENDS)
  describe(`bad values on ${backend}`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createApp>;
    let config: Config;
    let admin: string;

    beforeAll(async () => {
      t = await openTestStore(backend);
      config = resolveConfig({}, {});
      app = createApp(t.store, config);
      admin = (await createToken(t.store, { name: "admin", role: "admin" })).token;
    });
    afterAll(async () => {
      if (app) await closeApp(app);
      await t?.cleanup();
    });

    it("refuses them on upload (422, saying what to fix) and saves nothing", async () => {
      const before = await countDisclosures(t.store);
      for (const [what, json, message] of BAD) {
        const res = await app.request("/api/disclosures?name=d.json", {
          method: "POST",
          headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
          body: json,
        });
        expect(res.status, what).toBe(422);
        expect(((await res.json()) as { error: { message: string } }).error.message, what).toMatch(message);
      }
      expect(await countDisclosures(t.store)).toBe(before);
      const home = await (await app.request("/")).text();
      expect(home.length).toBeLessThan(200_000);
    });

    it("refuses to publish an older draft without a department or a plausible year", async () => {
      const saved: Saved = await saveDisclosure(t.store, {
        disclosure: makeDisclosure({ department: "旧草稿局" }),
        status: "draft",
      });
      await t.store.db.updateTable("disclosures").set({ year: 0 }).where("id", "=", saved.id).execute();
      await expect(publishDisclosure(t.store, saved.id)).rejects.toThrow(/年度 0 不合理/);
      await t.store.db.updateTable("disclosures").set({ year: 2025 }).where("id", "=", saved.id).execute();
      await t.store.db.updateTable("departments").set({ name: "" }).where("id", "=", saved.departmentId).execute();
      const res = await app.request(`/api/disclosures/${saved.id}/publish`, {
        method: "POST",
        headers: { Authorization: `Bearer ${admin}` },
      });
      expect(res.status).toBe(422);
      await expect(publishDisclosure(t.store, saved.id)).rejects.toBeInstanceOf(StoreError);
    });
  });

describe("bad values from the CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "yusuan-bad-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a text with no department and no tables is unusable input: exit 2 from check and import", () => {
    const f = join(dir, "nothing.txt");
    writeFileSync(f, "2025年部门预算\n第一部分 部门概况\n一、主要职能\n没有内容。\n");
    for (const args of [
      ["check", f],
      ["check", f, "--format", "json"],
      ["import", f],
      ["import", f, "--save", "--db", join(dir, "n.db")],
    ]) {
      const r = yusuan(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr + r.stdout, args.join(" ")).toMatch(/既没有部门名称，也没有任何预算公开表/);
    }
    // the same for a disclosure.json holding nothing
    const j = join(dir, "nothing.json");
    const d = makeDisclosure() as unknown as { meta: { department: string }; tables: unknown[] };
    d.meta.department = "";
    d.tables = [];
    writeFileSync(j, JSON.stringify(d));
    expect(yusuan(["check", j]).status).toBe(2);
  }, 300_000);

  it("import --save refuses bad values (exit 2, the file named) and saves the good files", async () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(makeDisclosure({ department: "好值测试局" })));
    const files = BAD.map(([, json], i) => {
      const f = join(dir, `bad-${i}.json`);
      writeFileSync(f, json);
      return f;
    });
    const db = join(dir, "bad.db");
    const r = yusuan(["import", good, ...files, "--save", "--db", db]);
    expect(r.status).toBe(2);
    for (const [i, [, , message]] of BAD.entries()) {
      const line = r.stdout.split("\n").find((l) => l.includes(`bad-${i}.json`)) ?? "";
      expect(line, `bad-${i}`).toMatch(message);
    }
    const store = await openStore({ kind: "sqlite", file: db });
    try {
      expect(await countDisclosures(store)).toBe(1);
    } finally {
      await store.close();
    }
  }, 300_000);
});
