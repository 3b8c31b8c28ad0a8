/**
 * C-18 … C-30: each required 说明 section is present with its sub-items — amounts, shares, changes
 * and a 原因 for every change (a missing or placeholder reason is a warning), project descriptions,
 * 三公 sub-items, 机关运行经费, 政府采购 and 国有资产.
 */
import { tableById } from "../../../model/access.ts";
import type { Explanation, Statement } from "../../../model/disclosure.ts";
import type { Finding, Location } from "../../../model/finding.ts";
import { defineRule, force, type Lazy, type Rule, type RuleContext } from "../../rule.ts";
import { itemStatements } from "../text/change-statements.ts";
import { threePublicKey } from "../text/fund-statements.ts";
import {
  cnNumber,
  comparesWithPriorYear,
  explanationById,
  generalBudgetPart,
  hasText,
  incomeLineKey,
  isPlaceholder,
  natureKey,
  otherSectionNo,
  summaryLine,
  textLoc,
} from "../text/shared.ts";

/** A 原因 problem for a statement with a non-zero change (its place made only for a finding). */
export function reasonFinding(rule: string, s: Statement, location: Lazy<Location>): Finding | undefined {
  if (s.change === undefined || s.change === 0) return undefined;
  const missing = !hasText(s.reason);
  if (!missing && !isPlaceholder(s.reason)) return undefined;
  return {
    rule,
    severity: "warning",
    message: missing
      ? `${s.subject} 比上年有增减，但没有说明增减原因`
      : `${s.subject} 的增减原因是未填写的占位符“${s.reason!.trim()}”`,
    location: force(location),
  };
}

function missingSection(rule: string, no: number, title: string): Finding {
  return { rule, severity: "error", message: `缺少说明${cnNumber(no)}：${title}`, location: textLoc(no) };
}

type Check = (e: Explanation, ctx: RuleContext, out: Finding[]) => void;

function sectionRule(id: string, sectionId: string, title: string, source: string, check?: Check): Rule {
  return defineRule({
    id,
    severity: "error",
    category: "completeness",
    title,
    source,
    run: (ctx) => {
      const spec = ctx.template.explanations.find((x) => x.id === sectionId);
      if (!spec) return { notChecked: `模板 ${ctx.template.id} 没有该说明部分` };
      const e = explanationById(ctx, sectionId);
      if (!e) return [missingSection(id, spec.no, spec.title)];
      const out: Finding[] = [];
      check?.(e, ctx, out);
      return out;
    },
  });
}

/** Requires share and change on a statement with a non-zero amount, and a reason for a change. */
function requireDetail(
  id: string,
  e: Explanation,
  s: Statement,
  out: Finding[],
  needShare: boolean,
  needChange = true,
): void {
  const loc = () => textLoc(e.no, `（${s.subject}）`);
  const lacks: string[] = [];
  if (needShare && s.share === undefined) lacks.push("占比");
  if (needChange && s.change === undefined) lacks.push("比上年增减");
  if (lacks.length)
    out.push({
      rule: id,
      severity: "error",
      message: `说明${cnNumber(e.no)} ${s.subject} 缺少${lacks.join("、")}`,
      location: loc(),
    });
  const r = reasonFinding(id, s, loc);
  if (r) out.push(r);
}

const INCOME_KEYS = [
  "generalBudget",
  "upperTransferGeneral",
  "governmentFund",
  "upperTransferFund",
  "stateCapital",
  "upperTransferStateCapital",
  "specialAccount",
  "unitFunds",
  "fiscalCarryover",
  "nonFiscalCarryover",
];

const hasAmount = (e: Explanation) => e.statements.some((s) => s.amount !== undefined);

