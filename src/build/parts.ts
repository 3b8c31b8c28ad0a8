/**
 * The non-numeric parts of a built disclosure: 概况 text, 目录, performance target tables, glossary.
 */

import type { GlossaryEntry, Indicator, Overview, PerformanceTable, Target } from "../model/disclosure.ts";
import type { Fen } from "../model/money.ts";
import { PERFORMANCE_PROJECT_HEADERS } from "../templates/xinjiang-2025-budget.ts";
import type { LineItem, MetaIndicator, PackageMeta } from "./package.ts";
import { cn } from "./phrase.ts";
import { isFiscal, printedNum, total } from "./tables.ts";

/** The seed's eight standard terms, verbatim. */
export const STANDARD_GLOSSARY: readonly GlossaryEntry[] = [
  { term: "财政拨款", definition: "指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款数。" },
  { term: "一般公共预算", definition: "包括公共财政拨款(补助)资金、专项收入。" },
  { term: "财政专户管理资金", definition: "包括专户管理行政事业性收费(主要是教育收费)、其他非税收入。" },
  { term: "其他资金", definition: "包括事业收入、事业经营收入、其他收入等。" },
  {
    term: "基本支出",
    definition: "包括人员经费、公用经费(定额)。其中,人员经费包括工资福利支出、对个人和家庭的补助。",
  },
  {
    term: "项目支出",
    definition:
      "部门(单位)支出预算的组成部分,是各部门(单位)为完成其特定的行政任务或事业发展目标,在基本支出预算之外编制的年度项目支出计划。",
  },
  {
    term: "“三公”经费",
    definition:
      "指部门(单位)因公出国(境)费、公务用车购置及运行维护费和公务接待费,其中:因公出国(境)费反映机关和参公事业单位公务出国(境)的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出;公务用车购置反映机关和参公事业单位公务用车购置支出(含车辆购置税、牌照费);公务用车运行维护费反映机关和参公事业单位按规定保留的公务用车燃料费、新能源汽车充电费、维修费、过桥过路费、保险费、安全奖励费用等支出;公务接待费反映机关和参公事业单位按规定开支的各类公务接待(含外宾接待)费用。",
  },
  {
    term: "机关运行经费",
    definition:
      "指行政单位(含参照公务员法管理事业单位)的公用经费,包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费及其他费用。",
  },
];

export function buildGlossary(meta: PackageMeta): GlossaryEntry[] {
  const out = [...STANDARD_GLOSSARY];
  for (const g of meta.glossary) {
    const i = out.findIndex((e) => e.term === g.term);
    if (i >= 0) out[i] = g;
    else out.push(g);
  }
  return out;
}

const unitKind = (k: string) => (k === "administrative" || k === "行政" ? "administrative" : "institution");

export function buildOverview(meta: PackageMeta): Overview {
  const { department: d, year: y, overview: o } = meta;
  const st = o.staffing;
  const adm = o.units.filter((u) => unitKind(u.kind) === "administrative").length;
  const inst = o.units.length - adm;
  const chg = (n: number | undefined) => (n === undefined ? "" : n < 0 ? `，减少 ${-n} 人` : `，增加 ${n} 人`);
  const actual = (st.active ?? 0) + (st.retired ?? 0) + (st.lixiu ?? 0);
  const text = [
    "一、 主要职能",
    ...o.functions.map((f, i) => `（${cn(i)}）${f}`),
    "二、 机构设置及人员情况",
    `从预算单位构成看，${d}的预算包括：${d}本级预算及下属 ${Math.max(0, o.units.length - 1)} 家预算单位在内的汇总预算。`,
    `${d}本级下设 ${o.divisions.length} 个科室，分别是：${o.divisions.join("、")}。`,
    `本部门中，行政单位 ${adm} 家，事业单位 ${inst} 家，纳入${d} ${y} 年部门预算编制范围的下属预算单位包括：`,
    ...o.units.map((u, i) => `${i + 1}、${u.name}`),
    `${d}编制数 ${st.authorized ?? 0}，实有人数 ${actual} 人，其中：在职 ${st.active ?? 0} 人${chg(st.activeChange)}；退休 ${st.retired ?? 0} 人${chg(st.retiredChange)}；离休 ${st.lixiu ?? 0} 人${chg(st.lixiuChange)}。`,
  ].join("\n\n");
  return {
    functions: [...o.functions],
    divisions: [...o.divisions],
    divisionCount: o.divisions.length,
    budgetUnits: o.units.map((u) => ({ name: u.name, kind: unitKind(u.kind) })),
    budgetUnitCount: Math.max(0, o.units.length - 1),
    administrativeUnits: adm,
    institutionUnits: inst,
    staffing: {
      ...(st.authorized !== undefined ? { authorized: st.authorized } : {}),
      actual,
      ...(st.active !== undefined ? { active: st.active } : {}),
      ...(st.activeChange !== undefined ? { activeChange: st.activeChange } : {}),
      ...(st.retired !== undefined ? { retired: st.retired } : {}),
      ...(st.retiredChange !== undefined ? { retiredChange: st.retiredChange } : {}),
      ...(st.lixiu !== undefined ? { lixiu: st.lixiu } : {}),
      ...(st.lixiuChange !== undefined ? { lixiuChange: st.lixiuChange } : {}),
    },
    text,
  };
}

