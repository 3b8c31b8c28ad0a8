/**
 * The catalogue on every corpus document with tables (test/fixtures/corpus; PDFs and the two
 * Shanghai XLSX templates). PDF and XLSX import reads the tables only, so every rule either runs or
 * says why it could not (text rules: "导入时未读取文字部分"; rules whose inputs the template lacks:
 * the template, table and column). No document raises an error: the only real inconsistencies
 * found (checked by hand with `pdftotext -layout`) are rounding-level, reported as notices:
 *
 * 上海市普陀区财政局 2024 决算 —
 * - 表2/表3/表5 合计 vs Σ类: 2,106.66 + 326.72 + 60.99 + 445.69 = 2,940.06, printed 合计 2,940.05
 *   (表2 本年收入合计 2,946.26 vs 2,946.25; 表3/表5 基本支出 1,503.52 + 326.72 + 60.99 + 445.69 =
 *   2,336.92 vs 2,336.91).
 * - 表1 and 表4 print 八、社会保障和就业支出 326.71, 表3/表5 print 208 = 326.72 (Δ 0.01): K-07, K-18.
 * (Also seen by hand, not asserted: 表6 302 款 amounts add to 171.09 against the printed 171.07.)
 *
 * PDF import also reads the prose (概况, 目录, 说明, 名词解释) where the template's text rules have
 * been checked on real documents (TemplateSpec.proseChecked: Shanghai 预算). On 上海市普陀区财政局
 * 2025 预算 the text and completeness rules then find, by hand with `pdftotext -layout`:
 * - T-11 (error, real): 部门预算编制说明 item 7 “社会保障和就业支出（类）行政事业单位养老支出（款）
 *   机关事业单位职业年金缴费支出（项）”887.36万元, but 表2/表3/表5 2080506 print 873,617.00 元 =
 *   87.36 万元 (表8 30109 职业年金缴费 873,617.00 too): the 说明 has a stray digit.
 * - C-28 (error): "2025年上海市普陀区财政局财政拨款的机关运行经费预算为229.43万元。" — the amount
 *   (= 表8 公用经费 2,294,335.00 元) with no change against 2024 and no reason.
 * - C-29 (warning): 政府采购 117.00 = 货物 17.00 + 工程 0 + 服务 100.00 万元, no 中小企业预留 amount.
 * - C-30 (warning): no 房屋 or 50 万元 equipment figures; the 车辆 ("共有车辆0辆") and 购置安排
 *   ("预算安排购置车辆0辆") sentences are there but not read (an importer gap: they state zeros).
 * - C-32 (warning): the 名词解释 has 基本支出预算, 项目支出预算, “三公”经费, 机关运行经费 — no 财政拨款.
 * - C-03 (warning): 机构设置 lists the one unit ("1.财政局本部") but no 内设机构.
 *
 * The 决算 template's text rules are checked too (proseChecked; 年初预算/决算/完成率 by F-11 … F-13).
 * On 上海市普陀区财政局 2024 决算, by hand with `pdftotext -layout`:
 * - T-08 (error, real): 说明四 "2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出
 *   总计持平" — 表4 prints 总计 2,961.68 on both sides.
 * - T-10 (error, real): 说明五（二）"一般公共服务支出（类）2106.66万元，占71.73%" — 2,106.66 ÷ 2,940.05
 *   = 71.65% (the other three classes' shares 11.11%, 2.07%, 15.16% are right; the four add to 100.07%).
 * - T-14 (warning, real): 说明六 人员经费 "主要包括：…退休费、个人农业生产补贴" — 表6 prints 30309 奖励金
 *   0.31 and leaves 30310 个人农业生产补贴 blank.
 * - T-01 (warnings): 说明一 gives the 收入支出总计 and its change only, not the composition by 类.
 * - C-03 (warnings): the 单位构成 lists three units but no 内设机构 and no 行政/事业 counts.
 * - C-30 (warning): "共有车辆0辆…单价100万元（含）以上设备2台（套）" is not read (importer gap), no 房屋.
 * - T-23 (notice): 政府采购 货物 4.79 + 工程 0 + 服务 246.47 = 251.26 against 251.25 万元.
 * F-11 … F-13 find nothing: every 完成率 (98.20%; 三公 0%) and 决算 amount agrees, and each 项 whose 决算
 * differs from its 年初预算 states a reason. The blank 财政部 template's 说明 ("XXX 万元") is not checked.
 *
 * Jiangsu 2017 预算 (proseChecked; the zhengxie and shengweiban documents are two PDFs, merged below).
 * By hand with `pdftotext -layout`:
 * - T-04 (error, real): 省检察院 说明十 "机关运行经费预算支出 6032.55 万元，比 2016 年增加 3401.59 万元，
 *   增长 129.97 %" — 3,401.59 ÷ 2,630.96 = 129.29% (digits swapped).
 * - T-04 (notice, rounding): 省人大 说明十 "5619.31 万元，比 2016 年增加 4032.99 万元，增加 254.23%" —
 *   the printed figures give 254.24%, but 4,032.985 ÷ (5,619.315 − 4,032.985 … ) within the amounts'
 *   rounding reaches 254.2335%, which rounds to 254.23%: explained by rounding.
 * - C-33 (warning, real): 省人大 and 省委办公厅 目录 "第四部分 名称解释", the body "第四部分 名词解释".
 * - C-03 (warning): the 概况 names the 内设机构 and the units in the budget but never says how many are
 *   行政 and how many 事业 units (e.g. 省法院 "本部门纳入本年预算的下属单位如下：徐州铁路运输法院").
 * - C-29 (warning): 政府采购 总额 with 货物/工程/服务 ("政府采购预算总金额为 3742.4 万元。其中拟购买货物
 *   525.4 万元；拟购买工程 500 万元；拟购买服务 2717 万元"), no 中小企业预留 (the 2017 template has none).
 * Not findings: 说明七 "政府性基金支出预算支出 0 万元" / "本表数为零" / "无" is the 空表说明 of 表7 (C-16);
 * 说明十 and 说明十二 are the 机关运行经费 and 政府采购 (spec otherMatter), 说明十's amount equals 表10's
 * 合计 (T-22); there is no 国有资产 section (spec omitsAssets, C-30 not checked); the 目录 prints short
 * table titles and no 说明 sub-sections (C-33 matches titles through the spec).
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/check/index.ts";
import { ALL_RULES } from "../../src/check/rules/index.ts";
import { addToCell, wan } from "../../src/check/testing.ts";
import { importFile } from "../../src/import/index.ts";
import { mergeDisclosures } from "../../src/import/merge.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";

const DIR = fileURLToPath(new URL("../fixtures/corpus/", import.meta.url));
const FILES = readdirSync(DIR).filter((f) => /\.(pdf|xlsx)$/.test(f));
/** The text-only halves of two Jiangsu documents: no tables to check (the importer says so). */
const TEXT_ONLY = ["jiangsu-shengweiban-2017-yusuan-text.pdf", "jiangsu-zhengxie-2017-yusuan-text.pdf"];

