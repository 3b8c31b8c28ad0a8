/**
 * A small hand-built Disclosure for renderer tests and screenshots: a two-sided summary table, a
 * two-level header table (功能分类科目编码 类/款/项), a three-level header table (结转结余), a
 * projects table with a hostile and a very long project name, a 三公 table with blanks and a
 * printed 0.00, and an empty table with its 空表说明. Valid per `disclosureSchema`.
 */

import type { Column, Disclosure, PrintedTable, Row } from "../model/disclosure.ts";
import { formatAmount } from "../model/money.ts";
import { PERFORMANCE_PROJECT_HEADERS, xinjiang2025Budget } from "../templates/xinjiang-2025-budget.ts";

/** A project name that must render as text, never as markup. */
export const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'q'`;
export const LONG_NAME =
  "自治区就业补助资金（公益性岗位补贴、社会保险补贴、职业技能培训补贴及高校毕业生就业见习补贴）专项项目";

const W = 1_000_000; // 分 per 万元
/** 万元 with two decimals → 分, exactly ("5219.30" → 5219300000). */
const w = (s: string): number => Math.round(Number(s) * 100) * (W / 100);

function columnsOf(no: number): Column[] {
  const spec = xinjiang2025Budget.tables.find((t) => t.no === no)!;
  return spec.columns.map(({ key, path, type, side }) =>
    side ? { key, path: [...path], type, side } : { key, path: [...path], type },
  );
}

function table(no: number, rows: Row[], extra: Partial<PrintedTable> = {}): PrintedTable {
  const spec = xinjiang2025Budget.tables.find((t) => t.no === no)!;
  return {
    no,
    id: spec.id,
    title: spec.title,
    unit: "wanyuan",
    preparedBy: "新疆测试局",
    columns: columnsOf(no),
    rows,
    ...extra,
  };
}

const fn = (
  kind: Row["kind"],
  code: string,
  label: string,
  amounts: (string | null)[],
  extra: (string | null)[] = [],
): Row => {
  const level = kind === "total" ? 0 : kind === "class" ? 1 : kind === "section" ? 2 : 3;
  const parts =
    kind === "total" ? [null, null, null] : [code.slice(0, 3), code.slice(3, 5) || null, code.slice(5, 7) || null];
  return {
    kind,
    ...(kind === "total" ? {} : { code }),
    label,
    level,
    cells: [...parts, label, ...extra, ...amounts.map((a) => (a === null ? null : w(a)))],
  };
};

const line = (label: string, amounts: (string | null)[], kind: Row["kind"] = "line", level = 1): Row => ({
  kind,
  label,
  level,
  cells: [label, ...amounts.map((a) => (a === null ? null : w(a)))],
});

/** The fixture; `hostile` also gives the department a hostile name. */
export function sampleDisclosure(opts: { hostile?: boolean } = {}): Disclosure {
  const dept = opts.hostile ? `新疆测试局${HOSTILE}` : "新疆测试局";
  const t1 = table(1, [
    {
      kind: "line",
      lineKey: "currentYear",
      label: "一、本年收入",
      level: 1,
      cells: ["一、本年收入", w("5164.82"), "205 教育支出", w("815.90")],
    },
    {
      kind: "line",
      lineKey: "generalBudgetAppropriation",
      label: "1. 一般公共预算拨款",
      level: 2,
      cells: ["1. 一般公共预算拨款", w("4843.39"), "208 社会保障和就业支出", w("4128.38")],
    },
    {
      kind: "line",
      lineKey: "governmentFundAppropriation",
      label: "2. 政府性基金预算拨款",
      level: 2,
      cells: ["2. 政府性基金预算拨款", null, "210 卫生健康支出", w("114.21")],
    },
    {
      kind: "line",
      lineKey: "unitFunds",
      label: "5. 单位资金",
      level: 2,
      cells: ["5. 单位资金", w("321.44"), "221 住房保障支出", w("160.81")],
    },
    {
      kind: "line",
      lineKey: "carryover",
      label: "二、上年结转结余",
      level: 1,
      cells: ["二、上年结转结余", w("54.48"), "229 其他支出", null],
    },
    {
      kind: "total",
      lineKey: "total",
      label: "收入总计",
      level: 0,
      cells: ["收入总计", w("5219.30"), "支出总计", w("5219.30")],
    },
  ]);
  const t3 = table(3, [
    fn("total", "", "合计", ["5219.30", "2200.60", "3018.70"]),
    fn("class", "205", "教育支出", ["815.90", "7.41", "808.49"]),
    fn("section", "20503", "职业教育", ["808.49", null, "808.49"]),
    fn("item", "2050303", "技校教育", ["808.49", null, "808.49"]),
    fn("class", "208", "社会保障和就业支出", ["4403.40", "2193.19", "2210.21"]),
    fn("item", "2080101", "行政运行", ["1057.21", "1057.21", "0.00"]),
  ]);
  const t7 = table(7, [
    {
      kind: "total",
      label: "总计",
      level: 0,
      cells: [
        null,
        null,
        null,
        "总计",
        null,
        w("1027.49"),
        null,
        w("65.00"),
        null,
        null,
        w("808.49"),
        w("14.00"),
        null,
        w("140.00"),
        null,
        null,
      ],
    },
    {
      kind: "unit",
      label: "新疆测试局本级",
      level: 1,
      cells: [
        null,
        null,
        null,
        "新疆测试局本级",
        null,
        w("1027.49"),
        null,
        w("65.00"),
        null,
        null,
        w("808.49"),
        w("14.00"),
        null,
        w("140.00"),
        null,
        null,
      ],
    },
    {
      kind: "project",
      code: "2050303",
      label: HOSTILE,
      level: 4,
      cells: [
        "205",
        "03",
        "03",
        "技校教育",
        HOSTILE,
        w("808.49"),
        null,
        null,
        null,
        null,
        w("808.49"),
        null,
        null,
        null,
        null,
        null,
      ],
    },
    {
      kind: "project",
      code: "2080104",
      label: LONG_NAME,
      level: 4,
      cells: [
        "208",
        "01",
        "04",
        "综合业务管理",
        LONG_NAME,
        w("219.00"),
        null,
        w("65.00"),
        null,
        null,
        null,
        w("14.00"),
        null,
        w("140.00"),
        null,
        null,
      ],
    },
  ]);
  const t8 = table(8, [], {
    emptyNote: `${dept} 2025 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。`,
  });
  const t10 = table(10, [
    line("合计", ["25.40", "25.40", null, null], "total", 0),
    line("因公出国（境）费", ["0.00", "0.00", null, null]),
    line("公务接待费", ["1.40", "1.40", null, null]),
    line("公务用车购置及运行费（小计）", ["24.00", "24.00", null, null]),
    line("其中：公务用车购置费", [null, null, null, null], "line", 2),
    line("公务用车运行费", ["24.00", "24.00", null, null], "line", 2),
  ]);
  const t11 = table(11, [
    line("总计", ["54.48", "54.48", null, null, "54.48", null, null, null, null], "total", 0),
    line("2024 年中央就业补助资金项目", ["42.88", "42.88", null, null, "42.88", null, null, null, null], "project"),
    line("2024 年自治区就业补助资金项目", ["11.60", "11.60", null, null, "11.60", null, null, null, null], "project"),
  ]);
  const tables = [t1, t3, t7, t8, t10, t11];
  return {
    schemaVersion: 1,
    meta: {
      kind: "budget",
      title: `${dept} 2025 年部门预算公开`,
      department: dept,
      year: 2025,
      unit: "wanyuan",
      template: "xinjiang-2025-budget",
      region: "新疆",
    },
    overview: {
      functions: ["贯彻执行国家促进就业的法律法规和方针政策。", "统筹建立覆盖城乡的社会保障体系。"],
      divisions: ["办公室", "就业促进科"],
      divisionCount: 2,
      budgetUnits: [
        { name: "新疆测试局本级", kind: "administrative" },
        { name: `测试中心${opts.hostile ? HOSTILE : ""}`, kind: "institution" },
      ],
      budgetUnitCount: 1,
      administrativeUnits: 1,
      institutionUnits: 1,
      staffing: {
        authorized: 122,
        actual: 184,
        active: 110,
        activeChange: -2,
        retired: 74,
        retiredChange: 2,
        lixiu: 0,
        lixiuChange: 0,
      },
      text: "一、 主要职能\n（一）贯彻执行国家促进就业的法律法规和方针政策。\n（二）统筹建立覆盖城乡的社会保障体系。\n二、 机构设置及人员情况\n本部门下设 2 个科室，分别是：办公室、就业促进科。编制数 122，实有人数 184 人。",
    },
    toc: [],
    tables,
    facts: [
      {
        measure: "expenditure",
        dims: { fund: "total", function: "2050303", nature: "project" },
        amount: w("808.49"),
        cell: { table: 3, row: 3, column: 6 },
      },
      {
        measure: "expenditure",
        dims: { fund: "total", function: "2080101", nature: "basic" },
        amount: w("1057.21"),
        cell: { table: 3, row: 5, column: 5 },
      },
      {
        measure: "threePublic",
        dims: { fund: "fiscalAppropriation", line: "officialReception" },
        amount: w("1.40"),
        cell: { table: 10, row: 2, column: 1 },
      },
    ],
    explanations: [
      {
        no: 1,
        title: `关于${dept} 2025 年收支预算情况的总体说明`,
        text: "2025 年收入预算 5,219.30 万元，支出预算 5,219.30 万元。\n与上年相比增加 12.00 万元。",
        statements: [],
      },
      {
        no: 8,
        title: `关于${dept} 2025 年政府性基金预算拨款情况说明`,
        text: "本部门 2025 年没有使用政府性基金预算拨款安排的支出。",
        statements: [],
      },
      {
        no: 12,
        title: "其他重要事项的情况说明",
        text: "（一）机关运行经费\n2025 年机关运行经费 100.00 万元。\n（四）预算绩效情况说明\n绩效目标见下表。",
        statements: [],
      },
    ],
    projects: [],
    otherMatters: { notes: [] },
    performance: [
      {
        kind: "overall",
        title: "部门整体绩效目标表",
        year: 2025,
        budgetUnit: dept,
        manager: "何敏",
        phone: "0996-2023652",
        total: w("5219.30"),
        fiscal: w("4897.86"),
        other: w("321.44"),
        goal: "促进各类群体稳定就业，全年城镇新增就业 2.3 万人。",
        headers: ["一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重"],
        indicators: [
          {
            level1: "履职效能",
            level2: "数量指标",
            name: "城镇新增就业",
            target: { raw: "≥2.30 万人" },
            basis: "工作计划",
            weight: 10,
          },
          {
            level1: "履职效能",
            level2: "质量指标",
            name: "劳动人事争议仲裁结案率",
            target: { raw: "≥92%" },
            basis: "工作计划",
            weight: 15,
          },
        ],
      },
      {
        kind: "project",
        title: "项目支出绩效目标表",
        year: 2025,
        budgetUnit: "新疆测试局本级",
        project: HOSTILE,
        manager: "秦建",
        total: w("808.49"),
        fiscal: w("808.49"),
        other: 0,
        goal: "建成公共实训基地。",
        headers: [...PERFORMANCE_PROJECT_HEADERS],
        indicators: [
          {
            level1: "产出指标",
            level2: "数量指标",
            name: "实训工位",
            target: { raw: ">=200 个" },
            basis: "计划标准",
            lastYear: "-",
            weight: 20,
            scoring: "按照完成比例赋分",
            evidence: "工作资料",
          },
          {
            level1: "产出指标",
            level2: "时效指标",
            name: "完工时间",
            target: { raw: "2025-12" },
            basis: "计划标准",
            lastYear: "-",
            weight: 20,
            scoring: "直接赋分",
            evidence: "工作资料",
          },
          {
            level1: "满意度指标",
            level2: "满意度指标",
            name: "学员满意度",
            target: { raw: ">=90%" },
            basis: "计划标准",
            lastYear: "90%",
            weight: 50,
            scoring: "满意度赋分",
            evidence: "问卷",
          },
        ],
      },
    ],
    glossary: [
      { term: "财政拨款", definition: "指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款数。" },
      { term: "“三公”经费", definition: "指因公出国（境）费、公务用车购置及运行维护费和公务接待费。" },
    ],
    provenance: { source: "src/render/testing.ts", format: "json", problems: [] },
  };
}

/**
 * The disclosures renderer tests run on: the fixture (hostile names) and, once the text importer
 * reads it, the real seed document (test/fixtures/bazhou-hrss-2025-budget.txt).
 */
export async function testDisclosures(): Promise<{ name: string; d: Disclosure }[]> {
  const out = [{ name: "fixture", d: sampleDisclosure({ hostile: true }) }];
  const { importFile } = await import("../import/index.ts");
  const r = await importFile(new URL("../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url).pathname);
  if (r.disclosure) out.push({ name: "seed", d: r.disclosure });
  return out;
}

/** Every amount of every table as printed ("5,219.30"), with how often it occurs. */
export function printedAmounts(d: Disclosure): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of d.tables)
    for (const r of t.rows)
      for (const c of r.cells) {
        if (typeof c !== "number") continue;
        const s = formatAmount(c, t.unit);
        m.set(s, (m.get(s) ?? 0) + 1);
      }
  return m;
}
