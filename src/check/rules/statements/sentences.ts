/**
 * The 说明 as sentences in any region's wording, for the general statement rules (S-01 …): the
 * text of every section with PDF line breaks, spaces and page numbers taken out and full-width
 * punctuation made one form, cut into sentences; printed numbers read exactly (an integer and its
 * printed decimals, never a float) so that every comparison is judged at the precision printed.
 */
import type { Disclosure } from "../../../model/disclosure.ts";
import type { Location } from "../../../model/finding.ts";
import { PART } from "../text/shared.ts";

/** A sentence of a 说明 section, normalised (see `normalise`). */
export interface Sentence {
  /** the normalised sentence, ending with its 。 or ；when it had one */
  text: string;
  /** the section it is in, for the finding's location */
  section: string;
}

/** A number as printed: mantissa and decimals (5,876.67 → 587667n, 2). */
export interface Printed {
  m: bigint;
  k: number;
  /** the digits as printed ("5,876.67") */
  text: string;
}

/** A printed amount with its unit. */
export interface PrintedAmount extends Printed {
  unit: "元" | "万元" | "亿元";
}

const FULL_WIDTH: Record<string, string> = {
  "，": ",",
  "；": ";",
  "：": ":",
  "（": "(",
  "）": ")",
  "％": "%",
  "．": ".",
  "－": "-",
  "—": "-",
};

/**
 * A line that is only punctuation: the end of a table cell wrapped onto a line of its own (a 绩效
 * 自评表 read as prose: "…工作考核" / "。"), not part of the sentence it would be joined to.
 */
const PUNCTUATION_LINE = /^[\s。，,；;：:、.]+$/;

/** A line that is only a page number ("12", "- 12 -", "第 3 页", "3/20"): not part of a sentence. */
const PAGE_LINE = /^[-—–\s]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*\/\s*\d{1,3})?(?:\s*共\s*\d{1,3}\s*页)?[-—–\s]*$/;

/**
 * Joins a section's lines (a PDF breaks sentences anywhere, even inside words and numbers' units),
 * drops page-number lines, removes white space and makes full-width punctuation and digits ASCII.
 */
export function normalise(text: string): string {
  const lines = text.split("\n").filter((l) => !PAGE_LINE.test(l) && !PUNCTUATION_LINE.test(l));
  return lines
    .join("")
    .replace(/[\s\u00a0\u3000]+/g, "")
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[，；：（）％．－—]/g, (c) => FULL_WIDTH[c] ?? c);
}

/** Cuts normalised text into sentences at 。 ; and ？！. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。;？！])(?![。;？！])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The section label for locations: its printed title, else 说明 and its number. */
function sectionLabel(no: number, title: string): string {
  const t = title.replace(/\s+/g, "");
  return t ? t.slice(0, 40) : `说明第${no}节`;
}

const sentenceCache = new WeakMap<Disclosure, Sentence[]>();

/**
 * Every sentence of the document's 说明 sections (and its 其他事项 notes), in order. Sections read
 * by a regional template without their own text contribute their statements' text.
 */
export function sentencesOf(d: Disclosure): Sentence[] {
  const hit = sentenceCache.get(d);
  if (hit) return hit;
  const out: Sentence[] = [];
  for (const e of d.explanations) {
    const raw = e.text || e.statements.map((s) => s.text).join("\n");
    const section = sectionLabel(e.no, e.title);
    for (const text of splitSentences(normalise(raw))) out.push({ text, section });
  }
  sentenceCache.set(d, out);
  return out;
}

/** A finding's location in the 说明. */
export function sentenceLoc(s: Sentence): Location {
  return { part: PART.text, section: s.section };
}

/** A sentence shortened for a message: at most 80 characters around `at`. */
export function excerpt(s: string, at = 0, len = 80): string {
  if (s.length <= len) return s;
  const start = Math.max(0, Math.min(at - 20, s.length - len));
  return `${start > 0 ? "…" : ""}${s.slice(start, start + len)}${start + len < s.length ? "…" : ""}`;
}

/** A printed number: digits with optional thousands separators and decimals. */
export const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** Reads a printed number ("5,876.67", "0.8") exactly. */
export function readNumber(text: string): Printed {
  const t = text.replace(/,/g, "");
  const dot = t.indexOf(".");
  const k = dot < 0 ? 0 : t.length - dot - 1;
  return { m: BigInt(t.replace(".", "")), k, text };
}

