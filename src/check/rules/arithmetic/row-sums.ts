/**
 * A-T{n}-ROW: every `rowSums` identity of the template spec, on every row of the table (e.g. 表3
 * 合计 = 基本支出 + 项目支出; 表2 总计 = 财政拨款小计 + …). One rule per table, generated from the
 * spec, so a new template gets its row checks without new code. Covers K-09, K-10, K-14, K-19
 * (first part), K-22, K-28, the 表4 支出 合计列 of K-16, the 表10 资金来源 of K-31 and K-33's 小计.
 */
import { amountIn, columnIndex, columnLabel, hasColumn, tableById } from "../../../model/access.ts";
import type { Finding } from "../../../model/finding.ts";
import type { Fen } from "../../../model/money.ts";
import { type TableSpec, xinjiang2025Budget } from "../../../templates/index.ts";
import { defineRule, type Rule } from "../../rule.ts";
import {
  cellLocation,
  cellsAgree,
  compareCells,
  OWN_SUMS,
  push,
  rowLabelFor,
  tableName,
  tableSpec,
} from "./sum-cells.ts";

/** The rule checking the row identities of one table (by table id; numbered as in the Xinjiang spec). */
export function rowSumRule(spec: Pick<TableSpec, "no" | "id" | "title">): Rule {
  const rule: Rule = defineRule({
    id: `A-T${spec.no}-ROW`,
    severity: "error",
    category: "arithmetic",
    title: `${spec.title}：每行合计等于各分项之和`,
    source: "模板恒等式（domain-rules K-09、K-10、K-14、K-19、K-22、K-28、K-31、K-33）",
    run: ({ d, template }) => {
      const ts = tableSpec(template, spec.id);
      if (!ts || ts.rowSums.length === 0) return { notChecked: `模板 ${template.id} 没有${spec.title}的行恒等式` };
      const t = tableById(d, spec.id);
      if (!t) return { notChecked: `缺少${tableName(template, spec.id)}` };
      if (t.sums) return { notChecked: OWN_SUMS };
      // each identity's columns, looked up once for all rows
      const sums = ts.rowSums
        .filter((s) => hasColumn(t, s.total))
        .map((s) => {
          const parts = s.parts.filter((k) => hasColumn(t, k));
          return { total: s.total, at: columnIndex(t, s.total), parts, partsAt: parts.map((k) => columnIndex(t, k)) };
        });
      if (sums.length === 0) return { notChecked: `表${t.no}缺少合计列` };
      const out: Finding[] = [];
      const parts: (Fen | null)[] = []; // (reused: compareCells reads it and keeps nothing)
      for (const row of t.rows) {
        if (row.kind === "header") continue;
        for (const s of sums) {
          parts.length = s.partsAt.length;
          for (let i = 0; i < s.partsAt.length; i++) parts[i] = amountIn(row, s.partsAt[i] as number);
          const total = amountIn(row, s.at);
          if (cellsAgree(total, parts)) continue;
          push(
            out,
            compareCells(rule, {
              total,
              parts,
              message: () =>
                `表${t.no}“${rowLabelFor(t, row, s.total)}”行：${columnLabel(t, s.total)} 不等于 ${s.parts.map((k) => columnLabel(t, k)).join(" + ")}`,
              location: () => cellLocation(t, row, s.total),
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

/** One row rule per table of the Xinjiang spec that declares row identities. */
export const ROW_SUM_RULES: readonly Rule[] = xinjiang2025Budget.tables
  .filter((s) => s.rowSums.length > 0)
  .map((s) => rowSumRule(s));
