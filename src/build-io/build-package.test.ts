import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { diffDisclosures } from "../build/diff.ts";
import { formatProblem } from "../build/package.ts";
import { defaultCatalogSet } from "../catalog/catalog-set.ts";
import { main } from "../cli/main.ts";
import { importFile, parseDisclosureJson } from "../import/index.ts";
import { buildPackage } from "./build-package.ts";
import { writeTemplateWorkbook } from "./scaffold.ts";

const EXAMPLE = "examples/bazhou-hrss-2025";
const SECOND = "examples/luntai-water-2025";
const dirs: string[] = [];
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "yusuan-build-"));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Copies the seed example and applies an edit to one of its files. */
async function mutated(file: "line-items.csv" | "meta.yaml", edit: (s: string) => string): Promise<string> {
  const d = await tmp();
  await cp(EXAMPLE, d, { recursive: true });
  const p = join(d, file);
  await writeFile(p, edit(await readFile(p, "utf8")));
  return d;
}

/** Runs `yusuan build` in-process; returns exit code, stdout and whether anything was written. */
async function cliBuild(pkg: string): Promise<{ code: number; out: string; written: boolean }> {
  const out = join(await tmp(), "out");
  let text = "";
  const orig = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string) => {
    text += s;
    return true;
  }) as typeof process.stdout.write;
  process.exitCode = undefined;
  try {
    const code = await main(["node", "yusuan", "build", pkg, "-o", out]);
    return { code, out: text, written: existsSync(join(out, "disclosure.json")) };
  } finally {
    process.stdout.write = orig;
    process.exitCode = undefined;
  }
}

describe("the seed example rebuilds the seed", () => {
  it("builds with zero check errors, and build output is accepted as JSON input", async () => {
    const r = await buildPackage(EXAMPLE);
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.report?.summary.errors).toBe(0);
    const back = await parseDisclosureJson(JSON.stringify(r.disclosure), "disclosure.json");
    expect(back.disclosure?.tables).toHaveLength(11);
  });

  it("diff against the imported seed: no table cell and no 说明 number differs beyond rounding", async () => {
    const seed = (await importFile("test/fixtures/bazhou-hrss-2025-budget.txt")).disclosure;
    if (!seed || seed.tables.length < 11) return; // importer not available yet
    const built = (await buildPackage(EXAMPLE)).disclosure!;
    const d = diffDisclosures(seed, built);
    expect(d.differences.filter((x) => !x.rounding)).toEqual([]);
    // Every amount statement the importer reads from the seed's 说明 has a built counterpart.
    for (const e of seed.explanations) {
      const b = built.explanations.find((x) => x.no === e.no)!;
      const subjects = new Set(b.statements.map((s) => s.subject.replace(/\s+/g, "")));
      for (const s of e.statements)
        expect(subjects, `说明${e.no} ${s.subject}`).toContain(s.subject.replace(/\s+/g, ""));
    }
  });
});

describe("the second example (政府性基金, 三公 purchase, several units)", () => {
  it("builds with zero errors and exercises empty and non-empty fund tables", async () => {
    const r = await buildPackage(SECOND);
    expect(r.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
    expect(r.report?.findings.filter((f) => f.severity === "error")).toEqual([]);
    const t = (id: string) => r.disclosure!.tables.find((x) => x.id === id)!;
    expect(t("governmentFundExpenditure").rows.length).toBeGreaterThan(0);
    expect(t("stateCapitalExpenditure").rows).toEqual([]);
    expect(t("stateCapitalExpenditure").emptyNote).toMatch(/为空表/);
    expect(t("threePublic").rows.find((x) => x.lineKey === "vehiclePurchase")?.cells[1]).toBeGreaterThan(0);
  });
});

describe("bad packages: precise messages, nothing written", () => {
  it("unknown function code, with the nearest valid codes", async () => {
    const d = await mutated("line-items.csv", (s) => s.replace(",2080101,30101,", ",2080110,30101,"));
    const r = await cliBuild(d);
    expect(r.code).toBe(1);
    expect(r.written).toBe(false);
    expect(r.out).toMatch(
      /line-items\.csv 第 3 行 function_code：2080110 不在 2025 年支出功能分类目录中；最接近的有效编码：2080101 行政运行/,
    );
  });

  it("negative amount", async () => {
    const d = await mutated("line-items.csv", (s) => s.replace(",3539340.00,", ",-3539340.00,"));
    const r = await cliBuild(d);
    expect(r.written).toBe(false);
    expect(r.out).toMatch(/line-items\.csv 第 3 行 amount：金额不能为负数/);
  });

  it("wrong column type", async () => {
    const d = await mutated("line-items.csv", (s) => s.replace(",3539340.00,", ",三百万,"));
    const r = await cliBuild(d);
    expect(r.written).toBe(false);
    expect(r.out).toMatch(/line-items\.csv 第 3 行 amount：“三百万”不是金额/);
  });

  it("wrong type in metadata names the line and field", async () => {
    const d = await mutated("meta.yaml", (s) => s.replace("year: 2025", "year: 二〇二五"));
    const r = await cliBuild(d);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/meta\.yaml 第 4 行 year：类型不对/);
  });

  it("duplicate project (two units)", async () => {
    const d = await mutated("line-items.csv", (s) =>
      s.replace(
        "巴音郭楞蒙古自治州社会保险中心,2080109,30227,一般公共预算本级,项目,,2025年社会保险经办服务和中心运行项目",
        "巴音郭楞蒙古自治州社会保险中心,2080109,30227,一般公共预算本级,项目,,2025年购买社会保险经办服务项目",
      ),
    );
    const r = await cliBuild(d);
    expect(r.written).toBe(false);
    expect(r.out).toMatch(/project：项目“2025年购买社会保险经办服务项目”重复/);
  });

  it("missing file", async () => {
    const d = await tmp();
    await cp(EXAMPLE, d, { recursive: true });
    await rm(join(d, "line-items.csv"));
    const r = await cliBuild(d);
    expect(r.written).toBe(false);
    expect(r.out).toMatch(/缺少明细文件 line-items\.csv/);
  });

  it("GBK CSV is rejected (not guessed)", async () => {
    const d = await mutated("line-items.csv", (s) => s);
    await writeFile(
      join(d, "line-items.csv"),
      iconv.encode(await readFile(join(EXAMPLE, "line-items.csv"), "utf8"), "gbk"),
    );
    const r = await cliBuild(d);
    expect(r.written).toBe(false);
    expect(r.out).toMatch(/line-items\.csv 第 1 行：文件是 GBK\/GB18030 编码，不是 UTF-8/);
  });

  it("workbook without the meta sheet", async () => {
    const f = join(await tmp(), "p.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("line-items").addRow(["budget_unit"]);
    await wb.xlsx.writeFile(f);
    const r = await cliBuild(f);
    expect(r.written).toBe(false);
    expect(r.out).toMatch(/p\.xlsx：缺少工作表 meta/);
  });
});

describe("workbook packages", () => {
  it("the template workbook builds as a package", async () => {
    const f = join(await tmp(), "t.xlsx");
    await writeTemplateWorkbook(f, defaultCatalogSet(2025));
    const r = await buildPackage(f);
    expect(r.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
    expect(r.disclosure?.meta.department).toBe("示例局");
  });
});
