/**
 * Target-value (指标值) normalisation for the 绩效目标表 parser, plus the small text clean-ups the
 * table cells need. Everything here undoes artefacts of the PDF → text extraction, never the
 * content: the seed prints the same operator as `≥`, `>=`, `> =` and even as LaTeX (`$\geq 92\%$`,
 * from an OCR pass), splits digit groups inside a number ("3520 0 人", "43.5 0 万元", "8013. .56")
 * and puts a space wherever a cell wrapped ("平 方米", "有效 提高").
 */
import type { Target } from "../../model/disclosure.ts";

/** CJK characters and full-width punctuation: a space between two of them is a wrap artefact. */
const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20“”‘’";
const CJK_GAP_RE = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, "gu");
const SPACES_RE = /[\s\u00a0\u3000]+/g;
const HAS_SPACE_RE = /[\s\u00a0\u3000]/;

/**
 * Trims, collapses whitespace and drops the spaces a wrapped cell leaves between two CJK
 * characters ("提高资格考试考务管理与 服务水平" → "…管理与服务水平"). Spaces between a number and a
 * CJK word ("2024 年") are typographic and kept.
 */
export function cleanText(text: string): string {
  if (!HAS_SPACE_RE.test(text)) return text; // the common case, kept cheap (see the benchmark)
  const t = text.replace(SPACES_RE, " ").trim();
  return mayHaveCjkGap(t) ? t.replace(CJK_GAP_RE, "$1") : t;
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
  return HAS_SPACE_RE.test(text) ? text.replace(SPACES_RE, "") : text;
}

/**
 * Re-joins numbers the extraction split: "8013. .56" / "502. 04" → "8013.56" / "502.04" (a wrap
 * after the decimal point, sometimes repeating it), "3520 0" / "32.5 0" → "35200" / "32.50" (a digit
 * group moved into its own text run). Only for 指标值 and 上年完成值 cells, where two numbers never
 * stand side by side.
 */
export function joinSplitNumbers(text: string): string {
  if (!SPLIT_NUMBER_RE.test(text) || !SPLIT_NUMBER_CHANGE_RE.test(text)) return text;
  return text.replace(/(\d)\.\s*\.?\s*(?=\d)/g, "$1.").replace(/(\d)\s+(?=\d)/g, "$1");
}

const SPLIT_NUMBER_RE = /\d\.?\s/;
/**
 * What the two replaces need to change anything: a digit, then "." and a space or a second "."
 * (the first), or spaces and a digit (the second). "242 人" has neither.
 */
const SPLIT_NUMBER_CHANGE_RE = /\d(?:\.[\s.]|\s+\d)/;

const OPERATOR_MAP: Record<string, string> = {
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
const OPERATOR_ART_ANY = /[$\\≥≧⩾≤≦⩽＞＜＝％]|[<>]\s/;

/** Undoes LaTeX and full-width operators and the "> =" / "< =" splits, in one pass. */
function normaliseOperators(text: string): string {
  if (!OPERATOR_ART_ANY.test(text)) return text; // most cells: a cheap test instead of a replace
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
    while (j < s.length && SPACE_RE.test(s[j] as string)) j++;
    return j > i + 1 && s.charCodeAt(j) === 0x3d ? [`${s[i]}=`, j + 1 - i] : undefined;
  }
  const single = c > 0x2000 ? OPERATOR_MAP[s[i] as string] : undefined; // ≥ ≧ ⩾ ≤ ≦ ⩽ ＞ ＜ ＝ ％
  return single === undefined ? undefined : [single, 1];
}
/** In the order the regular expression tries them ("geq" before "ge"). */
const LATEX_OPERATORS = ["geq", "ge", "leq", "le", "gt", "lt"];
const isLowerAscii = (c: number): boolean => c >= 0x61 && c <= 0x7a;

const OPERATOR_RE = /^(>=|<=|=|>|<)\s*/;

/** OPERATOR_RE by hand: the operator at the start of `s` and the length with the spaces after it. */
function leadingOperator(s: string): [Target["operator"], number] | undefined {
  const c = s.charCodeAt(0);
  let n: number;
  if (c === 0x3e || c === 0x3c)
    n = s.charCodeAt(1) === 0x3d ? 2 : 1; // > <, >= <=
  else if (c === 0x3d)
    n = 1; // =
  else return undefined;
  const op: Target["operator"] = c === 0x3d ? "=" : c === 0x3e ? (n === 2 ? ">=" : ">") : n === 2 ? "<=" : "<";
  while (n < s.length && SPACE_RE.test(s[n] as string)) n++;
  return [op, n];
}
const SPACE_RE = /\s/;
const CN_DATE_RE = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日?)?$/;
const ISO_DATE_RE = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/;
const NUMBER_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(.*)$/;

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
  let operator: Target["operator"];
  const op = leadingOperator(s);
  if (op) {
    operator = op[0];
    s = s.slice(op[1]);
  }
  const prefix = operator ? `${operator} ` : "";
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

  const num = NUMBER_RE.exec(s);
  if (num) {
    const int = num[1]!;
    const value = (int.includes(",") ? int.replace(/,/g, "") : int) + (num[2] ?? "");
    const unit = squeeze(num[3] ?? "");
    // A unit that still holds a digit is not a unit: the cell is something we do not understand.
    if (!/\d/.test(unit)) {
      const shown = unit === "" ? value : unit.startsWith("%") ? value + unit : `${value} ${unit}`;
      const target: Target = { raw: prefix + shown, value };
      if (operator) target.operator = operator;
      if (unit) target.unit = unit;
      return { target, ok: true };
    }
  }

  if (compact !== "" && !/\d/.test(compact)) {
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
  const s = normaliseOperators(text).trim();
  if (s === "") return false;
  if (OPERATOR_RE.test(s)) return true;
  return CN_DATE_RE.test(squeeze(joinSplitNumbers(s))) || /^有效/.test(s);
}
