import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, resolveConfig } from "../config.ts";
import { importFile } from "../import/index.ts";
import { AGGREGATE_BY, aggregate, createToken, type Saved, saveDisclosure } from "../store/index.ts";
import { BACKENDS, openTestStore, type TestStore } from "../store/test-stores.ts";
import { makeDisclosure } from "../store/testing.ts";
import { closeApp, createApp } from "./app.ts";
import { PdfService } from "./downloads.ts";
import { warmAnswers } from "./warm.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests are checked by value
type J = any;
const toJ = (x: unknown): J => x;

const HOSTILE = `<script>alert("x")</script>&'"`;

for (const backend of BACKENDS) {
  describe(`portal and API on ${backend}`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createApp>;
    let config: Config;
    let seed: Saved;
    let hostile: Saved;
    let admin: string;
    let editor: string;
    let otherEditor: string;
    let reviewer: string;
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
      t = await openTestStore(backend);
      config = resolveConfig({ maxUploadMb: 1 }, {});
      app = createApp(t.store, config);
      const r = await importFile("test/fixtures/bazhou-hrss-2025-budget.txt");
      const seedDoc = r.disclosure ?? makeDisclosure({ department: "新疆巴州人力资源和社会保障局", region: "新疆" });
      seed = await saveDisclosure(t.store, {
        disclosure: seedDoc,
        status: "published",
        source: { name: "../../etc/passwd\u0000.txt", bytes: new TextEncoder().encode("seed") },
      });
      const h = makeDisclosure({ department: `恶意${HOSTILE}局`, region: `区${HOSTILE}`, year: 2024 });
      h.tables[2]!.rows[1]!.label = HOSTILE;
      h.explanations[0]!.text = HOSTILE;
      hostile = await saveDisclosure(t.store, { disclosure: h, status: "published" });
      admin = (await createToken(t.store, { name: "admin", role: "admin" })).token;
      reviewer = (await createToken(t.store, { name: "rev", role: "reviewer" })).token;
      editor = (await createToken(t.store, { name: "ed", role: "editor", departmentId: seed.departmentId })).token;
      otherEditor = (await createToken(t.store, { name: "ed2", role: "editor", departmentId: hostile.departmentId }))
        .token;
    });
    afterAll(async () => {
      if (app) await closeApp(app);
      await t?.cleanup();
    });

    it("serves the home page with search, regions and years", async () => {
      const res = await app.request("/?q=人力资源");
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('lang="zh-CN"');
      expect(body).toContain("新疆巴州人力资源和社会保障局");
      expect(body).toContain("/regions/");
    });

    it("warms the aggregates over every disclosure, and answers them as computed afresh", async () => {
      expect(await warmAnswers(app)).toBe(AGGREGATE_BY.length);
      for (const by of AGGREGATE_BY) {
        const served = toJ(await (await app.request(`/api/aggregates?by=${by}`)).json());
        const fresh = await aggregate(t.store, { by }, { cache: false });
        expect(served.items.map((i: J) => [i.key, i.amountFen])).toEqual(fresh.items.map((i) => [i.key, i.amountFen]));
      }
    });

    it("renders the department-year page with figures, charts, tables, downloads", async () => {
      const res = await app.request(`/departments/${seed.departmentId}/2025`);
      expect(res.status).toBe(200);
      const body = await res.text();
      for (const s of [
        "主要数据",
        "charts/function.svg",
        "表3",
        "下载 CSV",
        "disclosure.json",
        "数据质量",
        "部门预算情况说明",
      ])
        expect(body).toContain(s);
      // the version fragment (kept as bytes) spliced whole into the page's shell, in order
      expect(body.startsWith("<!doctype html>")).toBe(true);
      expect(body.trimEnd().endsWith("</html>")).toBe(true);
      expect(body).not.toContain("\u0000");
      const order = ["<h1>", 'id="toc-h"', 'id="headline"', 'id="tables"', 'id="history"', "</main>"].map((s) =>
        body.indexOf(s),
      );
      expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
      const svg = await app.request(`/disclosures/${seed.id}/charts/function.svg`);
      expect(svg.status).toBe(200);
      expect(svg.headers.get("content-type")).toContain("image/svg+xml");
      expect(await svg.text()).toContain("<svg");
      const csv = await app.request(`/disclosures/${seed.id}/tables/3.csv`);
      expect(csv.status).toBe(200);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const json = await app.request(`/disclosures/${seed.id}/disclosure.json`);
      expect((await json.json().then(toJ)).meta.department).toBe("新疆巴州人力资源和社会保障局");
    });

    const readXlsx = async (res: Response) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      return wb;
    };
    const utf8Name = (res: Response) => {
      const cd = res.headers.get("content-disposition") ?? "";
      expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/);
      return decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(cd)?.[1] ?? "");
    };

    it("downloads each table as CSV and XLSX, and the whole as XLSX and JSON", async () => {
      const page = await (await app.request(`/departments/${seed.departmentId}/2025`)).text();
      for (const href of ["tables/3.csv", "tables/3.xlsx", "disclosure.xlsx", "disclosure.json", "disclosure.pdf"])
        expect(page).toContain(`/disclosures/${seed.id}/${href}`);
      const csv = await app.request(`/disclosures/${seed.id}/tables/3.csv`);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(utf8Name(csv)).toBe("新疆巴州人力资源和社会保障局-2025年部门预算-第1版-表3部门支出总体情况表.csv");
      expect(await csv.text()).toContain("功能分类科目编码");

      const t3 = await app.request(`/disclosures/${seed.id}/tables/3.xlsx`);
      expect(t3.status).toBe(200);
      expect(t3.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      expect(utf8Name(t3)).toMatch(/^新疆巴州人力资源和社会保障局-2025年部门预算-第1版-表3.+\.xlsx$/);
      const one = await readXlsx(t3);
      expect(one.worksheets).toHaveLength(1);
      const sheet = one.worksheets[0]!;
      expect(String(sheet.getCell(1, 1).value)).toContain("表3");
      const values = sheet
        .getSheetValues()
        .flat()
        .filter((v) => typeof v === "number");
      expect(values.length).toBeGreaterThan(5);

      const whole = await app.request(`/disclosures/${seed.id}/disclosure.xlsx`);
      expect(whole.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      expect(utf8Name(whole)).toBe("新疆巴州人力资源和社会保障局-2025年部门预算-第1版.xlsx");
      const book = await readXlsx(whole);
      expect(book.worksheets.length).toBeGreaterThanOrEqual(10);
      expect(book.worksheets.map((w) => w.name)).toContain("说明");
      // served again from the stored rendition: the same bytes
      const again = await app.request(`/disclosures/${seed.id}/disclosure.xlsx`);
      expect((await again.arrayBuffer()).byteLength).toBeGreaterThan(1000);

      const json = await app.request(`/disclosures/${seed.id}/disclosure.json`);
      expect(json.headers.get("content-type")).toContain("application/json");
      expect(utf8Name(json)).toBe("新疆巴州人力资源和社会保障局-2025年部门预算-第1版.json");
      expect((await json.json().then(toJ)).tables.length).toBeGreaterThanOrEqual(9);

      expect((await app.request(`/disclosures/${seed.id}/tables/99.xlsx`)).status).toBe(404);
      expect((await app.request(`/disclosures/${seed.id}/tables/3.xls`)).status).toBe(404);
    });

    it("answers 503 for a PDF and hides the link when Chromium is missing", async () => {
      const noPdf = new PdfService(t.store, { executablePath: "/nonexistent/chromium" });
      const bare = createApp(t.store, config, { pdf: noPdf });
      const page = await (await bare.request(`/departments/${hostile.departmentId}/2024`)).text();
      expect(page).toContain("disclosure.xlsx");
      expect(page).not.toContain("disclosure.pdf");
      const res = await bare.request(`/disclosures/${hostile.id}/disclosure.pdf`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("Chromium");
      await closeApp(bare);
    });

    // one PDF test (Chromium is slow): on PostgreSQL, where the stored bytes go through bytea
    if (backend === "postgres")
      it("renders the PDF once through the shared browser and serves the stored bytes", async () => {
        const [a, b] = await Promise.all([
          app.request(`/disclosures/${seed.id}/disclosure.pdf`),
          app.request(`/disclosures/${seed.id}/disclosure.pdf`),
        ]);
        expect(a.status).toBe(200);
        expect(a.headers.get("content-type")).toBe("application/pdf");
        expect(utf8Name(a)).toBe("新疆巴州人力资源和社会保障局-2025年部门预算-第1版.pdf");
        const bytes = new Uint8Array(await a.arrayBuffer());
        expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
        expect(new Uint8Array(await b.arrayBuffer())).toEqual(bytes);
        const stored = await t.store.db
          .selectFrom("renditions")
          .select("format")
          .where("disclosure_id", "=", seed.id)
          .execute();
        expect(stored.map((r) => r.format).sort()).toEqual(["pdf", "xlsx"]);
        const dir = mkdtempSync(join(tmpdir(), "yusuan-pdf-test-"));
        try {
          writeFileSync(join(dir, "d.pdf"), bytes);
          const text = execFileSync("pdftotext", [join(dir, "d.pdf"), "-"], { encoding: "utf8" });
          expect(text.replace(/\s+/g, "")).toContain("新疆巴州人力资源和社会保障局");
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

    it("self-hosts the fonts with long cache lifetimes and references no external URL", async () => {
      const home = await (await app.request("/")).text();
      const href = /<link rel="stylesheet" href="(\/assets\/fonts\.css\?v=[0-9a-f]+)">/.exec(home)?.[1];
      expect(href).toBeTruthy();
      const css = await app.request(href!);
      expect(css.headers.get("content-type")).toContain("text/css");
      expect(css.headers.get("cache-control")).toContain("max-age=31536000");
      const cssText = await css.text();
      const font = /url\("(\/assets\/fonts\/noto-sans-sc-[^"]+\.woff2)"\)/.exec(cssText)?.[1];
      expect(font).toBeTruthy();
      const woff = await app.request(font!);
      expect(woff.status).toBe(200);
      expect(woff.headers.get("content-type")).toBe("font/woff2");
      expect(woff.headers.get("cache-control")).toContain("immutable");
      expect(
        Buffer.from(await woff.arrayBuffer())
          .subarray(0, 4)
          .toString(),
      ).toBe("wOF2");
      for (const bad of ["/assets/fonts/..%2F..%2Fpackage.json", "/assets/fonts/400.css", "/assets/fonts/x.woff2"])
        expect((await app.request(bad)).status, bad).toBe(404);
      const pages = [
        "/",
        "/?q=人力资源",
        `/departments/${seed.departmentId}/2025`,
        `/compare?department=${seed.departmentId}`,
        `/regions/${encodeURIComponent("新疆")}`,
        "/upload",
        "/nope",
        href!,
      ];
      for (const path of pages) {
        const text = await (await app.request(path)).text();
        // any URL with a scheme or a scheme-relative one, in attributes or CSS
        const external = [
          ...text.matchAll(/(?:src|href|action|url)\s*[=(]\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^"')\s>]*)/gi),
        ]
          .map((m) => m[1])
          .filter((u) => !u?.startsWith("data:"));
        expect(external, path).toEqual([]);
      }
    });

    it("renders compare and region pages", async () => {
      expect((await app.request(`/compare?department=${seed.departmentId}`)).status).toBe(200);
      const multi = await app.request(`/compare?year=2025&d=${seed.departmentId}`);
      expect(await multi.text()).toContain("2025 年部门预算比较");
      const region = await app.request(`/regions/${encodeURIComponent("新疆")}?year=2025`);
      expect(region.status).toBe(200);
      expect(await region.text()).toContain("“三公”经费按部门排名");
    });

    it("escapes hostile names in pages, chart SVG and JSON", async () => {
      for (const path of [
        `/departments/${hostile.departmentId}/2024`,
        `/?q=${encodeURIComponent("恶意")}`,
        `/regions/${encodeURIComponent(`区${HOSTILE}`)}?year=2024`,
        `/?q=${encodeURIComponent(HOSTILE)}`,
        `/nope${encodeURIComponent(HOSTILE)}`,
      ]) {
        const body = await (await app.request(path)).text();
        expect(body, path).not.toContain("<script>");
        expect(body, path).not.toContain('alert("x")');
      }
      const page = await (await app.request(`/departments/${hostile.departmentId}/2024`)).text();
      expect(page).toContain("&lt;script&gt;");
      const svg = await (await app.request(`/disclosures/${hostile.id}/charts/function.svg`)).text();
      expect(svg).not.toContain("<script>");
      expect(svg).toContain("&lt;script&gt;");
      const api = await app.request(`/api/departments?q=${encodeURIComponent("恶意")}`);
      expect(api.headers.get("content-type")).toContain("application/json");
      expect((await api.json().then(toJ)).items[0].name).toBe(`恶意${HOSTILE}局`);
    });

    it("parameterises search: quotes, % and _ are literal", async () => {
      for (const q of ["' OR '1'='1", "%", "_", "\\", "%%'--", '"; drop table facts; --']) {
        const res = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
        expect(res.status, q).toBe(200);
        expect((await res.json().then(toJ)).total, q).toBe(0);
      }
    });

    it("serves the API: departments, disclosure, table, facts, findings, aggregates", async () => {
      const list = await (await app.request("/api/departments?limit=1")).json().then(toJ);
      expect(list).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(
        (await (await app.request(`/api/departments/${seed.departmentId}`)).json().then(toJ)).versions,
      ).toHaveLength(1);
      const d = await (await app.request(`/api/disclosures/${seed.id}`)).json().then(toJ);
      expect(d.record.status).toBe("published");
      expect(
        (await (await app.request(`/api/disclosures/${seed.id}/tables/3`)).json().then(toJ)).rows.length,
      ).toBeGreaterThan(1);
      const facts = await (await app.request(`/api/disclosures/${seed.id}/facts?limit=10`)).json().then(toJ);
      expect(facts.items).toHaveLength(10);
      expect(typeof facts.items[0].amountFen).toBe("number");
      expect((await app.request(`/api/disclosures/${seed.id}/findings`)).status).toBe(200);
      const agg = await (await app.request("/api/aggregates?by=functionClass&year=2025")).json().then(toJ);
      expect(agg.items.length).toBeGreaterThan(0);
      expect(typeof agg.totalAmountFen).toBe("number");
      expect((await app.request("/api/aggregates?by=nonsense")).status).toBe(400);
      expect((await app.request("/api/aggregates?year=abc")).status).toBe(400);
      expect((await app.request("/api/disclosures/99999")).status).toBe(404);
    });

    it("serves a valid OpenAPI 3.1 document", async () => {
      const doc = await (await app.request("/api/openapi.json")).json().then(toJ);
      expect(doc.openapi).toBe("3.1.0");
      const result = await validate(structuredClone(doc));
      expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
      // the validator is real: a broken document fails
      const broken = structuredClone(doc);
      broken.paths["/api/search"].get.responses = "nope";
      expect((await validate(broken)).valid).toBe(false);
    });

    it("requires a token for every write (401) and the right role (403)", async () => {
      const file = () => {
        const fd = new FormData();
        fd.set("file", new File([JSON.stringify(makeDisclosure())], "d.json", { type: "application/json" }));
        return fd;
      };
      const writes: [string, string, () => RequestInit][] = [
        ["POST", "/api/disclosures", () => ({ body: file() })],
        ["POST", `/api/disclosures/${seed.id}/publish`, () => ({})],
        ["DELETE", `/api/disclosures/${seed.id}`, () => ({})],
        ["POST", "/api/tokens", () => ({ body: JSON.stringify({ name: "x", role: "admin" }) })],
        ["POST", "/upload", () => ({ body: file() })],
        ["POST", `/disclosures/${seed.id}/publish`, () => ({ body: new FormData() })],
      ];
      for (const [method, path, init] of writes) {
        const anon = await app.request(path, { method, ...init() });
        expect(anon.status, `${method} ${path}`).toBe(401);
        const bad = await app.request(path, { method, ...init(), headers: auth("not-a-token") });
        expect(bad.status, `${method} ${path}`).toBe(401);
      }
      const asEditor = await app.request("/api/tokens", {
        method: "POST",
        headers: { ...auth(editor), "content-type": "application/json" },
        body: JSON.stringify({ name: "x", role: "admin" }),
      });
      expect(asEditor.status).toBe(403);
      // an editor cannot publish or delete another department's disclosure
      const other = await app.request(`/api/disclosures/${seed.id}`, { method: "DELETE", headers: auth(otherEditor) });
      expect(other.status).toBe(403);
      // published versions are immutable
      const del = await app.request(`/api/disclosures/${seed.id}`, { method: "DELETE", headers: auth(admin) });
      expect(del.status).toBe(409);
    });

    it("uploads as an editor (own department only), then publishes as reviewer", async () => {
      const own = makeDisclosure({ department: "新疆巴州人力资源和社会保障局", region: "新疆", year: 2026 });
      const fd = new FormData();
      fd.set("file", new File([JSON.stringify(own)], "own.json", { type: "application/json" }));
      const res = await app.request("/api/disclosures", { method: "POST", body: fd, headers: auth(editor) });
      expect(res.status).toBe(201);
      const body = await res.json().then(toJ);
      expect(body.record).toMatchObject({ status: "draft", year: 2026 });
      // drafts are not public
      expect((await app.request(`/api/disclosures/${body.record.id}`)).status).toBe(404);
      const foreign = new FormData();
      foreign.set("file", new File([JSON.stringify(makeDisclosure({ department: "别的局" }))], "f.json"));
      expect(
        (await app.request("/api/disclosures", { method: "POST", body: foreign, headers: auth(editor) })).status,
      ).toBe(403);
      const pub = await app.request(`/api/disclosures/${body.record.id}/publish`, {
        method: "POST",
        headers: auth(reviewer),
      });
      expect(pub.status).toBe(200);
      expect((await app.request(`/api/disclosures/${body.record.id}`)).status).toBe(200);
      const again = await app.request(`/api/disclosures/${body.record.id}/publish`, {
        method: "POST",
        headers: auth(admin),
      });
      expect(again.status).toBe(409);
    });

    it("uploads a real PDF (Shanghai template) and reads its tables", async () => {
      const pdf = readFileSync(
        new URL("../../test/fixtures/corpus/shanghai-putuo-caizhengju-2025-yusuan.pdf", import.meta.url),
      );
      const fd = new FormData();
      fd.set("file", new File([pdf], "普陀区财政局2025预算.pdf", { type: "application/pdf" }));
      const res = await app.request("/api/disclosures", { method: "POST", body: fd, headers: auth(admin) });
      expect(res.status).toBe(201);
      const body = await res.json().then(toJ);
      expect(body.record).toMatchObject({ status: "draft", year: 2025 });
      const del = await app.request(`/api/disclosures/${body.record.id}`, { method: "DELETE", headers: auth(admin) });
      expect(del.status).toBeLessThan(300);
    });

    it("an identical upload is unchanged, not 第 2 版 (API and form); the picker offers PDF and XLSX", async () => {
      const doc = JSON.stringify(
        makeDisclosure({ department: "新疆巴州人力资源和社会保障局", region: "新疆", year: 2029 }),
      );
      const up = () => {
        const fd = new FormData();
        fd.set("file", new File([doc], "same.json", { type: "application/json" }));
        return app.request("/api/disclosures", { method: "POST", body: fd, headers: auth(admin) });
      };
      const first = await up();
      expect(first.status).toBe(201);
      const a = await first.json().then(toJ);
      expect(a.unchanged).toBe(false);
      const second = await up();
      expect(second.status).toBe(200);
      const b = await second.json().then(toJ);
      expect(b).toMatchObject({ unchanged: true, record: { id: a.record.id, version: a.record.version } });
      const fd = new FormData();
      fd.set("token", admin);
      fd.set("file", new File([doc], "again.json", { type: "application/json" }));
      const form = await (await app.request("/upload", { method: "POST", body: fd })).text();
      expect(form).toContain(`内容与已有的第 ${a.record.version} 版（编号 ${a.record.id}）相同：未新增版本`);
      const picker = await (await app.request("/upload")).text();
      expect(picker).toMatch(/accept="[^"]*\.pdf[^"]*\.xlsx/);
    });

    it("uploads through the portal form with a token field", async () => {
      const fd = new FormData();
      fd.set("token", editor);
      fd.set(
        "file",
        new File(
          [JSON.stringify(makeDisclosure({ department: "新疆巴州人力资源和社会保障局", year: 2027 }))],
          "p.json",
          {
            type: "application/json",
          },
        ),
      );
      const res = await app.request("/upload", { method: "POST", body: fd });
      expect(res.status).toBe(201);
      const html = await res.text();
      expect(html).toContain("检查结果");
      expect(html).not.toContain(editor);
    });

    it("refuses oversized uploads (413) and unsupported types (415)", async () => {
      const big = new Uint8Array(config.maxUploadBytes + 10).fill(0x61);
      const fd = new FormData();
      fd.set("file", new File([big], "big.txt", { type: "text/plain" }));
      expect((await app.request("/api/disclosures", { method: "POST", body: fd, headers: auth(admin) })).status).toBe(
        413,
      );
      const raw = await app.request("/api/disclosures", {
        method: "POST",
        body: big,
        headers: { ...auth(admin), "content-type": "text/plain" },
      });
      expect(raw.status).toBe(413);
      const huge = new Uint8Array(config.maxUploadBytes + 512 * 1024).fill(0x61);
      const fd2 = new FormData();
      fd2.set("token", admin);
      fd2.set("file", new File([huge], "big.txt", { type: "text/plain" }));
      expect((await app.request("/upload", { method: "POST", body: fd2 })).status).toBe(413);
      // A broken PDF or workbook is a supported type that cannot be read: 422 with the reason.
      for (const [name, type, bytes] of [
        ["doc.pdf", "application/pdf", new TextEncoder().encode("%PDF-1.7\n...")],
        [
          "book.xlsx",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          new Uint8Array([0x50, 0x4b, 3, 4, 0]),
        ],
      ] as [string, string, Uint8Array][]) {
        const f = new FormData();
        f.set("file", new File([bytes], name, { type }));
        const res = await app.request("/api/disclosures", { method: "POST", body: f, headers: auth(admin) });
        expect(res.status, name).toBe(422);
        expect((await res.json().then(toJ)).error.message, name).toMatch(/无法读取/);
      }
      const cases: [string, string, Uint8Array][] = [
        ["x.txt", "text/plain", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])],
        ["old.xls", "application/vnd.ms-excel", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
        ["img.png", "image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
        ["x.exe", "application/octet-stream", new TextEncoder().encode("MZ")],
      ];
      for (const [name, type, bytes] of cases) {
        const f = new FormData();
        f.set("file", new File([bytes], name, { type }));
        const res = await app.request("/api/disclosures", { method: "POST", body: f, headers: auth(admin) });
        expect(res.status, name).toBe(415);
        expect((await res.json().then(toJ)).error.message.length, name).toBeGreaterThan(5);
      }
    });

    it("addresses downloads by id only: no path traversal", async () => {
      for (const path of [
        "/disclosures/..%2F..%2Fetc%2Fpasswd/source",
        "/disclosures/1/tables/..%2F..%2Fpackage.json",
        "/disclosures/1/tables/3.csv%00.txt",
        `/disclosures/${seed.id}/charts/..%2F..%2Fpackage.json`,
        "/disclosures/../../package.json",
        "/api/disclosures/1%2F..%2F2",
      ]) {
        const res = await app.request(path);
        expect(res.status, path).toBe(404);
        expect(await res.text()).not.toContain('"name": "yusuan"');
      }
      const src = await app.request(`/disclosures/${seed.id}/source`);
      expect(src.status).toBe(200);
      const cd = src.headers.get("content-disposition") ?? "";
      expect(cd).toContain(`filename="source-${seed.id}`);
      expect(cd).not.toMatch(/filename="[^"]*\.\./);
    });

    it("answers errors without stack traces", async () => {
      const res = await app.request("/api/disclosures/abc");
      expect(res.status).toBe(404);
      const body = await res.text();
      expect(body).not.toMatch(/at .*\.ts:\d+/);
    });
  });
}
