/**
 * The twelve 说明 sections, in the official phrasing of the Xinjiang template (the seed's wording),
 * with every amount, share, change and growth rate computed from the printed amounts and the
 * package's reasons inserted (a missing one becomes the visible 【待填写：原因】).
 */
import { type CatalogSet, codeName } from "../catalog/catalog-set.ts";
import type { Explanation, OtherMatters, ProjectDescription, Statement } from "../model/disclosure.ts";
import { type Fen, parseYuan } from "../model/money.ts";
import { FISCAL_CARRYOVER, type LineItem, NON_FISCAL_CARRYOVER, type PackageMeta } from "./package.ts";
import {
  changeText,
  cn,
  pct,
  placeholder,
  REASON_PLACEHOLDER,
  reasonText,
  SectionWriter,
  shareOf,
  wan,
} from "./phrase.ts";
import {
  and,
  basic,
  basicCarryoverLabel,
  incomeLines,
  isFiscal,
  isGeneral,
  isGovFund,
  isStateCapital,
  type Pick,
  printedNum,
  project,
  total,
} from "./tables.ts";

export interface ExplanationContext {
  readonly items: readonly LineItem[];
  readonly meta: PackageMeta;
  readonly catalog: CatalogSet;
  readonly threePublic: Record<string, { total: Fen; prior: Fen; reason?: string | undefined }>;
  readonly officeOperatingCost: { amount: Fen; prior: Fen; reason?: string | undefined };
  readonly projects: readonly ProjectDescription[];
  readonly performanceCount: number;
}

/** 元 from meta (number or string) to 分; validated earlier, so undefined → 0. */
export function metaYuan(v: string | number | undefined): Fen {
  if (v === undefined) return 0;
  return parseYuan(typeof v === "number" ? String(v) : v.replace(/,/g, "")) ?? 0;
}

const codeIndex = new WeakMap<readonly LineItem[], Map<string, LineItem[]>>();

/** Items whose function code starts with `prefix` (类, 款 or 项), indexed once per item list: the
 * 说明 ask for per-code totals many times, and a 20,000-line package must stay fast. */
function ofCode(items: readonly LineItem[], prefix: string): readonly LineItem[] {
  let m = codeIndex.get(items);
  if (!m) {
    m = new Map();
    for (const it of items)
      for (const k of [it.functionCode.slice(0, 3), it.functionCode.slice(0, 5), it.functionCode]) {
        const a = m.get(k);
        if (a) a.push(it);
        else m.set(k, [it]);
      }
    codeIndex.set(items, m);
  }
  return m.get(prefix) ?? [];
}

const priorOf = (items: readonly LineItem[]): LineItem[] => items.map((it) => ({ ...it, amount: it.priorAmount }));

const INCOME_SOURCES: [string, string][] = [
  ["generalBudget", "一般公共预算"],
  ["upperTransferGeneral", "上级一般公共预算安排的转移支付资金"],
  ["governmentFund", "政府性基金预算"],
  ["upperTransferFund", "上级政府性基金安排的转移支付资金"],
  ["stateCapital", "国有资本经营预算"],
  ["upperTransferStateCapital", "上级国有资本经营预算安排的转移支付资金"],
  ["specialAccount", "财政专户管理资金"],
  ["unitFunds", "单位资金"],
  ["fiscalCarryover", "财政拨款结转"],
  ["nonFiscalCarryover", "非财政拨款结转结余"],
];

function name(ctx: ExplanationContext, code: string): string {
  return codeName(ctx.catalog, code) ?? code;
}

/** "社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）" */
export function itemPath(catalog: CatalogSet, code: string): string {
  const n = (c: string) => codeName(catalog, c) ?? c;
  return `${n(code.slice(0, 3))}（类）${n(code.slice(0, 5))}（款）${n(code)}（项）`;
}

