/**
 * The eleven tables of the Xinjiang template, computed from line items by exact aggregation in 分.
 *
 * Rounding: every printed cell is its own exact sum rounded half up to 0.01 万元 (as a budget system
 * prints it), so a printed total can differ from the sum of its printed parts by rounding — exactly
 * as in real documents; the checker reports such differences as rounding notices. Cells therefore
 * hold the printed (rounded) amount in 分; the 说明 compute shares and growth from these printed
 * values, like the real documents do. A cell whose exact amount is 0 is blank (null).
 */
import { type CatalogSet, codeName } from "../catalog/catalog-set.ts";
import type { Cell, Column, PrintedTable, Row } from "../model/disclosure.ts";
import { type Fen, roundToPrinted } from "../model/money.ts";
import type { TableSpec, TemplateSpec } from "../templates/spec.ts";
import { FUNCTION_CLASSES_2025, PROJECT_ECONOMIC_CLASSES } from "../templates/xinjiang-2025-budget.ts";
import {
  FISCAL_BUDGET,
  FISCAL_CARRYOVER,
  type Fund,
  type LineItem,
  NON_FISCAL_CARRYOVER,
  type PackageMeta,
  UNIT_FUNDS,
} from "./package.ts";

export type Pick = (it: LineItem) => boolean;

/** Printed value of an exact amount: blank when 0, else rounded to 0.01 万元. */
export function printed(v: Fen): Fen | null {
  return v === 0 ? null : roundToPrinted(v, "wanyuan");
}

/** Printed value as a number (blank = 0), for text. */
export function printedNum(v: Fen): Fen {
  return roundToPrinted(v, "wanyuan");
}

export const isGeneral: Pick = (it) => FISCAL_BUDGET[it.fund] === "general";
export const isGovFund: Pick = (it) => FISCAL_BUDGET[it.fund] === "fund";
export const isStateCapital: Pick = (it) => FISCAL_BUDGET[it.fund] === "stateCapital";
export const isFiscal: Pick = (it) => FISCAL_BUDGET[it.fund] !== undefined;
export const isFund =
  (...funds: readonly Fund[]): Pick =>
  (it) =>
    funds.includes(it.fund);
export const all: Pick = () => true;
export const basic: Pick = (it) => it.nature === "basic";
export const project: Pick = (it) => it.nature === "project";
export const and =
  (...ps: Pick[]): Pick =>
  (it) =>
    ps.every((p) => p(it));

export function total(items: readonly LineItem[], p: Pick, prior = false): Fen {
  let s = 0;
  for (const it of items) if (p(it)) s += prior ? it.priorAmount : it.amount;
  return s;
}

export interface TableContext {
  readonly items: readonly LineItem[];
  readonly catalog: CatalogSet;
  readonly template: TemplateSpec;
  readonly meta: PackageMeta;
  /** 三公 per line and fund column, exact 分 */
  readonly threePublic: Record<string, { total: Fen; generalBudget: Fen; governmentFund: Fen; stateCapital: Fen }>;
}

function spec(ctx: TableContext, id: string): TableSpec {
  const s = ctx.template.tables.find((t) => t.id === id);
  if (!s) throw new Error(`template ${ctx.template.id} has no table ${id}`);
  return s;
}

function columns(s: TableSpec): Column[] {
  return s.columns.map((c) => ({
    key: c.key,
    path: [...c.path],
    type: c.type,
    ...(c.side ? { side: c.side } : {}),
  }));
}

function shell(s: TableSpec, meta: PackageMeta, rows: Row[], note?: string): PrintedTable {
  // Every table without an amount carries a 空表说明 (143号: 没有数据的表格应当列出空表并说明).
  const empty = !rows.some((r) => r.cells.some((c) => typeof c === "number"));
  const emptyNote = note ?? (empty ? `${meta.department} ${meta.year} 年没有相关数据，${s.title}为空表。` : undefined);
  return {
    no: s.no,
    id: s.id,
    title: s.title,
    unit: "wanyuan",
    preparedBy: meta.department,
    columns: columns(s),
    rows,
    ...(emptyNote ? { emptyNote } : {}),
  };
}

