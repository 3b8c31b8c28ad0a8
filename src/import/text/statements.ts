/**
 * Statements: the numeric claims of the 说明 text, one per sentence subject, e.g.
 * "一般公共预算 3,374.27 万元，占 64.65%，比上年预算增加 719.53 万元，增长 27.10%，主要原因是…"
 * → { subject: "一般公共预算", amount: 3374270000, share: 6465, change: 719530000, growth: 2710, reason }
 * (amounts in 分, signed: 减少/下降 give negative values).
 *
 * The parser is structural, not one regular expression per sentence: a sentence is split into
 * clauses at "；", a clause into its "其中：" parts and then into "，" pieces; each piece is an
 * amount, a share, a change or a growth rate, and starts a new statement when it names its own
 * subject. Statements about the same subject within a section (三公: amounts in one sentence,
 * changes in the next) are merged.
 *
 * 决算 说明 set the 决算 against the 年初预算 ("年初预算为 1560.05 万元，支出决算为1511.89万元，完成年初
 * 预算的98.20%。决算数小于预算数的主要原因：…"): the 年初预算 is `budget`, the 决算 `amount`, the rate
 * `completion`; the item they belong to is named in the sentence before ("1、一般公共服务支出（类）
 * 财政事务（款）行政运行（项）。主要用于：…"), and the 原因 follows in a sentence of its own.
 */
import type { Statement } from "../../model/disclosure.ts";
import { type AmountUnit, parseAmount, parsePercent } from "../../model/money.ts";
import { isCnNumeral, isSpace, stripEnum } from "./lines.ts";

export interface StatementContext {
  department?: string | undefined;
  year?: number | undefined;
  /** function code for a subject naming a 类/款/项, when resolvable */
  resolveCode?: (subject: string) => string | undefined;
}

interface Sentence {
  s: string;
  offset: number;
}

/** Sentences at "。", and at line breaks that end a heading or precede a new item. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let lineStart = 0;
  // The next "。" and line break, found natively (a sentence is tens of characters long).
  let stop = text.indexOf("。");
  let br = text.indexOf("\n");
  while (stop >= 0 || br >= 0) {
    const i = br < 0 || (stop >= 0 && stop < br) ? stop : br;
    if (i === stop) {
      pushSentence(out, text, start, i);
      start = i + 1;
      stop = text.indexOf("。", i + 1);
    } else {
      br = text.indexOf("\n", i + 1);
      if (endsSentence(text, lineStart, i)) {
        pushSentence(out, text, start, i);
        start = i + 1;
      }
      lineStart = i + 1;
    }
  }
  pushSentence(out, text, start, text.length);
  return out;
}

/** Adds text[start, end) without its line breaks, trimmed, unless that is empty. */
function pushSentence(out: Sentence[], text: string, start: number, end: number): void {
  // (trimming first: line breaks are whitespace, so the ends come out as after removing them)
  let a = start;
  let b = end;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  if (a === b) return;
  const s = text.slice(a, b);
  out.push({ s: s.includes("\n") ? s.replace(/\n/g, "") : s, offset: start });
}

/**
 * Whether the line break at `br` ends the sentence, for the line text[lineStart, br): a line
 * ending with "。；;：:"; a short line (a heading) unless the next line opens with the amount of
 * the sentence ("…机关运行经费预算支出\n6032.55万元，比…", Jiangsu); a line before a new item.
 * A wrapped line is long and ends mid-sentence. The next line is looked at in its first 11
 * characters, as `text.slice(br + 1, br + 12)`.
 */
function endsSentence(text: string, lineStart: number, br: number): boolean {
  let a = lineStart;
  let b = br;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  const last = b > a ? text.charCodeAt(b - 1) : -1;
  // /[。；;：:]$/
  if (last === 0x3002 || last === 0xff1b || last === 0x3b || last === 0xff1a || last === 0x3a) return true;
  const to = Math.min(br + 12, text.length);
  // (a trimmed line ends with no whitespace: /[^\s，,。：:；;]$/ is "ends with none of these")
  if (b - a < 30 && !(last >= 0 && last !== 0xff0c && last !== 0x2c && amountStarts(text, br + 1, to))) return true;
  return startsItem(text, br + 1, to);
}

