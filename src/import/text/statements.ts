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
    const raw = text.slice(start, end).replace(/\n/g, "");
    if (raw.trim()) out.push({ s: raw.trim(), offset: start });
    start = end + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "。") push(i);
    else if (ch === "\n") {
      const line = text.slice(lineStart, i).trim();
      const next = text.slice(i + 1, i + 12);
      // A wrapped line is long and ends mid-sentence; headings are short.
      // A short line whose next line opens with the amount ("…机关运行经费预算支出\n6032.55万元，比…",
      // Jiangsu) is a wrapped sentence too.
      const short = line.length < 30 && !(/[^\s，,。：:；;]$/.test(line) && AMOUNT_START.test(next));
      if (ENDS.test(line) || short || STARTS_ITEM.test(next)) push(i);
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

function toFen(num: string, unit: string): number | undefined {
  const u: AmountUnit = unit === "元" ? "yuan" : "wanyuan";
  return parseAmount(num, u);
}

export function cleanSubject(raw: string, ctx: StatementContext): string {
  let s = raw.trim();
  const colon = Math.max(s.lastIndexOf("："), s.lastIndexOf(":"));
  if (colon >= 0) s = s.slice(colon + 1);
  // a quoted 类/款/项 path: “一般公共服务支出（类）财政事务（款）行政运行（项）”
  s = stripEnum(s).replace(/^[“"]([^”"]+)[”"]$/, "$1");
  if (ctx.department && s.startsWith(ctx.department)) s = s.slice(ctx.department.length).trim();
  s = s.replace(/^(?:本部门|本单位)/, "");
  if (ctx.year !== undefined) s = s.replace(new RegExp(`^${ctx.year}\\s*年(?:度)?`), "");
  s = s
    .trim()
    .replace(/^的/, "")
    .replace(/(?:预算数|数)?为$/, "")
    .replace(/(?:比|较|与)上年(?:预算)?$/, "")
    .replace(/费(?:预算数|预算|数)$/, "费")
    .trim();
  return GENERIC.has(s) ? "" : s;
}

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
    const head = ITEM_HEAD.exec(sen.s);
    if (head) item = cleanSubject(head[1] as string, ctx) || undefined;
    const why = BUDGET_REASON.exec(sen.s);
    if (why && lastBudget && lastBudget.reason === undefined) {
      const r = sen.s.slice(why.index + why[0].length).trim();
      if (r) lastBudget.reason = r;
      continue;
    }
    // "…增长1.40%。主要原因是…": a reason sentence of its own belongs to the change just stated
    const last = out[out.length - 1];
    // (Jiangsu: "…增加254.23%。此项数据变动较大的原因是财政部对“机关运行经费”口径调整…")
    const own = /^(?:主要原因(?:是|为|[：:])|此项数据变动较大的原因(?:是|为))/.exec(sen.s);
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
    for (const clause of sen.s.split(/[；;]/)) {
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
  const rm = /主要原因(?:是|为)|原因是/.exec(clause);
  if (rm) {
    reason = clause
      .slice(rm.index + rm[0].length)
      .replace(/^[：:，,\s]+/, "")
      .trim();
    head = clause.slice(0, rm.index);
  }
  let cur: Draft | undefined;
  let pending: string | undefined;
  const parts = head.split(/其中[：:]/);
  parts.forEach((part, pi) => {
    let rest = part;
    const firstAmount = rest.search(AMOUNT);
    const colon = rest.search(/[：:]/);
    if (pi === 0 && colon >= 0 && firstAmount >= 0 && colon < firstAmount) {
      pending = cleanSubject(rest.slice(0, colon), ctx) || undefined;
      rest = rest.slice(colon + 1);
    }
    for (const piece of rest.split(/，|,(?!\d{3})/)) {
      const p = piece.trim();
      if (!p) continue;
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
  });
  const last = drafts[drafts.length - 1];
  if (reason && last) last.st.reason = reason;
  return drafts;
}

/** What a "，" piece says: its field, value and (for amounts and changes) the subject before it. */
function classify(p: string): { key: Field; value: number; subject?: string } | undefined {
  const pm = PERCENT.exec(p);
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
  const am = AMOUNT.exec(p);
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
