/**
 * Escaping (the probe's 44 cases held; kept here): hostile text in a department, region, row
 * labels, explanations, project names and file names comes out as text in every page, chart SVG,
 * CSV, XLSX, JSON and download name — never as markup, script or a spreadsheet formula.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { CHART_NAMES } from "../../src/server/charts.ts";
import { createToken, type Saved, saveDisclosure } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { makeDisclosure } from "../../src/store/testing.ts";

const SCRIPT = `<script>alert("x")</script>`;
const IMG = `"><img src=x onerror=alert(1)>`;
const QUOTES = `'&"`;
const HOSTILE = `${SCRIPT}${IMG}${QUOTES}`;
const FORMULA = `=HYPERLINK("http://evil.example","点我")`;

/** What must never appear unescaped in HTML or SVG (escaped, `&lt;img src=x onerror=…` is only text). */
const RAW = [/<script/i, /<img src=x/i, /onerror=alert\(1\)>/i];

describe("escaping", () => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  let v1: Saved;
  let v2: Saved;
  let admin: string;

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    app = createApp(t.store, resolveConfig({}, {}));
    admin = (await createToken(t.store, { name: "admin", role: "admin" })).token;
    const hostile = (year: number) => {
      const d = makeDisclosure({
        department: `恶意${HOSTILE}局`.slice(0, 100),
        region: `区${IMG}`.slice(0, 50),
        year,
        projects: [{ name: `项目${HOSTILE}`, code: "2080101", amount: 100_000_000 }],
        explanation: `说明${HOSTILE}${FORMULA}`,
      });
      d.tables[2]!.rows[1]!.label = FORMULA;
      d.tables[1]!.rows[1]!.label = HOSTILE;
      return d;
    };
    v1 = await saveDisclosure(t.store, {
      disclosure: hostile(2024),
      status: "published",
      source: { name: `${HOSTILE}.txt`, bytes: new TextEncoder().encode(HOSTILE) },
    });
    v2 = await saveDisclosure(t.store, { disclosure: hostile(2025), status: "published" });
  });
  afterAll(async () => {
    if (app) await closeApp(app);
    await t?.cleanup();
  });

  it("escapes hostile text in every page", async () => {
    const dept = v1.departmentId;
    const paths = [
      "/",
      `/?q=${encodeURIComponent("恶意")}`,
      `/?q=${encodeURIComponent(HOSTILE)}`,
      `/?region=${encodeURIComponent(`区${IMG}`)}`,
      `/departments/${dept}/2024`,
      `/departments/${dept}/2025`,
      `/departments/${dept}/2024?version=${encodeURIComponent(HOSTILE)}`,
      `/compare?department=${dept}`,
      `/compare?year=2025&d=${dept}`,
      "/regions",
      `/regions/${encodeURIComponent(`区${IMG}`.slice(0, 50))}`,
      `/disclosures/${v1.id}/diff/${v2.id}`,
      `/nope/${encodeURIComponent(HOSTILE)}`,
      `/departments/${encodeURIComponent(HOSTILE)}`,
    ];
    for (const path of paths) {
      const res = await app.request(path);
      expect(res.status, path).toBeLessThan(500);
      const body = await res.text();
      for (const raw of RAW) expect(body, path).not.toMatch(raw);
    }
    const page = await (await app.request(`/departments/${dept}/2024`)).text();
    expect(page).toContain("&lt;script&gt;");
  });

  it("escapes hostile text in every chart SVG", async () => {
    for (const name of CHART_NAMES) {
      const res = await app.request(`/disclosures/${v2.id}/charts/${name}.svg`);
      if (res.status === 404) continue;
      expect(res.status, name).toBe(200);
      expect(res.headers.get("content-security-policy"), name).toContain("default-src 'none'");
      const svg = await res.text();
      for (const raw of RAW) expect(svg, name).not.toMatch(raw);
    }
  });

  it("keeps formulas out of CSV and XLSX downloads, and names downloads safely", async () => {
    for (const no of [2, 3]) {
      const csv = await app.request(`/disclosures/${v1.id}/tables/${no}.csv`);
      const text = await csv.text();
      expect(text, `table ${no}`).not.toMatch(/(^|,)=HYPERLINK/m);
      const cd = csv.headers.get("content-disposition") ?? "";
      expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/);
      const xlsx = await app.request(`/disclosures/${v1.id}/tables/${no}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await xlsx.arrayBuffer());
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `table ${no} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          }),
        ),
      );
    }
    const src = await app.request(`/disclosures/${v1.id}/source`);
    expect(src.headers.get("content-disposition")).toMatch(/filename="source-\d+\.txt"/);
    expect(src.headers.get("x-content-type-options")).toBe("nosniff");
    expect(src.headers.get("content-type")).toBe("application/octet-stream");
  });

  it("returns hostile text as JSON strings, never as HTML", async () => {
    const res = await app.request(`/api/departments?q=${encodeURIComponent("恶意")}`);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as { items: { name: string }[] };
    expect(body.items[0]?.name).toContain(SCRIPT);
    const d = await app.request(`/disclosures/${v1.id}/disclosure.json`);
    expect(d.headers.get("content-type")).toContain("application/json");
  });

  it("escapes a hostile upload's file name and content in the result page", async () => {
    const fd = new FormData();
    fd.set("token", admin);
    const doc = makeDisclosure({ department: `上传${SCRIPT}局`, year: 2023 });
    fd.set("file", new File([JSON.stringify(doc)], `${IMG}.json`, { type: "application/json" }));
    const res = await app.request("/upload", { method: "POST", body: fd });
    expect(res.status).toBe(201);
    const body = await res.text();
    for (const raw of RAW) expect(body).not.toMatch(raw);
    expect(body).not.toContain(admin);
  });
});
