/**
 * T-14: 说明六 人员经费/公用经费 against 表6 — amounts, and the 款 names listed after "主要包括"
 * against the 表6 款 rows carrying 人员经费 / 公用经费.
 */
import { tableById } from "../../../model/access.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import { compareSum, defineRule } from "../../rule.ts";
import { basicAmounts, explanationById, squash, subjectOf, textLoc } from "./shared.ts";

/** The list after "包括：" in a sentence, split on 、 (names only). */
export function listedNames(text: string): string[] | undefined {
  const m = /包括[：:]([^。；]+)/.exec(text);
  if (!m) return undefined;
  return m[1]!
    .split(/[、，,]/)
    .map((x) => squash(x))
    .filter((x) => x.length > 0);
}

export const T14 = defineRule({
  id: "T-14",
  severity: "error",
  category: "text",
  title: "说明六 人员经费、公用经费金额等于表6，列举的经济分类款与表6 一致",
  source: "derived",
  run: (ctx) => {
    const e = explanationById(ctx, "basic");
    const t6 = tableById(ctx.d, "basicExpenditure");
    if (!e) return { notChecked: "没有说明六" };
    if (!t6) return { notChecked: "没有表6 一般公共预算基本支出情况表" };
    const out: Finding[] = [];
    const basic = basicAmounts(ctx, t6);
    for (const s of e.statements) {
      const subj = subjectOf(s);
      const key = subj.includes("人员经费") ? "personnel" : subj.includes("公用经费") ? "operating" : "total";
      if (s.amount !== undefined) {
        const expected = basic[key];
        if (expected !== undefined) {
          const f = compareSum(T14, {
            expected,
            actual: s.amount,
            addends: 0,
            message: () =>
              `说明六 ${s.subject} ${formatWanyuan(s.amount!)} 万元与表6 总计 ${formatWanyuan(expected)} 万元不一致`,
            location: () => ({ ...textLoc(e.no, `（${s.subject}）`), table: 6, row: "总计" }),
          });
          if (f) out.push(f);
        }
      }
      if (key === "total") continue;
      const names = listedNames(s.text);
      if (!names) continue;
      // a row whose code the import could not read (two 款 merged: "3024099") hides 款 names of its
      // kind; comparing the list would report the import's gap as the document's
      if (t6.rows.some((r) => r.code && r.code.length > 5 && basic.kindOf?.(r.code) === key)) continue;
      const inTable = t6.rows
        .filter((r) => r.code?.length === 5 && basic.byKind(r, key) !== 0)
        .map((r) => squash(r.label));
      const missing = inTable.filter((n) => !names.includes(n));
      const extra = names.filter((n) => !inTable.includes(n));
      if (missing.length > 0 || extra.length > 0)
        out.push({
          rule: "T-14",
          severity: "warning",
          message: `说明六 ${s.subject} 列举的款与表6 不一致${missing.length ? `；表6 有而说明未列：${missing.join("、")}` : ""}${extra.length ? `；说明列举而表6 没有：${extra.join("、")}` : ""}`,
          location: { ...textLoc(e.no, `（${s.subject}）`), table: 6 },
        });
    }
    return out;
  },
});