function sectionOne(ctx: ExplanationContext, w: SectionWriter, cur: Record<string, Fen>): void {
  const { department: d, year: y } = ctx.meta;
  const t = printedNum(cur.total ?? 0);
  w.stmt(`按照全口径预算的原则，${d} ${y} 年所有收入和支出均纳入部门预算管理。收支总预算 ${wan(t)} 万元。`, {
    subject: "收支总预算",
    amount: t,
  });
  const kinds: string[] = [];
  const g = (k: string) => cur[k] ?? 0;
  if (g("generalBudgetAppropriation")) kinds.push("一般公共预算");
  if (g("governmentFundAppropriation")) kinds.push("政府性基金预算");
  if (g("stateCapitalAppropriation")) kinds.push("国有资本经营预算");
  if (g("specialAccount")) kinds.push("财政专户管理资金");
  if (g("unitFunds")) kinds.push("单位资金");
  if (g("fiscalCarryover")) kinds.push("财政拨款结转结余");
  if (g("nonFiscalCarryover")) kinds.push("非财政拨款结转结余");
  w.para(`收入预算包括：${kinds.join("、")}。`);
  const classes = [
    ...new Set(ctx.items.filter((it) => it.amount !== 0).map((it) => it.functionCode.slice(0, 3))),
  ].sort();
  w.para(`支出预算包括：${classes.map((c) => name(ctx, c)).join("、")}。`);
}

function sectionTwo(
  ctx: ExplanationContext,
  w: SectionWriter,
  cur: Record<string, Fen>,
  prior: Record<string, Fen>,
): void {
  const t = printedNum(cur.total ?? 0);
  w.stmt(`${ctx.meta.department}部门收入预算 ${wan(t)} 万元，其中：`, { subject: "部门收入预算", amount: t });
  for (const [key, label] of INCOME_SOURCES) {
    const a = printedNum(cur[key] ?? 0);
    const p = printedNum(prior[key] ?? 0);
    if (a === 0 && p === 0) {
      w.para(`${label}未安排。`);
      continue;
    }
    const s = shareOf(a, t);
    const c = changeText(a, p);
    const reason = ctx.meta.reasons.income[key];
    w.stmt(`${label} ${wan(a)} 万元，占 ${pct(s)}，${c.text}，${reasonText(reason)}。`, {
      subject: label,
      amount: a,
      share: s,
      change: c.change,
      growth: c.growth,
      ...(reason ? { reason } : {}),
    });
  }
}

function natureParagraph(
  w: SectionWriter,
  label: string,
  a: Fen,
  p: Fen,
  whole: Fen | undefined,
  reason: string | undefined,
): void {
  const c = changeText(a, p);
  const s = whole !== undefined ? shareOf(a, whole) : undefined;
  const shareText = s !== undefined ? `占 ${pct(s)}，` : "";
  w.stmt(`${label} ${wan(a)} 万元，${shareText}${c.text}，${reasonText(reason)}。`, {
    subject: label,
    amount: a,
    ...(s !== undefined ? { share: s } : {}),
    change: c.change,
    growth: c.growth,
    ...(reason ? { reason } : {}),
  });
}

function sectionThree(ctx: ExplanationContext, w: SectionWriter): void {
  const all: Pick = () => true;
  const t = printedNum(total(ctx.items, all));
  w.stmt(`${ctx.meta.department} ${ctx.meta.year} 年支出预算 ${wan(t)} 万元，其中：`, {
    subject: "支出预算",
    amount: t,
  });
  for (const [label, p, r] of [
    ["基本支出", basic, ctx.meta.reasons.expenditure.basic],
    ["项目支出", project, ctx.meta.reasons.expenditure.project],
  ] as const) {
    natureParagraph(w, label, printedNum(total(ctx.items, p)), printedNum(total(ctx.items, p, true)), t, r);
  }
}