/** Parses a printed 指标值 into a target: operator/value/unit, a date, or qualitative. */
export function parseTarget(raw: string): Target {
  const t = raw.replace(/\s+/g, "").replace(/＞/g, ">").replace(/＜/g, "<").replace(/＝/g, "=");
  const m = /^(>=|≥|<=|≤|=|>|<)(-?\d+(?:\.\d+)?)(.*)$/.exec(t);
  if (m) {
    const op = ({ "≥": ">=", "≤": "<=" } as Record<string, string>)[m[1] as string] ?? m[1];
    return {
      raw,
      operator: op as Target["operator"],
      value: m[2] as string,
      ...(m[3] ? { unit: m[3] } : {}),
    };
  }
  const d = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(t);
  if (d) {
    const mm = String(d[2]).padStart(2, "0");
    return { raw, date: d[3] ? `${d[1]}-${mm}-${String(d[3]).padStart(2, "0")}` : `${d[1]}-${mm}` };
  }
  return { raw, qualitative: raw };
}

function indicator(i: MetaIndicator): Indicator {
  return {
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    target: parseTarget(i.target),
    ...(i.basis !== undefined ? { basis: i.basis } : {}),
    ...(i.lastYear !== undefined ? { lastYear: i.lastYear } : {}),
    ...(i.weight !== undefined ? { weight: i.weight } : {}),
    ...(i.scoring !== undefined ? { scoring: i.scoring } : {}),
    ...(i.evidence !== undefined ? { evidence: i.evidence } : {}),
  };
}

/** 部门整体 and 项目 performance tables; amounts from the line items of the projects covered. */
export function buildPerformance(meta: PackageMeta, items: readonly LineItem[]): PerformanceTable[] {
  const out: PerformanceTable[] = [];
  const o = meta.performance.overall;
  if (o) {
    // 本级安排 = 本级 fiscal funds. NOTE: rule T-31 currently expects 本级 = 一般财力 only, so a
    // department with 本级 政府性基金/国有资本经营 收入 gets a T-31 finding (reported to the lead).
    const local = total(items, (it) => ["generalBudget", "governmentFund", "stateCapital"].includes(it.fund));
    const upper = total(items, (it) => it.fund.startsWith("upperTransfer") || it.fund.startsWith("fiscalCarryover"));
    const all = total(items, () => true);
    const other = all - local - upper;
    out.push({
      kind: "overall",
      title: "部门整体绩效目标表",
      year: meta.year,
      budgetUnit: o.unit ?? meta.overview.units[0]?.name ?? meta.department,
      ...(o.contact ? { contact: o.contact } : {}),
      ...(o.phone ? { phone: o.phone } : {}),
      total: printedNum(all),
      fiscal: printedNum(local + upper),
      other: printedNum(other),
      sources: { upper: printedNum(upper), local: printedNum(local), other: printedNum(other) },
      goal: o.goal,
      headers: ["一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重"],
      indicators: o.indicators.map(indicator),
    });
  }
  const byProject = new Map<string, LineItem[]>();
  for (const it of items) {
    if (it.project === undefined) continue;
    const a = byProject.get(it.project);
    if (a) a.push(it);
    else byProject.set(it.project, [it]);
  }
  for (const p of meta.performance.projects) {
    const its = (p.projects ?? [p.name]).flatMap((n) => byProject.get(n) ?? []);
    const all: Fen = total(its, () => true);
    const fiscal: Fen = total(its, (it) => isFiscal(it) || it.fund.startsWith("fiscalCarryover"));
    const unit = p.unit ?? its[0]?.unit ?? meta.overview.units[0]?.name;
    out.push({
      kind: "project",
      title: "项目支出绩效目标表",
      year: meta.year,
      ...(unit ? { budgetUnit: unit } : {}),
      project: p.name,
      ...(p.manager ? { manager: p.manager } : {}),
      total: printedNum(all),
      fiscal: printedNum(fiscal),
      other: printedNum(all) - printedNum(fiscal),
      goal: p.goal,
      headers: p.headers ?? [...PERFORMANCE_PROJECT_HEADERS],
      indicators: p.indicators.map(indicator),
    });
  }
  return out;
}

/** 目录 entries as printed. */
export function buildToc(
  meta: PackageMeta,
  tableTitles: readonly string[],
  explanationTitles: readonly string[],
): string[] {
  const y = meta.year;
  return [
    `第一部分 ${y} 年部门概况`,
    "一、 主要职能",
    "二、 机构设置及人员情况",
    `第二部分 ${y} 年部门预算公开表`,
    ...tableTitles.map((t, i) => `${cn(i)}、 ${t}`),
    `第三部分 ${y} 年部门预算情况说明`,
    ...explanationTitles,
    "第四部分 名词解释",
  ];
}
