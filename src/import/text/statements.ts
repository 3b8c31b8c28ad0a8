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
import { stripEnum } from "./lines.ts";

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

const ENDS = /[。；;：:]$/;
const STARTS_ITEM = /^(?:[-*•]\s|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．]\s*\D)/;

/** Sentences at "。", and at line breaks that end a heading or precede a new item. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let lineStart = 0;
  const push = (end: number): void => {
    let raw = text.slice(start, end);
    if (raw.includes("\n")) raw = raw.replace(/\n/g, "");
    const s = raw.trim();
    if (s) out.push({ s, offset: start });
    start = end + 1;
  };
  // The next "。" and line break, found natively (a sentence is tens of characters long).
  let stop = text.indexOf("。");
  let br = text.indexOf("\n");
  while (stop >= 0 || br >= 0) {
    const i = br < 0 || (stop >= 0 && stop < br) ? stop : br;
    if (i === stop) {
      push(i);
      stop = text.indexOf("。", i + 1);
    } else {
      br = text.indexOf("\n", i + 1);
      const line = text.slice(lineStart, i).trim();
      // A wrapped line is long and ends mid-sentence; headings are short.
      // A short line whose next line opens with the amount ("…机关运行经费预算支出\n6032.55万元，比…",
      // Jiangsu) is a wrapped sentence too. (The tests in order, each only when the ones before fail.)
      if (
        ENDS.test(line) ||
        (line.length < 30 && !(/[^\s，,。：:；;]$/.test(line) && AMOUNT_START.test(text.slice(i + 1, i + 12)))) ||
        STARTS_ITEM.test(text.slice(i + 1, i + 12))
      )
        push(i);
      lineStart = i + 1;
    }
  }
  push(text.length);
  return out;
}

const AMOUNT = /(-?\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)/;
/** the start of a line that continues a sentence with its amount: "6032.55 万元，" */
const AMOUNT_START = /^\s*\d[\d,]*(?:\.\d+)?\s*万/;
const PERCENT = /(-?\d[\d,]*(?:\.\d+)?)\s*[%％]/;
const GENERIC = new Set(["", "预算数", "预算", "金额", "合计", "共", "预算安排", "其中", "为", "数"]);
const GENERIC_MAX = Math.max(...[...GENERIC].map((g) => g.length));

function toFen(num: string, unit: string): number | undefined {
  const u: AmountUnit = unit === "元" ? "yuan" : "wanyuan";
  return parseAmount(num, u);
}