/** `/^\s*\d[\d,]*(?:\.\d+)?\s*万/` on text[i, to): a line that continues a sentence with its amount. */
export function amountStarts(text: string, i: number, to: number): boolean {
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  if (!isDigitIn(text, i, to)) return false;
  i = numberEnd(text, i, to);
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i < to && text.charCodeAt(i) === 0x4e07; // 万
}

/**
 * `/^(?:[-*•]\s|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．]\s*\D)/` on
 * text[i, to): a line that starts a new item.
 */
export function startsItem(text: string, i: number, to: number): boolean {
  if (i >= to) return false;
  const c = text.charCodeAt(i);
  if (c === 0x2d || c === 0x2a || c === 0x2022) return i + 1 < to && isSpace(text.charCodeAt(i + 1)); // - * •
  if (isCnNumeral(c)) {
    let j = i + 1;
    while (j < to && isCnNumeral(text.charCodeAt(j))) j++;
    return j < to && text.charCodeAt(j) === 0x3001; // 、
  }
  if (c === 0xff08 || c === 0x28) {
    // （ (
    let j = i + 1;
    while (j < to && (isCnNumeral(text.charCodeAt(j)) || isDigitCode(text.charCodeAt(j)))) j++;
    if (j === i + 1 || j >= to) return false;
    const d = text.charCodeAt(j);
    return d === 0xff09 || d === 0x29; // ） )
  }
  if (!isDigitCode(c)) return false;
  let j = i + 1;
  while (j < to && isDigitCode(text.charCodeAt(j))) j++;
  while (j < to && isSpace(text.charCodeAt(j))) j++;
  if (j >= to) return false;
  const sep = text.charCodeAt(j);
  // 、 . ．, then (\s*\D) any character that is not a digit
  return (sep === 0x3001 || sep === 0x2e || sep === 0xff0e) && j + 1 < to && !isDigitCode(text.charCodeAt(j + 1));
}

const GENERIC = new Set(["", "预算数", "预算", "金额", "合计", "共", "预算安排", "其中", "为", "数"]);
const GENERIC_MAX = Math.max(...[...GENERIC].map((g) => g.length));