export const SECTION_RULES: readonly Rule[] = [
  sectionRule("C-18", "overall", "说明：收支预算总体情况（收支总预算）", "L5", (e, _c, out) => {
    if (!hasAmount(e))
      out.push({ rule: "C-18", severity: "error", message: "说明一没有写明收支总预算金额", location: textLoc(e.no) });
  }),
  sectionRule("C-19", "income", "说明：收入预算，各来源金额、占比、比上年增减及原因", "L5", (e, ctx, out) => {
    for (const key of INCOME_KEYS) {
      const l = summaryLine(ctx.d, key);
      if (!l || l.amount === 0) continue;
      const s = e.statements.find((x) => x.amount !== undefined && incomeLineKey(x.subject) === key);
      if (!s) {
        out.push({
          rule: "C-19",
          severity: "error",
          message: `表1“${l.row.label}”有金额，说明二没有说明该收入`,
          location: { ...textLoc(e.no), table: 1, row: l.row.label },
        });
        continue;
      }
      requireDetail("C-19", e, s, out, true, comparesWithPriorYear(ctx, "income"));
    }
  }),
  sectionRule("C-20", "expenditure", "说明：支出预算，基本支出/项目支出金额、占比、增减及原因", "L5", (e, ctx, out) => {
    for (const key of ["basic", "project"] as const) {
      const s = e.statements.find((x) => x.amount !== undefined && natureKey(x.subject) === key);
      if (!s)
        out.push({
          rule: "C-20",
          severity: "error",
          message: `说明三没有说明${key === "basic" ? "基本支出" : "项目支出"}`,
          location: textLoc(e.no),
        });
      else requireDetail("C-20", e, s, out, true, comparesWithPriorYear(ctx, "expenditure"));
    }
  }),
  sectionRule("C-21", "fiscal", "说明：财政拨款收支总体情况", "L5", (e, _c, out) => {
    if (!hasAmount(e))
      out.push({ rule: "C-21", severity: "error", message: "说明四没有写明财政拨款收支金额", location: textLoc(e.no) });
  }),
  sectionRule(
    "C-22",
    "generalBudget",
    "说明：一般公共预算当年拨款 规模变化、结构（类占比）、逐项使用情况（增减额、增长率、原因）",
    "L5 (项级); Xinjiang template",
    (e, ctx, out) => {
      const p1 = e.statements.filter((s) => generalBudgetPart(s) === 1 && s.amount !== undefined);
      // 决算 (spec comparesWith "budget"): (一) the whole 支出 against last year, (三) each 项 with its
      // 年初预算 and 决算 (amounts, rates and reasons are F-11 … F-13)
      const byBudget = !comparesWithPriorYear(ctx, "generalBudget");
      if (byBudget && !p1.some((s) => natureKey(s.subject) === "total" && s.change !== undefined))
        out.push({
          rule: "C-22",
          severity: "error",
          message: "说明五（一）没有说明一般公共预算财政拨款支出比上年的变化",
          location: textLoc(e.no, "（一）"),
        });
      for (const key of byBudget ? [] : (["basic", "project"] as const)) {
        const s = p1.find((x) => natureKey(x.subject) === key);
        if (!s)
          out.push({
            rule: "C-22",
            severity: "error",
            message: `说明五（一）没有说明${key === "basic" ? "基本支出" : "项目支出"}的规模变化`,
            location: textLoc(e.no, "（一）"),
          });
        else requireDetail("C-22", e, s, out, false);
      }
      if (!e.statements.some((s) => generalBudgetPart(s) === 2))
        out.push({
          rule: "C-22",
          severity: "error",
          message: "说明五（二）没有按类说明一般公共预算当年拨款结构",
          location: textLoc(e.no, "（二）"),
        });
      const items = itemStatements(e);
      if (items.length === 0)
        out.push({
          rule: "C-22",
          severity: "error",
          message: "说明五（三）没有逐项说明一般公共预算当年拨款具体使用情况",
          location: textLoc(e.no, "（三）"),
        });
      for (const { s, n } of items) {
        const loc = () => textLoc(e.no, `（三）第 ${n} 项`);
        const lacks = byBudget
          ? [s.budget === undefined ? "年初预算数" : "", s.amount === undefined ? "决算数" : ""].filter(Boolean)
          : [
              s.amount === undefined ? "预算数" : "",
              s.change === undefined ? "增减额" : "",
              s.growth === undefined ? "增长率" : "",
            ].filter(Boolean);
        if (lacks.length)
          out.push({
            rule: "C-22",
            severity: "error",
            message: `${s.subject} 缺少${lacks.join("、")}`,
            location: loc(),
          });
        const r = reasonFinding("C-22", s, loc);
        if (r) out.push(r);
      }
    },
  ),
  sectionRule("C-23", "basic", "说明：一般公共预算基本支出（人员经费、公用经费）", "L5", (e, _c, out) => {
    for (const word of ["人员经费", "公用经费"])
      if (!e.statements.some((s) => s.amount !== undefined && s.subject.replace(/\s/g, "").includes(word)))
        out.push({ rule: "C-23", severity: "error", message: `说明六没有写明${word}金额`, location: textLoc(e.no) });
  }),
  sectionRule(
    "C-24",
    "projects",
    "说明：每个项目的政策依据、规模、承担单位、资金分配、执行时间；补助类另含人数、标准、范围、方式、程序",
    "Xinjiang template",
    (e, ctx, out) => {
      const t7 = tableById(ctx.d, "projectExpenditure");
      if (ctx.d.projects.length === 0 && t7?.rows.some((r) => r.kind === "project"))
        out.push({ rule: "C-24", severity: "error", message: "说明七没有项目说明", location: textLoc(e.no) });
      for (const p of ctx.d.projects) {
        const lacks = [
          p.basis.length === 0 ? "设立的政策依据" : "",
          p.scale === undefined ? "预算安排规模" : "",
          !p.unit?.trim() ? "项目承担单位" : "",
          p.allocation.length === 0 && !p.allocationText?.trim() ? "资金分配情况" : "",
          !p.period?.trim() ? "资金执行时间" : "",
        ].filter(Boolean);
        const keys = Object.keys(p.extra);
        const subsidy = ["人数", "标准", "范围", "方式", "程序"];
        if (keys.some((k) => k.includes("补贴") || k.includes("补助")))
          for (const w of subsidy) if (!keys.some((k) => k.includes(w))) lacks.push(`补贴${w}`);
        if (lacks.length)
          out.push({
            rule: "C-24",
            severity: "error",
            message: `说明七“${p.name}”缺少：${lacks.join("、")}`,
            location: { part: "部门预算情况说明", section: `说明七（${p.name}）` },
          });
      }
    },
  ),
  defineRule({
    id: "C-25",
    severity: "error",
    category: "completeness",
    title: "说明：政府性基金预算拨款、国有资本经营预算拨款（或空表说明）",
    source: "L5, L6",
    run: (ctx) => {
      const out: Finding[] = [];
      for (const id of ["governmentFund", "stateCapital"]) {
        const spec = ctx.template.explanations.find((x) => x.id === id);
        if (spec && !explanationById(ctx, id)) out.push(missingSection("C-25", spec.no, spec.title));
      }
      return out;
    },
  }),
  sectionRule(
    "C-26",
    "threePublic",
    "说明：“三公”经费总额及各分项金额、比上年增减及增减原因",
    "L5, L8; 财政部检查“未披露三公增减变动原因”",
    (e, ctx, out) => {
      const by = (k: string) => e.statements.filter((s) => threePublicKey(s.subject) === k);
      // 决算: the 三公 total's 年初预算 and each line's 决算 (with 完成率); no 比上年 asked for
      const byBudget = !comparesWithPriorYear(ctx, "threePublic");
      const need: [string, string[]][] = [
        ["“三公”经费总额", ["total"]],
        ["因公出国（境）费", ["overseasTravel"]],
        ["公务接待费", ["officialReception"]],
        ["公务用车购置费", ["vehiclePurchase", "officialVehicles"]],
        ["公务用车运行费", ["vehicleOperation", "officialVehicles"]],
      ];
      for (const [label, keys] of need) {
        const ss = keys.flatMap(by);
        const loc = () => textLoc(e.no, `（${label}）`);
        if (!ss.some((s) => s.amount !== undefined))
          out.push({ rule: "C-26", severity: "error", message: `说明十没有写明${label}金额`, location: loc() });
        if (byBudget) {
          if (keys.includes("total") && !ss.some((s) => s.budget !== undefined))
            out.push({ rule: "C-26", severity: "error", message: `说明没有写明${label}年初预算`, location: loc() });
        } else if (!ss.some((s) => s.change !== undefined))
          out.push({ rule: "C-26", severity: "error", message: `说明十没有写明${label}比上年增减`, location: loc() });
        for (const s of ss) {
          const r = reasonFinding("C-26", s, loc);
          if (r) out.push(r);
        }
      }
    },
  ),
  sectionRule("C-27", "carryover", "说明：上年结转结余", "Xinjiang template"),
];

