/**
 * A small hand-built Disclosure, valid per `disclosureSchema`, for store, server and bench code
 * while the text importer is written. `makeDisclosure` scales it: the synthetic data generator
 * (bench/generate.ts) calls it with varying departments, years and amounts.
 *
 * Amounts are integer 分; every printed total equals the sum of its parts exactly.
 */
import type { Disclosure, Fact, PrintedTable, Row } from "../model/disclosure.ts";

/** Function 项 used by the fixtures: [项 code, 项 name, 款 name, 类 name]. */
export const FUNCTION_ITEMS: readonly (readonly [string, string, string, string])[] = [
  ["2010101", "行政运行", "人大事务", "一般公共服务支出"],
  ["2040201", "行政运行", "公安", "公共安全支出"],
  ["2050201", "学前教育", "普通教育", "教育支出"],
  ["2070101", "行政运行", "文化和旅游", "文化旅游体育与传媒支出"],
  ["2080101", "行政运行", "人力资源和社会保障管理事务", "社会保障和就业支出"],
  ["2080109", "社会保险经办机构", "人力资源和社会保障管理事务", "社会保障和就业支出"],
  ["2080505", "机关事业单位基本养老保险缴费支出", "行政事业单位养老支出", "社会保障和就业支出"],
  ["2100101", "行政运行", "卫生健康管理事务", "卫生健康支出"],
  ["2101101", "行政单位医疗", "行政事业单位医疗", "卫生健康支出"],
  ["2120101", "行政运行", "城乡社区管理事务", "城乡社区支出"],
  ["2130101", "行政运行", "农业农村", "农林水支出"],
  ["2210201", "住房公积金", "住房改革支出", "住房保障支出"],
];

export interface FixtureLine {
  code: string;
  basic: number;
  project: number;
}

export interface FixtureOptions {
  department?: string;
  region?: string;
  year?: number;
  /** 项 lines with amounts in 分; default: four lines of the seed's shape */
  lines?: readonly FixtureLine[];
  projects?: readonly { name: string; code: string; amount: number }[];
  threePublic?: { overseas: number; reception: number; vehiclePurchase: number; vehicleOperation: number };
  /** 一般公共预算 share of income in 1/100 (rest is 单位资金) */
  generalBudgetShare?: number;
  explanation?: string;
}

const W = 1_000_000; // 分 per 万元

const DEFAULT_LINES: FixtureLine[] = [
  { code: "2080101", basic: 1523_45 * 10_000, project: 320_00 * 10_000 },
  { code: "2080109", basic: 612_30 * 10_000, project: 0 },
  { code: "2080505", basic: 201_12 * 10_000, project: 0 },
  { code: "2101101", basic: 88_01 * 10_000, project: 15_50 * 10_000 },
  { code: "2210201", basic: 140_00 * 10_000, project: 0 },
];

const itemOf = (code: string) => FUNCTION_ITEMS.find((i) => i[0] === code) ?? [code, code, code, code];

const amountCols = (keys: [string, string][]) =>
  keys.map(([key, label]) => ({ key, path: [label], type: "amount" as const }));
const code3 = [
  { key: "class", path: ["功能分类科目编码", "类"], type: "code" as const },
  { key: "section", path: ["功能分类科目编码", "款"], type: "code" as const },
  { key: "item", path: ["功能分类科目编码", "项"], type: "code" as const },
  { key: "name", path: ["功能分类科目名称"], type: "text" as const },
];

