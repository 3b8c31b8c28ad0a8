/**
 * Office files: many counties publish their tables as old spreadsheets (.xls, WPS 表格 .et) and whole
 * disclosures as Word files (.docx, .doc). Where LibreOffice is installed (.ci/run installs its Calc
 * and Writer), yusuan turns them into .xlsx or PDF (src/import/office.ts) and reads them as any
 * workbook or PDF; without it, or when it cannot open the file, the message says what to do.
 * The files are made here from a real document, 杭州市气象局 2026 read from its PDF: written as
 * yusuan's workbook and saved by LibreOffice as Excel 97–2003; printed as yusuan's HTML and saved by
 * LibreOffice as .docx (its tables Word tables) and as Word 97–2003 .doc.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditDocument } from "../../src/audit/document.ts";
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";
import { convertWithOffice, lacksPart, officeProgram } from "../../src/import/office.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { renderHtml } from "../../src/render/html.ts";
import { renderXlsx } from "../../src/render/xlsx.ts";

const root = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "yusuan-xls-"));
const xlsx = join(dir, "hangzhou-qixiangju-2026.xlsx");
const xls = join(dir, "hangzhou-qixiangju-2026.xls");
const docx = join(dir, "hangzhou-qixiangju-2026.docx");
const doc = join(dir, "hangzhou-qixiangju-2026.doc");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const pdf = (await importFile(join(root, "test/fixtures/regions/hangzhou-qixiangju-2026-yusuan.pdf")))
    .disclosure as Disclosure;
  await renderXlsx(pdf, xlsx);
  const html = join(dir, "hangzhou-qixiangju-2026.html");
  writeFileSync(html, renderHtml(pdf).html);
  const program = officeProgram();
  expect(program, "LibreOffice (soffice) is installed by .ci/run").toBeDefined();
  const save = (as: string, from: string) => {
    const profile = `-env:UserInstallation=file://${dir}/profile`;
    const r = spawnSync(
      program as string,
      ["--headless", "--norestore", profile, "--convert-to", as, "--outdir", dir, from],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
  };
  save("xls", xlsx);
  save("docx:MS Word 2007 XML", html);
  save("doc:MS Word 97", docx);
}, 240_000);

/** Runs `f` with YUSUAN_SOFFICE set to `value`, then puts it back. */
async function withOffice<T>(value: string, f: () => Promise<T>): Promise<T> {
  const before = process.env.YUSUAN_SOFFICE;
  process.env.YUSUAN_SOFFICE = value;
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.YUSUAN_SOFFICE;
    else process.env.YUSUAN_SOFFICE = before;
  }
}

const shape = (d: Disclosure) => d.tables.map((t) => ({ no: t.no, title: t.title, rows: t.rows }));

