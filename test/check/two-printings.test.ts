/**
 * One file holding two sets of the standard tables, each with its 说明: a department's disclosure
 * followed by a unit's (or two departments', as a bureau sometimes binds them). The second set is read
 * as further printings of the same tables (summary-2, threePublic-2…), and a figure the 说明 gives of
 * a table is looked up in every printing of it: the unit's 说明 checked against the department's
 * tables alone gave warnings for every figure of its own (S-07). Made from real documents joined
 * page after page (Debian's python3-fitz, installed by .ci/run).
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
const dir = mkdtempSync(join(tmpdir(), "yusuan-two-printings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const JOIN = "import fitz,sys\nd=fitz.open(sys.argv[1])\nd.insert_pdf(fitz.open(sys.argv[2]))\nd.save(sys.argv[3])";

async function joined(first: string, second: string): Promise<Disclosure> {
  const out = join(dir, `${first}+${second}`);
  const r = spawnSync(
    "/usr/bin/python3",
    ["-c", JOIN, join(root, "test/fixtures/regions", first), join(root, "test/fixtures/regions", second), out],
    { encoding: "utf8" },
  );
  expect(r.status, r.stderr).toBe(0);
  return (await importFile(out)).disclosure as Disclosure;
}

const findings = (d: Disclosure) =>
  check(d)
    .findings.filter((f) => f.severity !== "notice")
    .map((f) => `${f.severity} 表${f.location.table ?? ""} ${f.rule}`);

describe("two sets of the standard tables in one file", () => {
  it("福州市医疗保障局 then 福州市公安局治安管理支队: each 说明 agrees with its own set, nothing reported", async () => {
    const d = await joined("fuzhou-yibaoju-2026-yusuan.pdf", "fuzhou-zhiandui-2026-unit-yusuan.pdf");
    expect(d.tables.length).toBe(20);
    expect(d.tables.slice(10).map((t) => t.id)).toContain("threePublic-2");
    expect(findings(d)).toEqual([]);
  }, 60_000);

  it("杭州市气象局 then 杭州市公安局: the errors of the second are its own (a unit left out of three lists), no more", async () => {
    const d = await joined("hangzhou-qixiangju-2026-yusuan.pdf", "hangzhou-gonganju-2026-yusuan.pdf");
    expect(findings(d).sort()).toEqual(["error 表12 A-COL", "error 表17 A-COL", "error 表20 A-COL"]);
  }, 60_000);
});