function sectionFour(ctx: ExplanationContext, w: SectionWriter): void {
  const { year: y } = ctx.meta;
  const f = printedNum(total(ctx.items, isFiscal));
  w.stmt(`${y} 年财政拨款收支总预算 ${wan(f)} 万元。`, { subject: "财政拨款收支总预算", amount: f });
  const parts: [string, Pick][] = [
    ["一般公共预算拨款", isGeneral],
    ["政府性基金预算拨款", isGovFund],
    ["国有资本经营预算拨款", isStateCapital],
  ];
  const present = parts.filter(([, p]) => total(ctx.items, p) !== 0);
  if (present.length === 1 && present[0]?.[0] === "一般公共预算拨款")
    w.para("收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。");
  const incomes = present.map(([l, p]) => ({ l, a: printedNum(total(ctx.items, p)) }));
  w.para(`收入预算包括：${incomes.map(({ l, a }) => `${l} ${wan(a)} 万元`).join("，") || "无"}。`);
  for (const { l, a } of incomes) w.inner(`${l} ${wan(a)} 万元`, { subject: l, amount: a });
  // One entry per 类 with its 财政拨款 total (= 表4 合计列); the per-fund split is text only.
  const label = present.length === 1 ? (present[0]?.[0] ?? "").replace(/拨款$/, "") : "财政拨款";
  const classes = [
    ...new Set(ctx.items.filter((it) => isFiscal(it) && it.amount !== 0).map((it) => it.functionCode.slice(0, 3))),
  ].sort();
  const entries = classes.map((c) => {
    const inClass = ofCode(ctx.items, c);
    const a = printedNum(total(inClass, isFiscal));
    const split =
      present.length > 1
        ? `（其中：${present
            .filter(([, p]) => total(inClass, p) !== 0)
            .map(([l, p]) => `${l.replace(/拨款$/, "")} ${wan(printedNum(total(inClass, p)))} 万元`)
            .join("，")}）`
        : "";
    const use = ctx.meta.fiscalUses[c] ?? placeholder("主要用途");
    return {
      text: `${name(ctx, c)} ${wan(a)} 万元${split}，主要用于${use}`,
      head: `${name(ctx, c)} ${wan(a)} 万元`,
      c,
      a,
    };
  });
  if (entries.length) {
    w.para(`${label}支出包括：${entries.map((e) => e.text).join("；")}。`);
    for (const e of entries) w.inner(e.head, { subject: name(ctx, e.c), code: e.c, amount: e.a });
  }
}

function sectionFive(ctx: ExplanationContext, w: SectionWriter): void {
  const { department: d, year: y } = ctx.meta;
  const g = printedNum(total(ctx.items, isGeneral));
  w.para("（一）一般公共预算当年拨款规模变化情况");
  w.stmt(`${d} ${y} 年一般公共预算拨款合计 ${wan(g)} 万元，其中：`, { subject: "一般公共预算拨款合计", amount: g });
  for (const [label, p, r] of [
    ["基本支出", basic, ctx.meta.reasons.generalBudget.basic],
    ["项目支出", project, ctx.meta.reasons.generalBudget.project],
  ] as const) {
    const q = and(isGeneral, p);
    natureParagraph(w, label, printedNum(total(ctx.items, q)), printedNum(total(ctx.items, q, true)), undefined, r);
  }
  w.para("（二）一般公共预算当年拨款结构情况");
  const classes = [
    ...new Set(ctx.items.filter((it) => isGeneral(it) && it.amount !== 0).map((it) => it.functionCode.slice(0, 3))),
  ].sort();
  classes.forEach((c, i) => {
    const a = printedNum(total(ofCode(ctx.items, c), isGeneral));
    const s = shareOf(a, g);
    w.stmt(`${i + 1}、${name(ctx, c)}（类）${wan(a)} 万元，占 ${pct(s)}。`, {
      subject: `${name(ctx, c)}（类）`,
      code: c,
      amount: a,
      share: s,
    });
  });
  w.para("（三）一般公共预算当年拨款具体使用情况");
  const codes = [
    ...new Set(
      ctx.items.filter((it) => isGeneral(it) && (it.amount !== 0 || it.priorAmount !== 0)).map((it) => it.functionCode),
    ),
  ].sort();
  let i = 0;
  for (const code of codes) {
    const its = ofCode(ctx.items, code);
    const a = printedNum(total(its, isGeneral));
    const p = printedNum(total(its, isGeneral, true));
    if (a === 0 && p === 0) continue;
    i++;
    const c = changeText(a, p, true);
    const reason = ctx.meta.reasons.items[code];
    const path = itemPath(ctx.catalog, code);
    w.stmt(`${i}、${path}：${y}年预算数为${wan(a)}万元，${c.text}，${reasonText(reason)}。`, {
      subject: path,
      code,
      amount: a,
      change: c.change,
      growth: c.growth,
      ...(reason ? { reason } : {}),
    });
  }
}