export function cleanSubject(raw: string, ctx: StatementContext): string {
  let s = raw.trim();
  // after the last "：" or ":" (indexOf is a fast builtin, lastIndexOf is not; most have none)
  const colon = Math.max(lastOf(s, "："), lastOf(s, ":"));
  if (colon >= 0) s = s.slice(colon + 1);
  // an enumeration ("1、", "（一）"); stripEnum only trims what cannot start with one
  s = mayStartEnum(s.charCodeAt(0)) ? stripEnum(s) : s.trim();
  // a quoted 类/款/项 path: “一般公共服务支出（类）财政事务（款）行政运行（项）”
  // (each replace below runs only when the cheap test says its pattern can match)
  const q = s.charCodeAt(0);
  if (q === 0x201c || q === 0x22) s = s.replace(/^[“"]([^”"]+)[”"]$/, "$1");
  if (ctx.department && s.startsWith(ctx.department)) s = s.slice(ctx.department.length).trim();
  if (s.startsWith("本")) s = s.replace(/^(?:本部门|本单位)/, "");
  if (ctx.year !== undefined) {
    const y = yearPrefix(ctx.year);
    if (y.digits === undefined) s = s.replace(y.re, "");
    else if (s.startsWith(y.digits)) s = s.slice(yearPrefixEnd(s, y.digits.length));
  }
  s = s.trim();
  if (s.startsWith("的")) s = s.slice(1);
  // (the last character tells which endings can be there: 为, 年 or 算 (上年, 上年预算), 数 or 算)
  if (lastCode(s) === 0x4e3a) s = s.replace(/(?:预算数|数)?为$/, "");
  let z = lastCode(s);
  if ((z === 0x5e74 || z === 0x7b97) && (s.endsWith("上年") || s.endsWith("上年预算")))
    s = s.replace(/(?:比|较|与)上年(?:预算)?$/, "");
  z = lastCode(s);
  if ((z === 0x6570 || z === 0x7b97) && s.length > 1) s = s.replace(/费(?:预算数|预算|数)$/, "费");
  s = s.trim();
  // (a look-up hashes the whole string: longer subjects than any generic word skip it)
  return s.length <= GENERIC_MAX && GENERIC.has(s) ? "" : s;
}

/** What a list marker or an enumeration can start with (stripEnum's own first test): - * • 一…十 （ ( 0-9. */
function mayStartEnum(c: number): boolean {
  return c === 0x2d || c === 0x2a || c === 0x2022 || c === 0xff08 || c === 0x28 || isDigitCode(c) || isCnNumeral(c);
}

/** s.lastIndexOf(c) for a one-character `c`, by indexOf. */
function lastOf(s: string, c: string): number {
  let at = -1;
  for (let k = s.indexOf(c); k >= 0; k = s.indexOf(c, k + 1)) at = k;
  return at;
}

/**
 * Where the match of `^${digits}\s*年(?:度)?` (yearPrefix's pattern) ends in s, which starts with
 * the `n` digits; 0 when there is no match.
 */
function yearPrefixEnd(s: string, n: number): number {
  let k = n;
  while (isSpace(s.charCodeAt(k))) k++;
  if (s.charCodeAt(k) !== 0x5e74) return 0; // 年
  return s.charCodeAt(k + 1) === 0x5ea6 ? k + 2 : k + 1; // 度
}

/** The last code unit of s, NaN for "". */
const lastCode = (s: string): number => s.charCodeAt(s.length - 1);

/**
 * The "2025 年" / "2025年度" prefix of a year, made once per year; `digits` is the year as printed
 * when it is plain digits (a match then starts with them), undefined otherwise (always try it).
 */
function yearPrefix(year: number): { re: RegExp; digits: string | undefined } {
  let y = yearPrefixes.get(year);
  if (!y) {
    const printed = `${year}`;
    y = { re: new RegExp(`^${printed}\\s*年(?:度)?`), digits: /^\d+$/.test(printed) ? printed : undefined };
    yearPrefixes.set(year, y);
  }
  return y;
}
const yearPrefixes = new Map<number, { re: RegExp; digits: string | undefined }>();

type Field = "amount" | "share" | "change" | "growth" | "budget" | "completion";

/** Parses the statements of one 说明 section's text. */
export function parseStatements(text: string, section: number, ctx: StatementContext): Statement[] {
  const out: Statement[] = [];
  const bySubject = new Map<string, Statement>();
  // 决算: the 类/款/项 item a "年初预算为…" sentence without a subject belongs to, and the last
  // statement with a 年初预算 (a "决算数小于预算数的主要原因：…" sentence gives its reason)
  let item: string | undefined;
  let lastBudget: Statement | undefined;
  for (const sen of sentences(text)) {
    // (cheap tests first: each pattern needs the text tested for)
    const head = isDigitCode(sen.s.charCodeAt(0)) && sen.s.includes("项") ? ITEM_HEAD.exec(sen.s) : null;
    if (head) item = cleanSubject(head[1] as string, ctx) || undefined;
    const why =
      lastBudget && lastBudget.reason === undefined && sen.s.includes("原因") && sen.s.includes("决算")
        ? BUDGET_REASON.exec(sen.s)
        : null;
    if (why && lastBudget) {
      const r = sen.s.slice(why.index + why[0].length).trim();
      if (r) lastBudget.reason = r;
      continue;
    }
    // "…增长1.40%。主要原因是…": a reason sentence of its own belongs to the change just stated
    const last = out[out.length - 1];
    // (Jiangsu: "…增加254.23%。此项数据变动较大的原因是财政部对“机关运行经费”口径调整…")
    const own =
      sen.s.startsWith("主要原因") || sen.s.startsWith("此项")
        ? /^(?:主要原因(?:是|为|[：:])|此项数据变动较大的原因(?:是|为))/.exec(sen.s)
        : null;
    if (own && last?.change !== undefined && last.reason === undefined) {
      const r = sen.s
        .slice(own[0].length)
        .replace(/^[：:，,]/, "")
        .trim();
      if (r && firstNumber(r, 0, r.length, "unit") < 0) {
        last.reason = r;
        continue;
      }
    }
    let off = 0;
    // (most sentences hold no "；": no split for them)
    const clauses = sen.s.includes("；") || sen.s.includes(";") ? sen.s.split(/[；;]/) : [sen.s];
    for (const clause of clauses) {
      const drafts = parseClause(clause, sen.offset + off, section, ctx, item);
      off += clause.length + 1;
      for (const st of drafts) {
        if (st.budget !== undefined) lastBudget = st;
        const prev = bySubject.get(st.subject);
        if (prev && mergeable(prev, st)) {
          merge(prev, st);
          continue;
        }
        out.push(st);
        bySubject.set(st.subject, st);
      }
    }
  }
  if (ctx.resolveCode) {
    for (const st of out) {
      const code = ctx.resolveCode(st.subject);
      if (code) st.code = code;
    }
  }
  return out;
}

/** "1、一般公共服务支出（类）财政事务（款）行政运行（项）。" — an item heading naming a 项 */
const ITEM_HEAD = /^\s*\d+\s*[、.．]\s*(\S+?[（(]项[)）])/;
/** "决算数小于预算数的主要原因：…" */
const BUDGET_REASON = /决算数?(?:大于|小于|高于|低于)(?:年初)?预算数?的?主要原因(?:是|为)?[：:，,]?/;

const FIELDS: (Field | "reason")[] = ["amount", "share", "change", "growth", "budget", "completion", "reason"];

function mergeable(a: Statement, b: Statement): boolean {
  for (const f of FIELDS) if (a[f] !== undefined && b[f] !== undefined) return false;
  return true;
}

function merge(a: Statement, b: Statement): void {
  for (const f of FIELDS) if (a[f] === undefined && b[f] !== undefined) (a as Record<string, unknown>)[f] = b[f];
  a.text = `${a.text}；${b.text}`;
}

function parseClause(
  clause: string,
  offset: number,
  section: number,
  ctx: StatementContext,
  item?: string,
): Statement[] {
  const drafts: Statement[] = [];
  // the clause up to its "主要原因是…" / "原因是…", which is the reason of the clause's last statement
  let headEnd = clause.length;
  let reason: string | undefined;
  const rm = reasonMarker(clause);
  if (rm >= 0) {
    // .slice(marker end).replace(/^[：:，,\s]+/, "").trim(), without the intermediate strings
    let a = rm + (clause.startsWith("主要原因", rm) ? 5 : 3);
    let b = clause.length;
    while (a < b && (isSpace(clause.charCodeAt(a)) || isColonOrComma(clause.charCodeAt(a)))) a++;
    while (b > a && isSpace(clause.charCodeAt(b - 1))) b--;
    reason = clause.slice(a, b);
    headEnd = rm;
  }
  let cur: Statement | undefined;
  let pending: string | undefined;
  let text: string | undefined;
  // the parts of head.split(/其中[：:]/), as ranges [from, to) of the clause
  let from = 0;
  let first = true;
  while (from <= headEnd) {
    let to = headEnd;
    for (let k = clause.indexOf("其中", from); k >= 0 && k + 2 < headEnd; k = clause.indexOf("其中", k + 1)) {
      if (isColon(clause.charCodeAt(k + 2))) {
        to = k;
        break;
      }
    }
    let a = from;
    if (first) {
      // (the amount is searched for only when a colon could come before it)
      const colon = firstColon(clause, a, to);
      if (colon >= 0) {
        const firstAmount = firstNumber(clause, a, to, "unit");
        if (firstAmount >= 0 && colon < firstAmount) {
          pending = cleanSubject(clause.slice(a, colon), ctx) || undefined;
          a = colon + 1;
        }
      }
      first = false;
    }
    // The pieces of the part at every "，", and at every "," not followed by three digits (a
    // thousands separator): `part.split(/，|,(?!\d{3})/)`, in one scan that also notes what
    // classifyPiece needs: a digit, where the first number can start ("-" or a digit), and whether
    // a "%" or a unit is there at all (without either, the piece says nothing).
    let start = a;
    let digit = false;
    let num = -1;
    let percent = false;
    let unit = false;
    for (let i = a; i <= to; i++) {
      const c = i < to ? clause.charCodeAt(i) : 0xff0c;
      if (c >= 0x30 && c <= 0x39) {
        digit = true;
        if (num < 0) num = i;
      } else if (c === 0x2d) {
        if (num < 0) num = i;
      } else if (c === 0x25 || c === 0xff05) percent = true;
      else if (c === 0x4e07 || c === 0x5143)
        unit = true; // 万 元
      else if (
        c === 0xff0c ||
        (c === 0x2c && !(isDigitIn(clause, i + 1, to) && isDigitIn(clause, i + 2, to) && isDigitIn(clause, i + 3, to)))
      ) {
        const field = digit && (percent || unit) ? classifyPiece(clause, start, i, num, percent) : undefined;
        start = i + 1;
        digit = false;
        num = -1;
        percent = false;
        unit = false;
        if (!field) continue;
        // (cleanSubject("") is "")
        const subject = field.subject ? cleanSubject(field.subject, ctx) : "";
        if (!cur || (subject !== "" && subject !== cur.subject) || fieldValue(cur, field.key) !== undefined) {
          // a 年初预算 without a subject belongs to the item named before it (决算 说明五（三）)
          const subj = subject || pending || (field.key === "budget" ? item : undefined);
          if (!subj) continue;
          text ??= clause.trim();
          cur = { subject: subj, text, at: { section, offset } };
          drafts.push(cur);
        }
        setValue(cur, field.key, field.value);
      }
    }
    from = to + 3; // past "其中：" (a part ends there, or at headEnd)
  }
  const last = drafts[drafts.length - 1];
  if (reason && last) last.reason = reason;
  return drafts;
}

/**
 * Where `/主要原因(?:是|为)|原因是/.exec(clause)` matches, or -1: at the first "原因" that is
 * "主要原因是/为" (the match starts at 主要) or "原因是".
 */
export function reasonMarker(clause: string): number {
  for (let k = clause.indexOf("原因"); k >= 0; k = clause.indexOf("原因", k + 2)) {
    const next = clause.charCodeAt(k + 2);
    if (k >= 2 && (next === 0x662f || next === 0x4e3a) && clause.startsWith("主要", k - 2)) return k - 2; // 是 为
    if (next === 0x662f) return k;
  }
  return -1;
}

/** st[key], by name (a property read by a variable key is a megamorphic look-up). */
function fieldValue(st: Statement, key: Field): number | undefined {
  switch (key) {
    case "amount":
      return st.amount;
    case "share":
      return st.share;
    case "change":
      return st.change;
    case "growth":
      return st.growth;
    case "budget":
      return st.budget;
    case "completion":
      return st.completion;
  }
}

/** st[key] = value, by name (see fieldValue). */
function setValue(st: Statement, key: Field, value: number): void {
  switch (key) {
    case "amount":
      st.amount = value;
      break;
    case "share":
      st.share = value;
      break;
    case "change":
      st.change = value;
      break;
    case "growth":
      st.growth = value;
      break;
    case "budget":
      st.budget = value;
      break;
    case "completion":
      st.completion = value;
      break;
  }
}

/** The first "：" or ":" in [from, to), or -1. */
function firstColon(s: string, from: number, to: number): number {
  const a = s.indexOf("：", from);
  const b = s.indexOf(":", from);
  const c = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  return c < to ? c : -1;
}

const isColon = (c: number): boolean => c === 0xff1a || c === 0x3a;
const isColonOrComma = (c: number): boolean => c === 0xff1a || c === 0x3a || c === 0xff0c || c === 0x2c;
const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** s[i] is a digit, for i < to (a pattern applied to s.slice(…, to) sees nothing beyond it) */
const isDigitIn = (s: string, i: number, to: number): boolean => i < to && isDigitCode(s.charCodeAt(i));

/** What a "，" piece says: its field, value and (for amounts and changes) the subject before it. */
interface Classified {
  key: Field;
  value: number;
  subject?: string;
}

/** What follows a number (after optional whitespace): "%" or "％", or a unit "万元", "万" or "元". */
export type NumberFollower = "percent" | "unit";

/**
 * The end of the number `-?\d[\d,]*(?:\.\d+)?` at i in s[…, to), or -1 when none starts there.
 * (Greedy is exact: the regular expressions only accept whitespace, "%" or a unit after the number,
 * so no shorter number would do.)
 */
export function numberEnd(s: string, i: number, to: number): number {
  if (s.charCodeAt(i) === 0x2d) i++; // -
  if (!isDigitIn(s, i, to)) return -1;
  i++;
  while (i < to) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c) && c !== 0x2c) break;
    i++;
  }
  if (s.charCodeAt(i) === 0x2e && isDigitIn(s, i + 1, to)) {
    i += 2;
    while (isDigitIn(s, i, to)) i++;
  }
  return i;
}