function catalogName(ctx: TableContext, code: string): string {
  return codeName(ctx.catalog, code) ?? (FUNCTION_CLASSES_2025.find(([c]) => c === code)?.[1] || code);
}

/**
 * A table with rows by function code 类/款/项 (表2, 3, 5, 8, 9): a total row, then each 类, its 款
 * and its 项, for every code with a non-zero amount in the table's scope.
 */
function functionTable(ctx: TableContext, s: TableSpec, scope: Pick, amountCols: Record<string, Pick>): Row[] {
  const inScope = ctx.items.filter((it) => scope(it) && it.amount !== 0);
  if (inScope.length === 0) return [];
  const keys = Object.keys(amountCols);
  const sums = new Map<string, Fen[]>();
  const add = (code: string, it: LineItem) => {
    let a = sums.get(code);
    if (!a) {
      a = keys.map(() => 0);
      sums.set(code, a);
    }
    keys.forEach((k, i) => {
      if ((amountCols[k] as Pick)(it)) (a as Fen[])[i] = ((a as Fen[])[i] as Fen) + it.amount;
    });
  };
  for (const it of inScope) {
    add("", it);
    add(it.functionCode.slice(0, 3), it);
    add(it.functionCode.slice(0, 5), it);
    add(it.functionCode, it);
  }
  const codes = [...sums.keys()].filter((c) => c !== "").sort();
  const mk = (code: string): Row => {
    const a = sums.get(code) as Fen[];
    const level = code === "" ? 0 : code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
    const label = code === "" ? "总计" : catalogName(ctx, code);
    const cells: Cell[] = s.columns.map((c) => {
      switch (c.key) {
        case "class":
          return level >= 1 ? code.slice(0, 3) : null;
        case "section":
          return level >= 2 ? code.slice(3, 5) : null;
        case "item":
          return level >= 3 ? code.slice(5, 7) : null;
        case "name":
          return label;
        default: {
          const i = keys.indexOf(c.key);
          return i < 0 ? null : printed(a[i] as Fen);
        }
      }
    });
    return {
      kind: level === 0 ? "total" : level === 1 ? "class" : level === 2 ? "section" : "item",
      ...(code ? { code } : {}),
      label,
      level,
      cells,
    };
  };
  return [mk(""), ...codes.map(mk)];
}

const INCOME_LABELS: Record<string, string> = {
  currentYear: "一、本年收入",
  generalBudgetAppropriation: "1. 一般公共预算拨款",
  generalBudget: "其中：一般财力",
  upperTransferGeneral: "上级一般公共预算安排转移支付",
  governmentFundAppropriation: "2. 政府性基金预算拨款",
  governmentFund: "其中：政府性基金收入",
  upperTransferFund: "上级政府性基金安排转移支付",
  stateCapitalAppropriation: "3. 国有资本经营预算拨款",
  stateCapital: "其中：国有资本经营收入",
  upperTransferStateCapital: "上级国有资本经营预算安排转移支付",
  specialAccount: "4. 财政专户核拨",
  unitFunds: "5. 单位资金",
  businessIncome: "其中：事业收入",
  upperSubsidy: "上级补助收入",
  affiliatedRemit: "附属单位上缴收入",
  operatingIncome: "事业单位经营收入",
  otherIncome: "其他收入",
  carryover: "二、上年结转结余",
  fiscalCarryover: "1. 财政拨款结转",
  fiscalCarryoverGeneral: "其中：一般公共预算拨款",
  fiscalCarryoverFund: "政府性基金预算拨款",
  fiscalCarryoverStateCapital: "国有资本经营预算拨款",
  nonFiscalCarryover: "2. 非财政拨款结转结余",
  nonFiscalSpecialAccount: "其中：财政专户核拨",
  nonFiscalUnitFunds: "单位资金",
  total: "收入总计",
};

