/**
 * The facts API says what the Disclosure says: for every bundled example document (what the portal
 * loads on first start), each fact the API returns equals the disclosure's fact, field by field —
 * measure, every dimension, amount and cell — and the indexed columns (line, functionCode …) agree
 * with the dimensions. On SQLite and PostgreSQL. (The store used to fill a fact's line and function
 * code from its printed row, which in a two-sided table belong to the other side.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { createApp } from "../../src/server/app.ts";
import { exampleFiles, loadFile } from "../../src/server/seed.ts";
import { getDisclosure, saveDisclosure } from "../../src/store/index.ts";
import { BACKENDS, openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import type { StoredFact } from "../../src/store/types.ts";

const FILES = exampleFiles();
const stores: Partial<Record<(typeof BACKENDS)[number], TestStore>> = {};
/** per backend: the saved id and the disclosure as imported */
const saved: Record<string, { file: string; id: number; d: Disclosure }[]> = {};

beforeAll(async () => {
  const sqlite = await openTestStore("sqlite");
  const pg = await openTestStore("postgres");
  stores.sqlite = sqlite;
  stores.postgres = pg;
  saved.sqlite = [];
  saved.postgres = [];
  for (const file of FILES) {
    const r = await loadFile(sqlite.store, file);
    if ("error" in r) throw new Error(`${file}: ${r.error}`);
    const d = (await getDisclosure(sqlite.store, r.saved.id))!;
    saved.sqlite.push({ file, id: r.saved.id, d });
    const p = await saveDisclosure(pg.store, { disclosure: d, status: "published" });
    saved.postgres.push({ file, id: p.id, d });
  }
}, 300_000);

afterAll(async () => {
  await stores.sqlite?.cleanup();
  await stores.postgres?.cleanup();
});

const orNull = (v: string | undefined) => v ?? null;

describe("facts API equals the disclosure's facts", () => {
  it("loads every bundled example", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(9);
    expect(saved.sqlite).toHaveLength(FILES.length);
  });

  for (const backend of BACKENDS) {
    it(`on ${backend}: every fact, field by field`, async () => {
      const t = stores[backend]!;
      const app = createApp(t.store, resolveConfig({ seed: false }, {}));
      let compared = 0;
      for (const { file, id, d } of saved[backend]!) {
        const res = await app.request(`/api/disclosures/${id}/facts?limit=5000`);
        expect(res.status, file).toBe(200);
        const body = (await res.json()) as { items: StoredFact[]; total: number };
        expect(body.total, file).toBe(d.facts.length);
        expect(body.items, file).toHaveLength(d.facts.length);
        body.items.forEach((a, i) => {
          const f = d.facts[i]!;
          const where = `${file} fact ${i}`;
          expect(a.seq, where).toBe(i);
          expect({ measure: a.measure, dims: a.dims, amount: a.amountFen, cell: a.cell }, where).toEqual({
            measure: f.measure,
            dims: f.dims,
            amount: f.amount,
            cell: f.cell,
          });
          // the indexed columns are the dimensions, never the printed row's other side
          expect(a.line, where).toBe(orNull(f.dims.line));
          expect(a.functionCode, where).toBe(orNull(f.dims.functionCode));
          expect(a.economicCode, where).toBe(orNull(f.dims.economicCode ?? f.dims.economicClass));
          expect(a.fund, where).toBe(orNull(f.dims.fund));
          expect(a.column, where).toBe(orNull(f.dims.column) ?? a.column);
          expect(a.table, where).toBe(d.tables.find((x) => x.no === f.cell.table)?.id ?? null);
          compared++;
        });
      }
      expect(compared).toBeGreaterThan(1000);
    });
  }

  it("the seed's 205 教育支出 fact in table 1 carries no income line, and income facts no function code", async () => {
    const t = stores.sqlite!;
    const app = createApp(t.store, resolveConfig({ seed: false }, {}));
    const seed = saved.sqlite!.find((s) => s.file.includes("bazhou"))!;
    const body = (await (await app.request(`/api/disclosures/${seed.id}/facts?table=1&limit=5000`)).json()) as {
      items: StoredFact[];
    };
    const edu = body.items.find((f) => f.measure === "expenditure" && f.functionCode === "205");
    expect(edu).toBeDefined();
    expect(edu?.line).toBeNull();
    expect(body.items.filter((f) => f.measure === "income").every((f) => f.functionCode === null)).toBe(true);
  });

  it("rejects an unknown filter with 400 instead of returning every fact", async () => {
    const t = stores.sqlite!;
    const app = createApp(t.store, resolveConfig({ seed: false }, {}));
    const id = saved.sqlite![0]!.id;
    const res = await app.request(`/api/disclosures/${id}/facts?functionCode=205`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/functionCode.*table/);
  });
});