/**
 * Where in s[from, to) the first number followed by optional whitespace and a percent sign
 * ("percent": `/(-?\d[\d,]*(?:\.\d+)?)\s*[%％]/`) or a unit ("unit":
 * `/(-?\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)/`) starts, or -1; numberEnd gives its end.
 */
export function firstNumber(s: string, from: number, to: number, after: NumberFollower): number {
  let i = from;
  while (i < to) {
    const c = s.charCodeAt(i);
    if (c !== 0x2d && !isDigitCode(c)) {
      i++;
      continue;
    }
    const j = numberEnd(s, i, to);
    if (j < 0) {
      i++;
      continue;
    }
    let k = j;
    while (k < to && isSpace(s.charCodeAt(k))) k++;
    if (k < to) {
      const u = s.charCodeAt(k);
      if (after === "percent" ? u === 0x25 || u === 0xff05 : u === 0x4e07 || u === 0x5143) return i; // % ％ 万 元
    }
    // No number starting before the fraction of this one ends anywhere else: go on at its
    // fraction ("1.5,3%": "5,3" is a number), else after it.
    let point = i;
    while (point < j && s.charCodeAt(point) !== 0x2e) point++;
    i = point < j ? point + 1 : j;
  }
  return -1;
}

/** s[from, to) without its trailing whitespace: the new end. */
function trimEnd(s: string, from: number, to: number): number {
  while (to > from && isSpace(s.charCodeAt(to - 1))) to--;
  return to;
}

