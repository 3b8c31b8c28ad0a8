/**
 * Overload (issue 13, item 9): the queue of requests is bounded (503 with Retry-After beyond it,
 * and for a request that waited too long), and downloads of a published version are made once.
 * Requests are held by a PDF service that answers only when the test lets it (no timing).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Config, resolveConfig } from "../../src/config.ts";
import * as xlsx from "../../src/render/xlsx.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { PdfService } from "../../src/server/downloads.ts";
import { type Saved, saveDisclosure } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { makeDisclosure } from "../../src/store/testing.ts";

vi.mock("../../src/render/xlsx.ts", async (original) => {
  const real = await original<typeof import("../../src/render/xlsx.ts")>();
  return {
    ...real,
    renderTableXlsxBuffer: vi.fn(real.renderTableXlsxBuffer),
    renderXlsxBuffer: vi.fn(real.renderXlsxBuffer),
  };
});

/** A PDF service whose answers wait until `release()` (the executable only has to exist). */
class HeldPdf extends PdfService {
  private waiting: (() => void)[] = [];
  override pdf(): Promise<Uint8Array> {
    return new Promise((resolve) => this.waiting.push(() => resolve(new TextEncoder().encode("%PDF-1.7 held"))));
  }
  get held(): number {
    return this.waiting.length;
  }
  release(): void {
    for (const r of this.waiting.splice(0)) r();
  }
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setImmediate(r));
  expect(ok()).toBe(true);
};

describe("overload", () => {
  let t: TestStore;
  let config: Config;
  let seed: Saved;

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    config = resolveConfig({}, {});
    seed = await saveDisclosure(t.store, { disclosure: makeDisclosure(), status: "published" });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("answers 503 with Retry-After beyond the bounded queue, and serves the rest", async () => {
    const pdf = new HeldPdf(t.store, { executablePath: process.execPath });
    let clock = 0;
    const app = createApp(
      t.store,
      { ...config, limits: { ...config.limits, maxActive: 2, maxQueued: 2, maxQueueWaitMs: 1000 } },
      { pdf, now: () => clock },
    );
    try {
      const get = () => app.request(`/disclosures/${seed.id}/disclosure.pdf`);
      const running = [get(), get()];
      await until(() => pdf.held === 2);
      const queued = [get(), get()];
      const refused = await get();
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await refused.text()).toContain("服务器繁忙");
      // the health check is never queued
      expect((await app.request("/healthz")).status).toBe(200);
      pdf.release();
      for (const r of await Promise.all(running)) expect(r.status).toBe(200);
      await until(() => pdf.held === 2);
      pdf.release();
      for (const r of await Promise.all(queued)) expect(r.status).toBe(200);
      // a request that waited in the queue longer than allowed is answered 503, not late
      const a = [get(), get()];
      await until(() => pdf.held === 2);
      const late = get();
      clock += 1001;
      pdf.release();
      expect((await late).status).toBe(503);
      for (const r of await Promise.all(a)) expect(r.status).toBe(200);
    } finally {
      pdf.release();
      await closeApp(app);
    }
  });

  it("answers 503 while the event loop keeps running late (requests queued before any handler)", async () => {
    let lag = 0;
    const app = createApp(t.store, config, { loopLag: () => lag });
    try {
      expect((await app.request("/")).status).toBe(200);
      lag = config.limits.maxLoopLagMs + 1;
      for (const path of ["/", `/departments/${seed.departmentId}/2025`, "/api/departments"]) {
        const res = await app.request(path);
        expect(res.status, path).toBe(503);
        expect(res.headers.get("retry-after"), path).toMatch(/^\d+$/);
      }
      expect((await app.request("/healthz")).status).toBe(200);
      lag = 0;
      expect((await app.request(`/departments/${seed.departmentId}/2025`)).status).toBe(200);
    } finally {
      await closeApp(app);
    }
  });

  it("makes each download of a published version once (per-table XLSX and CSV, the workbook)", async () => {
    const app = createApp(t.store, config);
    try {
      const perTable = vi.mocked(xlsx.renderTableXlsxBuffer);
      const whole = vi.mocked(xlsx.renderXlsxBuffer);
      perTable.mockClear();
      whole.mockClear();
      const paths = [
        `/disclosures/${seed.id}/tables/3.xlsx`,
        `/disclosures/${seed.id}/tables/3.csv`,
        `/disclosures/${seed.id}/disclosure.xlsx`,
        `/disclosures/${seed.id}/disclosure.json`,
      ];
      const first = await Promise.all(
        paths.map(async (p) => new Uint8Array(await (await app.request(p)).arrayBuffer())),
      );
      for (let i = 0; i < 3; i++)
        for (const [k, p] of paths.entries()) {
          const res = await app.request(p);
          expect(res.status, p).toBe(200);
          expect(new Uint8Array(await res.arrayBuffer()), p).toEqual(first[k]);
        }
      expect(perTable).toHaveBeenCalledTimes(1);
      expect(whole).toHaveBeenCalledTimes(1);
      // a client that has it gets 304 by the version's ETag
      const res = await app.request(paths[0] as string);
      const etag = res.headers.get("etag");
      expect(etag).toContain(`${seed.id}-1-`);
      expect((await app.request(paths[0] as string, { headers: { "If-None-Match": etag ?? "" } })).status).toBe(304);
    } finally {
      await closeApp(app);
    }
  });
});