function sectionSix(ctx: ExplanationContext, w: SectionWriter): void {
  const q = and(isGeneral, basic);
  const b = printedNum(total(ctx.items, q));
  w.stmt(`${ctx.meta.department}${ctx.meta.year}年一般公共预算基本支出${wan(b)}万元，其中：`, {
    subject: "一般公共预算基本支出",
    amount: b,
  });
  for (const [label, kind] of [
    ["人员经费", "personnel"],
    ["公用经费", "operating"],
  ] as const) {
    const its = ctx.items.filter((it) => q(it) && it.basicKind === kind && it.amount !== 0);
    const a = printedNum(total(its, () => true));
    const names = [...new Set(its.map((it) => it.economicCode))].sort().map((c) => name(ctx, c));
    w.stmt(`${label}${wan(a)}万元，主要包括：${names.join("、") || "无"}。`, { subject: label, amount: a });
  }
}

function sectionSeven(ctx: ExplanationContext, w: SectionWriter): void {
  if (ctx.projects.length === 0) {
    w.para(`${ctx.meta.department} ${ctx.meta.year} 年没有一般公共预算项目支出。`);
    return;
  }
  ctx.projects.forEach((p, i) => {
    w.para(`（${cn(i)}）项目名称：${p.name}`);
    w.para(`设立的政策依据：${p.basis.length ? "" : placeholder("政策依据")}`);
    p.basis.forEach((b, j) => {
      w.para(p.basis.length > 1 ? `${j + 1}、${b}` : b);
    });
    w.stmt(`预算安排规模：${wan(p.scale ?? 0)} 万元`, { subject: p.name, amount: p.scale ?? 0 });
    w.para(`项目承担单位：${p.unit ?? placeholder("承担单位")}`);
    w.para(`资金分配情况：${p.allocationText ?? placeholder("资金分配情况")}`);
    w.para(`资金执行时间：${p.period ?? placeholder("执行时间")}`);
    for (const [k, v] of Object.entries(p.extra)) w.para(`${k}：${v}`);
  });
}

function emptyOrFund(
  ctx: ExplanationContext,
  w: SectionWriter,
  p: Pick,
  what: string,
  table: string,
  reason?: string,
): void {
  const { department: d, year: y } = ctx.meta;
  const a = printedNum(total(ctx.items, p));
  const pr = printedNum(total(ctx.items, p, true));
  if (total(ctx.items, p) === 0) {
    w.para(`${d} ${y} 年没有使用${what}安排的支出，${table}为空表。`);
    return;
  }
  const c = changeText(a, pr);
  w.stmt(`${d} ${y} 年${what}安排的支出 ${wan(a)} 万元，${c.text}，${reasonText(reason)}。`, {
    subject: what,
    amount: a,
    change: c.change,
    growth: c.growth,
    ...(reason ? { reason } : {}),
  });
  const classes = [...new Set(ctx.items.filter((it) => p(it) && it.amount !== 0).map((it) => it.functionCode))].sort();
  const parts = classes.map(
    (code) => `${itemPath(ctx.catalog, code)} ${wan(printedNum(total(ofCode(ctx.items, code), p)))} 万元`,
  );
  w.para(`其中：${parts.join("；")}。`);
}

const TP: [string, string][] = [
  ["overseasTravel", "因公出国（境）费"],
  ["vehiclePurchase", "公务用车购置费"],
  ["vehicleOperation", "公务用车运行费"],
  ["officialReception", "公务接待费"],
];

function sectionTen(ctx: ExplanationContext, w: SectionWriter): void {
  const { department: d, year: y } = ctx.meta;
  const v = (k: string): { total: Fen; prior: Fen; reason?: string | undefined } =>
    ctx.threePublic[k] ?? { total: 0, prior: 0 };
  const t = printedNum(v("total").total);
  const list = TP.map(([k, l]) => `${l} ${wan(printedNum(v(k).total))} 万元`).join("，");
  const tc = changeText(t, printedNum(v("total").prior));
  // The total's reason is the items' reasons (the template explains each item's change).
  const totalReason =
    tc.change !== 0
      ? TP.map(([k]) => v(k).reason)
          .filter(Boolean)
          .join("；")
      : undefined;
  w.stmt(`${d} ${y} 年财政拨款“三公”经费数为 ${wan(t)} 万元，其中：${list}。`, {
    subject: "财政拨款“三公”经费",
    amount: t,
    change: tc.change,
    growth: tc.growth,
    ...(totalReason ? { reason: totalReason } : {}),
  });
  const items = TP.map(([k, l]) => {
    const c = changeText(printedNum(v(k).total), printedNum(v(k).prior));
    return `${l}${c.text.replace(/^比上年预算/, "")}，${reasonText(v(k).reason)}`;
  });
  const text = `${y} 年财政拨款“三公”经费预算${tc.text}，其中：${items.join("；")}。`;
  w.para(text);
  TP.forEach(([k, l]) => {
    const a = printedNum(v(k).total);
    const c = changeText(a, printedNum(v(k).prior));
    const r = v(k).reason;
    w.inner(items[TP.findIndex(([kk]) => kk === k)] as string, {
      subject: l,
      amount: a,
      change: c.change,
      growth: c.growth,
      ...(r ? { reason: r } : {}),
    });
  });
}