export function cleanSubject(raw: string, ctx: StatementContext): string {
  let s = raw.trim();
  // after the last "：" or ":" (one scan from the end)
  let colon = s.length - 1;
  while (colon >= 0 && s.charCodeAt(colon) !== 0xff1a && s.charCodeAt(colon) !== 0x3a) colon--;
  if (colon >= 0) s = s.slice(colon + 1);
  // a quoted 类/款/项 path: “一般公共服务支出（类）财政事务（款）行政运行（项）”
  s = stripEnum(s);
  // (each replace below runs only when the cheap test says its pattern can match)
  const q = s.charCodeAt(0);
  if (q === 0x201c || q === 0x22) s = s.replace(/^[“"]([^”"]+)[”"]$/, "$1");
  if (ctx.department && s.startsWith(ctx.department)) s = s.slice(ctx.department.length).trim();
  if (s.startsWith("本")) s = s.replace(/^(?:本部门|本单位)/, "");
  if (ctx.year !== undefined) {
    const y = yearPrefix(ctx.year);
    if (y.digits === undefined || s.startsWith(y.digits)) s = s.replace(y.re, "");
  }
  s = s.trim();
  if (s.startsWith("的")) s = s.slice(1);
  if (s.endsWith("为")) s = s.replace(/(?:预算数|数)?为$/, "");
  if (s.endsWith("上年") || s.endsWith("上年预算")) s = s.replace(/(?:比|较|与)上年(?:预算)?$/, "");
  if (s.endsWith("数") || s.endsWith("预算")) s = s.replace(/费(?:预算数|预算|数)$/, "费");
  s = s.trim();
  // (a look-up hashes the whole string: longer subjects than any generic word skip it)
  return s.length <= GENERIC_MAX && GENERIC.has(s) ? "" : s;
}

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

interface Draft {
  st: Statement;
}

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
    const head = sen.s.includes("项") ? ITEM_HEAD.exec(sen.s) : null;
    if (head) item = cleanSubject(head[1] as string, ctx) || undefined;
    const why = sen.s.includes("原因") ? BUDGET_REASON.exec(sen.s) : null;
    if (why && lastBudget && lastBudget.reason === undefined) {
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
      if (r && !AMOUNT.test(r)) {
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
      for (const d of drafts) {
        if (d.st.budget !== undefined) lastBudget = d.st;
        const prev = bySubject.get(d.st.subject);
        if (prev && mergeable(prev, d.st)) {
          merge(prev, d.st);
          continue;
        }
        out.push(d.st);
        bySubject.set(d.st.subject, d.st);
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
  return FIELDS.every((f) => a[f] === undefined || b[f] === undefined);
}

function merge(a: Statement, b: Statement): void {
  for (const f of FIELDS) if (a[f] === undefined && b[f] !== undefined) (a as Record<string, unknown>)[f] = b[f];
  a.text = `${a.text}；${b.text}`;
}

function parseClause(clause: string, offset: number, section: number, ctx: StatementContext, item?: string): Draft[] {
  const drafts: Draft[] = [];
  let head = clause;
  let reason: string | undefined;
  const rm = clause.includes("原因") ? /主要原因(?:是|为)|原因是/.exec(clause) : null;
  if (rm) {
    reason = clause
      .slice(rm.index + rm[0].length)
      .replace(/^[：:，,\s]+/, "")
      .trim();
    head = clause.slice(0, rm.index);
  }
  let cur: Draft | undefined;
  let pending: string | undefined;
  const parts = head.includes("其中") ? head.split(/其中[：:]/) : [head];
  for (let pi = 0; pi < parts.length; pi++) {
    let rest = parts[pi] as string;
    if (pi === 0) {
      // (the amount is searched for only when a colon could come before it)
      const colon = firstColon(rest);
      if (colon >= 0) {
        const firstAmount = rest.search(AMOUNT);
        if (firstAmount >= 0 && colon < firstAmount) {
          pending = cleanSubject(rest.slice(0, colon), ctx) || undefined;
          rest = rest.slice(colon + 1);
        }
      }
    }
    for (const piece of digitPieces(rest)) {
      const p = piece.trim();
      const field = classify(p);
      if (!field) continue;
      const subject = field.subject === undefined ? "" : cleanSubject(field.subject, ctx);
      if (!cur || (subject !== "" && subject !== cur.st.subject) || cur.st[field.key] !== undefined) {
        // a 年初预算 without a subject belongs to the item named before it (决算 说明五（三）)
        const subj = subject || pending || (field.key === "budget" ? item : undefined);
        if (!subj) continue;
        cur = { st: { subject: subj, text: clause.trim(), at: { section, offset } } };
        drafts.push(cur);
      }
      cur.st[field.key] = field.value;
    }
  }
  const last = drafts[drafts.length - 1];
  if (reason && last) last.st.reason = reason;
  return drafts;
}

/** rest.search(/[：:]/), by hand. */
function firstColon(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xff1a || c === 0x3a) return i;
  }
  return -1;
}

/**
 * The pieces of `part.split(/，|,(?!\d{3})/)` (at every "，", and at every "," not followed by three
 * digits, a thousands separator) that hold a digit: classify reads nothing from the others, so
 * they are not cut out.
 */
function digitPieces(part: string): string[] {
  const out: string[] = [];
  let start = 0;
  let digit = false;
  const n = part.length;
  for (let i = 0; i < n; i++) {
    const c = part.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digit = true;
    else if (c === 0xff0c || (c === 0x2c && !(isDigit(part, i + 1) && isDigit(part, i + 2) && isDigit(part, i + 3)))) {
      if (digit) out.push(part.slice(start, i));
      start = i + 1;
      digit = false;
    }
  }
  if (digit) out.push(part.slice(start));
  return out;
}

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
};

/** What a "，" piece says: its field, value and (for amounts and changes) the subject before it. */
function classify(p: string): { key: Field; value: number; subject?: string } | undefined {
  // A percentage needs a digit and a "%" or "％", an amount a digit and a "万" or "元": one scan
  // rules out most pieces before any regular expression.
  let digit = false;
  let percent = false;
  let unit = false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digit = true;
    else if (c === 0x25 || c === 0xff05) percent = true;
    else if (c === 0x5143 || c === 0x4e07) unit = true; // 元 万
  }
  if (!digit) return undefined;
  const pm = percent ? PERCENT.exec(p) : null;
  if (pm) {
    const v = parsePercent(pm[1] as string);
    if (v === undefined) return undefined;
    const before = p.slice(0, pm.index);
    if (/完成(?:年初)?(?:调整)?预算(?:数)?的?\s*$/.test(before)) return { key: "completion", value: v };
    if (/占(?:比)?\s*$/.test(before) || before.includes("占")) return { key: "share", value: v };
    if (/(增长|下降|增幅|降幅|减少|增加)\s*$/.test(before))
      return { key: "growth", value: /下降|降幅|减少/.test(before) ? -v : v };
    return undefined;
  }
  const am = unit ? AMOUNT.exec(p) : null;
  if (!am) return undefined;
  const v = toFen(am[1] as string, am[2] as string);
  if (v === undefined) return undefined;
  const before = p.slice(0, am.index);
  const ch = /(增加|减少|增长|下降)\s*$/.exec(before);
  if (ch) {
    const subj = before.slice(0, ch.index).replace(/(?:比|较|与)(?:上年|\d{4}\s*年度?)(?:预算)?(?:相比)?\s*$/, "");
    return { key: "change", value: /减少|下降/.test(ch[1] as string) ? -v : v, subject: subj };
  }
  const bm = /年初预算(?:数)?(?:为|是)?\s*$/.exec(before);
  if (bm) return { key: "budget", value: v, subject: before.slice(0, bm.index) };
  const am2 = /(?:支出)?决算(?:数)?(?:为|是)?\s*$/.exec(before);
  if (am2) return { key: "amount", value: v, subject: before.slice(0, am2.index) };
  return { key: "amount", value: v, subject: before };
}