type Key = [rule: string, severity: string, table: number | undefined, row: string | undefined];

/** Every finding per document, with its cause (errors only where checked by hand: see above). */
const EXPECTED: Record<string, Key[]> = {
  // the 说明 read from the PDF (see the header comment for the evidence)
  "jiangsu-gaoyuan-2017-yusuan.pdf": [
    ["C-03", "warning", undefined, undefined],
    ["C-29", "warning", undefined, undefined],
  ],
  "jiangsu-jianchayuan-2017-yusuan.pdf": [
    ["T-04", "error", undefined, undefined],
    ["C-03", "warning", undefined, undefined],
    ["C-29", "warning", undefined, undefined],
  ],
  "jiangsu-renda-2017-yusuan.pdf": [
    ["T-04", "notice", undefined, undefined],
    ["C-03", "warning", undefined, undefined],
    ["C-29", "warning", undefined, undefined],
    ["C-33", "warning", undefined, undefined],
  ],
  // import: the "部门：中国共产党江苏省委员会办公厅" line of 表2 wraps ("…办" / "公厅") and is not read
  "jiangsu-shengweiban-2017-yusuan-tables.pdf": [["C-17", "warning", 2, undefined]],
  "jiangsu-zhengxie-2017-yusuan-tables.pdf": [],
  // the blank 财政部 template prints "20799 其他文化旅游体育与传媒支出" without its 类 207 row
  "national-juesuan-template.pdf": [
    ["A-CODES", "warning", 5, "20799 文化旅游体育与传媒支出其他文化旅游体育与传媒支出"],
  ],
  "shanghai-putuo-caizhengju-2024-juesuan.pdf": [
    // import: 表6's right block wraps labels over the code line, so 30240+30299 and 31003…31019 read as one row
    ["A-CODES", "warning", 6, "3024099 税金及附加费用其他商品和服务支出"],
    ["A-CODES", "warning", 6, "3100313 专用设备购置信息网络及软件购置更新公务用车购置其他交通工具购置"],
    ["A-T2-HIER", "notice", 2, "合计"],
    ["A-T2-HIER", "notice", 2, "合计"],
    ["A-T3-HIER", "notice", 3, "合计"],
    ["A-T3-HIER", "notice", 3, "合计"],
    ["A-T5-HIER", "notice", 5, "合计"],
    ["A-T5-HIER", "notice", 5, "合计"],
    ["K-07", "notice", 1, "八、社会保障和就业支出"],
    ["K-18", "notice", 4, "八、社会保障和就业支出"],
    ["K-18", "notice", 4, "八、社会保障和就业支出"],
    // the 说明 read from the PDF (see the header comment for the evidence)
    ["T-08", "error", 4, "收入总计"],
    ["T-10", "error", 5, undefined],
    ["T-14", "warning", 6, undefined],
    ...Array.from({ length: 5 }, (): Key => ["T-01", "warning", undefined, undefined]),
    ["C-03", "warning", undefined, undefined],
    ["C-03", "warning", undefined, undefined],
    ["C-30", "warning", undefined, undefined],
    ["T-23", "notice", undefined, undefined],
  ],
  // the built-in 2025 function catalogue is partial (codes taken from the Xinjiang seed): these
  // standard 项 are simply not in it
  "shanghai-putuo-caizhengju-2025-yusuan.pdf": [
    // the 说明 read from the PDF (see the header comment for the evidence)
    ["T-11", "error", 5, "2080506 机关事业单位职业年金缴费支出"],
    ["C-28", "error", undefined, undefined],
    ["C-29", "warning", undefined, undefined],
    ["C-30", "warning", undefined, undefined],
    ["C-32", "warning", undefined, undefined],
    ["C-03", "warning", undefined, undefined],
    ...[
      "20106 财政事务",
      "2010601 行政运行",
      "2010602 一般行政管理事务",
      "2010607 信息化建设",
      "2010608 财政委托业务支出",
      "2080599 其他行政事业单位养老支出",
      "2210203 购房补贴",
      // real codes the bundled (partial) catalogue does not know: notices, not warnings
    ].map((row): Key => ["K-36", "notice", 2, row]),
  ],
  // blank templates: the 编制部门 line is there but empty
  "shanghai-department-budget-template.xlsx": [1, 2, 3, 4, 5, 6, 7, 8, 9].map(
    (n): Key => ["C-17", "warning", n, undefined],
  ),
  "shanghai-unit-budget-template.xlsx": [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n): Key => ["C-17", "warning", n, undefined]),
};