/** Exact amount of each 表1 income line, by line key. */
export function incomeLines(items: readonly LineItem[]): Record<string, Fen> {
  const f = (...funds: Fund[]) => total(items, isFund(...funds));
  const r: Record<string, Fen> = {
    generalBudget: f("generalBudget"),
    upperTransferGeneral: f("upperTransferGeneral"),
    governmentFund: f("governmentFund"),
    upperTransferFund: f("upperTransferFund"),
    stateCapital: f("stateCapital"),
    upperTransferStateCapital: f("upperTransferStateCapital"),
    specialAccount: f("specialAccount"),
    businessIncome: f("businessIncome"),
    upperSubsidy: f("upperSubsidy"),
    affiliatedRemit: f("affiliatedRemit"),
    operatingIncome: f("operatingIncome"),
    otherIncome: f("otherIncome"),
    fiscalCarryoverGeneral: f("fiscalCarryoverGeneral"),
    fiscalCarryoverFund: f("fiscalCarryoverFund"),
    fiscalCarryoverStateCapital: f("fiscalCarryoverStateCapital"),
    nonFiscalSpecialAccount: f("nonFiscalSpecialAccount"),
    nonFiscalUnitFunds: f("nonFiscalUnitFunds"),
  };
  const g = (k: string) => r[k] as Fen;
  r.generalBudgetAppropriation = g("generalBudget") + g("upperTransferGeneral");
  r.governmentFundAppropriation = g("governmentFund") + g("upperTransferFund");
  r.stateCapitalAppropriation = g("stateCapital") + g("upperTransferStateCapital");
  r.unitFunds = UNIT_FUNDS.reduce((s, k) => s + g(k), 0);
  r.currentYear =
    g("generalBudgetAppropriation") +
    g("governmentFundAppropriation") +
    g("stateCapitalAppropriation") +
    g("specialAccount") +
    g("unitFunds");
  r.fiscalCarryover = FISCAL_CARRYOVER.reduce((s, k) => s + g(k), 0);
  r.nonFiscalCarryover = NON_FISCAL_CARRYOVER.reduce((s, k) => s + g(k), 0);
  r.carryover = g("fiscalCarryover") + g("nonFiscalCarryover");
  r.total = g("currentYear") + g("carryover");
  return r;
}

/** Two-sided table: income lines beside the 29 function classes, then the total row. */
function twoSided(
  s: TableSpec,
  incomeKeys: readonly string[],
  incomeLabel: (k: string) => string,
  incomeAmount: (k: string) => Fen,
  classAmounts: (code: string) => Fen[],
  totals: { incomeLabel: string; income: Fen; expenditure: Fen[] },
): Row[] {
  const n = Math.max(incomeKeys.length, FUNCTION_CLASSES_2025.length);
  const rows: Row[] = [];
  const amountKeys = s.columns.filter((c) => c.type === "amount" && c.side === "expenditure").map((c) => c.key);
  for (let i = 0; i < n; i++) {
    const k = incomeKeys[i];
    const cls = FUNCTION_CLASSES_2025[i];
    const exp = cls ? classAmounts(cls[0]) : [];
    const cells: Cell[] = s.columns.map((c) => {
      if (c.key === "incomeItem") return k ? incomeLabel(k) : null;
      if (c.key === "incomeAmount") return k ? printed(incomeAmount(k)) : null;
      if (c.key === "expenditureItem") return cls ? `${cls[0]} ${cls[1]}` : null;
      const j = amountKeys.indexOf(c.key);
      return j >= 0 && cls ? printed(exp[j] ?? 0) : null;
    });
    rows.push({
      kind: "line",
      ...(cls ? { code: cls[0] } : {}),
      ...(k ? { lineKey: k } : {}),
      label: k ? incomeLabel(k) : cls ? `${cls[0]} ${cls[1]}` : "",
      level: 1,
      cells,
    });
  }
  rows.push({
    kind: "total",
    lineKey: "total",
    label: totals.incomeLabel,
    level: 0,
    cells: s.columns.map((c) => {
      if (c.key === "incomeItem") return totals.incomeLabel;
      if (c.key === "incomeAmount") return printed(totals.income);
      if (c.key === "expenditureItem") return "支出总计";
      const j = amountKeys.indexOf(c.key);
      return j >= 0 ? printed(totals.expenditure[j] ?? 0) : null;
    }),
  });
  return rows;
}

function byClass(items: readonly LineItem[], p: Pick): Map<string, Fen> {
  const m = new Map<string, Fen>();
  for (const it of items)
    if (p(it)) m.set(it.functionCode.slice(0, 3), (m.get(it.functionCode.slice(0, 3)) ?? 0) + it.amount);
  return m;
}

