/**
 * Target-value (指标值) normalisation for the 绩效目标表 parser, plus the small text clean-ups the
 * table cells need. Everything here undoes artefacts of the PDF → text extraction, never the
 * content: the seed prints the same operator as `≥`, `>=`, `> =` and even as LaTeX (`$\geq 92\%$`,
 * from an OCR pass), splits digit groups inside a number ("3520 0 人", "43.5 0 万元", "8013. .56")
 * and puts a space wherever a cell wrapped ("平 方米", "有效 提高").
 */
import type { Target } from "../../model/disclosure.ts";
import { isSpace } from "./lines.ts";

/** CJK characters and full-width punctuation: a space between two of them is a wrap artefact. */
const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20“”‘’";
const CJK_GAP_RE = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, "gu");
const SPACES_RE = /[\s\u00a0\u3000]+/g;

/**
 * Trims, collapses whitespace and drops the spaces a wrapped cell leaves between two CJK
 * characters ("提高资格考试考务管理与 服务水平" → "…管理与服务水平"). Spaces between a number and a
 * CJK word ("2024 年") are typographic and kept.
 */
export function cleanText(text: string): string {
  // One scan: no whitespace at all (the common case) is returned as it is; single ASCII spaces
  // between other characters need no collapsing or trimming, only the CJK gap test.
  const n = text.length;
  let plain = true;
  let spaces = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) continue;
    spaces = true;
    if (c !== 0x20 || i === 0 || i === n - 1 || isSpace(text.charCodeAt(i + 1))) {
      plain = false;
      break;
    }
  }
  if (!spaces) return text;
  const t = plain ? text : text.replace(SPACES_RE, " ").trim();
  return mayHaveCjkGap(t) ? t.replace(CJK_GAP_RE, "$1") : t;
}

/** /\d/.test(text), by hand. */
function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** True when `text` holds a whitespace character (HAS_SPACE_RE, by hand: most cells hold none). */
function hasSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isSpace(text.charCodeAt(i))) return true;
  return false;
}

/**
 * False when CJK_GAP_RE cannot match `t` (whitespace already collapsed to single spaces): no space
 * between two code units that may belong to CJK characters (all of them are ≥ U+2E80, or quotes;
 * a character beyond the BMP shows as a surrogate, which is ≥ U+D800). Most cells have none.
 */
function mayHaveCjkGap(t: string): boolean {
  for (let i = t.indexOf(" "); i > 0 && i < t.length - 1; i = t.indexOf(" ", i + 1))
    if (mayBeCjk(t.charCodeAt(i - 1)) && mayBeCjk(t.charCodeAt(i + 1))) return true;
  return false;
}

function mayBeCjk(c: number): boolean {
  return c >= 0x2e80 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d;
}

/** Removes every whitespace character: level labels ("满意 度指 标") and units ("平 方米"). */
export function squeeze(text: string): string {
  return hasSpace(text) ? text.replace(SPACES_RE, "") : text;
}

/**
 * Re-joins numbers the extraction split: "8013. .56" / "502. 04" → "8013.56" / "502.04" (a wrap
 * after the decimal point, sometimes repeating it), "3520 0" / "32.5 0" → "35200" / "32.50" (a digit
 * group moved into its own text run). Only for 指标值 and 上年完成值 cells, where two numbers never
 * stand side by side.
 */
export function joinSplitNumbers(text: string): string {
  if (!maySplitNumber(text)) return text;
  return text.replace(/(\d)\.\s*\.?\s*(?=\d)/g, "$1.").replace(/(\d)\s+(?=\d)/g, "$1");
}

/**
 * SPLIT_NUMBER_RE.test(text) && SPLIT_NUMBER_CHANGE_RE.test(text), in one scan by hand (both are
 * tried on every 指标值 and 上年完成值 cell; almost none has a split number).
 */
function maySplitNumber(text: string): boolean {
  let split = false; // SPLIT_NUMBER_RE
  let change = false; // SPLIT_NUMBER_CHANGE_RE
  const n = text.length;
  for (let i = 0; i < n - 1; i++) {
    if (!isDigit(text.charCodeAt(i))) continue;
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 0x2e) {
      const c2 = text.charCodeAt(i + 2); // (NaN past the end: neither a space nor ".")
      if (isSpace(c2)) return true; // "1. " matches both
      if (c2 === 0x2e) change = true;
    } else if (isSpace(c1)) {
      split = true;
      let j = i + 2;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j < n && isDigit(text.charCodeAt(j))) return true; // "1 2" matches both
    }
    if (split && change) return true;
  }
  return false;
}
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** (the patterns maySplitNumber tests by hand) */
export const SPLIT_NUMBER_RE = /\d\.?\s/;
/**
 * What the two replaces need to change anything: a digit, then "." and a space or a second "."
 * (the first), or spaces and a digit (the second). "242 人" has neither.
 */
export const SPLIT_NUMBER_CHANGE_RE = /\d(?:\.[\s.]|\s+\d)/;

