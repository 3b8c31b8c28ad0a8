/**
 * Test helpers for rule tests (used by every rule folder under src/check/rules). Not imported by
 * production code. The API is kept stable:
 *
 * - `seedDisclosure()` — the seed document (test/fixtures/bazhou-hrss-2025-budget.txt) imported
 *   with the real importer, cached per test process. Throws (with the import problems) when the
 *   importer cannot produce it; `trySeedDisclosure()` returns undefined instead, for
 *   `describe.skipIf(!seed)`.
 * - `withCell(d, tableNo, row, columnKey, value)` — a deep copy of `d` with one cell changed.
 *   `row` is a row code ("2080101", "30101"), an income/line key ("unitFunds", "total"), a printed
 *   label ("总计", "公务接待费") or a 表7/表11 project name; the first match wins.
 * - `wan("1,234.56")` — 万元 text → 分.
 * - builders: `makeTable(tableId, rows)` builds a printed table from the template spec's columns,
 *   `makeDisclosure(tables)` wraps tables in a minimal valid Disclosure; row builders `total`,
 *   `coded`, `line`, `unitRow`, `projectRow`, `twoSided`.
 * - `addToCell(d, tableNo, row, columnKey, deltaFen)` — like withCell, adding to the printed amount.
 * - `findRow(table, key)` — the row `withCell` would change.
 * - `miniDisclosure()` — a small, fully consistent hand-made disclosure with all eleven tables
 *   (every arithmetic and cross-table rule passes on it without findings); mutate it for unit tests.
 * - `runRule(rule, d)` — runs one rule with the Xinjiang template: findings or { notChecked };
 *   `findingsOf(rule, d)` — the findings, failing the test when the rule could not check.
 *
 * @example
 *   const t3 = makeTable("expenditure", [
 *     total({ total: "10.00", basic: "4.00", project: "6.00" }),
 *     coded("208", "社会保障和就业支出", { total: "10.00", basic: "4.00", project: "6.00" }),
 *   ]);
 *   const findings = runRule(rule, makeDisclosure([t3]));
 */
import { fileURLToPath } from "node:url";
import { normaliseText } from "../model/access.ts";
import type { Cell, Disclosure, Meta, PrintedTable, Row } from "../model/disclosure.ts";
import type { Finding } from "../model/finding.ts";
import { type Fen, parseAmount } from "../model/money.ts";
import { type TemplateSpec, xinjiang2025Budget } from "../templates/index.ts";
import { FUNCTION_CLASSES_2025 } from "../templates/xinjiang-2025-budget.ts";
import { type Rule, type RuleResult, runOne } from "./rule.ts";

