/**
 * Year-on-year change clauses and 决算 completion clauses, read from 说明 sentences in any wording:
 * "A 万元，比上年（预算/执行数/年初预算）增加 C 万元，增长 r%", "较 2025 年年初预算减少 C 万元，下降 r%",
 * "与上年相比增加 C 万元，增长 r%" (江苏),
 * "与上年持平", "年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 p%。决算数小于预算数".
 */

import type { Disclosure } from "../../../model/disclosure.ts";
import {
  amountEndingAt,
  amountsIn,
  NUMBER,
  type Printed,
  type PrintedAmount,
  readNumber,
  type Sentence,
  sentencesOf,
} from "./sentences.ts";

/** +1 a rise, −1 a fall, 0 unchanged. */
export type Direction = 1 | -1 | 0;

const RISE = new Set(["增加", "增长", "上升", "增", "提高"]);
const FALL = new Set(["减少", "下降", "降低", "减", "压减"]);

function directionOf(word: string | undefined): Direction | undefined {
  if (word === undefined) return undefined;
  if (word === "持平") return 0;
  if (RISE.has(word)) return 1;
  if (FALL.has(word)) return -1;
  return undefined;
}

export interface ChangeClause {
  sentence: Sentence;
  /** where the clause starts in the sentence ("比…") */
  index: number;
  /** the clause as printed (for messages) */
  text: string;
  /** the amount printed right before "比上年…" (only a comma between): the one that changed */
  current?: PrintedAmount;
  /** `current` is the one amount of the sentence before (the clause opens its sentence) */
  currentFromPrevious?: boolean;
  /** the other amounts printed earlier in the sentence */
  earlier: PrintedAmount[];
  /** the amounts of the sentence before, in the same section (it may print the total the change is about) */
  before: PrintedAmount[];
  /** last year's amount when the clause prints it ("比 2025 年年初预算数 125462.47 万元增加 …") */
  prior?: PrintedAmount;
  /** the direction word of the change ("增加" …) */
  word: string;
  direction: Direction;
  change?: PrintedAmount;
  /** the change was printed with a minus sign ("增加-5万元") */
  changeNegative: boolean;
  /** the growth rate's word when it has one ("增长"), its direction and the rate as printed */
  rateWord?: string;
  rateDirection?: Direction;
  rate?: Printed;
  rateNegative: boolean;
  /** the sentence goes on to say the amount is unchanged ("与上年持平", not "基本持平") */
  saysUnchanged: boolean;
}

const CLAUSE = new RegExp(
  String.raw`(?:(?:比|较)(?:上年度?|上一年度?|去年|(?:19|20)\d{2}年度?)|(?:与|同|和)(?:上年度?|上一年度?|去年|(?:19|20)\d{2}年度?)[^,;:()。%\d]{0,8}?(?:相比|比较)(?:而言)?,?|同比)([^,;:()。%\d]{0,20}?)(?:(${NUMBER})(亿元|万元|元),?)?(增加|减少|增长|下降|上升|降低|提高|压减|持平)了?(-?)(${NUMBER})?(亿元|万元|元|%)?`,
  "g",
);
const RATE_AFTER = new RegExp(
  `^,?(?:同比)?(增长|下降|上升|降低|增幅|降幅|增加|减少|增长率|下降率)?(?:为|了)?(-?)(${NUMBER})%`,
);
const UNCHANGED_AFTER = /^[^;。]{0,16}?(?<!基本|大致|总体|大体)持平/;

const clauseCache = new WeakMap<Disclosure, ChangeClause[]>();

/** Every year-on-year change clause of the document's 说明. */
export function changeClauses(d: Disclosure): ChangeClause[] {
  const hit = clauseCache.get(d);
  if (hit) return hit;
  const out: ChangeClause[] = [];
  const sentences = sentencesOf(d);
  sentences.forEach((s, i) => {
    if (!s.text.includes("比") && !s.text.includes("较")) return; // 相比, 比较 and 同比 all hold one
    for (const m of s.text.matchAll(CLAUSE)) {
      const c = readClause(s, m);
      // "…（项）28.00 万元，主要用于…。比上年执行数减少 113.53 万元": a sentence that opens with the
      // change is about the one amount of the sentence before it
      const prev = sentences[i - 1];
      // the sentence before may print the total the change is about: its amounts are candidates too
      if (prev && prev.section === s.section) c.before = amountsIn(prev.text).map((a) => a.amount);
      if (!c.current && c.index === 0 && prev && prev.section === s.section) {
        const amounts = amountsIn(prev.text);
        if (amounts.length === 1) {
          c.current = amounts[0]!.amount;
          c.currentFromPrevious = true;
        }
      }
      out.push(c);
    }
  });
  clauseCache.set(d, out);
  return out;
}

