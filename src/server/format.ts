/** Display helpers for pages: money in 万元, shares and changes. */
import { formatAmount, formatPercent, growth, share } from "../model/money.ts";

/** 分 → "1,234.56" 万元; null/undefined → "" (blank is not zero). */
export function wan(v: number | null | undefined): string {
  return typeof v === "number" ? formatAmount(v, "wanyuan") : "";
}

export function pct(part: number, whole: number): string {
  const s = share(part, whole);
  return s === undefined ? "" : formatPercent(s);
}

/** change from prior to current as "+12.34%" or "" when there is no prior. */
export function growthText(current: number, prior: number | undefined): string {
  if (prior === undefined) return "";
  const g = growth(current, current - prior);
  return g === undefined ? (current > 0 ? "新增" : "") : formatPercent(g, true);
}

export function int(v: string | undefined, dflt: number, min = 0, max = 1_000_000): number {
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : dflt;
}