/** The start of `word` when s[from, to) ends with it, else -1. */
function before(s: string, from: number, to: number, word: string): number {
  const at = to - word.length;
  return at >= from && s.startsWith(word, at) ? at : -1;
}

/** `to` less `word` when s[from, to) ends with it, else `to`: an optional word, matched backwards. */
function optional(s: string, from: number, to: number, word: string): number {
  const at = to - word.length;
  return at >= from && s.startsWith(word, at) ? at : to;
}

/**
 * The piece s[from, to) (a "，" piece, trimmed here) classified, given where its first number can
 * start (`num`: its first "-" or digit) and whether it holds a "%" or "％" (else it holds a unit).
 * The patterns anchored at the end of the text before the number (`…\s*$`) are matched backwards
 * from that end: their words cannot overlap one another, so there is one way to match each at most
 * (see statements.test.ts).
 */
function classifyPiece(s: string, from: number, to: number, num: number, percent: boolean): Classified | undefined {
  while (from < to && isSpace(s.charCodeAt(from))) from++;
  to = trimEnd(s, from, to);
  const pm = percent ? firstNumber(s, num, to, "percent") : -1;
  if (pm >= 0) {
    const v = percentAt(s, pm, numberEnd(s, pm, to));
    if (v === undefined) return undefined;
    const e = trimEnd(s, from, pm);
    if (completionEnd(s, from, e) >= 0) return { key: "completion", value: v };
    if (holdsCode(s, from, pm, 0x5360)) return { key: "share", value: v }; // 占
    if (endsWithAny(s, from, e, GROWTH_WORDS))
      return { key: "growth", value: holdsAny(s, from, pm, FALL_WORDS) ? -v : v };
    return undefined;
  }
  const am = firstNumber(s, num, to, "unit");
  if (am < 0) return undefined;
  const j = numberEnd(s, am, to);
  let k = j;
  while (isSpace(s.charCodeAt(k))) k++;
  const v = amountAt(s, am, j, s.charCodeAt(k) === 0x5143 ? "yuan" : "wanyuan"); // 元
  if (v === undefined) return undefined;
  const e = trimEnd(s, from, am);
  for (const w of CHANGE_WORDS) {
    const ch = before(s, from, e, w);
    if (ch >= 0)
      return {
        key: "change",
        value: w === "减少" || w === "下降" ? -v : v,
        subject: s.slice(from, changeBaseStart(s, from, ch)),
      };
  }
  const bm = budgetStart(s, from, e);
  if (bm >= 0) return { key: "budget", value: v, subject: s.slice(from, bm) };
  const am2 = actualStart(s, from, e);
  if (am2 >= 0) return { key: "amount", value: v, subject: s.slice(from, am2) };
  return { key: "amount", value: v, subject: s.slice(from, am) };
}

