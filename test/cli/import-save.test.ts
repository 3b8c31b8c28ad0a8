/**
 * `yusuan import FILE... --save` as a user runs it on the bundled PDFs: one department per
 * identity (government, department, year, kind), a blank template refused by name, the text half of
 * a two-file document read with its tables half; every outcome printed as it happens; a re-run
 * saves nothing new ("未变"), also after the batch was killed halfway.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listDepartments, listHistory, openStore } from "../../src/store/index.ts";
import { ROOT, yusuan } from "./run.ts";

const dir = mkdtempSync(join(tmpdir(), "yusuan-import-save-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = (f: string) => `test/fixtures/corpus/${f}`;
const PDFS = [
  "jiangsu-gaoyuan-2017-yusuan.pdf",
  "jiangsu-zhengxie-2017-yusuan-tables.pdf",
  "jiangsu-zhengxie-2017-yusuan-text.pdf",
  "national-juesuan-template.pdf",
  "shanghai-putuo-caizhengju-2024-juesuan.pdf",
  "shanghai-putuo-caizhengju-2025-yusuan.pdf",
].map(corpus);

describe("import --save", () => {
  it("files each document under its own identity and refuses the blank template, saying why", async () => {
    const db = join(dir, "a.db");
    const r = yusuan(["import", ...PDFS, "--save", "--db", db]);
    expect(r.status, r.stderr).toBe(2); // one file (the blank template) could not be saved
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(5); // the text half is read with its tables half, not on its own
    expect(lines[0]).toMatch(/^\[1\/5\] 已保存 江苏 江苏省高级人民法院 2017 年预算 第 1 版/);
    expect(lines[1]).toMatch(/已保存 江苏 江苏省政协办公厅 2017 年预算 第 1 版.*-tables\.pdf \+ .*-text\.pdf$/);
    // the blank 财政部 template has no department name on its cover or in its tables: none is read
    expect(lines[2]).toBe(
      `[3/5] 未保存 ← ${corpus("national-juesuan-template.pdf")}：没有读到部门名称：不能作为部门保存（请确认这是一个部门或单位的预算公开文件）`,
    );
    expect(lines[3]).toMatch(/已保存 上海 · 普陀区 上海市普陀区财政局 2024 年决算 第 1 版/);
    expect(lines[4]).toMatch(/已保存 上海 · 普陀区 上海市普陀区财政局 2025 年预算 第 1 版/);
    expect(r.stderr).toMatch(/共 5 份：已保存 4，未变 0，未保存 1/);
    expect(r.stdout + r.stderr).not.toMatch(/UNIQUE|constraint|Error/);
    const store = await openStore({ kind: "sqlite", file: db });
    try {
      const depts = (await listDepartments(store)).items;
      expect(depts.map((d) => [d.region, d.city, d.county, d.name]).sort()).toEqual([
        ["上海", "", "普陀区", "上海市普陀区财政局"],
        ["江苏", "", "", "江苏省政协办公厅"],
        ["江苏", "", "", "江苏省高级人民法院"],
      ]);
      const putuo = depts.find((d) => d.county === "普陀区")!;
      expect((await listHistory(store, putuo.id)).map((h) => [h.year, h.kind, h.version])).toEqual([
        [2025, "budget", 1],
        [2024, "finalAccounts", 1],
      ]);
    } finally {
      await store.close();
    }
    // the same batch again: nothing new
    const again = yusuan(["import", ...PDFS, "--save", "--db", db]);
    expect(again.stdout.match(/未变/g)).toHaveLength(4);
    expect(again.stdout).not.toMatch(/已保存|第 2 版/);
    expect(again.stderr).toMatch(/已保存 0，未变 4，未保存 1/);
  }, 240_000);

  it("prints each save as it happens, so a killed batch is finished by running it again", async () => {
    const db = join(dir, "b.db");
    const files = PDFS.filter((f) => !f.includes("national"));
    // kill the batch as soon as its first save is printed
    const firstLine = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [`${ROOT}bin/yusuan.js`, "import", ...files, "--save", "--db", db], {
        cwd: ROOT,
      });
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) child.kill("SIGKILL");
      });
      child.once("exit", () => resolve(out.split("\n")[0] ?? ""));
      child.once("error", reject);
    });
    expect(firstLine).toMatch(/^\[1\/4\] 已保存 江苏 江苏省高级人民法院/);
    const rerun = yusuan(["import", ...files, "--save", "--db", db]);
    expect(rerun.status, rerun.stderr).toBe(0);
    const lines = rerun.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/未变 江苏 江苏省高级人民法院 2017 年预算 第 1 版/);
    expect(lines.filter((l) => / 第 1 版/.test(l))).toHaveLength(4);
    expect(rerun.stdout).not.toMatch(/第 2 版/);
  }, 240_000);
});
