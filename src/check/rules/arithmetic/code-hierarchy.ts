/**
 * A-T{n}-HIER: classification hierarchy sums in every amount column of a code-structured table:
 * 总计 = Σ 类, 类 = Σ 款, 款 = Σ 项 (function codes, 表2/3/5/8/9; K-11) or 总计 = Σ 类, 类 = Σ 款
 * (economic codes, 表6; K-23, K-24 first part). Each relation compares one level with the next
 * level below it only: 类, 款 and 项 rows are never added together (the peer checker's trap).
 * When a level is not printed (a 类 with 项 rows directly under it) the next printed level is used.
 */
import {
  amountIn,
  amountKeys,
  basicTotalRows,
  columnIndex,
  columnLabel,
  rowLabel,
  tableById,
} from "../../../model/access.ts";
import type { Row } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import type { Fen } from "../../../model/money.ts";
import { type TableSpec, xinjiang2025Budget } from "../../../templates/index.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { cellLocation, cellsAgree, compareCells, OWN_SUMS, tableName, tableSpec } from "./sum-cells.ts";

const FUNCTION_LEVELS = [3, 5, 7] as const;
const ECONOMIC_LEVELS = [3, 5] as const;
const LEVEL_NAME: Record<number, string> = { 3: "类", 5: "款", 7: "项" };

/** Coded rows of a table with a code of one of the given lengths (no totals, no headers). */
export function codedRows(rows: readonly Row[], lengths: readonly number[]): Row[] {
  return rows.filter(
    (r) =>
      r.kind !== "header" &&
      r.kind !== "total" &&
      r.code !== undefined &&
      /^\d+$/.test(r.code) &&
      lengths.includes(r.code.length),
  );
}

/**
 * The rows directly below each parent code ("" for the 总计): the next printed level only. The rows
 * are grouped once by each shorter prefix of their code and by code length, in printed order, so a
 * table's parents are resolved in one pass over its rows instead of one pass per parent.
 * @example childIndex(rows, [3,5,7])("208") // the 款 rows 208xx, or the 项 rows if no 款 is printed
 */
export function childIndex(rows: readonly Row[], lengths: readonly number[]): (prefix: string) => readonly Row[] {
  const byPrefix = new Map<string, Map<number, Row[]>>();
  const add = (prefix: string, r: Row, len: number) => {
    let byLen = byPrefix.get(prefix);
    if (!byLen) {
      byLen = new Map();
      byPrefix.set(prefix, byLen);
    }
    const list = byLen.get(len);
    if (list) list.push(r);
    else byLen.set(len, [r]);
  };
  for (const r of rows) {
    const code = r.code;
    if (code === undefined) continue;
    add("", r, code.length);
    for (const l of lengths) if (l < code.length) add(code.slice(0, l), r, code.length);
  }
  return (prefix) => {
    const byLen = byPrefix.get(prefix);
    if (byLen)
      for (const len of lengths) {
        if (len <= prefix.length) continue;
        const kids = byLen.get(len);
        if (kids) return kids;
      }
    return [];
  };
}

