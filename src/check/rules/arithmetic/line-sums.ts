/**
 * A-T{n}-LINES: the fixed-line identities (`lines[].sumOf`) of two-sided and lines tables: 表1
 * 收入总计 = 本年收入 + 上年结转结余, 本年收入 = Σ 拨款/专户/单位资金, every "其中" breakdown (K-02,
 * K-03, K-04); 表4 收入总计 and 财政拨款（补助） (K-16); 表10 合计 = 三项之和, 公务用车 = 购置 + 运行
 * (K-31) — in every amount column of the lines (income side only for two-sided tables).
 * K-05: 表1 收入总计 = Σ every leaf income line (a different relation, so it may report as well).
 */
import { amountAt, amountKeys, columnLabel, linesAreColumns, tableById } from "../../../model/access.ts";
import type { PrintedTable, Row } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { type LineSpec, type TableSpec, xinjiang2025Budget } from "../../../templates/index.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { cellLocation, cellsAgree, compareCells, OWN_SUMS, push, tableName, tableSpec } from "./sum-cells.ts";

/** The amount columns a table's fixed lines use: the income side of a two-sided table, else all. */
export function lineAmountKeys(t: PrintedTable, layout: TableSpec["layout"]): readonly string[] {
  return layout === "twoSided" ? amountKeys(t, "income") : amountKeys(t);
}

/** The printed row of a line key. */
export function lineRow(t: PrintedTable, key: string): Row | undefined {
  return t.rows.find((r) => r.lineKey === key);
}

const lineName = (spec: TableSpec, key: string): string => spec.lines?.find((l) => l.key === key)?.label ?? key;

export function lineSumRule(spec: Pick<TableSpec, "no" | "id" | "title">): Rule {
  const rule: Rule = defineRule({
    id: `A-T${spec.no}-LINES`,
    severity: "error",
    category: "arithmetic",
    title: `${spec.title}：各汇总行等于其组成行之和（含“其中”项）`,
    source: "模板恒等式（domain-rules K-02、K-03、K-04、K-16、K-31）",
    run: ({ d, template }) => {
      const ts = tableSpec(template, spec.id);
      // expenditure-side lines (决算, Jiangsu) are rule F-01's
      const sums = (ts?.lines ?? []).filter(
        (l): l is LineSpec & { sumOf: readonly string[] } => !!l.sumOf && l.side !== "expenditure",
      );
      if (ts && linesAreColumns(ts))
        return {
          notChecked: `模板 ${template.id} 的${ts.title}把各项印成同一行的各列，其汇总关系由 A-T${spec.no}-ROW 的行恒等式检查`,
        };
      if (!ts || sums.length === 0) return { notChecked: `模板 ${template.id} 没有${spec.title}的汇总行` };
      const t = tableById(d, spec.id);
      if (!t) return { notChecked: `缺少${tableName(template, spec.id)}` };
      if (t.sums) return { notChecked: OWN_SUMS };
      if (!t.rows.some((r) => r.lineKey !== undefined)) return { notChecked: `表${t.no}的固定行未识别（无行键）` };
      const keys = lineAmountKeys(t, ts.layout);
      const out: Finding[] = [];
      for (const l of sums) {
        const row = lineRow(t, l.key);
        if (!row) continue;
        const parts = l.sumOf.map((k) => lineRow(t, k));
        for (const key of keys) {
          const total = amountAt(t, row, key);
          const amounts = parts.map((p) => (p ? amountAt(t, p, key) : null));
          if (cellsAgree(total, amounts)) continue;
          push(
            out,
            compareCells(rule, {
              total,
              parts: amounts,
              message: () =>
                `表${t.no}“${lineName(ts, l.key)}”不等于 ${l.sumOf.map((k) => lineName(ts, k)).join(" + ")}${keys.length > 1 ? `（${columnLabel(t, key)}列）` : ""}`,
              location: () => cellLocation(t, row, key),
              unit: t.unit,
            }),
          );
        }
      }
      return out;
    },
  });
  return rule;
}

/** The leaf lines below a line key in the sumOf tree (income side). */
export function leafLines(lines: readonly LineSpec[], key: string): string[] {
  const l = lines.find((x) => x.key === key && x.side !== "expenditure");
  if (!l?.sumOf) return [key];
  return l.sumOf.flatMap((k) => leafLines(lines, k));
}

/** K-05: 表1 收入总计 = Σ all leaf income lines. */
export const K05: Rule = defineRule({
  id: "K-05",
  severity: "error",
  category: "arithmetic",
  title: "部门收支总体情况表：收入总计等于全部明细收入项之和",
  source: "模板恒等式（domain-rules K-05）",
  run: ({ d, template }) => {
    const ts = tableSpec(template, "summary");
    if (!ts?.lines) return { notChecked: `模板 ${template.id} 没有部门收支总体情况表的收入行` };
    const t = tableById(d, "summary");
    if (!t) return { notChecked: `缺少${tableName(template, "summary")}` };
    if (t.sums) return { notChecked: OWN_SUMS };
    const row = lineRow(t, "total");
    if (!row) return { notChecked: `表${t.no}未识别出“收入总计”行` };
    const leaves = leafLines(ts.lines, "total");
    if (leaves.length === 1 && leaves[0] === "total")
      return {
        notChecked: `模板 ${template.id} 的收入总计不只由本年收入项组成（含年初结转和结余等，见 F-02），没有可加总的明细收入项`,
      };
    const out: Finding[] = [];
    for (const key of amountKeys(t, "income")) {
      const total = amountAt(t, row, key);
      const parts = leaves.map((k) => {
        const r = lineRow(t, k);
        return r ? amountAt(t, r, key) : null;
      });
      if (cellsAgree(total, parts)) continue;
      push(
        out,
        compareCells(K05, {
          total,
          parts,
          message: () => `表${t.no}“收入总计”不等于全部明细收入项之和`,
          location: () => cellLocation(t, row, key),
          unit: t.unit,
        }),
      );
    }
    return out;
  },
});

/** One lines rule per table of the Xinjiang spec that declares summed lines. */
export const LINE_SUM_RULES: readonly Rule[] = xinjiang2025Budget.tables
  .filter((s) => s.lines?.some((l) => l.sumOf))
  .map((s) => lineSumRule(s));