/**
 * parseAmount(s.slice(i, j), unit) for a number s[i, j) that numberEnd found: digits, grouped by
 * "," in threes or not at all, with an optional fraction, are read here without the slice (tables
 * and 说明 print "3,374.27", which parseAmount reads with its full parser); anything else
 * (a sign, irregular grouping, a long number) is left to parseAmount.
 */
export function amountAt(s: string, i: number, j: number, unit: AmountUnit): number | undefined {
  const scale = unit === "yuan" ? 2 : 6;
  let value = 0;
  let digits = 0;
  let group = -1; // digits since the last ",", -1 before the first
  let k = i;
  for (; k < j; k++) {
    const c = s.charCodeAt(k);
    if (isDigitCode(c)) {
      value = value * 10 + (c - 0x30);
      digits++;
      if (group >= 0) group++;
    } else if (c === 0x2c && (group < 0 ? digits >= 1 && digits <= 3 : group === 3)) group = 0;
    else break;
  }
  let frac = 0;
  const point = k < j && s.charCodeAt(k) === 0x2e;
  if (point) {
    for (k++; k < j && isDigitCode(s.charCodeAt(k)); k++) {
      value = value * 10 + (s.charCodeAt(k) - 0x30);
      frac++;
    }
  }
  if (
    k < j ||
    digits === 0 ||
    (point && frac === 0) ||
    (group >= 0 && group !== 3) ||
    frac > scale ||
    digits + scale > 15
  )
    return parseAmount(s.slice(i, j), unit);
  return value * (POW10[scale - frac] as number);
}