function readClause(s: Sentence, m: RegExpMatchArray): ChangeClause {
  const index = m.index ?? 0;
  const word = m[4]!;
  const before = s.text.slice(0, index);
  const adjacent = amountEndingAt(before);
  const earlier = amountsIn(before)
    .filter((a) => !adjacent || a.index !== adjacent.start)
    .map((a) => a.amount);
  const c: ChangeClause = {
    sentence: s,
    index,
    text: m[0],
    earlier,
    before: [],
    word,
    direction: directionOf(word) ?? 0,
    changeNegative: m[5] === "-",
    rateNegative: false,
    saysUnchanged: false,
  };
  if (adjacent) c.current = adjacent.amount;
  if (m[2] && m[3]) c.prior = { ...readNumber(m[2]), unit: m[3] as PrintedAmount["unit"] };
  let end = index + m[0].length;
  if (m[6] && m[7] === "%") {
    // "比上年增长 3.5%": the word and number are the rate, no change amount
    c.rate = readNumber(m[6]);
    c.rateWord = word;
    const dir = directionOf(word);
    if (dir !== undefined) c.rateDirection = dir;
    c.rateNegative = m[5] === "-";
  } else if (m[6] && m[7]) {
    c.change = { ...readNumber(m[6]), unit: m[7] as PrintedAmount["unit"] };
    const r = RATE_AFTER.exec(s.text.slice(end));
    if (r) {
      c.rate = readNumber(r[3]!);
      if (r[1]) {
        c.rateWord = r[1];
        const dir = directionOf(r[1].replace(/幅|率/, "").replace(/^增$/, "增长").replace(/^降$/, "下降"));
        if (dir !== undefined) c.rateDirection = dir;
      }
      c.rateNegative = r[2] === "-";
      end += r[0].length;
      c.text = s.text.slice(index, end);
    }
  }
  c.saysUnchanged = word !== "持平" && UNCHANGED_AFTER.test(s.text.slice(end));
  return c;
}

/** A 决算 completion clause: 年初预算 A, 决算 B, 完成 p%, and the 大于/小于/等于 wording after it. */
export interface CompletionClause {
  sentence: Sentence;
  text: string;
  budget: PrintedAmount;
  actual: PrintedAmount;
  rate?: Printed;
  /** "决算数大于预算数" … as printed after the amounts, within the sentence or the next one */
  comparison?: { word: "大于" | "小于" | "等于"; text: string };
}

const COMPLETION = new RegExp(
  `年初预算(?:数)?(?:为|是)?(${NUMBER})(万元|元)[,]?(?:[^;。,]{0,12}?)决算(?:数)?(?:为|是)?(${NUMBER})(万元|元)(?:[,]?完成(?:年初)?预算(?:数)?的(${NUMBER})%)?`,
  "g",
);
const COMPLETION_ONE = new RegExp(COMPLETION.source);
const COMPARISON = /决算数?(大于|小于|等于|高于|低于)(?:年初)?预算数?/;
/** the template's own wording, "决算数大于（小于）预算数": no comparison made */
const TEMPLATE_WORDING = /[大小等高低]于\(?[大小等高低]于/;

/** Every completion clause of a 决算's 说明. */
export function completionClauses(d: Disclosure): CompletionClause[] {
  const out: CompletionClause[] = [];
  const sentences = sentencesOf(d);
  sentences.forEach((s, i) => {
    if (!s.text.includes("决算")) return;
    for (const m of s.text.matchAll(COMPLETION)) {
      const c: CompletionClause = {
        sentence: s,
        text: m[0],
        budget: { ...readNumber(m[1]!), unit: m[2] as PrintedAmount["unit"] },
        actual: { ...readNumber(m[3]!), unit: m[4] as PrintedAmount["unit"] },
      };
      if (m[5]) c.rate = readNumber(m[5]);
      // the comparison that follows these amounts: later in this sentence, or in the next one
      // when this sentence has no other amounts after it
      const rest = s.text.slice((m.index ?? 0) + m[0].length);
      const next = sentences[i + 1];
      const startsNext = next && COMPARISON.exec(next.text)?.index === 0;
      const where = COMPARISON.test(rest) ? rest : startsNext && !COMPLETION_ONE.test(rest) ? next.text : "";
      const cm = COMPARISON.exec(where);
      if (cm && !TEMPLATE_WORDING.test(where)) {
        const w = cm[1] === "高于" ? "大于" : cm[1] === "低于" ? "小于" : (cm[1] as "大于" | "小于" | "等于");
        c.comparison = { word: w, text: cm[0] };
      }
      out.push(c);
    }
  });
  return out;
}