/** The two-PDF Jiangsu documents, tables merged with their text (as `yusuan check X-tables.pdf --text X-text.pdf`). */
const MERGED: Record<string, Key[]> = {
  // import: the 表2 "部门：…办" / "公厅" line (see above); the rest as on the single PDFs
  "jiangsu-shengweiban-2017-yusuan": [
    ["C-17", "warning", 2, undefined],
    ["C-03", "warning", undefined, undefined],
    ["C-29", "warning", undefined, undefined],
    ["C-33", "warning", undefined, undefined],
  ],
  "jiangsu-zhengxie-2017-yusuan": [
    ["C-03", "warning", undefined, undefined],
    ["C-29", "warning", undefined, undefined],
  ],
};

/**
 * The regional spec each corpus PDF follows, asked for as a user would (`--template`): read by the
 * spec's own reader, every rule of the catalogue runs (without it, the general reader reads these
 * documents too: test/check/national-corpus.test.ts). The XLSX templates are read by their layout.
 */
const SPEC: Record<string, string> = {
  "jiangsu-gaoyuan-2017-yusuan.pdf": "jiangsu-2017-budget",
  "jiangsu-jianchayuan-2017-yusuan.pdf": "jiangsu-2017-budget",
  "jiangsu-renda-2017-yusuan.pdf": "jiangsu-2017-budget",
  "jiangsu-shengweiban-2017-yusuan-tables.pdf": "jiangsu-2017-budget",
  "jiangsu-zhengxie-2017-yusuan-tables.pdf": "jiangsu-2017-budget",
  "jiangsu-shengweiban-2017-yusuan-text.pdf": "jiangsu-2017-budget",
  "jiangsu-zhengxie-2017-yusuan-text.pdf": "jiangsu-2017-budget",
  "national-juesuan-template.pdf": "national-final-accounts",
  "shanghai-putuo-caizhengju-2024-juesuan.pdf": "national-final-accounts",
  "shanghai-putuo-caizhengju-2025-yusuan.pdf": "shanghai-department-budget",
};

const docs = new Map<string, Disclosure>();
beforeAll(async () => {
  for (const f of FILES) {
    const template = SPEC[f];
    const r = await importFile(`${DIR}${f}`, template ? { template } : {});
    if (r.disclosure) docs.set(f, r.disclosure);
  }
}, 120_000);

const doc = (f: string): Disclosure => {
  const d = docs.get(f);
  if (!d) throw new Error(`${f} did not import`);
  return d;
};
const sortKeys = (ks: Key[]) => [...ks].map((k) => JSON.stringify(k)).sort();

