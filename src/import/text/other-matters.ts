/**
 * 说明十二 其他重要事项: (一) 机关运行经费, (二) 政府采购, (三) 国有资产占用, (四) 预算绩效 summary,
 * (五) 其他需说明的事项. Sub-sections are recognised by keyword, not number, because templates
 * order them differently. Values are read from whitespace-free NFKC text ("3,563.19 平方米").
 */
import type { Explanation, OtherMatters } from "../../model/disclosure.ts";
import { parseAmount } from "../../model/money.ts";
import { joinText, type Line, norm, type Range, stripEnum } from "./lines.ts";

type Assets = NonNullable<OtherMatters["assets"]>;
type Procurement = NonNullable<OtherMatters["procurement"]>;
type PerformanceSummary = NonNullable<OtherMatters["performance"]>;

const N = "(-?\\d[\\d,]*(?:\\.\\d+)?)";

/** First amount in 万元 after a label pattern: wan(text, "政府采购货物预算") */
function wan(text: string, label: string): number | undefined {
  let re = wanPatterns.get(label);
  if (!re) {
    re = new RegExp(`${label}(?:为|共)?${N}万元?`);
    wanPatterns.set(label, re);
  }
  const m = re.exec(text);
  return m ? parseAmount(m[1] as string, "wanyuan") : undefined;
}
/** wan's patterns by label, made once (no flags: exec keeps no state between texts). */
const wanPatterns = new Map<string, RegExp>();

function int(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? Number((m[1] as string).replace(/,/g, "")) : undefined;
}

function setIf<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}

function procurement(k: string): Procurement | undefined {
  const p: Procurement = {};
  // 决算: "政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元…"
  // Jiangsu 2017: "政府采购预算总金额为3742.4万元。其中拟购买货物525.4万元；拟购买工程500万元…" or
  // "…其中，货物类政府采购支出预算259.32万元,占20.40%；服务类政府采购支出预算…"
  setIf(p, "total", wan(k, "政府采购预算(?:总金额|总额)?") ?? wan(k, "政府采购金额(?:[(（]以合同签订为准[)）])?"));
  const kind = (w: string) =>
    wan(k, `${w}预算`) ?? wan(k, `${w}采购金额`) ?? wan(k, `拟购买${w}`) ?? wan(k, `${w}类政府采购支出预算`);
  setIf(p, "goods", kind("货物"));
  setIf(p, "works", kind("工程"));
  setIf(p, "services", kind("服务"));
  setIf(p, "smeReserved", wan(k, "中小企业预留政府采购项目预算金额"));
  setIf(p, "microReserved", wan(k, "小微企业预留政府采购项目预算金额"));
  return Object.keys(p).length > 0 ? p : undefined;
}

const BUILDINGS = new RegExp(`房屋${N}平方米[,，]价值${N}万元`);
const VEHICLES = new RegExp(`车辆(\\d+)辆[,，]价值${N}万元`);
/** (global: matchAll works on a copy, so the shared pattern keeps no state) */
const VEHICLE_TYPES = new RegExp(`[;；:：]([^;；:：,，。]+?)(\\d+)辆[,，]价值${N}万元`, "g");

