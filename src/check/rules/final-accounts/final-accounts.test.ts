/**
 * F-01 … F-04 on the real 决算 (上海市普陀区财政局 2024, test/fixtures/corpus) and small mutations
 * of it. The document is consistent in these identities (pdftotext -layout: 表1 总计 2,995.39 =
 * 本年支出合计 2,940.05 + 年末结转和结余 55.34 = 本年收入合计 2,946.25 + 年初结转和结余 49.14;
 * 表4 总计 2,961.68 = 2,940.05 + 21.63; 三公 决算数 blank, 预算数 公务接待费 0.95).
 *
 * These rules read the 决算 template's lines and columns (表1's 年末结转和结余 line, 表7's paired
 * 预算数/决算数 columns, 表8's 年初/年末 columns), so the document is imported as a user asks for that
 * reading: `--template national-final-accounts`. Read by the national standard (no template asked
 * for), the general reader does not give those lines and columns their template meaning, and the
 * rules say so: not checked, with the reason (the last test).
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../../import/index.ts";
import type { Disclosure } from "../../../model/disclosure.ts";
import { nationalFinal, nationalFinalAccounts, xinjiang2025Budget } from "../../../templates/index.ts";
import { check } from "../../index.ts";
import { miniDisclosure, runRule, wan, withCell } from "../../testing.ts";
import { F01, F02, F03, F04, F10, RULES } from "./final-accounts.ts";

const FILE = fileURLToPath(
  new URL("../../../../test/fixtures/corpus/shanghai-putuo-caizhengju-2024-juesuan.pdf", import.meta.url),
);
const run = (rule: Parameters<typeof runRule>[0], d: Disclosure) => runRule(rule, d, nationalFinalAccounts);

let d: Disclosure;
beforeAll(async () => {
  const r = await importFile(FILE, { template: nationalFinalAccounts.id });
  if (!r.disclosure) throw new Error(r.problems.map((p) => p.message).join("; "));
  expect(r.report?.template).toEqual({ id: nationalFinalAccounts.id, how: "forced", confidence: 1 });
  d = r.disclosure;
});

describe("决算 identities F-01 … F-04", () => {
  it("hold on the real 决算 (each rule runs)", () => {
    for (const rule of [F01, F02, F03, F04]) expect(run(rule, d)).toEqual([]);
  });

  it("F-01: 支出总计 ≠ 本年支出合计 + 结余分配 + 年末结转和结余 (表1 年末结转和结余 changed)", () => {
    const m = withCell(d, 1, "年末结转和结余", "expenditureAmount", wan("56.34"));
    expect(run(F01, m)).toEqual([
      expect.objectContaining({
        rule: "F-01",
        severity: "error",
        expected: "2,996.39",
        actual: "2,995.39",
        location: expect.objectContaining({ table: 1, row: "总计" }),
      }),
    ]);
  });

  it("F-01: 表4 年末财政拨款结转和结余 changed", () => {
    const m = withCell(d, 4, "年末财政拨款结转和结余", "expenditureTotal", wan("31.63"));
    expect(run(F01, m)).toMatchObject([{ rule: "F-01", severity: "error", location: { table: 4 } }]);
  });

  it("F-02: 收入总计 ≠ 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余", () => {
    const m = withCell(d, 1, "openingBalance", "incomeAmount", wan("50.14"));
    expect(run(F02, m)).toMatchObject([
      { rule: "F-02", severity: "error", expected: "2,996.39", actual: "2,995.39", location: { table: 1 } },
    ]);
  });

  it("F-03: 三公 决算数 above 预算数 (and without any 预算数) is a warning at the cell", () => {
    const m = withCell(d, 7, "", "officialReceptionActual", wan("1.20"));
    expect(run(F03, m)).toMatchObject([
      { rule: "F-03", severity: "warning", expected: "≤ 0.95", actual: "1.20", location: { table: 7 } },
    ]);
    const m2 = withCell(d, 7, "", "overseasTravelActual", wan("2.00"));
    expect(run(F03, m2)).toMatchObject([{ rule: "F-03", message: expect.stringContaining("没有预算数") }]);
  });

  it("F-04: 年末结转和结余 ≠ 年初 + 本年收入 − 本年支出 in a fund table", () => {
    const m = withCell(withCell(d, 8, "合计", "income", wan("10.00")), 8, "合计", "total", wan("8.00"));
    expect(run(F04, m)).toMatchObject([{ rule: "F-04", severity: "error", location: { table: 8 } }]);
    expect(run(F04, withCell(m, 8, "合计", "closingBalance", wan("2.00")))).toEqual([]);
  });

  it("do not apply to a budget template (not checked, with a reason)", () => {
    const seedLike = miniDisclosure();
    for (const rule of [F01, F02, F03, F04])
      expect(runRule(rule, seedLike, xinjiang2025Budget)).toEqual({ notChecked: expect.any(String) });
  });
});

describe("F-10 三公 决算 vs 预算 explained", () => {
  it("passes on the real 决算: 预算 0.95 against 决算 0, and the 说明 gives the reason", () => {
    // pdftotext: "2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三公”经费支出。"
    expect(run(F10, d)).toEqual([]);
  });

  it("reports a difference the 说明 does not explain", () => {
    const m = structuredClone(d);
    for (const e of m.explanations) if (e.title.includes("三公")) e.text = e.text.replace(/原因/g, "情况");
    expect(run(F10, m)).toMatchObject([
      { rule: "F-10", severity: "error", location: { section: expect.stringContaining("三公") } },
    ]);
  });

  it("cannot check without the 说明, and finds nothing when 决算 equals 预算", () => {
    const m = structuredClone(d);
    m.explanations = [];
    expect(run(F10, m)).toHaveProperty("notChecked");
    const same = withCell(
      withCell(d, 7, "", "officialReceptionActual", wan("0.95")),
      7,
      "",
      "totalActual",
      wan("0.95"),
    );
    for (const e of same.explanations) if (e.title.includes("三公")) e.text = "无";
    expect(run(F10, same)).toEqual([]);
  });
});

describe("决算 rules on the general reading (no template asked for)", () => {
  it("are not checked, and say why: they assume the 决算 template's lines and columns", async () => {
    const r = await importFile(FILE);
    const g = r.disclosure!;
    expect(r.report?.template).toEqual({ id: nationalFinal.id, how: "national", confidence: 1 });
    expect(g.meta.kind).toBe("finalAccounts");
    const reason = `该规则按地区模板的说明结构和表式编写；本文档按全国通用标准读取（${nationalFinal.name}），不适用`;
    const report = check(g);
    const ids = RULES.map((rule) => rule.id);
    expect(report.notChecked.filter((n) => ids.includes(n.rule))).toEqual(ids.map((rule) => ({ rule, reason })));
    expect(report.ran.filter((id) => ids.includes(id))).toEqual([]);
    // the same rules do run on the same document read with the template (the tests above)
    expect(run(F01, d)).toEqual([]);
  });
});