/** Units of 10⁻¹² 万元 per printed unit step of each amount unit (exact integer arithmetic). */
const SCALE = 12;
const UNIT_EXP: Record<PrintedAmount["unit"], number> = { 元: -4, 万元: 0, 亿元: 4 };

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** An amount in 10⁻¹² 万元 (exact for up to 8 decimals in 元). */
export function scaled(a: PrintedAmount): bigint {
  const e = SCALE + UNIT_EXP[a.unit] - a.k;
  return e >= 0 ? a.m * pow10(e) : a.m / pow10(-e);
}

/**
 * One printed step of the amount (its last printed digit) in 10⁻¹² 万元. The true amount lies
 * within one step of the printed one whether the document rounds or cuts (Shanghai cuts): rules
 * accept anything within that, so a difference they report is beyond any rounding.
 */
export function step(a: PrintedAmount): bigint {
  const e = SCALE + UNIT_EXP[a.unit] - a.k;
  return e >= 0 ? pow10(e) : 1n;
}

/** An amount in 10⁻¹² 万元 → 万元 text with the given decimals (for messages). */
export function formatScaled(v: bigint, decimals = 2): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const unit = pow10(SCALE - decimals);
  const q = (abs + unit / 2n) / unit;
  const s = q.toString().padStart(decimals + 1, "0");
  const int = s.slice(0, s.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${int}${decimals > 0 ? `.${s.slice(s.length - decimals)}` : ""}`;
}

/** A ratio num / den as a percentage with the given decimals, rounded half up (den > 0). */
export function formatRatio(num: bigint, den: bigint, decimals: number): string {
  if (den <= 0n) return "—";
  const neg = num < 0n;
  const n = neg ? -num : num;
  const scale = pow10(decimals);
  const q = (2n * n * 100n * scale + den) / (2n * den);
  const s = q.toString().padStart(decimals + 1, "0");
  const int = s.slice(0, s.length - decimals);
  return `${neg ? "-" : ""}${int}${decimals > 0 ? `.${s.slice(s.length - decimals)}` : ""}%`;
}

/** A ratio n / d (d > 0). */
export type Ratio = readonly [n: bigint, d: bigint];

/**
 * Whether a percentage printed as `p` (with its decimals) can be a true ratio × 100 that lies
 * between `min` and `max` (the extreme ratios the printed amounts allow): the printed rate stands
 * for [p − ½ step, p + 1 step) whether the document rounds or cuts. Exact integer arithmetic. A
 * bound whose denominator is not positive is open (the base may be zero: any rate is possible).
 * `halfStepsBelow` widens the lower end (3: one and a half steps, for shares adjusted to add up).
 */
export function rateAgrees(p: Printed, min: Ratio, max: Ratio, halfStepsBelow = 1n): boolean {
  const k = pow10(p.k);
  const lo = 2n * p.m - halfStepsBelow; // (p − ½ step) in units of 1/(2·10^k) percent
  const hi = 2n * p.m + 2n; // (p + 1 step)
  // ratio × 100 × 2·10^k against lo and hi
  const minOk = min[1] <= 0n || min[0] * 200n * k <= hi * min[1];
  const maxOk = max[1] <= 0n || max[0] * 200n * k >= lo * max[1];
  return minOk && maxOk;
}

/**
 * The amount printed at the very end of `before` (a comma may follow it, and a share of it:
 * "3,374.27万元,占64.65%,"), with where it starts.
 */
export function amountEndingAt(before: string): { amount: PrintedAmount; start: number } | undefined {
  const m = new RegExp(
    String.raw`(?:^|[^\d.,])(${NUMBER})(亿元|万元|元),?(?:占[^,;。%]{0,12}?(?:${NUMBER})%,?)?$`,
  ).exec(before);
  if (!m) return undefined;
  const start = before.length - m[0].length + (/^[\d]/.test(m[0]) ? 0 : 1);
  return { amount: { ...readNumber(m[1]!), unit: m[2] as PrintedAmount["unit"] }, start };
}

const amountCache = new Map<string, { amount: PrintedAmount; index: number }[]>();

/** Every amount printed in a string, with where it starts (do not change the result). */
export function amountsIn(s: string): { amount: PrintedAmount; index: number }[] {
  const hit = amountCache.get(s);
  if (hit) return hit;
  if (amountCache.size > 5000) amountCache.clear();
  const out: { amount: PrintedAmount; index: number }[] = [];
  const re = new RegExp(String.raw`(?<![\d.,])(${NUMBER})(亿元|万元|元)`, "g");
  for (const m of s.matchAll(re))
    out.push({ amount: { ...readNumber(m[1]!), unit: m[2] as PrintedAmount["unit"] }, index: m.index ?? 0 });
  amountCache.set(s, out);
  return out;
}
