/**
 * A-CODES: the classification structure the hierarchy sums rely on, in every function- or
 * economic-coded table: no code printed twice (a duplicated row would be counted twice), every
 * 款/项 has its 类/款 row, and every code has a valid length. Without this, a 项 whose 款 row is
 * missing would silently drop out of the hierarchy check.
 */
import { rowLabel, tableById } from "../../../model/access.ts";
import type { Finding } from "../../../model/finding.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { cellLocation } from "./sum-cells.ts";

export const ACODES: Rule = defineRule({
  id: "A-CODES",
  severity: "error",
  category: "arithmetic",
  title: "科目编码结构：编码不重复、上级科目行齐全、编码位数正确",
  source: "支出功能分类/经济分类科目层级（类 3 位、款 5 位、项 7 位）",
  run: ({ d, template }) => {
    const specs = template.tables.filter((s) => s.layout === "functionCoded" || s.layout === "economicCoded");
    const out: Finding[] = [];
    let checked = 0;
    for (const s of specs) {
      const t = tableById(d, s.id);
      // a table read by the general reader: its structure was verified against its numbers (A-COL)
      if (!t || t.sums) continue;
      checked++;
      const lengths = s.layout === "economicCoded" ? [3, 5] : [3, 5, 7];
      const seen = new Set<string>();
      const codes = new Set<string>();
      for (const r of t.rows) if (r.code) codes.add(r.code);
      for (const r of t.rows) {
        if (!r.code || r.kind === "total" || r.kind === "header") continue;
        if (!/^\d+$/.test(r.code) || !lengths.includes(r.code.length)) {
          out.push({
            rule: ACODES.id,
            severity: "warning",
            message: `表${t.no}“${rowLabel(r)}”的科目编码位数不正确（应为 ${lengths.join("/")} 位）`,
            location: cellLocation(t, r),
          });
          continue;
        }
        if (seen.has(r.code)) {
          out.push({
            rule: ACODES.id,
            severity: "error",
            message: `表${t.no}科目“${rowLabel(r)}”重复出现，汇总时会被重复计算`,
            location: cellLocation(t, r),
          });
        }
        seen.add(r.code);
        if (r.code.length > 3) {
          const parent = r.code.slice(0, r.code.length - 2);
          if (!codes.has(parent)) {
            out.push({
              rule: ACODES.id,
              severity: "warning",
              message: `表${t.no}“${rowLabel(r)}”缺少上级科目 ${parent} 行`,
              location: cellLocation(t, r),
            });
          }
        }
      }
    }
    if (checked === 0) return { notChecked: "没有按科目编码排列的表" };
    return out;
  },
});

/** A-NEG: budget amounts are not negative; a minus sign is usually an extraction or typing slip. */
export const ANEG: Rule = defineRule({
  id: "A-NEG",
  severity: "warning",
  category: "arithmetic",
  title: "预算表金额不应为负数",
  source: "预算数为当年安排数，不应为负",
  run: ({ d }) => {
    if (d.tables.length === 0) return { notChecked: "没有预算公开表" };
    const out: Finding[] = [];
    for (const t of d.tables) {
      for (const r of t.rows) {
        for (let i = 0; i < r.cells.length; i++) {
          const c = r.cells[i];
          const col = t.columns[i];
          if (typeof c === "number" && c < 0 && col?.type === "amount") {
            out.push({
              rule: ANEG.id,
              severity: "warning",
              message: `表${t.no}“${rowLabel(r)}”的“${col.path.join("/")}”为负数`,
              location: cellLocation(t, r, col.key),
            });
          }
        }
      }
    }
    return out;
  },
});