/** What each operator artefact of the extraction stands for. */
export const OPERATOR_MAP: Readonly<Record<string, string>> = {
  $: "",
  "\\ge": ">=",
  "\\geq": ">=",
  "\\le": "<=",
  "\\leq": "<=",
  "\\gt": ">",
  "\\lt": "<",
  "\\%": "%",
  "≥": ">=",
  "≧": ">=",
  "⩾": ">=",
  "≤": "<=",
  "≦": "<=",
  "⩽": "<=",
  "＞": ">",
  "＜": "<",
  "＝": "=",
  "％": "%",
};
/**
 * The artefacts, as one regular expression: /\$|\\(?:geq?|leq?|gt|lt)(?![a-z])|\\%|[≥≧⩾≤≦⩽＞＜＝％]|([<>])\s+=/g,
 * each match replaced by OPERATOR_MAP's value ("" for "$"), "> =" / "< =" by ">=" / "<=".
 * normaliseOperators applies it by hand; OPERATOR_ART_ANY is what every match starts with.
 */
export const OPERATOR_ART_ANY = /[$\\≥≧⩾≤≦⩽＞＜＝％]|[<>]\s/;

/** Undoes LaTeX and full-width operators and the "> =" / "< =" splits, in one pass. */
function normaliseOperators(text: string): string {
  if (!hasOperatorArt(text)) return text; // most cells: a cheap test instead of a replace
  // The replace by hand, left to right (a replace with a function is slow).
  let out = "";
  let start = 0;
  for (let i = 0; i < text.length; ) {
    const at = operatorArtAt(text, i);
    if (at === undefined) {
      i++;
      continue;
    }
    out += text.slice(start, i) + at[0];
    i += at[1];
    start = i;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** OPERATOR_ART_ANY.test(text), by hand. */
function hasOperatorArt(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2000) {
      if (c === 0x24 || c === 0x5c) return true; // $ \
      if ((c === 0x3c || c === 0x3e) && isSpace(text.charCodeAt(i + 1))) return true; // "< ", "> "
    } else if (
      c === 0x2265 || // ≥
      c === 0x2267 || // ≧
      c === 0x2a7e || // ⩾
      c === 0x2264 || // ≤
      c === 0x2266 || // ≦
      c === 0x2a7d || // ⩽
      c === 0xff1e || // ＞
      c === 0xff1c || // ＜
      c === 0xff1d || // ＝
      c === 0xff05 // ％
    )
      return true;
  }
  return false;
}

/** The replacement and length of an artefact (see OPERATOR_ART_ANY) at `i`, if one starts there. */
function operatorArtAt(s: string, i: number): [string, number] | undefined {
  const c = s.charCodeAt(i);
  if (c === 0x24) return ["", 1]; // $
  if (c === 0x5c) {
    // \geq \ge \leq \le \gt \lt not followed by a letter, \%
    for (const name of LATEX_OPERATORS) {
      const end = i + 1 + name.length;
      if (s.startsWith(name, i + 1) && !isLowerAscii(s.charCodeAt(end)))
        return [OPERATOR_MAP[`\\${name}`] as string, end - i];
    }
    return s.charCodeAt(i + 1) === 0x25 ? ["%", 2] : undefined;
  }
  if (c === 0x3c || c === 0x3e) {
    // "> =", "< =": spaces, then =
    let j = i + 1;
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    return j > i + 1 && s.charCodeAt(j) === 0x3d ? [`${s[i]}=`, j + 1 - i] : undefined;
  }
  const single = c > 0x2000 ? SINGLE_OPERATORS.get(c) : undefined; // ≥ ≧ ⩾ ≤ ≦ ⩽ ＞ ＜ ＝ ％
  return single === undefined ? undefined : [single, 1];
}
/** OPERATOR_MAP's one-character entries by code unit. */
const SINGLE_OPERATORS = new Map(
  Object.entries(OPERATOR_MAP)
    .filter(([k]) => k.length === 1 && k.charCodeAt(0) > 0x2000)
    .map(([k, v]) => [k.charCodeAt(0), v]),
);
/** In the order the regular expression tries them ("geq" before "ge"). */
const LATEX_OPERATORS = ["geq", "ge", "leq", "le", "gt", "lt"];
const isLowerAscii = (c: number): boolean => c >= 0x61 && c <= 0x7a;

/** (the pattern leadingOperator and looksLikeTarget apply by hand) */
export const OPERATOR_RE = /^(>=|<=|=|>|<)\s*/;

/** OPERATOR_RE by hand: the operator at the start of `s` (its group 1). */
function leadingOperator(s: string): Target["operator"] {
  const c = s.charCodeAt(0);
  if (c === 0x3d) return "=";
  if (c !== 0x3e && c !== 0x3c) return undefined;
  const eq = s.charCodeAt(1) === 0x3d;
  return c === 0x3e ? (eq ? ">=" : ">") : eq ? "<=" : "<";
}
/** The operator as `raw` starts with it. */
const PREFIX: Record<NonNullable<Target["operator"]>, string> = {
  ">=": ">= ",
  "<=": "<= ",
  "=": "= ",
  ">": "> ",
  "<": "< ",
};
const CN_DATE_RE = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日?)?$/;
const ISO_DATE_RE = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/;
const NUMBER_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(.*)$/;

