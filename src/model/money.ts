/**
 * Exact money. Every amount in yusuan is an integer number of 分 (0.01 元), held in a JS number
 * that is guarded to stay a safe integer (±9×10¹⁵ 分 = ±90 万亿元). Never a float.
 *
 * Documents print amounts in 万元 with two decimals (1 万元 = 1,000,000 分, so 0.01 万元 = 100 元 =
 * 10,000 分) or in 元 with two decimals. Parsing goes from the printed string straight to integers.
 */
import Big from "big.js";

/** An exact amount in 分. */
export type Fen = number & { readonly __brand?: "fen" };

/** The unit a document prints its amounts in. */
export type AmountUnit = "wanyuan" | "yuan";

export const FEN_PER_YUAN = 100;
export const FEN_PER_WANYUAN = 1_000_000;

/** Fen per printed unit. */
export function fenPerUnit(unit: AmountUnit): number {
  return unit === "wanyuan" ? FEN_PER_WANYUAN : FEN_PER_YUAN;
}

/** Guard: throws (a programmer error) when a value is not a safe integer. */
export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an exact amount in 分: ${value}`);
  return value as Fen;
}

const AMOUNT_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Parses a printed amount ("5,219.30", "-0.01", "321.44") in the given unit into 分.
 * Returns undefined when the text is not an amount. Extra decimals beyond what the unit can hold
 * exactly are rejected rather than rounded: amounts must be exact.
 *
 * @example parseAmount("5,219.30", "wanyuan") // 5219300000
 */
export function parseAmount(text: string, unit: AmountUnit): Fen | undefined {
  const fast = parsePlainAmount(text, unit === "wanyuan" ? 6 : 2);
  if (fast !== undefined) return fast;
  // Only the ends are trimmed: "201 06" is a code printed in two columns, never the amount 20106.
  // (replace only when needed: tables hold thousands of amounts per document)
  const trimmed = text.trim();
  const t = trimmed.includes("，") ? trimmed.replace(/，/g, ",") : trimmed;
  const m = AMOUNT_RE.exec(t);
  if (!m) return undefined;
  const sign = m[1] === "-" ? -1 : 1;
  const g = m[2] ?? "0";
  const int = g.includes(",") ? g.replace(/,/g, "") : g;
  const frac = m[3] ?? "";
  const scaleDigits = unit === "wanyuan" ? 6 : 2;
  if (frac.length > scaleDigits) return undefined;
  const digits = int + frac.padEnd(scaleDigits, "0");
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) return undefined;
  return fen(sign * n);
}

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * parseAmount's fast path for the common form, digits with an optional fraction and nothing else
 * ("5219.30", "0.15", "12"): the value in 分, or undefined to let the full parser decide (signs,
 * separators, spaces, too many decimals, anything else). Same result as the full parser.
 */
function parsePlainAmount(text: string, scaleDigits: number): Fen | undefined {
  const n = text.length;
  let value = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
  }
  if (i === 0 || i > 15) return undefined;
  if (i === n) {
    const whole = value * (POW10[scaleDigits] as number);
    return Number.isSafeInteger(whole) ? whole : undefined;
  }
  if (text.charCodeAt(i) !== 46 /* . */) return undefined;
  const fracStart = ++i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    value = value * 10 + c;
  }
  const frac = n - fracStart;
  if (frac === 0 || frac > scaleDigits) return undefined;
  const result = value * (POW10[scaleDigits - frac] as number);
  return Number.isSafeInteger(result) ? result : undefined;
}

/** Parses an amount in 元 given as a plain decimal string (e.g. from CSV): "12345.67". */
export function parseYuan(text: string): Fen | undefined {
  return parseAmount(text, "yuan");
}

/**
 * Rounds 分 to the nearest printed unit step (0.01 万元 = 10,000 分; 0.01 元 = 1 分), half up
 * away from zero (四舍五入), returning 分.
 */
export function roundToPrinted(amount: Fen, unit: AmountUnit): Fen {
  if (unit === "yuan") return amount;
  const step = FEN_PER_WANYUAN / 100;
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  return fen(sign * Math.floor((abs + step / 2) / step) * step);
}

/**
 * Formats 分 in a unit with two decimals and thousands separators ("5,219.30"). Amounts that are
 * not a whole number of printed steps are rounded half up first.
 */
export function formatAmount(amount: Fen, unit: AmountUnit = "wanyuan", grouping = true): string {
  const r = roundToPrinted(amount, unit);
  const per = fenPerUnit(unit);
  const sign = r < 0 ? "-" : "";
  const abs = Math.abs(r);
  const whole = Math.floor(abs / per);
  const cents = Math.round((abs % per) / (per / 100));
  const w = grouping ? groupThousands(whole) : String(whole);
  return `${sign}${w}.${cents < 10 ? "0" : ""}${cents}`;
}

/**
 * Formats 分 as a table prints them: with its own decimals when it prints more than two (some 万元
 * tables print 6: "112,859.652716" is not "112,859.65"), else as `formatAmount`. More decimals
 * than the unit holds (分 is 6 in 万元, 2 in 元) are cut at what it holds.
 */
export function formatPrinted(amount: Fen, unit: AmountUnit, precision: number | undefined, grouping = true): string {
  const per = fenPerUnit(unit);
  const dec = Math.min(precision ?? 2, String(per).length - 1);
  if (dec <= 2) return formatAmount(amount, unit, grouping);
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / per);
  const frac = String(abs % per)
    .padStart(String(per).length - 1, "0")
    .slice(0, dec);
  return `${sign}${grouping ? groupThousands(whole) : String(whole)}.${frac}`;
}

/**
 * A non-negative integer with comma thousands separators ("5219" → "5,219"), as
 * `toLocaleString("en-US")` prints it without going through ICU (this runs for every finding).
 */
export function groupThousands(n: number): string {
  const s = String(n);
  if (s.length <= 3) return s;
  let out = s.slice(0, s.length % 3 || 3);
  for (let i = out.length; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`;
  return out;
}