export const SEED_PATH = fileURLToPath(new URL("../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url));

let seedPromise: Promise<{ d?: Disclosure; problems: string }> | undefined;

function loadSeed(): Promise<{ d?: Disclosure; problems: string }> {
  seedPromise ??= import("../import/index.ts").then(async (m) => {
    const r = await m.importFile(SEED_PATH);
    const problems = r.problems
      .filter((p) => p.severity === "error")
      .map((p) => `${p.code}: ${p.message}`)
      .join("; ");
    return r.disclosure ? { d: r.disclosure, problems } : { problems };
  });
  return seedPromise;
}

/** The seed Disclosure (cached). Throws when the importer cannot produce it. Do not mutate it. */
export async function seedDisclosure(): Promise<Disclosure> {
  const r = await loadSeed();
  if (!r.d) throw new Error(`seed not importable: ${r.problems}`);
  return r.d;
}

/** The seed Disclosure, or undefined while the importer cannot produce it. */
export async function trySeedDisclosure(): Promise<Disclosure | undefined> {
  return (await loadSeed()).d;
}

/** 万元 text ("1,234.56") → 分. Throws on anything that is not an amount (a test bug). */
export function wan(text: string): Fen {
  const v = parseAmount(text, "wanyuan");
  if (v === undefined) throw new Error(`not an amount: ${text}`);
  return v;
}

/**
 * Finds a row by code, line key, printed label, or any printed text cell (a 表7 project name, the
 * 支出总计 on the expenditure side of 表1/表4); the first match wins.
 */
export function findRow(t: PrintedTable, key: string): Row | undefined {
  const n = normaliseText(key);
  const textCols = t.columns.flatMap((c, i) => (c.type === "text" ? [i] : []));
  return (
    t.rows.find((r) => r.code === key) ??
    t.rows.find((r) => r.lineKey === key) ??
    t.rows.find((r) => normaliseText(r.label) === n) ??
    t.rows.find((r) =>
      textCols.some((i) => {
        const c = r.cells[i];
        return typeof c === "string" && normaliseText(c) === n;
      }),
    )
  );
}

/**
 * A deep copy of `d` with one amount cell set (`null` = blank). Throws when the table, row or
 * column does not exist, so a mistyped mutation cannot pass silently.
 */
export function withCell(
  d: Disclosure,
  tableNo: number,
  row: string,
  columnKey: string,
  value: Fen | null,
): Disclosure {
  const copy = structuredClone(d);
  const t = copy.tables.find((x) => x.no === tableNo);
  if (!t) throw new Error(`no table ${tableNo}`);
  const r = findRow(t, row);
  if (!r) throw new Error(`no row ${row} in table ${tableNo}`);
  const i = t.columns.findIndex((c) => c.key === columnKey);
  if (i < 0) throw new Error(`no column ${columnKey} in table ${tableNo}`);
  r.cells[i] = value;
  return copy;
}

/** Adds `delta` 分 to an amount cell (blank counts as 0). */
export function addToCell(d: Disclosure, tableNo: number, row: string, columnKey: string, delta: Fen): Disclosure {
  const t = d.tables.find((x) => x.no === tableNo);
  const r = t && findRow(t, row);
  const i = t ? t.columns.findIndex((c) => c.key === columnKey) : -1;
  const old = r && i >= 0 ? r.cells[i] : undefined;
  return withCell(d, tableNo, row, columnKey, (typeof old === "number" ? old : 0) + delta);
}

// ------------------------------------------------------------------------------------------------
// Builders for small hand-made tables.

/** Column key → printed 万元 text ("12.34") or null (blank). Missing keys are blank. */
export type Amounts = Readonly<Record<string, string | null>>;

export interface RowInput {
  kind: Row["kind"];
  label: string;
  code?: string;
  lineKey?: string;
  /** amounts by column key */
  values: Amounts;
  /** extra text cells by column key (e.g. projectName, expenditureItem) */
  text?: Readonly<Record<string, string>>;
}

/** The 总计 row. */
export const total = (values: Amounts, label = "总计"): RowInput => ({ kind: "total", label, values });

/** A classification-coded row (function 类/款/项 or economic 类/款), kind from the code length. */
export const coded = (code: string, label: string, values: Amounts): RowInput => ({
  kind: code.length === 3 ? "class" : code.length === 5 ? "section" : "item",
  code,
  label,
  values,
});

/** A fixed line (表10, 表11 or one side of 表1/表4) with its template line key. */
export const line = (lineKey: string, label: string, values: Amounts): RowInput => ({
  kind: lineKey === "total" ? "total" : "line",
  lineKey,
  label,
  values,
});

/** A budget-unit row (表7, 表11). */
export const unitRow = (label: string, values: Amounts): RowInput => ({ kind: "unit", label, values });

/** A project row: in 表7 with its 项 code, in 表11 without. */
export const projectRow = (projectName: string, values: Amounts, code?: string, label = projectName): RowInput => ({
  kind: "project",
  label,
  ...(code ? { code } : {}),
  values,
  text: { projectName, item: projectName },
});

/**
 * A printed row of a two-sided table (表1, 表4): an income line on the left and/or a function
 * class on the right, as the importer stores them (lineKey and code on the same row).
 */
export function twoSided(
  income: { lineKey: string; label: string; amount: string | null } | undefined,
  expenditure: { code?: string; label: string; amounts: Amounts } | undefined,
): RowInput {
  const values: Record<string, string | null> = { ...(expenditure?.amounts ?? {}) };
  if (income) values.incomeAmount = income.amount;
  const text: Record<string, string> = {};
  if (income) text.incomeItem = income.label;
  if (expenditure)
    text.expenditureItem = expenditure.code ? `${expenditure.code} ${expenditure.label}` : expenditure.label;
  return {
    kind: income?.lineKey === "total" ? "total" : expenditure?.code ? "class" : "line",
    label: income?.label ?? expenditure?.label ?? "",
    ...(expenditure?.code ? { code: expenditure.code } : {}),
    ...(income ? { lineKey: income.lineKey } : {}),
    values,
    text,
  };
}

function level(r: RowInput): number {
  if (r.kind === "total") return 0;
  if (r.code && /^\d+$/.test(r.code)) return r.code.length === 3 ? 1 : r.code.length === 5 ? 2 : 3;
  return 1;
}

/** Builds a printed table with the template spec's columns (throws for an unknown table id). */
export function makeTable(tableId: string, rows: readonly RowInput[], template: TemplateSpec = xinjiang2025Budget) {
  const spec = template.tables.find((s) => s.id === tableId);
  if (!spec) throw new Error(`no table ${tableId} in ${template.id}`);
  for (const r of rows) {
    for (const k of Object.keys(r.values)) {
      if (!spec.columns.some((c) => c.key === k && c.type === "amount")) throw new Error(`no amount column ${k}`);
    }
  }
  const t: PrintedTable = {
    no: spec.no,
    id: spec.id,
    title: spec.title,
    unit: "wanyuan",
    columns: spec.columns.map((c) => ({
      key: c.key,
      path: [...c.path],
      type: c.type,
      ...(c.side ? { side: c.side } : {}),
    })),
    rows: rows.map((r): Row => {
      const cells: Cell[] = spec.columns.map((c) => {
        if (c.type === "amount") {
          const v = r.values[c.key];
          return v === undefined || v === null ? null : wan(v);
        }
        const txt = r.text?.[c.key];
        if (txt !== undefined) return txt;
        if (c.key === "class") return r.code ? r.code.slice(0, 3) : null;
        if (c.key === "section") return r.code && r.code.length >= 5 ? r.code.slice(3, 5) : null;
        if (c.key === "item" && spec.layout !== "lines")
          return r.code && r.code.length >= 7 ? r.code.slice(5, 7) : null;
        if (c.key === "name" || c.key === "item") return r.label;
        return null;
      });
      return {
        kind: r.kind,
        label: r.label,
        level: level(r),
        cells,
        ...(r.code ? { code: r.code } : {}),
        ...(r.lineKey ? { lineKey: r.lineKey } : {}),
      };
    }),
  };
  return t;
}

/** A minimal valid Disclosure holding the given tables (Xinjiang 2025 template). */
export function makeDisclosure(tables: readonly PrintedTable[], meta: Partial<Meta> = {}): Disclosure {
  return {
    schemaVersion: 1,
    meta: {
      kind: "budget",
      title: "测试部门 2025 年部门预算公开",
      department: "测试部门",
      year: 2025,
      unit: "wanyuan",
      template: xinjiang2025Budget.id,
      ...meta,
    },
    overview: { functions: [], divisions: [], budgetUnits: [], staffing: {}, text: "" },
    toc: [],
    tables: [...tables],
    facts: [],
    explanations: [],
    projects: [],
    otherMatters: { notes: [] },
    performance: [],
    glossary: [],
    provenance: { source: "test", format: "json", problems: [] },
  };
}

/** Runs one rule against a Disclosure with the Xinjiang 2025 template. */
export function runRule(rule: Rule, d: Disclosure, template: TemplateSpec = xinjiang2025Budget): RuleResult {
  return runOne(rule, { d, template });
}

/** Findings of a rule run, failing the test when the rule could not check. */
export function findingsOf(rule: Rule, d: Disclosure): readonly Finding[] {
  const r = runRule(rule, d);
  if ("notChecked" in r) throw new Error(`${rule.id} not checked: ${r.notChecked}`);
  return r;
}

// ------------------------------------------------------------------------------------------------
// A small, fully consistent hand-made disclosure (all eleven tables of the Xinjiang template), for
// unit tests that need several tables agreeing with each other. Every K and A rule passes on it
// without any finding except K-36's catalog warnings (none: all codes are in the partial catalogs).
//
// Department: 一般财力 100.00 + 上级转移 20.00 + 单位资金 10.00 + 财政拨款结转 5.00 = 135.00.
// 2080101 行政运行 60.00 basic; 2080104 综合业务管理 40.00 project (general 10 + transfer 20 +
// unit funds 10); 2080704 社会保险补贴 5.00 project from carry-over; 2210201 住房公积金 30.00 basic.

const mini1Income: [string, string, string | null][] = [
  ["currentYear", "一、本年收入", "130.00"],
  ["generalBudgetAppropriation", "1. 一般公共预算拨款", "120.00"],
  ["generalBudget", "其中：一般财力", "100.00"],
  ["upperTransferGeneral", "上级一般公共预算安排转移支付", "20.00"],
  ["governmentFundAppropriation", "2. 政府性基金预算拨款", null],
  ["governmentFund", "其中：政府性基金收入", null],
  ["upperTransferFund", "上级政府性基金安排转移支付", null],
  ["stateCapitalAppropriation", "3. 国有资本经营预算拨款", null],
  ["stateCapital", "其中：国有资本经营收入", null],
  ["upperTransferStateCapital", "上级国有资本经营预算安排转移支付", null],
  ["specialAccount", "4. 财政专户核拨", null],
  ["unitFunds", "5. 单位资金", "10.00"],
  ["businessIncome", "其中：事业收入", null],
  ["upperSubsidy", "上级补助收入", null],
  ["affiliatedRemit", "附属单位上缴收入", null],
  ["operatingIncome", "事业单位经营收入", null],
  ["otherIncome", "其他收入", "10.00"],
  ["carryover", "二、上年结转结余", "5.00"],
  ["fiscalCarryover", "1. 财政拨款结转", "5.00"],
  ["fiscalCarryoverGeneral", "其中：一般公共预算拨款", "5.00"],
  ["fiscalCarryoverFund", "政府性基金预算拨款", null],
  ["fiscalCarryoverStateCapital", "国有资本经营预算拨款", null],
  ["nonFiscalCarryover", "2. 非财政拨款结转结余", null],
  ["nonFiscalSpecialAccount", "其中：财政专户核拨", null],
  ["nonFiscalUnitFunds", "单位资金", null],
];

const CLASSES_2025 = FUNCTION_CLASSES_2025;

/** Builds the rows of a two-sided table: income lines beside the 29 classes, then the total row. */
function twoSidedRows(
  income: readonly [string, string, string | null][],
  classAmounts: Readonly<Record<string, Amounts>>,
  totalIncome: string,
  totalExpenditure: Amounts,
): RowInput[] {
  const n = Math.max(income.length, CLASSES_2025.length);
  const rows: RowInput[] = [];
  for (let i = 0; i < n; i++) {
    const inc = income[i];
    const cls = CLASSES_2025[i];
    rows.push(
      twoSided(
        inc ? { lineKey: inc[0], label: inc[1], amount: inc[2] } : undefined,
        cls ? { code: cls[0], label: cls[1], amounts: classAmounts[cls[0]] ?? {} } : undefined,
      ),
    );
  }
  rows.push(
    twoSided(
      { lineKey: "total", label: "收入总计", amount: totalIncome },
      { label: "支出总计", amounts: totalExpenditure },
    ),
  );
  return rows;
}

/** The small consistent disclosure described above (a fresh copy each call). */
export function miniDisclosure(): Disclosure {
  const t1 = makeTable(
    "summary",
    twoSidedRows(
      mini1Income,
      { "208": { expenditureAmount: "105.00" }, "221": { expenditureAmount: "30.00" } },
      "135.00",
      {
        expenditureAmount: "135.00",
      },
    ),
  );
  const t2 = makeTable("income", [
    total({
      total: "135.00",
      fiscalSubtotal: "120.00",
      generalBudget: "100.00",
      upperTransferGeneral: "20.00",
      unitFunds: "10.00",
      fiscalCarryover: "5.00",
    }),
    coded("208", "社会保障和就业支出", {
      total: "105.00",
      fiscalSubtotal: "90.00",
      generalBudget: "70.00",
      upperTransferGeneral: "20.00",
      unitFunds: "10.00",
      fiscalCarryover: "5.00",
    }),
    coded("20801", "人力资源和社会保障管理事务", {
      total: "100.00",
      fiscalSubtotal: "90.00",
      generalBudget: "70.00",
      upperTransferGeneral: "20.00",
      unitFunds: "10.00",
    }),
    coded("2080101", "行政运行", { total: "60.00", fiscalSubtotal: "60.00", generalBudget: "60.00" }),
    coded("2080104", "综合业务管理", {
      total: "40.00",
      fiscalSubtotal: "30.00",
      generalBudget: "10.00",
      upperTransferGeneral: "20.00",
      unitFunds: "10.00",
    }),
    coded("20807", "就业补助", { total: "5.00", fiscalCarryover: "5.00" }),
    coded("2080704", "社会保险补贴", { total: "5.00", fiscalCarryover: "5.00" }),
    coded("221", "住房保障支出", { total: "30.00", fiscalSubtotal: "30.00", generalBudget: "30.00" }),
    coded("22102", "住房改革支出", { total: "30.00", fiscalSubtotal: "30.00", generalBudget: "30.00" }),
    coded("2210201", "住房公积金", { total: "30.00", fiscalSubtotal: "30.00", generalBudget: "30.00" }),
  ]);
  const t3 = makeTable("expenditure", [
    total({ total: "135.00", basic: "90.00", project: "45.00" }),
    coded("208", "社会保障和就业支出", { total: "105.00", basic: "60.00", project: "45.00" }),
    coded("20801", "人力资源和社会保障管理事务", { total: "100.00", basic: "60.00", project: "40.00" }),
    coded("2080101", "行政运行", { total: "60.00", basic: "60.00" }),
    coded("2080104", "综合业务管理", { total: "40.00", project: "40.00" }),
    coded("20807", "就业补助", { total: "5.00", project: "5.00" }),
    coded("2080704", "社会保险补贴", { total: "5.00", project: "5.00" }),
    coded("221", "住房保障支出", { total: "30.00", basic: "30.00" }),
    coded("22102", "住房改革支出", { total: "30.00", basic: "30.00" }),
    coded("2210201", "住房公积金", { total: "30.00", basic: "30.00" }),
  ]);
  const t4 = makeTable(
    "fiscalSummary",
    twoSidedRows(
      [
        ["fiscalAppropriation", "一、财政拨款（补助）", "120.00"],
        ["generalBudgetAppropriation", "一般公共预算", "120.00"],
        ["governmentFundAppropriation", "政府性基金预算", null],
        ["stateCapitalAppropriation", "国有资本经营预算", null],
      ],
      {
        "208": { expenditureTotal: "90.00", generalBudget: "90.00" },
        "221": { expenditureTotal: "30.00", generalBudget: "30.00" },
      },
      "120.00",
      { expenditureTotal: "120.00", generalBudget: "120.00" },
    ),
  );
  const t5 = makeTable("generalBudgetExpenditure", [
    total({ total: "120.00", basic: "90.00", project: "30.00" }),
    coded("208", "社会保障和就业支出", { total: "90.00", basic: "60.00", project: "30.00" }),
    coded("20801", "人力资源和社会保障管理事务", { total: "90.00", basic: "60.00", project: "30.00" }),
    coded("2080101", "行政运行", { total: "60.00", basic: "60.00" }),
    coded("2080104", "综合业务管理", { total: "30.00", project: "30.00" }),
    coded("221", "住房保障支出", { total: "30.00", basic: "30.00" }),
    coded("22102", "住房改革支出", { total: "30.00", basic: "30.00" }),
    coded("2210201", "住房公积金", { total: "30.00", basic: "30.00" }),
  ]);
  const t6 = makeTable("basicExpenditure", [
    total({ total: "90.00", personnel: "85.00", operating: "5.00" }),
    coded("301", "工资福利支出", { total: "82.00", personnel: "82.00" }),
    coded("30101", "基本工资", { total: "52.00", personnel: "52.00" }),
    coded("30113", "住房公积金", { total: "30.00", personnel: "30.00" }),
    coded("302", "商品和服务支出", { total: "5.00", operating: "5.00" }),
    coded("30217", "公务接待费", { total: "1.00", operating: "1.00" }),
    coded("30231", "公务用车运行维护费", { total: "4.00", operating: "4.00" }),
    coded("303", "对个人和家庭的补助", { total: "3.00", personnel: "3.00" }),
    coded("30302", "退休费", { total: "3.00", personnel: "3.00" }),
  ]);
  const p = { total: "30.00", e302: "26.00", e310: "4.00" };
  const t7 = makeTable("projectExpenditure", [
    total(p),
    unitRow("测试单位", p),
    coded("208", "社会保障和就业支出", p),
    coded("20801", "人力资源和社会保障管理事务", p),
    projectRow("2025年业务项目", p, "2080104", "综合业务管理"),
  ]);
  const t8 = {
    ...makeTable("governmentFundExpenditure", []),
    emptyNote: "本部门没有政府性基金预算拨款安排的支出，本表为空表。",
  };
  const t9 = {
    ...makeTable("stateCapitalExpenditure", []),
    emptyNote: "本部门没有国有资本经营预算拨款安排的支出，本表为空表。",
  };
  const t10 = makeTable("threePublic", [
    line("total", "合计", { total: "5.00", generalBudget: "5.00" }),
    line("overseasTravel", "因公出国（境）费", {}),
    line("officialReception", "公务接待费", { total: "1.00", generalBudget: "1.00" }),
    line("officialVehicles", "公务用车购置及运行费（小计）", { total: "4.00", generalBudget: "4.00" }),
    line("vehiclePurchase", "其中：公务用车购置费", {}),
    line("vehicleOperation", "公务用车运行费", { total: "4.00", generalBudget: "4.00" }),
  ]);
  const c = { total: "5.00", fiscalSubtotal: "5.00", fiscalProject: "5.00" };
  const t11 = makeTable("carryover", [total(c), unitRow("测试单位", c), projectRow("2024年上年项目", c)]);
  return makeDisclosure([t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11]);
}