function table1(ctx: TableContext): PrintedTable {
  const s = spec(ctx, "summary");
  const lines = incomeLines(ctx.items);
  const keys = (s.lines ?? []).map((l) => l.key).filter((k) => k !== "total");
  const cls = byClass(ctx.items, all);
  const rows = twoSided(
    s,
    keys,
    (k) => INCOME_LABELS[k] ?? k,
    (k) => lines[k] ?? 0,
    (code) => [cls.get(code) ?? 0],
    { incomeLabel: "收入总计", income: lines.total ?? 0, expenditure: [total(ctx.items, all)] },
  );
  return shell(s, ctx.meta, rows);
}

function table4(ctx: TableContext): PrintedTable {
  const s = spec(ctx, "fiscalSummary");
  const g = total(ctx.items, isGeneral);
  const f = total(ctx.items, isGovFund);
  const sc = total(ctx.items, isStateCapital);
  const inc: Record<string, Fen> = {
    fiscalAppropriation: g + f + sc,
    generalBudgetAppropriation: g,
    governmentFundAppropriation: f,
    stateCapitalAppropriation: sc,
  };
  const labels: Record<string, string> = {
    fiscalAppropriation: "一、财政拨款（补助）",
    generalBudgetAppropriation: "一般公共预算",
    governmentFundAppropriation: "政府性基金预算",
    stateCapitalAppropriation: "国有资本经营预算",
  };
  const cf = byClass(ctx.items, isFiscal);
  const cg = byClass(ctx.items, isGeneral);
  const cgf = byClass(ctx.items, isGovFund);
  const csc = byClass(ctx.items, isStateCapital);
  const rows = twoSided(
    s,
    Object.keys(labels),
    (k) => labels[k] ?? k,
    (k) => inc[k] ?? 0,
    (code) => [cf.get(code) ?? 0, cg.get(code) ?? 0, cgf.get(code) ?? 0, csc.get(code) ?? 0],
    { incomeLabel: "收入总计", income: g + f + sc, expenditure: [g + f + sc, g, f, sc] },
  );
  return shell(s, ctx.meta, rows);
}

function table6(ctx: TableContext): PrintedTable {
  const s = spec(ctx, "basicExpenditure");
  const scope = ctx.items.filter((it) => isGeneral(it) && it.nature === "basic" && it.amount !== 0);
  const sums = new Map<string, [Fen, Fen, Fen]>();
  const add = (code: string, it: LineItem) => {
    const a = sums.get(code) ?? [0, 0, 0];
    a[0] += it.amount;
    if (it.basicKind === "personnel") a[1] += it.amount;
    else a[2] += it.amount;
    sums.set(code, a);
  };
  for (const it of scope) {
    add("", it);
    add(it.economicCode.slice(0, 3), it);
    add(it.economicCode, it);
  }
  if (scope.length === 0) return shell(s, ctx.meta, []);
  const mk = (code: string): Row => {
    const a = sums.get(code) as [Fen, Fen, Fen];
    const level = code === "" ? 0 : code.length === 3 ? 1 : 2;
    const label = code === "" ? "总计" : (codeName(ctx.catalog, code) ?? code);
    return {
      kind: level === 0 ? "total" : level === 1 ? "class" : "section",
      ...(code ? { code } : {}),
      label,
      level,
      cells: [
        level >= 1 ? code.slice(0, 3) : null,
        level >= 2 ? code.slice(3, 5) : null,
        label,
        printed(a[0]),
        printed(a[1]),
        printed(a[2]),
      ],
    };
  };
  const codes = [...sums.keys()].filter((c) => c).sort();
  return shell(s, ctx.meta, [mk(""), ...codes.map(mk)]);
}

