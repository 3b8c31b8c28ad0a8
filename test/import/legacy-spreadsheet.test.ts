/**
 * Old spreadsheets (.xls, WPS 表格 .et): many counties publish their tables so. Where LibreOffice is
 * installed (.ci/run installs it), yusuan turns them into .xlsx (src/import/office.ts) and reads them
 * as any workbook; without it, or when it cannot open the file, the message says what to do.
 * The .xls is made here from a real document: 杭州市气象局 2026 read from its PDF, written as yusuan's
 * workbook, and saved by LibreOffice as Excel 97–2003.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditDocument } from "../../src/audit/document.ts";
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";
import { officeProgram, toXlsx } from "../../src/import/office.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { renderXlsx } from "../../src/render/xlsx.ts";

const root = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "yusuan-xls-"));
const xlsx = join(dir, "hangzhou-qixiangju-2026.xlsx");
const xls = join(dir, "hangzhou-qixiangju-2026.xls");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const pdf = (await importFile(join(root, "test/fixtures/regions/hangzhou-qixiangju-2026-yusuan.pdf")))
    .disclosure as Disclosure;
  await renderXlsx(pdf, xlsx);
  const program = officeProgram();
  expect(program, "LibreOffice (soffice) is installed by .ci/run").toBeDefined();
  const r = spawnSync(
    program as string,
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${dir}/profile`,
      "--convert-to",
      "xls",
      "--outdir",
      dir,
      xlsx,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  expect(r.status, r.stderr).toBe(0);
}, 180_000);

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

describe("old spreadsheets", () => {
  it("an .xls is read as its .xlsx is, and says it was converted", async () => {
    const a = (await importFile(xlsx)).disclosure as Disclosure;
    const r = await importFile(xls);
    const b = r.disclosure as Disclosure;
    expect(b.tables.length).toBeGreaterThanOrEqual(9);
    expect(shape(b)).toEqual(shape(a));
    expect([b.meta.department, b.meta.year]).toEqual(["杭州市气象局", 2026]);
    expect(r.problems.find((p) => p.code === "xlsx.converted")?.message).toBe(
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

  it("without LibreOffice: not read, and the message says how to convert it or what to install", async () => {
    const r = await withOffice("", () => importFile(xls));
    expect(r.disclosure).toBeUndefined();
    expect(r.problems[0]?.message).toMatch(/旧版 Excel（\.xls）.*另存为 \.xlsx.*安装 LibreOffice/);
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

  it("a conversion that hangs is stopped at its time limit, with the whole process group", async () => {
    const hang = join(dir, "hang.sh");
    writeFileSync(hang, "#!/bin/sh\nsleep 60 &\nsleep 60\n");
    chmodSync(hang, 0o755);
    const started = Date.now();
    const c = await withOffice(hang, () => toXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), "a.xls", 500));
    expect(c).toEqual({ error: "LibreOffice 转换超过 0.5 秒未完成" });
    expect(Date.now() - started).toBeLessThan(20_000);
    const left = spawnSync("pgrep", ["-f", hang], { encoding: "utf8" });
    expect(left.stdout.trim()).toBe("");
  });
});