function assets(k: string): Assets | undefined {
  const a: Assets = {};
  const asOf = /截至(\d{4})年(?:底|末)/.exec(k);
  if (asOf) a.asOf = `${asOf[1]}-12-31`;
  else {
    const d = /截至(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(k);
    if (d) a.asOf = `${d[1]}-${(d[2] as string).padStart(2, "0")}-${(d[3] as string).padStart(2, "0")}`;
  }
  const b = BUILDINGS.exec(k);
  if (b) {
    a.buildingArea = (b[1] as string).replace(/,/g, "");
    setIf(a, "buildingValue", parseAmount(b[2] as string, "wanyuan"));
  }
  // The 本年购置 sentence ("2025 年部门预算未安排购置车辆经费，安排购置 50 万元以上…") is read apart.
  const planAt = k.search(/预算(?:未)?安排购置/);
  const held = planAt >= 0 ? k.slice(0, k.lastIndexOf("。", planAt) + 1) : k;
  const plan = planAt >= 0 ? k.slice(k.lastIndexOf("。", planAt) + 1) : "";
  const v = VEHICLES.exec(held);
  if (v) {
    const byType: { type: string; count: number; value: number }[] = [];
    const after = held.slice(v.index + v[0].length);
    for (const m of after.matchAll(VEHICLE_TYPES)) {
      const value = parseAmount(m[3] as string, "wanyuan");
      if (value !== undefined) byType.push({ type: m[1] as string, count: Number(m[2]), value });
    }
    const value = parseAmount(v[2] as string, "wanyuan");
    if (value !== undefined) a.vehicles = { count: Number(v[1]), value, byType };
  }
  setIf(a, "furnitureValue", wan(held, "办公家具价值"));
  setIf(a, "otherValue", wan(held, "其他资产价值"));
  setIf(a, "equipmentOver50", int(held, /50万元以上(?:大型)?设备(\d+)(?:套|台)/));
  setIf(a, "equipmentOver100", int(held, /100万元以上(?:大型)?设备(\d+)(?:套|台)/));
  if (plan) {
    const veh = /((?:未)?安排购置(?:车辆经费|\d+辆[^,，。]*))/.exec(plan);
    if (veh) a.plannedVehicles = veh[1] as string;
    setIf(a, "plannedEquipmentOver50", int(plan, /50万元以上(?:大型)?设备(\d+)(?:套|台)/));
    setIf(a, "plannedEquipmentOver100", int(plan, /100万元以上(?:大型)?设备(\d+)(?:套|台)/));
  }
  return Object.keys(a).length > 0 ? a : undefined;
}

function performance(k: string): PerformanceSummary | undefined {
  const p: PerformanceSummary = {};
  setIf(p, "overallTargets", int(k, /整体(?:预算)?绩效目标(\d+)个/));
  setIf(p, "overallAmount", wan(k.slice(Math.max(0, k.search(/整体(?:预算)?绩效目标/))), "涉及预算金额"));
  setIf(p, "projectCount", int(k, /项目共(\d+)个/));
  setIf(p, "fiscalProjectAmount", wan(k, "(?<!非)财政拨款项目涉及预算金额"));
  setIf(p, "nonFiscalProjectAmount", wan(k, "非财政拨款项目涉及预算金额"));
  return Object.keys(p).length > 0 ? p : undefined;
}

/**
 * Reads one matter into `om` from its whitespace-free text `k`: a 其他重要事项 sub-section, or a
 * section of its own (spec `otherMatter`, Jiangsu 2017 说明十/说明十二) with its Explanation.
 */
export function readOtherMatter(
  om: OtherMatters,
  matter: "officeOperatingCost" | "procurement" | "assets",
  k: string,
  explanation: Explanation | undefined,
): void {
  if (matter === "officeOperatingCost") {
    const st = explanation?.statements.find((s) => s.subject.includes("运行经费") && s.amount !== undefined);
    if (st) om.officeOperatingCost = st;
  } else if (matter === "procurement") setIf(om, "procurement", procurement(k));
  else setIf(om, "assets", assets(k));
}

/** Reads 十二's sub-sections; `sub` maps printed sub-section numbers to line ranges. */
export function parseOtherMatters(
  lines: readonly Line[],
  sub: ReadonlyMap<number, Range>,
  performanceLines: Range | undefined,
  explanation: Explanation | undefined,
): OtherMatters {
  const om: OtherMatters = { notes: [] };
  for (const [, r] of sub) {
    const head = (lines[r.start] as Line).key;
    const body: Range = {
      start: r.start + 1,
      end:
        performanceLines && r.start < performanceLines.start && performanceLines.start < r.end
          ? performanceLines.start
          : r.end,
    };
    const k = norm(joinText(lines, body));
    if (/运行经费/.test(head)) readOtherMatter(om, "officeOperatingCost", k, explanation);
    else if (head.includes("政府采购")) readOtherMatter(om, "procurement", k, explanation);
    else if (head.includes("国有资产") || head.includes("资产占用")) readOtherMatter(om, "assets", k, explanation);
    else if (head.includes("绩效")) setIf(om, "performance", performance(k));
    else if (head.includes("其他需说明")) {
      for (let i = body.start; i < body.end; i++) {
        const l = lines[i] as Line;
        if (!l.text) continue;
        if (/^\d+\s*[、.．]/.test(l.key) || om.notes.length === 0) om.notes.push(stripEnum(l.text));
        else om.notes[om.notes.length - 1] += l.text;
      }
    }
  }
  return om;
}
