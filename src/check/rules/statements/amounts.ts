/**
 * S-07: a total the 说明 states agrees with the table it names: 收支总预算 / 收入预算 / 支出预算 with the
 * 收支总表, 财政拨款收支总预算 with the 财政拨款收支总表, 一般公共预算（当年）拨款支出 with the 一般公共预算支出表,
 * “三公”经费预算 with the “三公”经费表, 政府性基金预算支出 with the 政府性基金预算支出表. The stated amount
 * must equal one of the amounts printed in the table's total rows (总计, 合计, 本年收入合计 …, any
 * column), after exact conversion between 元 and 万元. Tolerance by printed precision: the stated
 * figure stands for anything within one step of its last printed digit (0.01 万元 for "5,876.67万元",
 * 1 万元 for "19,577万元", rounded or cut), plus one step of the table's own precision. Only the
 * amount printed right after the subject words is read, and only for this year (a clause naming
 * another year is skipped). A warning: the 说明 may state a total the table does not print (a total
 * with or without 结转); a reviewer decides.
 */
import { printingsOf } from "../../../model/access.ts";
import type { PrintedTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { defineRule } from "../../rule.ts";
import {
  excerpt,
  formatScaled,
  NUMBER,
  type PrintedAmount,
  readNumber,
  scaled,
  sentenceLoc,
  sentencesOf,
  step,
} from "./sentences.ts";

const ID = "S-07";

interface Subject {
  re: RegExp;
  tables: readonly string[];
  what: string;
  /** compare with every amount of the table, not only its total rows (the 三公 lines) */
  anyRow?: boolean;
}

const AMOUNT = `(?:为|是|合计|总额|总计|共计)?(${NUMBER})(亿元|万元|元)`;
const SUBJECTS: readonly Subject[] = [
  {
    re: new RegExp(`(?<!财政拨款|一般公共预算|基金|经营)(?:收支总预算|收支预算总额|收支总计)${AMOUNT}`, "g"),
    tables: ["summary"],
    what: "收支总预算",
  },
  {
    re: new RegExp(`财政拨款收支总预算${AMOUNT}`, "g"),
    tables: ["fiscalSummary"],
    what: "财政拨款收支总预算",
  },
  {
    re: new RegExp(`一般公共预算(?:当年)?(?:财政)?拨款支出(?:预算)?${AMOUNT}`, "g"),
    tables: ["generalBudgetExpenditure", "fiscalSummary"],
    what: "一般公共预算拨款支出",
  },
  {
    re: new RegExp(`“三公”经费(?:财政拨款)?(?:预算数?|支出预算)${AMOUNT}`, "g"),
    tables: ["threePublic"],
    what: "“三公”经费预算",
  },
  // the 三公 lines: each is printed in the table's total row (one row, or a 合计 over units)
  ...(
    [
      [String.raw`因公出国\(境\)费用?`, "因公出国（境）费"],
      ["公务接待费", "公务接待费"],
      ["公务用车购置及运行(?:维护)?费", "公务用车购置及运行费"],
      ["公务用车购置费", "公务用车购置费"],
      ["公务用车运行(?:维护)?费", "公务用车运行维护费"],
    ] as const
  ).map(
    ([words, what]): Subject => ({
      re: new RegExp(`(?<!其中|含)${words}(?:财政拨款)?(?:支出)?(?:预算(?:数|支出)?)?${AMOUNT}`, "g"),
      tables: ["threePublic"],
      what,
      // printed as columns of the total row, or as rows of their own (福州: one line per item)
      anyRow: true,
    }),
  ),
  {
    re: new RegExp(`政府性基金预算(?:财政)?拨款支出(?:预算)?${AMOUNT}`, "g"),
    tables: ["governmentFundExpenditure", "fiscalSummary"],
    what: "政府性基金预算拨款支出",
  },
];

/** A cheap first test: a word every subject has. */
const FIRST_TEST = /总预算|收支预算总额|收支总计|拨款支出|“三公”经费|因公出国|公务接待|公务用车/;

/** A year printed just before the subject: the clause is about that year. */
const YEAR_BEFORE = /((?:19|20)\d{2})年度?[^,;。\d]{0,16}$/;

/** The amounts printed in a table's total rows (any column), in 10⁻¹² 万元, with the table's step. */
function totals(t: PrintedTable, anyRow = false): { values: bigint[]; step: bigint } {
  const values: bigint[] = [];
  for (const r of t.rows) {
    if (!anyRow && r.kind !== "total" && !/总计|合计/.test(r.label)) continue;
    for (const c of r.cells) if (typeof c === "number") values.push(BigInt(c) * 1_000_000n);
  }
  // one step of the table's printed precision (0.01 in its unit unless it says otherwise)
  const decimals = t.precision ?? 2;
  const unitScale = t.unit === "yuan" ? 100_000_000n : 1_000_000_000_000n;
  return { values, step: unitScale / 10n ** BigInt(decimals) || 1n };
}

export const S07 = defineRule({
  id: ID,
  severity: "warning",
  category: "text",
  title: "说明中的总额与其所说的表相符（元、万元精确换算，按印出的精度判断）",
  source: "财预〔2016〕143号（说明应与报表一致）; derived (T-01, T-08, T-09, T-20 in any wording)",
  general: true,
  run: ({ d, template }) => {
    if (!template.national)
      return { notChecked: `地区模板 ${template.id} 的说明金额由 T-01 … T-21 按其说明结构逐项核对` };
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const s of sentencesOf(d)) {
      // every subject ends in 预算/支出/总计 words and an amount in 元: most sentences have neither
      if (!s.text.includes("元") || !FIRST_TEST.test(s.text)) continue;
      for (const subj of SUBJECTS) {
        for (const m of s.text.matchAll(subj.re)) {
          const y = YEAR_BEFORE.exec(s.text.slice(0, m.index ?? 0));
          if (y && Number(y[1]) !== d.meta.year) continue;
          const a: PrintedAmount = { ...readNumber(m[1]!), unit: m[2] as PrintedAmount["unit"] };
          // a stated 0 against a blank or 0 cell is S-06's question (blank is not zero), not this one's
          if (a.m === 0n) continue;
          // (every printing of the table: a department's and its units' tables in one file)
          const tables = subj.tables.flatMap((id) => printingsOf(d, id));
          if (tables.length === 0) continue;
          const v = scaled(a);
          const sa = step(a);
          let nearest: bigint | undefined;
          let agrees = false;
          let any = false;
          for (const t of tables) {
            const { values, step: st } = totals(t, subj.anyRow);
            for (const x of values) {
              any = true;
              const gap = v - x;
              if (gap <= sa + st && gap >= -(sa + st)) agrees = true;
              if (nearest === undefined || abs(x - v) < abs(nearest - v)) nearest = x;
            }
          }
          if (!any || agrees || nearest === undefined) continue;
          const t = tables[0]!;
          const key = `${subj.what}|${a.text}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            rule: ID,
            severity: "warning",
            message: `说明中“${excerpt(s.text, m.index ?? 0)}”写${subj.what} ${a.text}${a.unit}，表${t.no}（${t.title}）的合计行中没有这一金额（最接近的是 ${formatScaled(nearest)} 万元）。请核对说明或表格`,
            location: sentenceLoc(s),
            expected: `${formatScaled(nearest)} 万元`,
            actual: `${a.text}${a.unit}`,
            difference: formatScaled(v - nearest),
          });
        }
      }
    }
    return out;
  },
});

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}
