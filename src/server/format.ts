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

export type Kind = "budget" | "finalAccounts";

/** 预算 or 决算, everywhere a disclosure is named: titles, lists, compare. */
export const KIND_NAMES: Record<Kind, string> = { budget: "部门预算", finalAccounts: "部门决算" };
export const KIND_SHORT: Record<Kind, string> = { budget: "预算", finalAccounts: "决算" };

/** A department-year page: the 预算 at /departments/ID/YEAR, the 决算 with ?kind=finalAccounts. */
export function disclosurePath(departmentId: number, year: number, kind: Kind, version?: number): string {
  const q = [kind === "finalAccounts" ? "kind=finalAccounts" : "", version !== undefined ? `version=${version}` : ""]
    .filter(Boolean)
    .join("&");
  return `/departments/${departmentId}/${year}${q ? `?${q}` : ""}`;
}