/**
 * NUMBER_RE.exec(s)'s groups (integer, fraction, rest). By hand for the usual cell, a run of digits
 * not followed by "," ("242 人", "32.50万元"); through NUMBER_RE when a comma follows the digits
 * or the rest holds a line terminator (which "." does not match).
 */
function readNumber(s: string): [string, string | undefined, string] | undefined {
  const n = s.length;
  let i = 0;
  while (i < n && isDigitCode(s.charCodeAt(i))) i++;
  if (i === 0) return undefined; // (both alternatives start with a digit)
  if (s.charCodeAt(i) === 0x2c) return viaRegExp(s);
  const int = s.slice(0, i);
  let frac: string | undefined;
  if (s.charCodeAt(i) === 0x2e && isDigitCode(s.charCodeAt(i + 1))) {
    let j = i + 2;
    while (j < n && isDigitCode(s.charCodeAt(j))) j++;
    frac = s.slice(i, j);
    i = j;
  }
  for (let k = i; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return viaRegExp(s);
  }
  return [int, frac, s.slice(i)];
}
const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;

function viaRegExp(s: string): [string, string | undefined, string] | undefined {
  const m = NUMBER_RE.exec(s);
  return m ? [m[1] as string, m[2], m[3] as string] : undefined;
}

const pad2 = (s: string): string => s.padStart(2, "0");

function isoDate(y: string, m: string, d: string | undefined): string | undefined {
  const month = Number(m);
  const day = d === undefined ? 1 : Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return d === undefined ? `${y}-${pad2(m)}` : `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The result of reading one 指标值 cell; `ok` is false when only `raw` could be filled. */
export interface TargetReading {
  target: Target;
  ok: boolean;
}

/**
 * Reads a 指标值 cell into { raw, operator, value, unit } (numeric), { raw, date } or
 * { raw, qualitative }. `raw` is the normalised printed form: ">= 92%", "<= 32.50 万元",
 * "= 0 起", "2025年12月10日", "有效提高".
 */
export function normaliseTarget(text: string): TargetReading {
  let s = cleanText(normaliseOperators(text));
  const operator = leadingOperator(s);
  if (operator) {
    // (the operator as read is its ASCII spelling, then any spaces)
    let n = operator.length;
    while (n < s.length && isSpace(s.charCodeAt(n))) n++;
    s = s.slice(n);
  }
  const prefix = operator ? PREFIX[operator] : "";
  s = joinSplitNumbers(s);
  const compact = squeeze(s);

  // (both date forms have 年, - or / after four digits)
  const c4 = compact.charCodeAt(4);
  const date =
    c4 === 0x5e74 || c4 === 0x2d || c4 === 0x2f ? (CN_DATE_RE.exec(compact) ?? ISO_DATE_RE.exec(compact)) : null;
  if (date) {
    const iso = isoDate(date[1]!, date[2]!, date[3]);
    if (iso) {
      const target: Target = { raw: prefix + compact, date: iso };
      if (operator) target.operator = operator;
      return { target, ok: true };
    }
  }

  const num = readNumber(s);
  if (num) {
    const int = num[0];
    const value = (int.includes(",") ? int.replace(/,/g, "") : int) + (num[1] ?? "");
    const unit = squeeze(num[2] ?? "");
    // A unit that still holds a digit is not a unit: the cell is something we do not understand.
    if (!hasDigit(unit)) {
      const shown = unit === "" ? value : unit.startsWith("%") ? value + unit : `${value} ${unit}`;
      const target: Target = { raw: prefix + shown, value };
      if (operator) target.operator = operator;
      if (unit) target.unit = unit;
      return { target, ok: true };
    }
  }

  if (compact !== "" && !hasDigit(compact)) {
    const target: Target = { raw: prefix + compact, qualitative: compact };
    if (operator) target.operator = operator;
    return { target, ok: true };
  }
  return { target: { raw: prefix + s }, ok: false };
}

/** 上年完成值 as printed, with the same number and wrap artefacts undone ("8013. 56 平 方米"). */
export function normaliseLastYear(text: string): string {
  return cleanText(joinSplitNumbers(cleanText(text)));
}

/** A cell that reads as a 指标值 (used to tell indicator rows from other lines). */
export function looksLikeTarget(text: string): boolean {
  // Most 指标值 cells start with an operator, which normaliseOperators keeps first: no copy for them.
  const c0 = text.charCodeAt(0);
  if (c0 === 0x3e || c0 === 0x3c || c0 === 0x3d) return true;
  const s = normaliseOperators(text).trim();
  if (s === "") return false;
  const c = s.charCodeAt(0);
  if (c === 0x3e || c === 0x3c || c === 0x3d) return true; // OPERATOR_RE: > < =
  // CN_DATE_RE needs a leading digit, which joinSplitNumbers and squeeze keep (s is trimmed)
  if (isDigit(c) && CN_DATE_RE.test(squeeze(joinSplitNumbers(s)))) return true;
  return s.startsWith("有效");
}
