/** A server started before Chromium was installed serves PDFs once it is, without a restart. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../config.ts";
import { saveDisclosure } from "../store/index.ts";
import { openTestStore, type TestStore } from "../store/test-stores.ts";
import { makeDisclosure } from "../store/testing.ts";
import { createApp } from "./app.ts";
import { PdfService } from "./downloads.ts";

const dir = mkdtempSync(join(tmpdir(), "yusuan-pdfsvc-"));
let t: TestStore | undefined;
afterAll(async () => {
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("PdfService", () => {
  it("looks for Chromium again at request time; until then the page hides PDF and the route says what to install", async () => {
    t = await openTestStore("sqlite");
    const s = await saveDisclosure(t.store, {
      disclosure: makeDisclosure({ department: "测试市财政局", year: 2025 }),
      status: "published",
    });
    const chromium = join(dir, "chromium");
    const pdf = new PdfService(t.store, { executablePath: chromium });
    const app = createApp(t.store, resolveConfig({ seed: false }, {}), { pdf });
    expect(pdf.available).toBe(false);
    const res = await app.request(`/disclosures/${s.id}/disclosure.pdf`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("apt-get install chromium");
    expect(await (await app.request(`/departments/${s.departmentId}/2025`)).text()).not.toContain("disclosure.pdf");
    writeFileSync(chromium, ""); // "installed"
    expect(pdf.available).toBe(true);
    expect(await (await app.request(`/departments/${s.departmentId}/2025`)).text()).toContain("disclosure.pdf");
  });
});
