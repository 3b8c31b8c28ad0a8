import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Statement } from "../../model/disclosure.ts";
import { parseAmount, parsePercent } from "../../model/money.ts";
import { stripEnum } from "./lines.ts";
import {
  actualStart,
  amountAt,
  amountStarts,
  budgetStart,
  changeBaseStart,
  cleanSubject,
  completionEnd,
  firstNumber,
  numberEnd,
  parseStatements,
  percentAt,
  reasonMarker,
  type StatementContext,
  sentences,
  startsItem,
} from "./statements.ts";

/**
 * The statement parser as regular expressions, without the scans that replace them: the
 * definition statements.ts must agree with (its tests below compare the two on real and
 * generated text).
 */
const reference = (() => {
  const AMOUNT = /(-?\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)/;
  const AMOUNT_START = /^\s*\d[\d,]*(?:\.\d+)?\s*万/;
  const PERCENT = /(-?\d[\d,]*(?:\.\d+)?)\s*[%％]/;
  const STARTS_ITEM = /^(?:[-*•]\s|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．]\s*\D)/;
  const GENERIC = new Set(["", "预算数", "预算", "金额", "合计", "共", "预算安排", "其中", "为", "数"]);
  const ITEM_HEAD = /^\s*\d+\s*[、.．]\s*(\S+?[（(]项[)）])/;
  const BUDGET_REASON = /决算数?(?:大于|小于|高于|低于)(?:年初)?预算数?的?主要原因(?:是|为)?[：:，,]?/;
  const FIELDS = ["amount", "share", "change", "growth", "budget", "completion", "reason"] as const;
  type Field = "amount" | "share" | "change" | "growth" | "budget" | "completion";

  function sentences(text: string): { s: string; offset: number }[] {
    const out: { s: string; offset: number }[] = [];
    let start = 0;
    let lineStart = 0;
    const push = (end: number): void => {
      const s = text.slice(start, end).replace(/\n/g, "").trim();
      if (s) out.push({ s, offset: start });
      start = end + 1;
    };
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "。") push(i);
      else if (text[i] === "\n") {
        const line = text.slice(lineStart, i).trim();
        const next = text.slice(i + 1, i + 12);
        if (
          /[。；;：:]$/.test(line) ||
          (line.length < 30 && !(/[^\s，,。：:；;]$/.test(line) && AMOUNT_START.test(next))) ||
          STARTS_ITEM.test(next)
        )
          push(i);
        lineStart = i + 1;
      }
    }
    push(text.length);
    return out;
  }

  function cleanSubject(raw: string, ctx: StatementContext): string {
    let s = raw.trim();
    const colon = Math.max(s.lastIndexOf("："), s.lastIndexOf(":"));
    if (colon >= 0) s = s.slice(colon + 1);
    s = stripEnum(s).replace(/^[“"]([^”"]+)[”"]$/, "$1");
    if (ctx.department && s.startsWith(ctx.department)) s = s.slice(ctx.department.length).trim();
    s = s.replace(/^(?:本部门|本单位)/, "");
    if (ctx.year !== undefined) s = s.replace(new RegExp(`^${ctx.year}\\s*年(?:度)?`), "");
    s = s.trim();
    if (s.startsWith("的")) s = s.slice(1);
    s = s
      .replace(/(?:预算数|数)?为$/, "")
      .replace(/(?:比|较|与)上年(?:预算)?$/, "")
      .replace(/费(?:预算数|预算|数)$/, "费")
      .trim();
    return GENERIC.has(s) ? "" : s;
  }

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
    const v = parseAmount(am[1] as string, am[2] === "元" ? "yuan" : "wanyuan");
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

  function parseClause(clause: string, offset: number, section: number, ctx: StatementContext, item?: string) {
    const drafts: Statement[] = [];
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
    let cur: Statement | undefined;
    let pending: string | undefined;
    const parts = head.split(/其中[：:]/);
    for (let pi = 0; pi < parts.length; pi++) {
      let rest = parts[pi] as string;
      const colon = rest.search(/[：:]/);
      const firstAmount = rest.search(AMOUNT);
      if (pi === 0 && colon >= 0 && firstAmount >= 0 && colon < firstAmount) {
        pending = cleanSubject(rest.slice(0, colon), ctx) || undefined;
        rest = rest.slice(colon + 1);
      }
      for (const piece of rest.split(/，|,(?!\d{3})/)) {
        const field = classify(piece.trim());
        if (!field) continue;
        const subject = field.subject === undefined ? "" : cleanSubject(field.subject, ctx);
        if (!cur || (subject !== "" && subject !== cur.subject) || cur[field.key] !== undefined) {
          const subj = subject || pending || (field.key === "budget" ? item : undefined);
          if (!subj) continue;
          cur = { subject: subj, text: clause.trim(), at: { section, offset } };
          drafts.push(cur);
        }
        cur[field.key] = field.value;
      }
    }
    const last = drafts[drafts.length - 1];
    if (reason && last) last.reason = reason;
    return drafts;
  }

  function parseStatements(text: string, section: number, ctx: StatementContext): Statement[] {
    const out: Statement[] = [];
    const bySubject = new Map<string, Statement>();
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
      const last = out[out.length - 1];
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
        for (const st of drafts) {
          if (st.budget !== undefined) lastBudget = st;
          const prev = bySubject.get(st.subject);
          if (prev && FIELDS.every((f) => prev[f] === undefined || st[f] === undefined)) {
            for (const f of FIELDS)
              if (prev[f] === undefined && st[f] !== undefined) Object.assign(prev, { [f]: st[f] });
            prev.text = `${prev.text}；${st.text}`;
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

  return { sentences, cleanSubject, parseStatements };
})();

const seed = readFileSync(new URL("../../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url), "utf8");
const DEPARTMENT = "新疆巴州人力资源和社会保障局";
const contexts: StatementContext[] = [
  { department: DEPARTMENT, year: 2025, resolveCode: (s) => (s.length % 3 === 0 ? `c${s.length}` : undefined) },
  {},
  { department: "本部门", year: 2024 },
];

/** Pieces of 说明 text that matter to the parser, to build sentences from. */
const TOKENS = [
  ..."，,；;：:。\n 　\t万元%％-0159.",
  ...[",123", "增加", "减少", "增长", "下降", "增幅", "降幅", "占", "占比", "完成", "年初", "调整", "预算", "数"],
  ...["的", "为", "是", "支出", "决算", "比", "较", "与", "上年", "2024", "2025", "年", "年度", "度", "相比"],
  ...["其中", "其中：", "主要原因", "主要原因是", "原因是", "原因", "此项数据变动较大的原因是", "（项）", "项"],
  ...["1、", "2.", "一、", "（一）", "- ", "“", "”", '"', "本部门", "本单位", DEPARTMENT, "2025 年度", "费"],
  ...["决算数小于预算数的主要原因", "大于", "经费", "合计", "一般公共预算", "3,374.27 万元", "64.65%"],
  ...["完成年初调整预算数的", "完成调整预算的", "完成预算", "比上年度", "比 2024 年度", "较2024年", "比12024年"],
  ...["与上年预算相比", "较上年", "比上年预算", "年初预算数是", "支出决算数为", "决算是", "占比"],
];
const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((ts) => ts.join(""));
/** "，" pieces as the parser reads them: words, then a number with a unit or a "%" */
const WORDS = TOKENS.filter((t) => t.length > 1 || /[\u4e00-\u9fff]/.test(t));
const piece = fc
  .tuple(
    fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }),
    fc.constantFrom("", " "),
    fc.oneof(
      { arbitrary: fc.constantFrom("5", "27.10", "3,374.27", "0.5", "1,065", "-3", "12.345", "2025"), weight: 3 },
      {
        arbitrary: fc.array(fc.constantFrom(..."-0123456789,."), { minLength: 1, maxLength: 9 }).map((a) => a.join("")),
        weight: 1,
      },
    ),
    fc.constantFrom("", " "),
    fc.constantFrom("万元", "万", "元", "%", "％", "人"),
  )
  .map(([words, sp, num, sp2, unit]) => `${words.join("")}${sp}${num}${sp2}${unit}`);
const separator = fc.oneof(
  { arbitrary: fc.constant("，"), weight: 6 },
  { arbitrary: fc.constantFrom(",", "；", "。", "\n", "，其中：", "，主要原因是", "：", "。主要原因是"), weight: 2 },
);
const pieceText = fc.array(fc.tuple(piece, separator), { maxLength: 8 }).map((ps) => ps.flat().join(""));

/** a window of the seed text with tokens written over it */
const seedText = fc
  .tuple(
    fc.nat(seed.length),
    fc.integer({ min: 1, max: 600 }),
    fc.array(fc.tuple(fc.nat(600), fc.constantFrom(...TOKENS), fc.nat(2)), { maxLength: 8 }),
  )
  .map(([at, n, edits]) => {
    let t = seed.slice(at, at + n);
    for (const [i, tok, del] of edits) t = t.slice(0, i) + tok + t.slice(i + del);
    return t;
  });

describe("parseStatements", () => {
  it("reads amounts, shares, changes, growth rates and reasons", () => {
    const st = parseStatements(
      "一般公共预算 3,374.27 万元，占 64.65%，比上年预算增加 719.53 万元，增长 27.10%，主要原因是新增项目。",
      2,
      { department: DEPARTMENT, year: 2025 },
    );
    expect(st).toEqual([
      {
        subject: "一般公共预算",
        text: "一般公共预算 3,374.27 万元，占 64.65%，比上年预算增加 719.53 万元，增长 27.10%，主要原因是新增项目",
        at: { section: 2, offset: 0 },
        amount: 3_374_270_000,
        share: 6465,
        change: 719_530_000,
        growth: 2710,
        reason: "新增项目",
      },
    ]);
  });

  it("gives what the regular expressions give, on the seed's text and on generated text", () => {
    fc.assert(
      fc.property(fc.oneof(tokenText, pieceText, seedText), fc.nat(2), (text, c) => {
        const ctx = contexts[c] as StatementContext;
        expect(parseStatements(text, 3, ctx)).toEqual(reference.parseStatements(text, 3, ctx));
        expect(sentences(text)).toEqual(reference.sentences(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("cleans subjects as the regular expressions do", () => {
    fc.assert(
      fc.property(tokenText, fc.nat(2), (s, c) => {
        const ctx = contexts[c] as StatementContext;
        expect(cleanSubject(s, ctx)).toBe(reference.cleanSubject(s, ctx));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the scans that replace regular expressions", () => {
  const numberish = fc.array(fc.constantFrom(..."0123456789,.-%％万元 年x"), { maxLength: 16 }).map((a) => a.join(""));

  it("firstNumber and numberEnd find the first number followed by a % or a unit", () => {
    fc.assert(
      fc.property(numberish, fc.nat(16), fc.nat(16), (s, a, b) => {
        const from = Math.min(a, s.length);
        const to = Math.max(from, Math.min(b, s.length));
        const part = s.slice(from, to);
        for (const [after, re] of [
          ["percent", /(-?\d[\d,]*(?:\.\d+)?)\s*[%％]/],
          ["unit", /(-?\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)/],
        ] as const) {
          const m = re.exec(part);
          const at = firstNumber(s, from, to, after);
          expect(at).toBe(m ? from + m.index : -1);
          if (m) expect(numberEnd(s, at, to)).toBe(at + (m[1] as string).length);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("amountAt and percentAt read numbers as parseAmount and parsePercent do", () => {
    const num = fc.array(fc.constantFrom(..."0123456789,.-"), { minLength: 1, maxLength: 20 }).map((a) => a.join(""));
    fc.assert(
      fc.property(num, fc.constantFrom("yuan" as const, "wanyuan" as const), (n, unit) => {
        const s = `x${n}y`;
        expect(amountAt(s, 1, 1 + n.length, unit)).toBe(parseAmount(n, unit));
        expect(percentAt(s, 1, 1 + n.length)).toBe(parsePercent(n));
      }),
      { numRuns: 5000 },
    );
    expect(amountAt("3,374.27", 0, 8, "wanyuan")).toBe(3_374_270_000);
    expect(percentAt("64.65", 0, 5)).toBe(6465);
  });

  /** strings of the words the backward matches look for */
  const wordy = (words: string[]) => fc.array(fc.constantFrom(...words), { maxLength: 10 }).map((a) => a.join(""));

  it("the matches anchored at the end, backwards, agree with their patterns", () => {
    const cases: [RegExp, (s: string, from: number, to: number) => number, string[]][] = [
      [
        /完成(?:年初)?(?:调整)?预算(?:数)?的?$/,
        completionEnd,
        ["完成", "年初", "调整", "预算", "数", "的", "调", "成", "x"],
      ],
      [/年初预算(?:数)?(?:为|是)?$/, budgetStart, ["年初", "预算", "年初预算", "数", "为", "是", "x"]],
      [/(?:支出)?决算(?:数)?(?:为|是)?$/, actualStart, ["支出", "决算", "数", "为", "是", "出", "x"]],
    ];
    for (const [re, scan, words] of cases) {
      fc.assert(
        fc.property(wordy(words), fc.nat(3), (s, from) => {
          const f = Math.min(from, s.length);
          const m = re.exec(s.slice(f));
          expect(scan(s, f, s.length)).toBe(m ? f + m.index : -1);
        }),
        { numRuns: 3000 },
      );
    }
    const base = [
      "比",
      "较",
      "与",
      "上",
      "上年",
      "年",
      "度",
      "年度",
      "预算",
      "相比",
      "2024",
      "024",
      "24",
      "1",
      " ",
      "\t",
      "x",
    ];
    fc.assert(
      fc.property(wordy(base), fc.nat(3), (s, from) => {
        const f = Math.min(from, s.length);
        const cut = s.slice(f).replace(/(?:比|较|与)(?:上年|\d{4}\s*年度?)(?:预算)?(?:相比)?\s*$/, "");
        expect(s.slice(f, changeBaseStart(s, f, s.length))).toBe(cut);
      }),
      { numRuns: 5000 },
    );
  });

  it("the next line's first characters are read as the patterns read them", () => {
    const next = wordy([..."0123456789,.-*•万元、．（()）一二十 \t\nx", "万元", "1、", "（一）", "一、", "二十、"]);
    fc.assert(
      fc.property(next, fc.nat(4), fc.nat(14), (s, a, b) => {
        const i = Math.min(a, s.length);
        const to = Math.max(i, Math.min(i + b, s.length));
        const window = s.slice(i, to);
        expect(amountStarts(s, i, to)).toBe(/^\s*\d[\d,]*(?:\.\d+)?\s*万/.test(window));
        expect(startsItem(s, i, to)).toBe(
          /^(?:[-*•]\s|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．]\s*\D)/.test(window),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it("reasonMarker finds where /主要原因(?:是|为)|原因是/ matches", () => {
    const text = fc.array(fc.constantFrom("主要", "原因", "是", "为", "主", "因", "x"), { maxLength: 12 });
    fc.assert(
      fc.property(text, (ts) => {
        const s = ts.join("");
        expect(reasonMarker(s)).toBe(/主要原因(?:是|为)|原因是/.exec(s)?.index ?? -1);
      }),
      { numRuns: 3000 },
    );
  });
});