/**
 * parsePercent(s.slice(i, j)) for a number s[i, j) that numberEnd found: digits (the ","s in them
 * dropped, as parsePercent drops them) with at most two decimals are read here; anything else is
 * left to parsePercent.
 */
export function percentAt(s: string, i: number, j: number): number | undefined {
  let value = 0;
  let digits = 0;
  let k = i;
  for (; k < j; k++) {
    const c = s.charCodeAt(k);
    if (isDigitCode(c)) {
      value = value * 10 + (c - 0x30);
      digits++;
    } else if (c !== 0x2c) break;
  }
  let frac = 0;
  const point = k < j && s.charCodeAt(k) === 0x2e;
  if (point) {
    for (k++; k < j && isDigitCode(s.charCodeAt(k)); k++) {
      value = value * 10 + (s.charCodeAt(k) - 0x30);
      frac++;
    }
  }
  if (k < j || digits === 0 || (point && frac === 0) || frac > 2 || digits > 12) return parsePercent(s.slice(i, j));
  return frac === 2 ? value : frac === 1 ? value * 10 : value * 100;
}

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

const GROWTH_WORDS = ["增长", "下降", "增幅", "降幅", "减少", "增加"];
const FALL_WORDS = ["下降", "降幅", "减少"];
const CHANGE_WORDS = ["增加", "减少", "增长", "下降"];