describe("office files", () => {
  it("an .xls is read as its .xlsx is, and says it was converted", async () => {
    const a = (await importFile(xlsx)).disclosure as Disclosure;
    const r = await importFile(xls);
    const b = r.disclosure as Disclosure;
    expect(b.tables.length).toBeGreaterThanOrEqual(9);
    expect(shape(b)).toEqual(shape(a));
    expect([b.meta.department, b.meta.year]).toEqual(["杭州市气象局", 2026]);
    expect(r.problems.find((p) => p.code === "office.converted")?.message).toBe(
      "hangzhou-qixiangju-2026.xls 是旧版 Excel（.xls）文件，已用 LibreOffice 转换为 .xlsx 后读取",
    );
    expect(check(b).findings.map((f) => f.rule)).toEqual(check(a).findings.map((f) => f.rule));
  }, 120_000);

  it("one named .et (WPS 表格) goes the same way, and an audit reads it as a document", async () => {
    const et = join(dir, "部门预算公开表.et");
    copyFileSync(xls, et);
    const r = await auditDocument({ file: et });
    expect(r.status).toBe("ok");
    expect(r.department).toBe("杭州市气象局");
    expect(r.tables?.found).toBeGreaterThanOrEqual(9);
  }, 120_000);

  it("a .docx and a .doc are read through their PDF, with their Word tables", async () => {
    const read = async (file: string) => {
      const r = await importFile(file);
      const d = r.disclosure as Disclosure;
      expect([d.meta.department, d.meta.year], file).toEqual(["杭州市气象局", 2026]);
      expect(d.provenance.format).toBe("pdf");
      // (a table wider than Writer's page loses its last columns: not every table adds up as printed)
      expect(d.tables.map((t) => t.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(check(d).findings.filter((f) => f.severity === "error")).toEqual([]);
      return { r, d };
    };
    const a = await read(docx);
    expect(a.r.problems[0]?.message).toBe(
      "hangzhou-qixiangju-2026.docx 是 Word 文档（.docx），已用 LibreOffice 转换为 PDF 后读取；页码按转换后的版式，可能与在 Word 或 WPS 中打开时不同",
    );
    const b = await read(doc);
    expect(b.r.problems[0]?.message).toMatch(
      /^hangzhou-qixiangju-2026\.doc 是旧版 Word（\.doc）或 WPS 文字文件，已用 LibreOffice 转换为 PDF/,
    );
    expect(shape(b.d)).toEqual(shape(a.d));
  }, 240_000);

  it("without LibreOffice: not read, and the message says how to convert it or what to install", async () => {
    const r = await withOffice("", () => importFile(xls));
    expect(r.disclosure).toBeUndefined();
    expect(r.problems[0]?.message).toMatch(
      /旧版 Excel（\.xls）.*另存为 \.xlsx.*安装 LibreOffice.*libreoffice-calc-nogui/,
    );
    const w = await withOffice("none", () => importFile(docx));
    expect(w.problems[0]?.message).toMatch(
      /是 Word 文档（\.docx）.*另存为 PDF.*安装 LibreOffice.*libreoffice-writer-nogui/,
    );
  });

  it("a file LibreOffice cannot make a workbook of: a clear error, nothing left behind", async () => {
    const bad = join(dir, "坏文件.xls");
    // the old Office container's signature, then nothing of a workbook
    writeFileSync(
      bad,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]),
    );
    const folders = () => readdirSync(tmpdir()).filter((f) => f.startsWith("yusuan-office-")).length;
    const before = folders();
    const r = await importFile(bad);
    expect(r.disclosure).toBeUndefined();
    expect(r.problems.map((p) => p.message).join("；")).toMatch(
      /^坏文件\.xls 是旧版 Excel（\.xls）文件（已用 LibreOffice 转换为 \.xlsx）：.*请确认文件能在 Excel 或 WPS 中打开/,
    );
    expect(folders()).toBe(before);
  }, 120_000);

  it("a LibreOffice without Writer is told apart before it is asked to open a Word file", async () => {
    const calcOnly = join(dir, "calc-only");
    mkdirSync(calcOnly);
    writeFileSync(join(calcOnly, "soffice"), "#!/bin/sh\nexit 1\n");
    chmodSync(join(calcOnly, "soffice"), 0o755);
    writeFileSync(join(calcOnly, "libsclo.so"), "");
    expect(lacksPart(join(calcOnly, "soffice"), "pdf")).toBe(true);
    expect(lacksPart(join(calcOnly, "soffice"), "xlsx")).toBe(false);
    const r = await withOffice(join(calcOnly, "soffice"), () => importFile(docx));
    expect(r.problems[0]?.message).toMatch(/没有文字处理组件 Writer（apt-get install libreoffice-writer-nogui）/);
  });

  it("a conversion that hangs is stopped at its time limit, with the whole process group", async () => {
    const hang = join(dir, "hang.sh");
    writeFileSync(hang, "#!/bin/sh\nsleep 60 &\nsleep 60\n");
    chmodSync(hang, 0o755);
    const started = Date.now();
    const c = await withOffice(hang, () =>
      convertWithOffice(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), "a.xls", "xlsx", 500),
    );
    expect(c).toEqual({ error: "LibreOffice 转换超过 0.5 秒未完成" });
    expect(Date.now() - started).toBeLessThan(20_000);
    const left = spawnSync("pgrep", ["-f", hang], { encoding: "utf8" });
    expect(left.stdout.trim()).toBe("");
  });
});