function sectionEleven(ctx: ExplanationContext, w: SectionWriter, cur: Record<string, Fen>): void {
  const { department: d, year: y } = ctx.meta;
  const t = printedNum(cur.carryover ?? 0);
  if ((cur.carryover ?? 0) === 0) {
    w.para(`${d} ${y} 年没有上年结转结余，上年结转结余情况明细表为空表。`);
    return;
  }
  const f = printedNum(cur.fiscalCarryover ?? 0);
  const n = printedNum(cur.nonFiscalCarryover ?? 0);
  w.stmt(`${d} ${y} 年上年结转结余 ${wan(t)} 万元，包括：财政拨款 ${wan(f)} 万元，非财政拨款 ${wan(n)} 万元，其中：`, {
    subject: "上年结转结余",
    amount: t,
  });
  w.inner(`财政拨款 ${wan(f)} 万元`, { subject: "财政拨款", amount: f });
  w.inner(`非财政拨款 ${wan(n)} 万元`, { subject: "非财政拨款", amount: n });
  const co = ctx.items.filter(
    (it) => (FISCAL_CARRYOVER.includes(it.fund) || NON_FISCAL_CARRYOVER.includes(it.fund)) && it.amount !== 0,
  );
  const label = (it: LineItem) => it.project ?? basicCarryoverLabel(it.unit);
  const names = [...new Set(co.map(label))];
  names.forEach((nm, i) => {
    const a = printedNum(total(co, (it) => label(it) === nm));
    const purpose = ctx.meta.carryover.find((c) => c.project === nm)?.purpose ?? placeholder("主要用途");
    w.stmt(`${i + 1}. ${nm} ${wan(a)} 万元，主要用于：${purpose}。`, { subject: nm, amount: a });
  });
}

