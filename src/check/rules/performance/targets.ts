/**
 * Reading 绩效 indicator targets: operator, value and unit (from the parsed target, else from the
 * printed text, which PDF extraction splits: "< =43.5 0 万元"), and 成本指标 ceilings in 分.
 */
import { cached, cachedText } from "../../../model/access.ts";
import type { Indicator, PerformanceTable, Target } from "../../../model/disclosure.ts";
import { type Fen, parseAmount } from "../../../model/money.ts";
import { squash } from "../text/shared.ts";

export interface ParsedTarget {
  /* read-only once returned: parseTarget shares one result among the rules of a check run */
  operator?: string;
  value?: string;
  unit?: string;
  qualitative: boolean;
  date: boolean;
}

const OPS: Record<string, string> = { "≥": ">=", "≤": "<=", ">=": ">=", "<=": "<=", "=": "=", ">": ">", "<": "<" };

/**
 * Splits "≥2.30 万人", ">=3520 0 人", "2025 年 12 月 10 日", "有效提高". Several rules read each
 * target: one the importer did not parse is parsed once per check run (the result is read-only).
 */
export function parseTarget(t: Target): ParsedTarget {
  // Most targets arrive parsed, with their unit and no 年 (no date test): reading those takes less
  // than a cache look-up.
  if (t.value !== undefined && t.unit !== undefined && !t.raw.includes("年")) return parseTargetOnce(t);
  return cached(t, "parseTarget", parseTargetOnce);
}

function parseTargetOnce(t: Target): ParsedTarget {
  // (a date has 年: the text without it is no date, and squashing cannot add one)
  const date = t.date !== undefined || (t.raw.includes("年") && DATE.test(squashedRaw(t.raw)));
  if (t.value !== undefined) {
    const out: ParsedTarget = { qualitative: false, date, value: t.value };
    if (t.operator) out.operator = t.operator;
    if (t.unit !== undefined) out.unit = squash(t.unit);
    else out.unit = unitOf(squashedRaw(t.raw));
    return out;
  }
  if (date) return { qualitative: false, date };
  const raw = squashedRaw(t.raw);
  const m = /^(≥|≤|>=|<=|=|>|<)?([\d,]+(?:\.\d+)?)(.*)$/.exec(raw);
  if (!m) return { qualitative: t.qualitative !== undefined || !/\d/.test(raw), date: false };
  const out: ParsedTarget = { qualitative: false, date: false, value: m[2]!.replace(/,/g, ""), unit: m[3] ?? "" };
  if (m[1]) out.operator = OPS[m[1]]!;
  return out;
}

const LATEX = /\$|\\geq|\\leq|\\%/g;
const LATEX_SIGNS: Record<string, string> = { "\\geq": "≥", "\\leq": "≤", "\\%": "%" };

/**
 * A target's printed text squashed, LaTeX signs as characters: needed only for a date test, a unit
 * or a target the importer did not parse, so made only when asked for (once per text and run).
 */
const squashedRaw = (raw: string) => cachedText(normaliseRaw, raw);
const normaliseRaw = (raw: string) => squash(raw).replace(LATEX, (m) => LATEX_SIGNS[m] ?? "");
const DATE = /^\d{4}年\d{1,2}月(?:\d{1,2}日)?$/;

/** The unit after a leading number: "12 个月" → "个月", "640.61元/人/月" → "元/人/月". */
export function unitOf(text: string): string | undefined {
  return unitOfSquashed(squash(text));
}

/** `unitOf` of a text that is already squashed. */
export function unitOfSquashed(squashed: string): string | undefined {
  const m = /^[≥≤<>=]*[\d,]+(?:\.\d+)?(.*)$/.exec(squashed);
  return m ? m[1] : undefined;
}

export const isCost = (i: Indicator) => squash(i.level1).includes("成本");

/**
 * The ceiling of a 成本指标 in 分 when it can be read as a total: "≤ X 万元" (× months when the
 * name says 每月/月均 and a 数量指标 in 个月 gives the months), "≤ X 元". Per-unit ceilings
 * ("200 元/件", "770.37 元/人/月") return undefined: their quantity is not reliably linkable.
 */
export function ceilingFen(table: PerformanceTable, i: Indicator): Fen | undefined {
  const p = parseTarget(i.target);
  if (!p.value || !p.unit || (p.operator && !p.operator.startsWith("<") && p.operator !== "=")) return undefined;
  const unit = p.unit;
  let base: Fen | undefined;
  if (unit === "万元") base = parseAmount(p.value, "wanyuan");
  else if (unit === "元") base = parseAmount(p.value, "yuan");
  if (base === undefined) return undefined;
  const name = squash(i.name);
  if (/每月|月均|平均每月/.test(name)) {
    const months = table.indicators
      .filter((x) => !isCost(x))
      .map((x) => parseTarget(x.target))
      .find((x) => x.unit === "个月" || x.unit === "月");
    if (!months?.value || !/^\d+$/.test(months.value)) return undefined;
    return base * Number(months.value);
  }
  if (/每人|每次|每件|人均|单价/.test(name)) return undefined;
  return base;
}

/** A table's 成本指标 in table order, with the `ceilingFen` of each (undefined where none). */
export interface CostCeilings {
  costs: readonly Indicator[];
  ceilings: readonly (Fen | undefined)[];
}

/** The cost indicators of a table and their ceilings, made once per check run (T-32 and P-10 read them). */
export function costCeilings(t: PerformanceTable): CostCeilings {
  return cached(t, "costCeilings", findCostCeilings);
}

function findCostCeilings(t: PerformanceTable): CostCeilings {
  const { level1 } = squashedNames(t);
  const costs = t.indicators.filter((_, k) => level1[k]!.includes("成本")); // isCost
  return { costs, ceilings: costs.map((i) => ceilingFen(t, i)) };
}

/** A table's 一级指标 and 三级指标 names squashed, in indicator order. */
export interface SquashedNames {
  level1: readonly string[];
  name: readonly string[];
}

/** The squashed names of a table's indicators, made once per check run (P-04 … P-07 and the cost rules read them). */
export function squashedNames(t: PerformanceTable): SquashedNames {
  return cached(t, "squashedNames", squashNames);
}

function squashNames(t: PerformanceTable): SquashedNames {
  return { level1: t.indicators.map((i) => squash(i.level1)), name: t.indicators.map((i) => squash(i.name)) };
}
