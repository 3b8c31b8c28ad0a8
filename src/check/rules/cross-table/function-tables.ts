/**
 * Agreement of the department-wide function tables: 表1 支出 类 = 表3 类 合计 (K-07), 表2 and 表3
 * print the same function codes with 总计 = 合计 on every row (K-13), 表3 总计 = 表1 支出总计 (K-15).
 * (表1 类 = 表2 类 follows from K-07 and K-13 and is not reported a third time.)
 */
import { amountAt, classSumLine, expenditureAmountOn, expenditureLineRow, rowLabel } from "../../../model/access.ts";
import type { Finding } from "../../../model/finding.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { cellLocation, cellsAgree, compareEqual, needTables, push, tableSpec } from "../arithmetic/sum-cells.ts";
import { amountFor, classRows, codesOf, rowFor } from "./lookup.ts";

export const K07: Rule = defineRule({
  id: "K-07",
  severity: "error",
  category: "cross-table",
  title: "部门收支总体情况表各功能分类类的支出等于部门支出总体情况表对应类的合计",
  source: "表间关系（domain-rules K-07）",
  run: (ctx) => {
    const r = needTables(ctx, ["summary", "expenditure"]);
    if ("notChecked" in r) return r;
    const [t1, t3] = r.tables as [(typeof r.tables)[0], (typeof r.tables)[0]];
    const c1 = classRows(t1);
    const codes = new Set([...c1.keys(), ...codesOf(t3).filter((c) => c.length === 3)]);
    const out: Finding[] = [];
    for (const code of codes) {
      const row1 = c1.get(code);
      const v1 = row1 ? amountAt(t1, row1, "expenditureAmount") : null;
      const v3 = amountFor(t3, code, "total");
      if (cellsAgree(v1, [v3])) continue;
      const row3 = rowFor(t3, code);
      push(
        out,
        compareEqual(K07, {
          actual: v1,
          expected: [v3],
          message: () => `表${t1.no}功能分类“${code}”的支出与表${t3.no}该类合计不一致`,
          location: () => (row1 ? cellLocation(t1, row1, "expenditureAmount") : cellLocation(t3, row3, "total")),
          unit: t1.unit,
        }),
      );
    }
    return out;
  },
});

export const K13: Rule = defineRule({
  id: "K-13",
  severity: "error",
  category: "cross-table",
  title: "部门收入总体情况表与部门支出总体情况表功能分类科目相同，每行收入总计等于支出合计",
  source: "表间关系（domain-rules K-13）",
  run: (ctx) => {
    const r = needTables(ctx, ["income", "expenditure"]);
    if ("notChecked" in r) return r;
    const [t2, t3] = r.tables as [(typeof r.tables)[0], (typeof r.tables)[0]];
    const carries = tableSpec(ctx.template, "summary")?.lines?.filter(
      (l) => l.side === "expenditure" && /closingBalance|carryForward/.test(l.key),
    );
    if (carries && carries.length > 0)
      return {
        notChecked: `模板 ${ctx.template.id} 的收入与支出按科目可以相差${carries.map((l) => l.label).join("、")}，收入表与支出表逐行不必相等`,
      };
    const codes = new Set([...codesOf(t2), ...codesOf(t3)]);
    const out: Finding[] = [];
    for (const code of codes) {
      const row2 = rowFor(t2, code);
      const row3 = rowFor(t3, code);
      if (!row2 || !row3) {
        const present = (row2 ?? row3)!;
        out.push({
          rule: K13.id,
          severity: "error",
          message: `科目“${rowLabel(present)}”只出现在表${row2 ? t2.no : t3.no}，表${row2 ? t3.no : t2.no}没有该行`,
          location: row2 ? cellLocation(t2, row2) : cellLocation(t3, row3),
        });
        continue;
      }
      push(
        out,
        compareEqual(K13, {
          actual: amountAt(t3, row3, "total"),
          expected: [amountAt(t2, row2, "total")],
          message: () => `表${t3.no}“${rowLabel(row3)}”支出合计不等于表${t2.no}同一科目收入总计`,
          location: () => cellLocation(t3, row3, "total"),
          unit: t3.unit,
        }),
      );
    }
    return out;
  },
});

export const K15: Rule = defineRule({
  id: "K-15",
  severity: "error",
  category: "cross-table",
  title: "部门支出总体情况表总计等于部门收支总体情况表支出总计",
  source: "表间关系（domain-rules K-15）",
  run: (ctx) => {
    const r = needTables(ctx, ["summary", "expenditure"]);
    if ("notChecked" in r) return r;
    const [t1, t3] = r.tables as [(typeof r.tables)[0], (typeof r.tables)[0]];
    const tot3 = rowFor(t3, "");
    if (!tot3) return { notChecked: `表${t3.no}没有总计行` };
    // 决算: 表3 is the year's expenditure, 表1 本年支出合计 (its 总计 adds 结余分配 and 年末结转和结余)
    const spec1 = tableSpec(ctx.template, "summary");
    const line = classSumLine(spec1);
    const row1 = expenditureLineRow(t1, spec1, line);
    const f = compareEqual(K15, {
      actual: amountAt(t3, tot3, "total"),
      expected: [row1 ? expenditureAmountOn(t1, row1).amount : null],
      message: () => `表${t3.no}总计不等于表${t1.no}${line === "total" ? "支出总计" : "本年支出合计"}`,
      location: () => cellLocation(t3, tot3, "total"),
      unit: t3.unit,
    });
    return f ? [f] : [];
  },
});