/** Builds a consistent Disclosure. Deterministic for the same options. */
export function makeDisclosure(o: FixtureOptions = {}): Disclosure {
  const department = o.department ?? "测试市人力资源和社会保障局";
  const year = o.year ?? 2025;
  const lines = o.lines ?? DEFAULT_LINES;
  const facts: Fact[] = [];
  const tables: PrintedTable[] = [];
  const addTable = (
    no: number,
    id: string,
    title: string,
    columns: PrintedTable["columns"],
    rows: Row[],
    dimsFor: (row: Row, colKey: string) => Record<string, string> | undefined,
    measure: Fact["measure"],
  ) => {
    tables.push({ no, id, title, unit: "wanyuan", columns, rows });
    rows.forEach((row, ri) => {
      row.cells.forEach((cell, ci) => {
        const col = columns[ci];
        if (typeof cell !== "number" || !col || col.type !== "amount") return;
        const dims = dimsFor(row, col.key);
        if (dims) facts.push({ measure, dims, amount: cell, cell: { table: no, row: ri, column: ci } });
      });
    });
  };

  // Function hierarchy: 类 → 款 → 项 with sums.
  type Node = { code: string; label: string; kind: "class" | "section" | "item"; basic: number; project: number };
  const nodes = new Map<string, Node>();
  const bump = (code: string, label: string, kind: Node["kind"], l: FixtureLine) => {
    const n = nodes.get(code) ?? { code, label, kind, basic: 0, project: 0 };
    n.basic += l.basic;
    n.project += l.project;
    nodes.set(code, n);
  };
  for (const l of lines) {
    const [, item, section, cls] = itemOf(l.code);
    bump(l.code.slice(0, 3), cls, "class", l);
    bump(l.code.slice(0, 5), section, "section", l);
    bump(l.code, item, "item", l);
  }
  const ordered = [...nodes.values()].sort((a, b) => a.code.localeCompare(b.code));
  const basic = lines.reduce((s, l) => s + l.basic, 0);
  const project = lines.reduce((s, l) => s + l.project, 0);
  const total = basic + project;
  const level = { class: 1, section: 2, item: 3 } as const;
  const codeCells = (n: Node) => [
    n.code.slice(0, 3),
    n.code.length >= 5 ? n.code.slice(3, 5) : null,
    n.code.length >= 7 ? n.code.slice(5, 7) : null,
    n.label,
  ];
  const fnRows = (cols: (n: Node) => (number | null)[], totalCells: (number | null)[]): Row[] => [
    { kind: "total", label: "合计", level: 0, cells: [null, null, null, "合计", ...totalCells] },
    ...ordered.map(
      (n): Row => ({
        kind: n.kind,
        code: n.code,
        label: n.label,
        level: level[n.kind],
        cells: [...codeCells(n), ...cols(n)],
      }),
    ),
  ];
  const fnDims = (row: Row): Record<string, string> => (row.code ? { functionCode: row.code } : {});

  // 表2 income: general budget vs unit funds, split per row by the same share.
  const gShare = o.generalBudgetShare ?? 92;
  const split = (v: number) => {
    const g = Math.round((v * gShare) / 100 / 10_000) * 10_000;
    return [g, v - g] as const;
  };
  const splitNode = (n: Node) => split(n.basic + n.project);
  const incomeRows = fnRows((n) => [n.basic + n.project, ...splitNode(n)], [total, ...[0, 0]]);
  // totals of the split columns are sums of the 项 rows (exact)
  const items = ordered.filter((n) => n.kind === "item");
  const gTotal = items.reduce((s, n) => s + splitNode(n)[0], 0);
  incomeRows[0]!.cells = [null, null, null, "合计", total, gTotal, total - gTotal];
  for (const r of incomeRows.slice(1)) {
    const sub = items.filter((n) => n.code.startsWith(r.code ?? "~"));
    const g = sub.reduce((s, n) => s + splitNode(n)[0], 0);
    const t = sub.reduce((s, n) => s + n.basic + n.project, 0);
    r.cells = [...r.cells.slice(0, 4), t, g, t - g];
  }
  const incomeFund: Record<string, string> = { total: "total", generalBudget: "generalBudget", unitFunds: "unitFunds" };

  addTable(
    1,
    "summary",
    "部门收支总体情况表",
    [
      { key: "incomeItem", path: ["收入", "项目"], type: "text", side: "income" },
      { key: "incomeAmount", path: ["收入", "预算数"], type: "amount", side: "income" },
      { key: "expenditureItem", path: ["支出", "功能分类"], type: "text", side: "expenditure" },
      { key: "expenditureAmount", path: ["支出", "预算数"], type: "amount", side: "expenditure" },
    ],
    [
      {
        kind: "line",
        lineKey: "generalBudgetAppropriation",
        label: "一般公共预算拨款",
        level: 1,
        cells: ["一般公共预算拨款", gTotal, null, null],
      },
      {
        kind: "line",
        lineKey: "unitFunds",
        label: "单位资金",
        level: 1,
        cells: ["单位资金", total - gTotal, null, null],
      },
      ...ordered
        .filter((n) => n.kind === "class")
        .map(
          (n): Row => ({
            kind: "class",
            code: n.code,
            label: n.label,
            level: 1,
            cells: [null, null, n.label, n.basic + n.project],
          }),
        ),
      { kind: "total", lineKey: "total", label: "收入总计", level: 0, cells: ["收入总计", total, "支出总计", total] },
    ],
    (row, key): Record<string, string> =>
      key === "incomeAmount"
        ? { fund: row.lineKey ?? "total", line: row.lineKey ?? "total" }
        : row.code
          ? { functionCode: row.code }
          : { line: "total" },
    "income",
  );
  addTable(
    2,
    "income",
    "部门收入总体情况表",
    [
      ...code3,
      ...amountCols([
        ["total", "总计"],
        ["generalBudget", "一般公共预算"],
        ["unitFunds", "单位资金"],
      ]),
    ],
    incomeRows,
    (row, key) => ({ ...fnDims(row), fund: incomeFund[key] ?? key }),
    "income",
  );
  addTable(
    3,
    "expenditure",
    "部门支出总体情况表",
    [
      ...code3,
      ...amountCols([
        ["total", "合计"],
        ["basic", "基本支出"],
        ["project", "项目支出"],
      ]),
    ],
    fnRows((n) => [n.basic + n.project, n.basic, n.project === 0 ? null : n.project], [total, basic, project]),
    (row, key): Record<string, string> => ({
      ...fnDims(row),
      fund: "total",
      ...(key === "total" ? {} : { nature: key }),
    }),
    "expenditure",
  );

  // 表6 basic expenditure by economic class: 301 personnel, 302 operating, 303 personnel.
  const personnel = Math.round((basic * 0.82) / 10_000) * 10_000;
  const p303 = Math.round((personnel * 0.1) / 10_000) * 10_000;
  const operating = basic - personnel;
  addTable(
    6,
    "basicExpenditure",
    "一般公共预算基本支出情况表",
    [
      { key: "class", path: ["经济分类科目编码", "类"], type: "code" },
      { key: "section", path: ["经济分类科目编码", "款"], type: "code" },
      { key: "name", path: ["经济分类科目名称"], type: "text" },
      ...amountCols([
        ["total", "合计"],
        ["personnel", "人员经费"],
        ["operating", "公用经费"],
      ]),
    ],
    [
      { kind: "total", label: "合计", level: 0, cells: [null, null, "合计", basic, personnel, operating] },
      {
        kind: "class",
        code: "301",
        label: "工资福利支出",
        level: 1,
        cells: ["301", null, "工资福利支出", personnel - p303, personnel - p303, null],
      },
      {
        kind: "class",
        code: "302",
        label: "商品和服务支出",
        level: 1,
        cells: ["302", null, "商品和服务支出", operating, null, operating],
      },
      {
        kind: "class",
        code: "303",
        label: "对个人和家庭的补助",
        level: 1,
        cells: ["303", null, "对个人和家庭的补助", p303, p303, null],
      },
    ],
    (row, key) => ({
      fund: "generalBudgetAppropriation",
      nature: "basic",
      ...(row.code ? { economicCode: row.code } : {}),
      ...(key === "total" ? {} : { basicKind: key }),
    }),
    "expenditure",
  );

  const projects = o.projects ?? [
    { name: "就业补助资金", code: "2080101", amount: 300_00 * 10_000 },
    { name: "社保经办信息化运维", code: "2080101", amount: 20_00 * 10_000 },
    { name: "医疗保障补助", code: "2101101", amount: 15_50 * 10_000 },
  ];
  const pTotal = projects.reduce((s, p) => s + p.amount, 0);
  addTable(
    7,
    "projectExpenditure",
    "一般公共预算项目支出情况表",
    [
      ...code3,
      { key: "projectName", path: ["项目名称"], type: "text" },
      ...amountCols([
        ["total", "项目支出合计"],
        ["e302", "商品和服务支出"],
        ["e303", "对个人和家庭的补助"],
      ]),
    ],
    [
      {
        kind: "total",
        label: "合计",
        level: 0,
        cells: [null, null, null, "合计", null, pTotal, pTotal - projects[0]!.amount, projects[0]!.amount],
      },
      ...projects.map(
        (p): Row => ({
          kind: "project",
          code: p.code,
          label: p.name,
          level: 1,
          cells: [
            p.code.slice(0, 3),
            p.code.slice(3, 5),
            p.code.slice(5, 7),
            itemOf(p.code)[1],
            p.name,
            p.amount,
            p === projects[0] ? null : p.amount,
            p === projects[0] ? p.amount : null,
          ],
        }),
      ),
    ],
    (row, key) => ({
      fund: "generalBudgetAppropriation",
      nature: "project",
      ...(row.kind === "project" ? { functionCode: row.code ?? "", project: row.label } : {}),
      ...(key.startsWith("e") ? { economicCode: key.slice(1) } : {}),
    }),
    "expenditure",
  );

  const tp = o.threePublic ?? {
    overseas: 0,
    reception: 3_20 * 10_000,
    vehiclePurchase: 0,
    vehicleOperation: 12_40 * 10_000,
  };
  const vehicles = tp.vehiclePurchase + tp.vehicleOperation;
  const tpTotal = tp.overseas + tp.reception + vehicles;
  const tpLine = (key: string, label: string, v: number, kind: Row["kind"] = "line", lvl = 1): Row => ({
    kind,
    lineKey: key,
    label,
    level: lvl,
    cells: [label, v, v, null, null],
  });
  addTable(
    10,
    "threePublic",
    "财政拨款“三公”经费支出情况表",
    [
      { key: "item", path: ["“三公”经费支出内容"], type: "text" },
      ...amountCols([["total", "合计"]]),
      { key: "generalBudget", path: ["资金来源", "一般公共预算"], type: "amount" },
      { key: "governmentFund", path: ["资金来源", "政府性基金"], type: "amount" },
      { key: "stateCapital", path: ["资金来源", "国有资本经营预算"], type: "amount" },
    ],
    [
      tpLine("total", "合计", tpTotal, "total", 0),
      tpLine("overseasTravel", "因公出国（境）费", tp.overseas),
      tpLine("officialReception", "公务接待费", tp.reception),
      tpLine("officialVehicles", "公务用车购置及运行费（小计）", vehicles),
      tpLine("vehiclePurchase", "公务用车购置费", tp.vehiclePurchase, "line", 2),
      tpLine("vehicleOperation", "公务用车运行费", tp.vehicleOperation, "line", 2),
    ],
    (row, key) => ({
      line: row.lineKey ?? "",
      fund: key === "total" ? "fiscalAppropriation" : "generalBudgetAppropriation",
    }),
    "threePublic",
  );

  const text =
    o.explanation ??
    `${department}${year}年收入预算${(total / W).toFixed(2)}万元，支出预算${(total / W).toFixed(2)}万元，其中基本支出${(basic / W).toFixed(2)}万元，项目支出${(project / W).toFixed(2)}万元。`;
  return {
    schemaVersion: 1,
    meta: {
      kind: "budget",
      title: `${department}${year}年部门预算公开`,
      department,
      year,
      unit: "wanyuan",
      template: "xinjiang-2025-budget",
      region: o.region ?? "测试市",
    },
    overview: {
      functions: ["贯彻执行就业和社会保障的法律法规和方针政策。"],
      divisions: ["办公室", "财务科"],
      budgetUnits: [{ name: department, kind: "administrative" }],
      staffing: { authorized: 60, actual: 75, active: 55, retired: 20, lixiu: 0 },
      text: `${department}主要职能……`,
    },
    toc: tables.map((t) => t.title),
    tables,
    facts,
    explanations: [{ no: 1, title: "收支预算情况的总体说明", text, statements: [] }],
    projects: projects.map((p) => ({ name: p.name, basis: [], allocation: [], extra: {}, scale: p.amount })),
    otherMatters: { notes: [] },
    performance: [
      {
        kind: "overall",
        title: "部门整体绩效目标表",
        year,
        goal: "保障机构正常运转，完成年度就业目标。",
        headers: ["一级指标", "二级指标", "三级指标", "指标值"],
        indicators: [
          {
            level1: "产出指标",
            level2: "数量指标",
            name: "城镇新增就业人数",
            target: { raw: "≥5000人", operator: ">=", value: "5000", unit: "人" },
            weight: 30,
          },
          {
            level1: "满意度指标",
            level2: "服务对象满意度指标",
            name: "群众满意度",
            target: { raw: "≥90%", operator: ">=", value: "90", unit: "%" },
            weight: 60,
          },
        ],
      },
    ],
    glossary: [{ term: "基本支出", definition: "为保障机构正常运转、完成日常工作任务而发生的支出。" }],
    provenance: { source: "fixture", format: "json", problems: [] },
  };
}