/** Formats 分 as 万元 with two decimals ("5,219.30"). */
export function formatWanyuan(amount: Fen): string {
  return formatAmount(amount, "wanyuan");
}

/** Sum of amounts (exact). */
export function sum(amounts: readonly Fen[]): Fen {
  let s = 0;
  for (const a of amounts) s += a;
  return fen(s);
}

/**
 * The rounding tolerance for a printed total against the sum of n printed addends:
 * 0.005 × (n + 1) 万元 (domain-rules.md, "Rounding bound"), in 分. For documents printed in 元 the
 * same reasoning gives 0.005 × (n + 1) 元.
 */
export function roundingTolerance(addends: number, unit: AmountUnit = "wanyuan"): Fen {
  const halfStep = fenPerUnit(unit) / 200; // 0.005 units in 分
  return fen(Math.floor(halfStep * (addends + 1)));
}

/** A percentage held exactly as an integer number of hundredths of a percent: 64.65% → 6465. */
export type CentiPercent = number & { readonly __brand?: "centiPercent" };

/** Parses "64.65%", "1,065.95", "-7.42" into hundredths of a percent. */
export function parsePercent(text: string): CentiPercent | undefined {
  const t = text
    .trim()
    .replace(/[%％\s]/g, "")
    .replace(/,/g, "");
  const m = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  const v = Number((m[2] ?? "0") + (m[3] ?? "").padEnd(2, "0"));
  return (m[1] === "-" ? -v : v) as CentiPercent;
}

/** Formats hundredths of a percent: 6465 → "64.65%". */
export function formatPercent(p: CentiPercent, withSign = false): string {
  const sign = p < 0 ? "-" : withSign && p > 0 ? "+" : "";
  const abs = Math.abs(p);
  const whole = groupThousands(Math.floor(abs / 100));
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")}%`;
}

/**
 * part / whole as a percentage rounded half up to 0.01% (the way documents print 占比).
 * Returns undefined when whole is 0.
 * @example share(3374270000, 5219300000) // 6465 (64.65%)
 */
export function share(part: Fen, whole: Fen): CentiPercent | undefined {
  if (whole === 0) return undefined;
  return divRoundHalfUp(part * 10000, whole, part, 10000) as CentiPercent;
}

/**
 * Growth rate change / (current − change) rounded half up to 0.01%, i.e. against last year's
 * amount. Returns undefined when last year's amount is 0 (documents then write "增长 100.00%" by
 * convention; the checker treats that as a warning, not an error).
 */
export function growth(current: Fen, change: Fen): CentiPercent | undefined {
  const prior = current - change;
  if (prior === 0) return undefined;
  return divRoundHalfUp(change * 10000, prior, change, 10000) as CentiPercent;
}

/**
 * Exact num / den rounded half up (away from zero), num = a × k. Uses integer arithmetic on
 * numbers while a × k is a safe integer (amounts below about 9×10¹¹ 分), big.js beyond that.
 */
function divRoundHalfUp(num: number, den: number, a: number, k: number): number {
  if (!Number.isSafeInteger(num)) {
    return Number(new Big(a).times(k).div(den).round(0, Big.roundHalfUp).toString());
  }
  const negative = num < 0 !== den < 0;
  const n = Math.abs(num);
  const d = Math.abs(den);
  const r = n % d; // exact for safe integers
  let q = (n - r) / d; // exact: n − r is a multiple of d
  if (2 * r >= d) q += 1;
  return negative && q !== 0 ? -q : q;
}

/** Converts an exact amount between units for printing: used for 元 documents shown in 万元. */
export function convert(amount: Fen, to: AmountUnit): Fen {
  return roundToPrinted(amount, to);
}