function sectionTwelve(ctx: ExplanationContext, w: SectionWriter, cur: Record<string, Fen>): OtherMatters {
  const { department: d, year: y, procurement, assets } = ctx.meta;
  const other: OtherMatters = { notes: [...ctx.meta.notes] };
  w.para("(一) 单位运行经费情况");
  const o = ctx.officeOperatingCost;
  const oa = printedNum(o.amount);
  const oc = changeText(oa, printedNum(o.prior));
  const ot = `${d} ${y} 年的机关运行经费财政拨款预算 ${wan(oa)} 万元，${oc.text}，${reasonText(o.reason)}。`;
  w.stmt(ot, {
    subject: "机关运行经费财政拨款预算",
    amount: oa,
    change: oc.change,
    growth: oc.growth,
    ...(o.reason ? { reason: o.reason } : {}),
  });
  other.officeOperatingCost = w.statements[w.statements.length - 1] as Statement;
  w.para("(二) 政府采购情况");
  if (procurement) {
    const g = printedNum(metaYuan(procurement.goods));
    const wk = printedNum(metaYuan(procurement.works));
    const sv = printedNum(metaYuan(procurement.services));
    const tot = printedNum(metaYuan(procurement.goods) + metaYuan(procurement.works) + metaYuan(procurement.services));
    w.para(
      `${y} 年，${d}政府采购预算 ${wan(tot)} 万元，其中：政府采购货物预算 ${wan(g)} 万元，政府采购工程预算 ${wan(wk)} 万元，政府采购服务预算 ${wan(sv)} 万元。`,
    );
    for (const [subject, a] of [
      ["政府采购预算", tot],
      ["政府采购货物预算", g],
      ["政府采购工程预算", wk],
      ["政府采购服务预算", sv],
    ] as const)
      w.inner(`${subject} ${wan(a)} 万元`, { subject, amount: a });
    const sme = printedNum(metaYuan(procurement.smeReserved));
    const micro = printedNum(metaYuan(procurement.microReserved));
    w.para(
      `${y} 年，${d}面向中小企业预留政府采购项目预算金额 ${wan(sme)} 万元，小微企业预留政府采购项目预算金额 ${wan(micro)} 万元。`,
    );
    for (const [subject, a] of [
      ["面向中小企业预留政府采购项目预算金额", sme],
      ["小微企业预留政府采购项目预算金额", micro],
    ] as const)
      w.inner(`${subject} ${wan(a)} 万元`, { subject, amount: a });
    other.procurement = { total: tot, goods: g, works: wk, services: sv, smeReserved: sme, microReserved: micro };
  } else {
    w.para(`${y} 年，${d}未安排政府采购预算。`);
    other.procurement = { total: 0, goods: 0, works: 0, services: 0 };
  }
  w.para("(三) 国有资产占用使用情况");
  if (assets) {
    w.para(`截至 ${assets.asOf}，${d}及下属各预算单位占用使用国有资产总体情况为：`);
    const area = String(assets.buildingArea);
    const bv = printedNum(metaYuan(assets.buildingValue));
    w.para(
      `1. 房屋 ${Number(area).toLocaleString("en-US", { minimumFractionDigits: 2 })} 平方米，价值 ${wan(bv)} 万元。`,
    );
    const vcount = assets.vehicles.reduce((s, v) => s + v.count, 0);
    const vval = printedNum(assets.vehicles.reduce((s, v) => s + metaYuan(v.value), 0));
    const byType = assets.vehicles
      .map((v) => `${v.type} ${v.count} 辆，价值 ${wan(printedNum(metaYuan(v.value)))} 万元`)
      .join("；");
    w.para(`2. 车辆 ${vcount} 辆，价值 ${wan(vval)} 万元；其中：${byType}。`);
    const fv = printedNum(metaYuan(assets.furnitureValue));
    const ov = printedNum(metaYuan(assets.otherValue));
    w.para(`3. 办公家具价值 ${wan(fv)} 万元。`);
    w.para(`4. 其他资产价值 ${wan(ov)} 万元。`);
    w.para(
      `部门价值 50 万元以上大型设备 ${assets.equipmentOver50 ?? 0} 套，部门价值 100 万元以上大型设备 ${assets.equipmentOver100 ?? 0} 套。`,
    );
    const pv = assets.plannedVehicles ? `安排购置车辆 ${assets.plannedVehicles} 辆` : "未安排购置车辆经费";
    w.para(
      `${y} 年部门预算${pv}，安排购置 50 万元以上大型设备 ${assets.plannedEquipmentOver50} 套，单位价值 100 万元以上大型设备 ${assets.plannedEquipmentOver100} 套。`,
    );
    other.assets = {
      asOf: assets.asOf,
      buildingArea: area,
      buildingValue: bv,
      vehicles: {
        count: vcount,
        value: vval,
        byType: assets.vehicles.map((v) => ({ type: v.type, count: v.count, value: printedNum(metaYuan(v.value)) })),
      },
      furnitureValue: fv,
      otherValue: ov,
      ...(assets.equipmentOver50 !== undefined ? { equipmentOver50: assets.equipmentOver50 } : {}),
      ...(assets.equipmentOver100 !== undefined ? { equipmentOver100: assets.equipmentOver100 } : {}),
      plannedVehicles: assets.plannedVehicles ? `${assets.plannedVehicles} 辆` : "未安排",
      plannedEquipmentOver50: assets.plannedEquipmentOver50,
      plannedEquipmentOver100: assets.plannedEquipmentOver100,
    };
  } else {
    w.para(placeholder("国有资产占用使用情况"));
  }
  w.para("(四) 预算绩效情况");
  const t = printedNum(cur.total ?? 0);
  // 财政拨款项目 = 一般公共预算 project expenditure (= 表7 总计, rule T-28)
  const fp = printedNum(total(ctx.items, and(isGeneral, project)));
  // 非财政拨款项目 = project money that is neither 财政拨款 nor 财政拨款结转 (it is the 其他资金 of the 绩效表).
  const nfp = printedNum(
    total(ctx.items, (it) => project(it) && !isFiscal(it) && !it.fund.startsWith("fiscalCarryover")),
  );
  const overall = ctx.meta.performance.overall ? 1 : 0;
  w.para(
    `${y} 年，本部门预算绩效管理整体预算绩效目标 ${overall} 个，涉及预算金额 ${wan(t)} 万元；当年预算安排项目共 ${ctx.performanceCount} 个，其中：财政拨款项目涉及预算金额 ${wan(fp)} 万元；非财政拨款项目涉及预算金额 ${wan(nfp)} 万元。具体情况见下表：`,
  );
  for (const [subject, a] of [
    ["涉及预算金额", t],
    ["财政拨款项目涉及预算金额", fp],
    ["非财政拨款项目涉及预算金额", nfp],
  ] as const)
    w.inner(`${subject} ${wan(a)} 万元`, { subject, amount: a });
  other.performance = {
    overallTargets: overall,
    overallAmount: t,
    projectCount: ctx.performanceCount,
    fiscalProjectAmount: fp,
    nonFiscalProjectAmount: nfp,
  };
  if (ctx.meta.notes.length) {
    w.para("(五) 其他需说明的事项");
    ctx.meta.notes.forEach((n, i) => {
      w.para(`${i + 1}、${n}`);
    });
  }
  return other;
}