describe("the catalogue on the corpus, read by the regional spec each follows (--template)", () => {
  it("covers every corpus document with tables", () => {
    expect(FILES.filter((f) => !TEXT_ONLY.includes(f)).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of TEXT_ONLY) expect(docs.has(f)).toBe(false);
  });

  for (const f of Object.keys(EXPECTED)) {
    describe(f, () => {
      it("has exactly the expected findings (errors only the real inconsistencies above)", () => {
        const r = check(doc(f));
        const errors = (EXPECTED[f] as Key[]).filter((k) => k[1] === "error").length;
        expect(r.findings.filter((x) => x.severity === "error").length).toBe(errors);
        const got: Key[] = r.findings.map((x) => [x.rule, x.severity, x.location.table, x.location.row]);
        expect(sortKeys(got)).toEqual(sortKeys(EXPECTED[f] as Key[]));
      });

      it("runs every rule or says why not", () => {
        const r = check(doc(f));
        expect(r.ran.length + r.notChecked.length + r.notApplicable.length).toBe(ALL_RULES.length);
        for (const n of [...r.notChecked, ...r.notApplicable])
          expect(n.reason.trim().length, n.rule).toBeGreaterThan(4);
        // the 决算 rules run on 决算 only
        const kind = doc(f).meta.kind;
        const finalOnly = ALL_RULES.filter((x) => x.appliesTo?.join() === "finalAccounts").map((x) => x.id);
        expect(finalOnly).toEqual([
          "F-01",
          "F-02",
          "F-03",
          "F-04",
          "F-05",
          "F-06",
          "F-07",
          "F-08",
          "F-09",
          "F-10",
          "F-11",
          "F-12",
          "F-13",
        ]);
        expect(r.notApplicable.map((n) => n.rule)).toEqual(kind === "finalAccounts" ? [] : finalOnly);
        // the tables' arithmetic ran
        // renda's 表1 wraps "当年收入/小计" and "收入/合计" around the amount line; the import does not
        // rejoin them, so K-01 cannot find 收入总计 and says so
        if (f === "jiangsu-renda-2017-yusuan.pdf")
          expect(r.notChecked).toContainEqual({ rule: "K-01", reason: "表1未识别出收入总计或支出总计行" });
        else expect(r.ran).toContain("K-01");
        expect(r.ran.length).toBeGreaterThanOrEqual(20);
      });
    });
  }
});

describe("the catalogue on the two-PDF Jiangsu documents, merged", () => {
  for (const [name, expected] of Object.entries(MERGED))
    it(`${name}: tables + text have exactly the expected findings`, async () => {
      const tables = doc(`${name}-tables.pdf`);
      const text = await importFile(`${DIR}${name}-text.pdf`, { template: tables.meta.template, textOnly: true });
      if (!text.disclosure) throw new Error(`${name}-text.pdf did not import`);
      const m = mergeDisclosures(tables, text.disclosure);
      expect(m.provenance.parts).toEqual(["tables", "text"]);
      const r = check(m);
      expect(r.findings.filter((x) => x.severity === "error").length).toBe(0);
      const got: Key[] = r.findings.map((x) => [x.rule, x.severity, x.location.table, x.location.row]);
      expect(sortKeys(got)).toEqual(sortKeys(expected));
    }, 60_000);
});

describe("mutations in other templates are errors at the changed table", () => {
  it("Shanghai 2025 预算 (元): 表3 2010601 基本支出 + 1.00 元", () => {
    const d = addToCell(doc("shanghai-putuo-caizhengju-2025-yusuan.pdf"), 3, "2010601", "basic", 100);
    const errors = check(d).findings.filter((x) => x.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((x) => x.location.table)).toContain(3);
  });

  it("Jiangsu 2017 预算: 表9 30101 基本工资 + 10.00 万元", () => {
    const d = addToCell(doc("jiangsu-gaoyuan-2017-yusuan.pdf"), 9, "30101", "total", wan("10.00"));
    const errors = check(d).findings.filter((x) => x.severity === "error");
    expect(errors.map((x) => [x.rule, x.location.table])).toContainEqual(["A-T6-HIER", 9]);
  });

  it("Jiangsu 2017 预算: 表11 三公 公务接待费 below 表9 30217 is an error at 表11", () => {
    const d = addToCell(doc("jiangsu-gaoyuan-2017-yusuan.pdf"), 11, "", "officialReception", -wan("150.00"));
    const errors = check(d).findings.filter((x) => x.severity === "error");
    expect(errors.map((x) => [x.rule, x.location.table])).toContainEqual(["K-32", 11]);
  });
});
