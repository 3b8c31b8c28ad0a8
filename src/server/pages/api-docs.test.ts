import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../config.ts";
import { openTestStore, type TestStore } from "../../store/test-stores.ts";
import { openApiDocument } from "../api/openapi.ts";
import { createApp } from "../app.ts";

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore("sqlite");
});
afterAll(async () => {
  await t?.cleanup();
});

describe("/api-docs", () => {
  it("renders every operation and schema of the OpenAPI document, locally, linked from the portal", async () => {
    const app = createApp(t.store, resolveConfig({ seed: false }, {}));
    const res = await app.request("/api-docs");
    expect(res.status).toBe(200);
    const page = await res.text();
    const doc = openApiDocument();
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods as Record<string, { operationId: string }>)) {
        expect(page, `${method} ${path}`).toContain(`id="op-${op.operationId}"`);
        expect(page).toContain(`<code>${path}</code>`);
      }
    for (const name of Object.keys(doc.components.schemas)) expect(page, name).toContain(`id="schema-${name}"`);
    expect(page).toContain('href="/api/openapi.json"');
    // nothing from elsewhere: no CDN script, style or font
    expect(page).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
    // the portal's API link leads here
    expect(await (await app.request("/")).text()).toContain('<a href="/api-docs">API</a>');
  });
});
