/**
 * A wrong 总计 in a real 收支总表 is the document's error, wherever the layout prints it: one figure
 * changed by scripts/plant.py (white-boxed and written over, as ../shared/tools/pdf_mutants.py does
 * at random) in real published tables, then read by the general reader and checked.
 * - 福州市公安局治安管理支队 2026 表1: 收入合计 printed after 本年收入合计 and 上年结转结余 (the
 *   template's 收入总计 under another name): 收支平衡 (K-01) compares it.
 * - 江苏省高级人民法院 2017 表1: 功能分类 and 支出用途 printed side by side over one 当年支出小计 and one
 *   支出合计 (under 支出用途): the 功能分类 column adds up to that total, so the table stays reliable
 *   and the changed 收入合计 is reported, not taken for a misreading.
 * - 福州 表4: headings 收入 | 支出 centred between 项目 and 预算数: both 预算数 columns were read as
 *   "支出/预算数" and the table set aside as a header not read.
 * Needs Debian's python3-fitz (installed by .ci/run).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check/index.ts";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";

const root = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "yusuan-planted-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function planted(fixture: string, page: number, label: string, from: string, to: string) {
  const out = join(dir, `${page}-${to}-${fixture.split("/").pop()}`);
  const r = spawnSync(
    "/usr/bin/python3",
    [join(root, "scripts/plant.py"), join(root, "test/fixtures", fixture), out, String(page), label, from, to],
    { encoding: "utf8" },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout.trim()).toBe(`planted ${from}→${to} on page ${page}`);
  const d = (await importFile(out)).disclosure as Disclosure;
  const errors = check(d)
    .findings.filter((f) => f.severity === "error")
    .map((f) => `表${f.location.table ?? ""} ${f.rule}`);
  return { d, errors };
}

const status = (d: Disclosure, no: number) => d.tables.find((t) => t.no === no)?.reading?.status;

describe("a changed 总计 in a real 收支总表 is reported at its table", () => {
  it("福州治安支队 表1: 收入合计 after 上年结转结余 is the 总计 that 收支平衡 compares", async () => {
    const { d, errors } = await planted(
      "regions/fuzhou-zhiandui-2026-unit-yusuan.pdf",
      8,
      "收入合计",
      "2796.14",
      "2796.44",
    );
    expect(status(d, 1)).toBe("reliable");
    expect(errors).toContain("表1 K-01");
    expect(errors).toContain("表1 A-COL");
    expect(d.tables.find((t) => t.no === 1)?.rows.find((r) => r.lineKey === "total")?.label).toBe("收入合计");
  }, 60_000);

  it("江苏高院 表1: blocks side by side over one printed total stay reliable, so the change is reported", async () => {
    const { d, errors } = await planted(
      "corpus/jiangsu-gaoyuan-2017-yusuan.pdf",
      12,
      "收入合计",
      "28,849.38",
      "28,849.88",
    );
    expect(status(d, 1)).toBe("reliable");
    expect(errors).toContain("表1 K-01");
    expect(errors).toContain("表1 A-COL");
  }, 60_000);

  it("福州治安支队 表4: headings 收入 | 支出 centred between two columns each; the income side stays 收入", async () => {
    const { d, errors } = await planted(
      "regions/fuzhou-zhiandui-2026-unit-yusuan.pdf",
      11,
      "收入合计",
      "2796.14",
      "2797.14",
    );
    const t4 = d.tables.find((t) => t.no === 4);
    expect(t4?.reading?.status).toBe("reliable");
    expect(t4?.columns.filter((c) => c.type === "amount").map((c) => c.path.join("/"))).toEqual([
      "收入/预算数",
      "支出/预算数",
    ]);
    expect(errors.filter((e) => e.startsWith("表4 ")).length).toBeGreaterThan(0);
  }, 60_000);
});