function table7(ctx: TableContext): PrintedTable {
  const s = spec(ctx, "projectExpenditure");
  const scope = ctx.items.filter((it) => isGeneral(it) && it.nature === "project" && it.amount !== 0);
  if (scope.length === 0)
    return shell(
      s,
      ctx.meta,
      [],
      `${ctx.meta.department} ${ctx.meta.year} 年没有一般公共预算项目支出，一般公共预算项目支出情况表为空表。`,
    );
  const ecoKeys = PROJECT_ECONOMIC_CLASSES.map(([k]) => k);
  const vec = (its: readonly LineItem[]): Fen[] => {
    const v = [0, ...ecoKeys.map(() => 0)];
    for (const it of its) {
      v[0] = (v[0] as Fen) + it.amount;
      const j = PROJECT_ECONOMIC_CLASSES.findIndex(([, code]) => code === it.economicCode.slice(0, 3));
      const jj = j < 0 ? ecoKeys.length - 1 : j; // an unknown 类 is printed under 其他支出
      v[jj + 1] = (v[jj + 1] as Fen) + it.amount;
    }
    return v;
  };
  const row = (
    kind: Row["kind"],
    level: number,
    code: string | undefined,
    label: string,
    projectName: string | null,
    v: Fen[],
  ): Row => ({
    kind,
    ...(code ? { code } : {}),
    label,
    level,
    cells: [
      code && code.length >= 3 ? code.slice(0, 3) : null,
      code && code.length >= 5 ? code.slice(3, 5) : null,
      code && code.length >= 7 ? code.slice(5, 7) : null,
      kind === "project" && code ? catalogName(ctx, code) : label,
      projectName,
      ...v.map(printed),
    ],
  });
  const rows: Row[] = [row("total", 0, undefined, "总计", null, vec(scope))];
  const units = ctx.meta.overview.units.map((u) => u.name).filter((u) => scope.some((it) => it.unit === u));
  for (const unit of units) {
    const us = scope.filter((it) => it.unit === unit);
    rows.push(row("unit", 1, undefined, unit, null, vec(us)));
    const codes = [
      ...new Set(us.flatMap((it) => [it.functionCode.slice(0, 3), it.functionCode.slice(0, 5), it.functionCode])),
    ].sort();
    for (const code of codes) {
      const cs = us.filter((it) => it.functionCode.startsWith(code));
      if (code.length < 7) {
        rows.push(
          row(
            code.length === 3 ? "class" : "section",
            code.length === 3 ? 1 : 2,
            code,
            catalogName(ctx, code),
            null,
            vec(cs),
          ),
        );
        continue;
      }
      const names = [...new Set(cs.map((it) => it.project as string))];
      for (const name of names) {
        rows.push({ ...row("project", 3, code, name, name, vec(cs.filter((it) => it.project === name))) });
      }
    }
  }
  return shell(s, ctx.meta, rows);
}

function fundTable(ctx: TableContext, id: string, scope: Pick, what: string): PrintedTable {
  const s = spec(ctx, id);
  const rows = functionTable(ctx, s, scope, {
    total: all,
    basicPersonnel: (it) => it.nature === "basic" && it.basicKind === "personnel",
    basicOperating: (it) => it.nature === "basic" && it.basicKind === "operating",
    project,
  });
  const note = rows.length
    ? undefined
    : `${ctx.meta.department} ${ctx.meta.year} 年没有使用${what}安排的支出，${s.title}为空表。`;
  return shell(s, ctx.meta, rows, note);
}

const THREE_PUBLIC_LABELS: [string, string][] = [
  ["total", "合计"],
  ["overseasTravel", "因公出国（境）费"],
  ["officialReception", "公务接待费"],
  ["officialVehicles", "公务用车购置及运行费（小计）"],
  ["vehiclePurchase", "其中：公务用车购置费"],
  ["vehicleOperation", "公务用车运行费"],
];

function table10(ctx: TableContext): PrintedTable {
  const s = spec(ctx, "threePublic");
  const none = (ctx.threePublic.total?.total ?? 0) === 0;
  const rows: Row[] = THREE_PUBLIC_LABELS.map(([key, label]) => {
    const v = ctx.threePublic[key] ?? { total: 0, generalBudget: 0, governmentFund: 0, stateCapital: 0 };
    return {
      kind: key === "total" ? "total" : "line",
      lineKey: key,
      label,
      level: key === "total" ? 0 : key === "vehiclePurchase" || key === "vehicleOperation" ? 2 : 1,
      cells: [label, printed(v.total), printed(v.generalBudget), printed(v.governmentFund), printed(v.stateCapital)],
    };
  });
  return shell(
    s,
    ctx.meta,
    rows,
    none ? `${ctx.meta.department} ${ctx.meta.year} 年没有安排财政拨款“三公”经费，${s.title}为空表。` : undefined,
  );
}

