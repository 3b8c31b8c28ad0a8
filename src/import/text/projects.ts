/**
 * 说明七: one description per 一般公共预算 project — "（一）项目名称：…", then 设立的政策依据 (inline or
 * as a numbered list), 预算安排规模, 项目承担单位, 资金分配情况 (may wrap onto the next line),
 * 资金执行时间, and for subsidy projects 补贴人数/标准/范围/方式/发放程序/资金来源/受益人群… (extra).
 */
import type { Allocation, ProjectDescription } from "../../model/disclosure.ts";
import { parseAmount } from "../../model/money.ts";
import { keyHead, type Line, norm, type Problems, type Range, stripBullet, stripEnum } from "./lines.ts";

const START = /^[（(][一二三四五六七八九十]+[)）]\s*项目名称\s*[:：]\s*(.*)$/;
const FIELD = /^([\u4e00-\u9fa5]{2,12})\s*[:：]\s*(.*)$/;
const AMOUNT = /(-?\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)/;

const KNOWN = new Set(["设立的政策依据", "预算安排规模", "项目承担单位", "资金分配情况", "资金执行时间"]);

const amountOf = (s: string): number | undefined => {
  const m = AMOUNT.exec(s);
  if (!m) return undefined;
  return parseAmount(m[1] as string, m[2] === "元" ? "yuan" : "wanyuan");
};

/** False when norm(t) surely starts with no digit (see keyHead): no key made for it. */
const keyMayStartWithDigit = (t: string): boolean => {
  const h = keyHead(t);
  return h < 0 || (h >= 0x30 && h <= 0x39);
};

const trimEnd = (s: string): string => s.replace(/[；;。，,]+$/, "").trim();

/**
 * Allocation items: "；"-separated clauses; in a clause, "，" pieces with an amount are items,
 * pieces without one are either a prefix of the next item ("租赁…专线，购买…服务 42.64 万元") or a
 * remark after one ("…18.00 万元，每场组织不少于 300 家企业参会"); pieces after "其中：" are
 * children of the item before it.
 *
 * @example parseAllocation("大赛 35.50 万元，其中：奖金 15.00 万元，承办 20.50 万元；网站维护费 1.96 万元。")
 *   // → [{ label: "大赛", amount: 35500000, children: [{ label: "奖金", … }, { label: "承办", … }] },
 *   //    { label: "网站维护费", amount: 1960000 }]
 */
export function parseAllocation(text: string): Allocation[] {
  const out: Allocation[] = [];
  const body = text.endsWith("。") ? text.slice(0, -1) : text;
  for (const clause of body.split(/[；;]/)) {
    // (most clauses hold no "其中": no split for them)
    const parts = clause.includes("其中") ? clause.split(/其中[:：]/) : [clause];
    const mains = allocationItems(parts[0] as string);
    for (const m of mains) out.push(m);
    const parent = mains[mains.length - 1];
    const children: Allocation[] = [];
    for (let i = 1; i < parts.length; i++) for (const c of allocationItems(parts[i] as string)) children.push(c);
    if (parent && children.length > 0) parent.children = children;
    else for (const c of children) out.push(c);
  }
  return out;
}

/** The items of one part of a parseAllocation clause (see there). */
function allocationItems(part: string): Allocation[] {
  const res: Allocation[] = [];
  let prefix = "";
  for (const piece of pieces(part)) {
    const p = piece.trim();
    if (!p) continue;
    const m = AMOUNT.exec(p);
    const amount = m ? parseAmount(m[1] as string, m[2] === "元" ? "yuan" : "wanyuan") : undefined;
    if (!m || amount === undefined) {
      prefix = prefix ? `${prefix}，${p}` : p;
      continue;
    }
    const label = (prefix ? `${prefix}，` : "") + p.slice(0, m.index).trim();
    res.push({ label: label || p, amount });
    prefix = "";
  }
  return res;
}

/**
 * `part.split(/，|,(?!\d{3})/)`: at every "，", and at every "," not followed by three digits (a
 * thousands separator), found natively (a regular expression with a look-ahead splits slowly).
 */
function pieces(part: string): string[] {
  const out: string[] = [];
  let start = 0;
  let wide = part.indexOf("，");
  let narrow = part.indexOf(",");
  for (;;) {
    while (narrow >= 0 && isDigitAt(part, narrow + 1) && isDigitAt(part, narrow + 2) && isDigitAt(part, narrow + 3))
      narrow = part.indexOf(",", narrow + 1);
    const next = wide < 0 ? narrow : narrow < 0 ? wide : Math.min(wide, narrow);
    if (next < 0) break;
    out.push(part.slice(start, next));
    start = next + 1;
    if (next === wide) wide = part.indexOf("，", start);
    else narrow = part.indexOf(",", start);
  }
  out.push(part.slice(start));
  return out;
}

const isDigitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
};

export function parseProjects(lines: readonly Line[], r: Range | undefined, problems: Problems): ProjectDescription[] {
  const out: ProjectDescription[] = [];
  if (!r) return out;
  let cur: ProjectDescription | undefined;
  let field: string | undefined;
  const finish = (): void => {
    if (!cur) return;
    if (cur.allocationText) cur.allocation = parseAllocation(cur.allocationText);
    if (cur.scale !== undefined && cur.allocation.length > 0) {
      const sum = cur.allocation.reduce((a, b) => a + b.amount, 0);
      if (sum !== cur.scale) problems.warn("project.allocation", `项目“${cur.name}”资金分配合计与预算安排规模不一致`);
    }
  };
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (!l.text) continue;
    const t = stripBullet(l.text);
    const c0 = t.charCodeAt(0);
    // (START opens with "（" or "(")
    const start = c0 === 0xff08 || c0 === 0x28 ? START.exec(t) : null;
    if (start) {
      finish();
      cur = { name: (start[1] as string).trim(), basis: [], allocation: [], extra: {} };
      out.push(cur);
      field = undefined;
      continue;
    }
    if (!cur) continue;
    // (FIELD needs a colon)
    const f = t.includes("：") || t.includes(":") ? FIELD.exec(t) : null;
    if (f) {
      field = f[1] as string;
      const v = (f[2] as string).trim();
      switch (field) {
        case "设立的政策依据":
          if (v) cur.basis.push(trimEnd(v));
          break;
        case "预算安排规模": {
          const a = amountOf(v);
          if (a !== undefined) cur.scale = a;
          else problems.warn("project.scale", `项目“${cur.name}”的预算安排规模“${v}”无法识别`, l.no);
          break;
        }
        case "项目承担单位":
          cur.unit = trimEnd(v);
          break;
        case "资金分配情况":
          cur.allocationText = v;
          break;
        case "资金执行时间":
          cur.period = trimEnd(v);
          break;
        default:
          cur.extra[field] = v.replace(/。$/, "");
      }
      continue;
    }
    // Continuation lines: numbered 政策依据 items, or a wrapped 资金分配 / extra value.
    if (field === "设立的政策依据" && keyMayStartWithDigit(t) && /^\d+\s*[、.．]/.test(norm(t)))
      cur.basis.push(trimEnd(stripEnum(t)));
    else if (field === "设立的政策依据" && cur.basis.length > 0) cur.basis[cur.basis.length - 1] += trimEnd(t);
    else if (field === "资金分配情况") cur.allocationText = (cur.allocationText ?? "") + t;
    else if (field && !KNOWN.has(field)) cur.extra[field] = (cur.extra[field] ?? "") + t.replace(/。$/, "");
    else problems.warn("project.text", `说明七中有无法归类的文字“${t.slice(0, 30)}”`, l.no);
  }
  finish();
  return out;
}