export function hierarchyRule(spec: Pick<TableSpec, "no" | "id" | "title" | "layout">): Rule {
  const lengths = spec.layout === "economicCoded" ? ECONOMIC_LEVELS : FUNCTION_LEVELS;
  const kind = spec.layout === "economicCoded" ? "经济分类" : "功能分类";
  const rule: Rule = defineRule({
    id: `A-T${spec.no}-HIER`,
    severity: "error",
    category: "arithmetic",
    title: `${spec.title}：总计等于各类之和，类等于所属款之和${lengths.length > 2 ? "，款等于所属项之和" : ""}（每一金额列）`,
    source: `${kind}科目层级（domain-rules ${spec.layout === "economicCoded" ? "K-23、K-24" : "K-11"}）`,
    run: ({ d, template }) => {
      const t = tableById(d, spec.id);
      if (!t) return { notChecked: `缺少${tableName(template, spec.id)}` };
      if (t.sums) return { notChecked: OWN_SUMS };
      const rows = codedRows(t.rows, lengths);
      // A code of the wrong length is a row the import could not separate (two wrapped rows read as
      // one, e.g. "3024099"): its parents' sums would be false errors, so the table is not checked.
      const bad = t.rows.filter(
        (r) => r.code && /^\d+$/.test(r.code) && !(lengths as readonly number[]).includes(r.code.length),
      );
      if (bad.length > 0)
        return {
          notChecked: `表${t.no}有科目编码位数不正确的行（${bad.map((r) => r.code).join("、")}，多为相邻行被合并读取），层级加总不可靠`,
        };
      const keys = amountKeys(t).map((key) => ({ key, at: columnIndex(t, key) }));
      const out: Finding[] = [];
      // (name: the 总计's; a coded row's is made from the row, only for a finding's message)
      const parents: { row: Row; prefix: string; name?: string; kids?: Row[] }[] = [];
      const ts = tableSpec(template, spec.id);
      const totals = basicTotalRows(t, ts);
      if (totals && "personnel" in totals && ts?.personnelClasses) {
        // 决算 表6: 人员经费合计 = Σ 301, 303; 公用经费合计 = Σ the other classes
        const pc = ts.personnelClasses;
        const classes = rows.filter((r) => r.code!.length === lengths[0]);
        parents.push({
          row: totals.personnel,
          prefix: "",
          name: "人员经费合计",
          kids: classes.filter((r) => pc.includes(r.code!)),
        });
        parents.push({
          row: totals.operating,
          prefix: "",
          name: "公用经费合计",
          kids: classes.filter((r) => !pc.includes(r.code!)),
        });
      } else if (totals && "total" in totals && rows.length > 0)
        parents.push({ row: totals.total, prefix: "", name: "总计" });
      for (const r of rows)
        if (r.code && r.code.length < lengths[lengths.length - 1]!) parents.push({ row: r, prefix: r.code });
      const children = childIndex(rows, lengths);
      const parts: (Fen | null)[] = []; // (reused: compareCells reads it and keeps nothing)
      for (const p of parents) {
        const kids = p.kids ?? children(p.prefix);
        if (kids.length === 0) continue;
        const kidLevel = LEVEL_NAME[kids[0]!.code!.length];
        const notices: Finding[] = [];
        for (const { key, at } of keys) {
          parts.length = kids.length;
          for (let i = 0; i < kids.length; i++) parts[i] = amountIn(kids[i] as Row, at);
          const total = amountIn(p.row, at);
          if (cellsAgree(total, parts)) continue;
          const f = compareCells(rule, {
            total,
            parts,
            message: () =>
              `表${t.no}${p.name ?? `${LEVEL_NAME[p.prefix.length]}“${rowLabel(p.row)}”`}的“${columnLabel(t, key)}”不等于所属 ${kids.length} 个${kidLevel}之和`,
            location: () => cellLocation(t, p.row, key),
            unit: t.unit,
          });
          if (!f) continue;
          // A rounding difference usually shows in the 合计 column and again in the one part column
          // that carries the whole row (表6 301: 合计 = 人员经费): report it once, naming both columns.
          const same =
            f.severity === "notice" && notices.find((n) => n.expected === f.expected && n.actual === f.actual);
          if (same) same.message += `（“${f.location.column}”列同）`;
          else {
            if (f.severity === "notice") notices.push(f);
            out.push(f);
          }
        }
      }
      return out;
    },
  });
  return rule;
}

/** One hierarchy rule per function- or economic-coded table of the Xinjiang spec. */
export const HIERARCHY_RULES: readonly Rule[] = xinjiang2025Budget.tables
  .filter((s) => s.layout === "functionCoded" || s.layout === "economicCoded")
  .map((s) => hierarchyRule(s));