export const C28 = defineRule({
  id: "C-28",
  severity: "error",
  category: "completeness",
  title: "说明：机关运行经费金额、比上年增减及原因",
  source: "《预算法》第十四条; L5",
  run: (ctx) => {
    const { d } = ctx;
    const s = d.otherMatters.officeOperatingCost;
    const loc = textLoc(otherSectionNo(ctx, "officeOperatingCost"), "（一）机关运行经费");
    if (!s || s.amount === undefined)
      return [{ rule: "C-28", severity: "error", message: "没有说明机关运行经费安排情况", location: loc }];
    const out: Finding[] = [];
    if (s.change === undefined)
      out.push({ rule: "C-28", severity: "error", message: "机关运行经费没有说明比上年增减", location: loc });
    const r = reasonFinding("C-28", s, loc);
    if (r) out.push(r);
    return out;
  },
});

export const C29 = defineRule({
  id: "C-29",
  severity: "error",
  category: "completeness",
  title: "说明：政府采购预算总额及货物、工程、服务；面向中小企业预留",
  source: "L2, L5",
  run: (ctx) => {
    const { d } = ctx;
    const p = d.otherMatters.procurement;
    const loc = textLoc(otherSectionNo(ctx, "procurement"), "（二）政府采购");
    if (!p || p.total === undefined)
      return [{ rule: "C-29", severity: "error", message: "没有说明政府采购预算总额", location: loc }];
    const out: Finding[] = [];
    // a kind left unnamed is 0 when the named ones already add up to the total (Jiangsu 2017: "拟购买
    // 货物496.20万元；拟购买服务1278.50万元" of 1774.70, 表12 has no 工程 rows)
    const named = (p.goods ?? 0) + (p.works ?? 0) + (p.services ?? 0);
    const complete = named === p.total && [p.goods, p.works, p.services].some((x) => x !== undefined);
    const lacks = complete
      ? []
      : [
          p.goods === undefined ? "货物" : "",
          p.works === undefined ? "工程" : "",
          p.services === undefined ? "服务" : "",
        ].filter(Boolean);
    if (lacks.length)
      out.push({
        rule: "C-29",
        severity: "error",
        message: `政府采购没有分别说明${lacks.join("、")}预算`,
        location: loc,
      });
    if (p.smeReserved === undefined)
      out.push({ rule: "C-29", severity: "warning", message: "政府采购没有说明面向中小企业预留金额", location: loc });
    return out;
  },
});