const TITLES: [number, string][] = [
  [1, "关于{d} {y} 年收支预算情况总体说明"],
  [2, "关于{d} {y} 年收入预算情况说明"],
  [3, "关于{d} {y} 年支出预算情况说明"],
  [4, "关于{d} {y} 年财政拨款收支预算情况的总体说明"],
  [5, "关于{d} {y} 年一般公共预算当年拨款情况说明"],
  [6, "关于{d} {y} 年一般公共预算基本支出情况说明"],
  [7, "关于{d} {y} 年一般公共预算项目支出情况说明"],
  [8, "关于{d} {y} 年政府性基金预算拨款情况说明"],
  [9, "关于{d} {y} 年国有资本经营预算拨款情况说明"],
  [10, "关于{d} {y} 年财政拨款“三公”经费预算情况说明"],
  [11, "关于{d} {y} 年上年结转结余预算情况说明"],
  [12, "其他重要事项的情况说明"],
];

export function explanationTitle(no: number, d: string, y: number): string {
  const t = TITLES.find(([n]) => n === no)?.[1] ?? "";
  return `${cn(no - 1)}、${t.replace("{d}", d).replace("{y}", String(y))}`;
}

/** All twelve sections plus the 其他重要事项 structure. */
export function buildExplanations(ctx: ExplanationContext): {
  explanations: Explanation[];
  otherMatters: OtherMatters;
} {
  const cur = incomeLines(ctx.items);
  const prior = incomeLines(priorOf(ctx.items));
  const ws = Array.from({ length: 12 }, (_, i) => new SectionWriter(i + 1));
  const W = (n: number) => ws[n - 1] as SectionWriter;
  sectionOne(ctx, W(1), cur);
  sectionTwo(ctx, W(2), cur, prior);
  sectionThree(ctx, W(3));
  sectionFour(ctx, W(4));
  sectionFive(ctx, W(5));
  sectionSix(ctx, W(6));
  sectionSeven(ctx, W(7));
  emptyOrFund(ctx, W(8), isGovFund, "政府性基金预算拨款", "政府性基金预算支出情况表", ctx.meta.reasons.governmentFund);
  emptyOrFund(
    ctx,
    W(9),
    isStateCapital,
    "国有资本经营预算拨款",
    "国有资本经营预算支出情况表",
    ctx.meta.reasons.stateCapital,
  );
  sectionTen(ctx, W(10));
  sectionEleven(ctx, W(11), cur);
  const otherMatters = sectionTwelve(ctx, W(12), cur);
  const explanations = ws.map((w, i) => ({
    no: i + 1,
    title: explanationTitle(i + 1, ctx.meta.department, ctx.meta.year),
    text: w.text,
    statements: w.statements,
  }));
  return { explanations, otherMatters };
}

export { REASON_PLACEHOLDER };
