/**
 * An audit saved into the store (both backends): each result written once per (audit, hash), the
 * department-year page shows its data quality, /audits and /audits/:id show the audit, and every
 * text from a document is escaped (in the tables and in the SVG charts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentHash } from "../../audit/discover.ts";
import { auditDocument } from "../../audit/document.ts";
import { assembleReport } from "../../audit/report.ts";
import { documentRow, saveAudit } from "../../audit/save.ts";
import { resolveConfig } from "../../config.ts";
import { importFile } from "../../import/index.ts";
import { getAudit, listAuditDocuments, saveAuditDocument, saveDisclosure } from "../../store/index.ts";
import { BACKENDS, openTestStore, type TestStore } from "../../store/test-stores.ts";
import { closeApp, createApp } from "../app.ts";

const SEED = "test/fixtures/bazhou-hrss-2025-budget.txt";
const HOSTILE = `<script>alert("x")</script>`;

for (const backend of BACKENDS) {
  describe(`audits in the store and the portal on ${backend}`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createApp>;
    let auditId: number;
    let seedScore: number;

    beforeAll(async () => {
      t = await openTestStore(backend);
      app = createApp(t.store, resolveConfig({}, {}));
      const r = await importFile(SEED);
      if (!r.disclosure) throw new Error("seed");
      const saved = await saveDisclosure(t.store, { disclosure: r.disclosure, status: "published" });
      expect(saved.id).toBeGreaterThan(0);
      const seed = await auditDocument({ file: SEED }, await documentHash({ file: SEED }, "test"));
      seedScore = seed.score?.total ?? -1;
      // a hostile name and message, as a document could carry them
      const hostile = {
        ...seed,
        hash: "f".repeat(64),
        department: `恶意${HOSTILE}局`,
        findings: seed.findings.map((f) => ({ ...f, message: HOSTILE })),
      };
      const report = assembleReport(
        [
          seed,
          hostile,
          { ...seed, file: "broken.pdf", status: "unreadable", reason: `坏${HOSTILE}`, hash: "e".repeat(64) },
        ],
        { inputs: ["test"] },
      );
      auditId = await saveAudit(t.store, report, { title: `批次${HOSTILE}` });
    }, 60_000);

    afterAll(async () => {
      await closeApp(app);
      await t.cleanup();
    });

    it("keeps every document once: writing a result again (a retried job) changes nothing", async () => {
      const before = await listAuditDocuments(t.store, auditId);
      expect(before).toHaveLength(3);
      const again = await saveAuditDocument(t.store, auditId, {
        ...documentRow(before[0]?.result as never, 0),
        hash: before[0]?.hash ?? "",
        score: 1,
      });
      expect(again).toBe(false);
      const after = await listAuditDocuments(t.store, auditId);
      expect(after).toHaveLength(3);
      expect(after[0]?.score).toBe(before[0]?.score);
      const a = await getAudit(t.store, auditId);
      expect(a).toMatchObject({ status: "done", documents: 3, written: 3 });
    });

    it("the department-year page shows its data-quality score and links to the audit", async () => {
      const res = await app.request("/departments/1/2025");
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain(`数据质量 ${seedScore} 分`);
      expect(body).toContain(`href="/audits/${auditId}"`);
    });

    it("/audits lists it and /audits/:id shows every document, escaped", async () => {
      const list = await (await app.request("/audits")).text();
      expect(list).toContain(`href="/audits/${auditId}"`);
      expect(list).not.toContain(HOSTILE);
      const res = await app.request(`/audits/${auditId}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain("新疆巴州人力资源和社会保障局");
      expect(body).toContain("无法读取");
      expect(body).toContain("<svg");
      expect(body).not.toContain(HOSTILE);
      expect(body).toContain("&lt;script&gt;");
      expect((await app.request("/audits/999999")).status).toBe(404);
      expect((await app.request("/audits/abc")).status).toBe(404);
    });
  });
}
