import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { amountAt, rowByCode, tableByNo, textAt } from "../../model/access.ts";
import type { Disclosure, PrintedTable, Statement } from "../../model/disclosure.ts";
import { disclosureSchema } from "../../model/disclosure-schema.ts";
import { importBuffer } from "../index.ts";
import { TABLE_AMOUNT } from "./lines.ts";
import { parseText } from "./parse-text.ts";

const fixture = (p: string): string => readFileSync(new URL(`../../../test/fixtures/${p}`, import.meta.url), "utf8");
const seed = fixture("bazhou-hrss-2025-budget.txt");
// The default catalog is the built-in partial 2025 one (src/catalog), which has 2080506.
const result = parseText(seed, { source: "bazhou-hrss-2025-budget.txt" });
const d = result.disclosure as Disclosure;
const W = (wanyuan: string): number => Math.round(Number(wanyuan) * 100) * 10_000; // 万元 → 分 (test helper)
const t = (no: number): PrintedTable => tableByNo(d, no) as PrintedTable;

describe("parseText on the seed", () => {
  it("imports without problems and validates against the schema", () => {
    expect(result.problems).toEqual([]);
    expect(disclosureSchema.parse(d)).toEqual(d);
  });

  it("reads meta, toc and overview", () => {
    expect(d.meta).toMatchObject({
      kind: "budget",
      department: "新疆巴州人力资源和社会保障局",
      year: 2025,
      unit: "wanyuan",
      template: "xinjiang-2025-budget",
      region: "新疆",
      publishedOn: "2025-02-12",
    });
    expect(d.meta.title).toContain("2025 年部门预算公开");
    expect(d.toc).toHaveLength(29);
    expect(d.toc).toContain("五、 关于新疆巴州人力资源和社会保障局 2025 年一般公共预算当年拨款情况说明");
    const ov = d.overview;
    expect(ov.functions).toHaveLength(13);
    expect(ov.functions[4]).toContain("实施意见，促进建立企事业单位"); // wrapped item joined
    expect(ov.divisions).toHaveLength(12);
    expect(ov.divisionCount).toBe(12);
    expect(ov.divisions[11]).toBe("信访办公室");
    expect(ov.budgetUnits).toEqual([
      { name: "巴音郭楞蒙古自治州人力资源和社会保障局", kind: "administrative" },
      { name: "巴音郭楞蒙古自治州社会保险中心", kind: "institution" },
    ]);
    expect(ov).toMatchObject({ budgetUnitCount: 1, administrativeUnits: 1, institutionUnits: 1 });
    expect(ov.staffing).toEqual({
      authorized: 122,
      actual: 184,
      active: 110,
      activeChange: -2,
      retired: 74,
      retiredChange: 2,
      lixiu: 0,
      lixiuChange: 0,
    });
    expect(ov.text).toContain("主要职能");
  });

  it("reads all eleven tables with their row counts", () => {
    expect(d.tables.map((x) => x.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(d.tables.map((x) => x.rows.length)).toEqual([30, 31, 31, 30, 31, 33, 19, 0, 0, 6, 4]);
    for (const x of d.tables) {
      expect(x.preparedBy).toBe("新疆巴州人力资源和社会保障局");
      expect(x.unit).toBe("wanyuan");
      for (const r of x.rows) expect(r.cells).toHaveLength(x.columns.length);
    }
    expect(t(2).columns.map((c) => c.key)).toContain("fiscalCarryover");
    expect(t(8).emptyNote).toBe(
      "新疆巴州人力资源和社会保障局 2025 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
    );
    expect(t(9).emptyNote).toContain("国有资本经营预算支出情况表为空表");
  });

  it("loses no amount: amount tokens in each table's lines = non-null amount cells", () => {
    const lines = seed.split("\n");
    const starts = lines.flatMap((l, i) => (/^表 \d+$/.test(l.trim()) ? [i] : []));
    const end = lines.findIndex((l, i) => i > (starts[10] ?? 0) && l.startsWith("第三部分"));
    starts.forEach((s, k) => {
      const block = lines.slice(s, starts[k + 1] ?? end).filter((l) => l.includes("\t"));
      const tokens = block.flatMap((l) => l.split("\t")).filter((f) => TABLE_AMOUNT.test(f.trim())).length;
      const cells = t(k + 1).rows.flatMap((r) => r.cells.filter((c) => typeof c === "number")).length;
      expect(cells, `表 ${k + 1}`).toBe(tokens);
    });
  });

  it("keeps both sides of 表1 and 表4 with line keys and class codes", () => {
    const t1 = t(1);
    expect(t1.rows.map((r) => r.lineKey).filter(Boolean)).toHaveLength(26);
    const byKey = (key: string) => t1.rows.find((r) => r.lineKey === key);
    expect(amountAt(t1, byKey("currentYear")!, "incomeAmount")).toBe(W("5164.82"));
    expect(amountAt(t1, byKey("generalBudget")!, "incomeAmount")).toBe(W("3374.27"));
    // The second "一般公共预算拨款" / "财政专户核拨" / "单位资金" are under 上年结转结余.
    expect(amountAt(t1, byKey("fiscalCarryoverGeneral")!, "incomeAmount")).toBe(W("54.48"));
    expect(byKey("fiscalCarryoverGeneral")?.code).toBe("221");
    expect(amountAt(t1, byKey("fiscalCarryoverGeneral")!, "expenditureAmount")).toBe(W("160.81"));
    expect(byKey("nonFiscalSpecialAccount")?.label).toBe("其中：财政专户核拨");
    expect(byKey("nonFiscalUnitFunds")?.code).toBe("229");
    const row205 = rowByCode(t1, "205")!;
    expect(row205.lineKey).toBe("governmentFundAppropriation");
    expect(amountAt(t1, row205, "incomeAmount")).toBeNull();
    expect(amountAt(t1, row205, "expenditureAmount")).toBe(W("815.90"));
    const total = t1.rows.at(-1)!;
    expect(total).toMatchObject({ kind: "total", lineKey: "total", level: 0 });
    expect(total.cells).toEqual(["收入总计", W("5219.30"), "支出总计", W("5219.30")]);
    expect(t1.rows.filter((r) => r.code).map((r) => r.code)).toHaveLength(29);
    const t4 = t(4);
    expect(t4.rows[0]).toMatchObject({ lineKey: "fiscalAppropriation", code: "201", level: 1 });
    expect(amountAt(t4, rowByCode(t4, "208")!, "generalBudget")).toBe(W("3752.47"));
    expect(t4.rows.at(-1)?.cells).toEqual([
      "收入总计",
      W("4843.39"),
      "支出总计",
      W("4843.39"),
      W("4843.39"),
      null,
      null,
    ]);
  });

  it("reads function-coded tables by tab position (blank cells stay blank)", () => {
    const t2 = t(2);
    const r = rowByCode(t2, "2080104")!;
    expect(r).toMatchObject({ kind: "item", level: 3, label: "综合业务管理" });
    expect(r.cells.slice(0, 3)).toEqual(["208", "01", "04"]);
    expect(amountAt(t2, r, "unitFunds")).toBe(267_220_000); // 267.22 万元
    const r2 = rowByCode(t2, "2080704")!;
    expect(amountAt(t2, r2, "generalBudget")).toBeNull();
    expect(amountAt(t2, r2, "upperTransferGeneral")).toBe(W("355.00"));
    expect(amountAt(t2, r2, "unitFunds")).toBeNull();
    expect(amountAt(t2, r2, "fiscalCarryover")).toBe(W("42.88"));
    expect(rowByCode(t2, "20805")).toMatchObject({ kind: "section", level: 2 }); // before the page break
    expect(rowByCode(t2, "2080501")).toMatchObject({ kind: "item" }); // after the repeated header
    expect(t2.rows[0]).toMatchObject({ kind: "total", level: 0, label: "总计" });
    expect(amountAt(t2, t2.rows[0]!, "total")).toBe(W("5219.30"));
    expect(amountAt(t(3), rowByCode(t(3), "20801")!, "project")).toBe(W("741.09"));
    expect(amountAt(t(5), t(5).rows[0]!, "project")).toBe(W("2697.26"));
    const t6 = t(6);
    expect(rowByCode(t6, "30217")).toMatchObject({ kind: "section", label: "公务接待费" });
    expect(amountAt(t6, rowByCode(t6, "30217")!, "operating")).toBe(W("1.40"));
    expect(amountAt(t6, rowByCode(t6, "30217")!, "personnel")).toBeNull();
    expect(rowByCode(t6, "303")).toMatchObject({ kind: "class", level: 1 });
  });

  it("reads 表7 units and projects across the continuation page", () => {
    const t7 = t(7);
    const units = t7.rows.filter((r) => r.kind === "unit").map((r) => r.label);
    expect(units).toEqual(["巴音郭楞蒙古自治州人力资源和社会保障局", "巴音郭楞蒙古自治州社会保险中心"]);
    const projects = t7.rows.filter((r) => r.kind === "project");
    expect(projects).toHaveLength(9);
    expect(projects.map((r) => r.code)).toContain("2080799");
    const last = projects.at(-1)!;
    expect(last).toMatchObject({ code: "2080109", label: "社会保险经办机构", level: 3 });
    expect(textAt(t7, last, "projectName")).toBe("2025年社会保险经办服务和中心运行项目");
    expect(amountAt(t7, last, "e310")).toBe(W("12.00"));
    // 140.00 sits under 对企业补助 (312), the 14th column; 对社会保障基金补助 (313) is blank.
    expect(amountAt(t7, t7.rows[0]!, "e312")).toBe(W("140.00"));
    expect(amountAt(t7, t7.rows[0]!, "e313")).toBeNull();
  });

  it("reads 表10 and 表11 lines", () => {
    const t10 = t(10);
    expect(t10.rows.map((r) => r.lineKey)).toEqual([
      "total",
      "overseasTravel",
      "officialReception",
      "officialVehicles",
      "vehiclePurchase",
      "vehicleOperation",
    ]);
    expect(t10.rows.map((r) => r.level)).toEqual([0, 1, 1, 1, 2, 2]);
    expect(t10.rows[1]?.cells).toEqual(["因公出国（境）费", null, null, null, null]);
    expect(amountAt(t10, t10.rows[5]!, "generalBudget")).toBe(W("24.00"));
    const t11 = t(11);
    expect(t11.rows.map((r) => r.kind)).toEqual(["total", "unit", "project", "project"]);
    expect(amountAt(t11, t11.rows[2]!, "fiscalProject")).toBe(W("42.88"));
  });

  it("derives one fact per amount cell", () => {
    const cells = d.tables.flatMap((x) => x.rows.flatMap((r) => r.cells.filter((c) => typeof c === "number")));
    expect(d.facts).toHaveLength(cells.length);
    const f = d.facts.find(
      (x) => x.cell.table === 2 && x.dims.functionCode === "2080104" && x.dims.fund === "unitFunds",
    );
    expect(f?.amount).toBe(W("267.22"));
    expect(f?.measure).toBe("income");
    const p = d.facts.find((x) => x.cell.table === 7 && x.dims.project === "2025年社会保险经办服务和中心运行项目");
    expect(p?.dims).toMatchObject({
      unit: "巴音郭楞蒙古自治州社会保险中心",
      functionCode: "2080109",
      nature: "project",
    });
    const e = d.facts.find((x) => x.cell.table === 1 && x.dims.functionCode === "208");
    expect(e).toMatchObject({ measure: "expenditure", amount: W("4128.38") });
    const op = d.facts.find(
      (x) => x.cell.table === 6 && x.dims.economicCode === "30217" && x.dims.column === "operating",
    );
    expect(op?.dims).toMatchObject({ basicKind: "operating", nature: "basic", fund: "generalBudgetAppropriation" });
  });
});

const st = (no: number): Statement[] => d.explanations.find((e) => e.no === no)?.statements ?? [];

describe("explanations", () => {
  it("finds twelve sections with titles and text", () => {
    expect(d.explanations.map((e) => e.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(d.explanations[9]?.title).toContain("“三公”经费预算情况说明");
    expect(d.explanations[11]?.text).toContain("其他需说明的事项");
    expect(d.explanations[11]?.text).not.toContain("\t"); // the 绩效目标表 are not in the text
    expect(st(1)).toEqual([expect.objectContaining({ subject: "收支总预算", amount: W("5219.30") })]);
  });

  it("说明二: four sources with amount, share, signed change and growth, reason", () => {
    const s = st(2).filter((x) => x.share !== undefined);
    expect(s.map((x) => x.subject)).toEqual([
      "一般公共预算",
      "上级一般公共预算安排的转移支付资金",
      "单位资金",
      "财政拨款结转",
    ]);
    expect(s[0]).toMatchObject({ amount: W("3374.27"), share: 6465, change: W("719.53"), growth: 2710 });
    expect(s[0]?.reason).toMatch(/^2025 年新增教育强国推进工程/);
    expect(s[1]).toMatchObject({ change: -W("117.81"), growth: -742 });
    expect(s[3]).toMatchObject({ amount: W("54.48"), share: 104, change: -W("2541.52"), growth: -9790 });
  });

  it("说明五: structure by 类 and 21 项 items with codes", () => {
    const s = st(5);
    expect(s.find((x) => x.subject === "项目支出")).toMatchObject({
      amount: W("2697.26"),
      change: W("680.33"),
      growth: 3373,
    });
    const classes = s.filter((x) => x.subject.endsWith("（类）"));
    expect(classes.map((x) => [x.code, x.share])).toEqual([
      ["205", 1685],
      ["208", 7748],
      ["210", 236],
      ["221", 332],
    ]);
    const items = s.filter((x) => x.subject.endsWith("（项）"));
    expect(items).toHaveLength(21);
    expect(items.every((x) => x.reason && x.change !== undefined && x.growth !== undefined)).toBe(true);
    expect(items.map((x) => x.code)).toEqual([
      "2050303",
      "2050803",
      "2080101",
      "2080102",
      "2080103",
      "2080104",
      "2080106",
      "2080109",
      "2080199",
      "2080501",
      "2080502",
      "2080505",
      "2080506",
      "2080704",
      "2080705",
      "2080799",
      "2101101",
      "2101102",
      "2101103",
      "2101199",
      "2210201",
    ]);
    expect(items[1]).toMatchObject({ amount: W("7.41"), change: W("0.06"), growth: 82 }); // "2025年预算数为7.41万元"
    expect(items[12]).toMatchObject({ amount: 0, change: -W("96.41"), growth: -10000 });
    expect(items[15]).toMatchObject({ growth: 106595 }); // "增长1,065.95%"
  });

  it("说明五 without a catalog leaves an unprinted 项 unresolved", () => {
    const r = parseText(seed, { source: "x.txt", catalog: [] }).disclosure as Disclosure;
    const items = r.explanations[4]?.statements.filter((x) => x.subject.endsWith("（项）")) ?? [];
    expect(items[12]?.code).toBeUndefined();
    expect(items[8]?.code).toBe("2080199"); // "其他…支出" 项 are coded 99
  });

  it("说明六, 十, 十一 statements", () => {
    expect(st(6).map((x) => [x.subject, x.amount])).toEqual([
      ["一般公共预算基本支出", W("2146.13")],
      ["人员经费", W("2029.37")],
      ["公用经费", W("116.76")],
    ]);
    const three = st(10);
    expect(three.map((x) => x.subject)).toEqual([
      "财政拨款“三公”经费",
      "因公出国（境）费",
      "公务用车购置费",
      "公务用车运行费",
      "公务接待费",
    ]);
    expect(three[0]).toMatchObject({ amount: W("25.40"), change: 0, growth: 0 });
    expect(three[3]).toMatchObject({
      amount: W("24.00"),
      change: 0,
      growth: 0,
      reason: "本年公务用车运行费与上年保持一致，无增减变化",
    });
    expect(three.slice(1).every((x) => x.reason)).toBe(true);
    expect(st(11).map((x) => [x.subject, x.amount])).toEqual([
      ["上年结转结余", W("54.48")],
      ["财政拨款", W("54.48")],
      ["非财政拨款", 0],
      ["2024 年中央就业补助资金项目", W("42.88")],
      ["2024 年自治区就业补助资金项目", W("11.60")],
    ]);
  });
});

describe("projects, other matters, glossary", () => {
  it("reads eight project descriptions whose allocations sum to the scale", () => {
    expect(d.projects).toHaveLength(8);
    for (const p of d.projects) {
      expect(
        p.allocation.reduce((a, b) => a + b.amount, 0),
        p.name,
      ).toBe(p.scale);
      expect(p.unit).toMatch(/^巴音郭楞蒙古自治州/);
      expect(p.period).toMatch(/2025\s*年\s*1\s*月\s*1\s*日-2025\s*年\s*12\s*月\s*31\s*日/);
      expect(p.basis.length).toBeGreaterThan(0);
    }
    const p1 = d.projects[0]!;
    expect(p1.name).toBe("2025年就业创业及职业技能综合项目");
    expect(p1.basis).toHaveLength(3);
    expect(p1.allocation[0]).toEqual({
      label: "组织开展自治州职业技能大赛",
      amount: W("35.50"),
      children: [
        { label: "奖金", amount: W("15.00") },
        { label: "委托职业院校承办大赛活动支出", amount: W("20.50") },
      ],
    });
    expect(d.projects[1]?.allocation[1]).toEqual({ label: "组织开展 2025 年事业单位面试工作", amount: W("14.40") });
    expect(d.projects[6]?.allocation).toHaveLength(8); // allocation wrapped onto a second line
    const central = d.projects[5]!;
    expect(central.scale).toBe(W("850.00"));
    expect(Object.keys(central.extra)).toEqual([
      "资金来源",
      "补贴人数",
      "补贴标准",
      "补贴范围",
      "补贴方式",
      "发放程序",
      "受益人群和社会效益",
    ]);
    expect(central.extra.补贴人数).toBe("2025 年公益性岗位补贴人数 242 人");
    expect(d.projects[7]?.unit).toBe("巴音郭楞蒙古自治州社会保险中心");
  });

  it("reads 其他重要事项", () => {
    const om = d.otherMatters;
    expect(om.officeOperatingCost).toMatchObject({
      amount: W("116.76"),
      change: -W("4.31"),
      growth: -356,
      reason: "厉行节约，压缩单位机关运行成本",
    });
    expect(om.procurement).toEqual({
      total: W("856.93"),
      goods: W("67.66"),
      works: 0,
      services: W("789.27"),
      smeReserved: W("856.93"),
      microReserved: W("805.94"),
    });
    expect(om.assets).toEqual({
      asOf: "2024-12-31",
      buildingArea: "3563.19",
      buildingValue: W("185.25"),
      vehicles: {
        count: 8,
        value: W("197.96"),
        byType: [
          { type: "一般公务用车", count: 8, value: W("197.96") },
          { type: "执法执勤用车", count: 0, value: 0 },
          { type: "其他车辆", count: 0, value: 0 },
        ],
      },
      furnitureValue: W("1647.56"),
      otherValue: W("13.52"),
      equipmentOver50: 1,
      equipmentOver100: 1,
      plannedVehicles: "未安排购置车辆经费",
      plannedEquipmentOver50: 0,
      plannedEquipmentOver100: 0,
    });
    expect(om.performance).toEqual({
      overallTargets: 1,
      overallAmount: W("5219.30"),
      projectCount: 10,
      fiscalProjectAmount: W("2697.26"),
      nonFiscalProjectAmount: W("321.44"),
    });
    expect(om.notes).toHaveLength(2);
    expect(om.notes[0]).toMatch(/^本部门“2024-2025年自治区就业补助资金项目”/);
  });

  it("hands the 绩效目标表 lines to the performance parser", () => {
    expect(d.performance.filter((p) => p.kind === "overall")).toHaveLength(1);
    expect(d.performance.filter((p) => p.kind === "project")).toHaveLength(10);
  });

  it("reads eight glossary terms", () => {
    expect(d.glossary.map((g) => g.term)).toEqual([
      "财政拨款",
      "一般公共预算",
      "财政专户管理资金",
      "其他资金",
      "基本支出",
      "项目支出",
      "“三公”经费",
      "机关运行经费",
    ]);
    expect(d.glossary[7]?.definition).toMatch(/公务用车运行维护费及其他费用。$/);
  });
});

describe("encodings and bad input", () => {
  it("gives the same disclosure from UTF-8 and GB18030 bytes", () => {
    const a = importBuffer(new TextEncoder().encode(seed), "bazhou.txt");
    const b = importBuffer(new Uint8Array(iconv.encode(seed, "gb18030")), "bazhou.txt");
    expect(a.disclosure).toBeDefined();
    expect(b.disclosure).toEqual(a.disclosure);
  });

  it("reads \\r\\n line endings and full-width digits in labels the same", () => {
    const r = parseText(seed.replace(/\n/g, "\r\n"), { source: "bazhou-hrss-2025-budget.txt" });
    expect(r.disclosure).toEqual(d);
    const fw = seed.replace("表 3\n", "表 ３\n");
    expect(parseText(fw, { source: "x" }).disclosure?.tables).toHaveLength(11);
  });

  it("refuses empty and unrecognisable text", () => {
    for (const text of ["", "   \n\n", "hello world\nthis is not a budget\n", "一二三\t四五\t六\n".repeat(50)]) {
      const r = parseText(text, { source: "bad.txt" });
      expect(r.disclosure).toBeUndefined();
      expect(r.problems.some((p) => p.severity === "error")).toBe(true);
      expect(r.problems[0]?.message).toMatch(/bad\.txt/);
    }
  });

  it("never throws on random text", () => {
    let s = 12345;
    const rnd = (): number => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    const alphabet = [..."表1 2\t\n、。，：:（）()一二三十万元%※208总计合计其中第部分说明5,219.30.-年预算"];
    for (let k = 0; k < 30; k++) {
      let text = "";
      for (let i = 0; i < 2000; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(() => parseText(text, { source: "r.txt" })).not.toThrow();
    }
  });

  it("imports a truncated document partially, with problems, at any cut", () => {
    const lines = seed.split("\n");
    // Before the cover title there is nothing to import.
    expect(parseText(lines.slice(0, 3).join("\n"), { source: "cut.txt" }).disclosure).toBeUndefined();
    for (let cut = 5; cut < lines.length; cut += 23) {
      const text = lines.slice(0, cut).join("\n");
      const r = parseText(text, { source: "cut.txt" });
      expect(r.disclosure, `cut at line ${cut}`).toBeDefined();
      expect(() => disclosureSchema.parse(r.disclosure)).not.toThrow();
      expect(r.problems.length, `cut at line ${cut}`).toBeGreaterThan(0);
    }
    // Cut mid-line too.
    for (const at of [5000, 12345, 20000, 33333]) {
      const r = parseText(seed.slice(0, at), { source: "cut.txt" });
      expect(r.disclosure).toBeDefined();
      expect(() => disclosureSchema.parse(r.disclosure)).not.toThrow();
    }
  });

  it("imports a document with a table missing", () => {
    const from = seed.indexOf("表 3\n");
    const to = seed.indexOf("表 4\n");
    const r = parseText(seed.slice(0, from) + seed.slice(to), { source: "x.txt" });
    expect(r.disclosure?.tables.map((x) => x.no)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it("reports a column-number row that does not match the template", () => {
    const bad = seed.replace("※\t※\t※\t※\t1\t2\t3\n", "※\t※\t※\t※\t1\t2\t3\t4\n");
    const r = parseText(bad, { source: "x.txt" });
    const p = r.problems.find((x) => x.code === "table.columnCount");
    expect(p?.message).toMatch(/^第 \d+ 行：表 3“部门支出总体情况表”的栏次行有 8 列/);
    expect(p?.line).toBeGreaterThan(0);
  });

  it("reports an amount that cannot be read, with its line", () => {
    const bad = seed.replace(
      "208\t01\t03\t机关服务\t469.76\t469.76\t469.76",
      "208\t01\t03\t机关服务\t469.7x\t469.76\t469.76",
    );
    const r = parseText(bad, { source: "x.txt" });
    expect(r.problems.find((x) => x.code === "table.amount")?.message).toMatch(/^第 \d+ 行：表 2/);
  });
});