/** Label of a unit's basic-expenditure carry-over line (表11 and 说明十一 use the same). */
export const basicCarryoverLabel = (unit: string) => `基本支出（${unit}）`;

function table11(ctx: TableContext): PrintedTable {
  const s = spec(ctx, "carryover");
  const fiscal = isFund(...FISCAL_CARRYOVER);
  const nonFiscal = isFund(...NON_FISCAL_CARRYOVER);
  const scope = ctx.items.filter((it) => (fiscal(it) || nonFiscal(it)) && it.amount !== 0);
  if (scope.length === 0)
    return shell(
      s,
      ctx.meta,
      [],
      `${ctx.meta.department} ${ctx.meta.year} 年没有上年结转结余，上年结转结余情况明细表为空表。`,
    );
  const vec = (its: readonly LineItem[]): (Fen | null)[] => {
    const v = (p: Pick) => total(its, p);
    const per = and(basic, (it) => it.basicKind === "personnel");
    const op = and(basic, (it) => it.basicKind === "operating");
    return [
      v(all),
      v(fiscal),
      v(and(fiscal, per)),
      v(and(fiscal, op)),
      v(and(fiscal, project)),
      v(nonFiscal),
      v(and(nonFiscal, per)),
      v(and(nonFiscal, op)),
      v(and(nonFiscal, project)),
    ].map(printed);
  };
  const rows: Row[] = [{ kind: "total", label: "总计", level: 0, cells: ["总计", ...vec(scope)] }];
  for (const u of ctx.meta.overview.units) {
    const us = scope.filter((it) => it.unit === u.name);
    if (!us.length) continue;
    rows.push({ kind: "unit", label: u.name, level: 1, cells: [u.name, ...vec(us)] });
    const b = us.filter(basic);
    const bl = basicCarryoverLabel(u.name);
    if (b.length) rows.push({ kind: "line", label: bl, level: 2, cells: [bl, ...vec(b)] });
    for (const name of [...new Set(us.filter(project).map((it) => it.project as string))]) {
      rows.push({
        kind: "project",
        label: name,
        level: 2,
        cells: [name, ...vec(us.filter((it) => it.project === name))],
      });
    }
  }
  return shell(s, ctx.meta, rows);
}

/** All eleven tables, in template order. */
export function buildTables(ctx: TableContext): PrintedTable[] {
  const s2 = spec(ctx, "income");
  const t2Cols: Record<string, Pick> = {
    total: all,
    fiscalSubtotal: isFiscal,
    generalBudget: isFund("generalBudget"),
    upperTransferGeneral: isFund("upperTransferGeneral"),
    governmentFund: isFund("governmentFund"),
    upperTransferFund: isFund("upperTransferFund"),
    stateCapital: isFund("stateCapital"),
    upperTransferStateCapital: isFund("upperTransferStateCapital"),
    specialAccount: isFund("specialAccount"),
    unitFunds: isFund(...UNIT_FUNDS),
    fiscalCarryover: isFund(...FISCAL_CARRYOVER),
    nonFiscalCarryover: isFund(...NON_FISCAL_CARRYOVER),
  };
  const s3 = spec(ctx, "expenditure");
  const s5 = spec(ctx, "generalBudgetExpenditure");
  return [
    table1(ctx),
    shell(s2, ctx.meta, functionTable(ctx, s2, all, t2Cols)),
    shell(s3, ctx.meta, functionTable(ctx, s3, all, { total: all, basic, project })),
    table4(ctx),
    shell(s5, ctx.meta, functionTable(ctx, s5, isGeneral, { total: all, basic, project })),
    table6(ctx),
    table7(ctx),
    fundTable(ctx, "governmentFundExpenditure", isGovFund, "政府性基金预算拨款"),
    fundTable(ctx, "stateCapitalExpenditure", isStateCapital, "国有资本经营预算拨款"),
    table10(ctx),
    table11(ctx),
  ];
}