export const C30 = defineRule({
  id: "C-30",
  severity: "error",
  category: "completeness",
  title: "说明：国有资产占用（房屋、车辆、其他资产、大型设备、本年购置安排）",
  source: "L5 (逐步公开); 财政部检查“未公开国有资产占用情况说明”",
  run: (ctx) => {
    const { d } = ctx;
    if (ctx.template.omitsAssets) return { notChecked: `模板 ${ctx.template.id} 的情况说明没有国有资产占用部分` };
    const a = d.otherMatters.assets;
    const loc = textLoc(otherSectionNo(ctx, "assets"), "（三）国有资产占用");
    if (!a) return [{ rule: "C-30", severity: "error", message: "没有说明国有资产占用情况", location: loc }];
    const lacks = [
      a.buildingArea === undefined && a.buildingValue === undefined ? "房屋" : "",
      a.vehicles === undefined ? "车辆" : "",
      a.equipmentOver50 === undefined && a.equipmentOver100 === undefined ? "大型设备" : "",
      a.plannedVehicles === undefined && a.plannedEquipmentOver50 === undefined ? "本年购置安排" : "",
    ].filter(Boolean);
    return lacks.length
      ? [{ rule: "C-30", severity: "warning", message: `国有资产占用情况没有说明：${lacks.join("、")}`, location: loc }]
      : [];
  },
});