/** s[from, to) ends with one of `words` */
function endsWithAny(s: string, from: number, to: number, words: readonly string[]): boolean {
  for (const w of words) if (before(s, from, to, w) >= 0) return true;
  return false;
}

/** s[from, to) holds the code unit `c` (a short range: no native search past its end) */
function holdsCode(s: string, from: number, to: number, c: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === c) return true;
  return false;
}

/** s[from, to) holds one of `words` */
function holdsAny(s: string, from: number, to: number, words: readonly string[]): boolean {
  for (const w of words) {
    const at = s.indexOf(w, from);
    if (at >= 0 && at + w.length <= to) return true;
  }
  return false;
}

/** `to` less a final "为" or "是" of s[from, to): the optional `(?:为|是)`, matched backwards. */
function optionalCopula(s: string, from: number, to: number): number {
  const c = to > from ? s.charCodeAt(to - 1) : 0;
  return c === 0x4e3a || c === 0x662f ? to - 1 : to;
}

/** Where `/完成(?:年初)?(?:调整)?预算(?:数)?的?$/` matches s[from, e), or -1. */
export function completionEnd(s: string, from: number, e: number): number {
  e = optional(s, from, e, "的");
  e = optional(s, from, e, "数");
  e = before(s, from, e, "预算");
  if (e < 0) return -1;
  e = optional(s, from, e, "调整");
  e = optional(s, from, e, "年初");
  return before(s, from, e, "完成");
}

/** Where `/年初预算(?:数)?(?:为|是)?$/` matches s[from, e), or -1. */
export function budgetStart(s: string, from: number, e: number): number {
  e = optionalCopula(s, from, e);
  e = optional(s, from, e, "数");
  return before(s, from, e, "年初预算");
}

/** Where `/(?:支出)?决算(?:数)?(?:为|是)?$/` matches s[from, e), or -1 (at 支出 when there is one). */
export function actualStart(s: string, from: number, e: number): number {
  e = optionalCopula(s, from, e);
  e = optional(s, from, e, "数");
  e = before(s, from, e, "决算");
  return e < 0 ? -1 : optional(s, from, e, "支出");
}

/**
 * The end of the subject before a change word at `to`: `to`, less what
 * `/(?:比|较|与)(?:上年|\d{4}\s*年度?)(?:预算)?(?:相比)?\s*$/` matches of s[from, to).
 */
export function changeBaseStart(s: string, from: number, to: number): number {
  let e = trimEnd(s, from, to);
  e = optional(s, from, e, "相比");
  e = optional(s, from, e, "预算");
  const year = before(s, from, optional(s, from, e, "度"), "年");
  if (year < 0) return to;
  if (year > from && s.charCodeAt(year - 1) === 0x4e0a && e === year + 1)
    e = year - 1; // 上年 (no 度)
  else {
    // \d{4}\s*年度?
    e = trimEnd(s, from, year);
    if (e - 4 < from) return to;
    for (let i = e - 4; i < e; i++) if (!isDigitCode(s.charCodeAt(i))) return to;
    e -= 4;
  }
  const c = e > from ? s.charCodeAt(e - 1) : 0;
  return c === 0x6bd4 || c === 0x8f83 || c === 0x4e0e ? e - 1 : to; // 比 较 与
}
