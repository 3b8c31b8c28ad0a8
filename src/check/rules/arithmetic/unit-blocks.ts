/**
 * Tables organised by budget unit and project (表7 项目支出, 表11 结转结余): the 总计 row, unit rows
 * each followed by their own rows, and project rows carrying the amounts.
 *
 * K-29 (表7): 总计 = Σ 单位 (or Σ 项目 when no unit is printed); each unit = Σ its project rows;
 * each 类/款/项 aggregate row inside a unit = Σ the unit's project rows under that code — in every
 * amount column (so each column total is the sum of the project rows).
 * K-33 (表11): 总计 = Σ 单位 (or Σ 项目); each unit = Σ its project rows, every column. (The row
 * identities 总计 = 财政 + 非财政, 小计 = 人员 + 公用 + 项目 are A-T11-ROW.)
 */
import {
  amountIn,
  amountKeys,
  columnIndex,
  columnLabel,
  isProjectRow,
  rowLabel,
  tableById,
  totalRow,
} from "../../../model/access.ts";
import type { PrintedTable, Row } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import type { Fen } from "../../../model/money.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { cellLocation, cellsAgree, compareCells, OWN_SUMS, push, tableName } from "./sum-cells.ts";

export interface UnitBlock {
  /** the unit row, undefined for rows printed before any unit row */
  unit?: Row;
  rows: Row[];
}

/** Splits the non-total rows into unit blocks, in printed order. */
export function unitBlocks(t: PrintedTable): UnitBlock[] {
  const blocks: UnitBlock[] = [];
  let cur: UnitBlock | undefined;
  for (const r of t.rows) {
    if (r.kind === "total" || r.kind === "header") continue;
    if (r.kind === "unit") {
      cur = { unit: r, rows: [] };
      blocks.push(cur);
    } else {
      if (!cur) {
        cur = { rows: [] };
        blocks.push(cur);
      }
      cur.rows.push(r);
    }
  }
  return blocks;
}

/** Compares one aggregate row with a set of rows in every amount column. */
function sumRows(rule: Rule, t: PrintedTable, row: Row, parts: readonly Row[], what: string, out: Finding[]): void {
  const amounts: (Fen | null)[] = []; // (reused: compareCells reads it and keeps nothing)
  for (const key of amountKeys(t)) {
    const at = columnIndex(t, key);
    const total = amountIn(row, at);
    amounts.length = parts.length;
    for (let i = 0; i < parts.length; i++) amounts[i] = amountIn(parts[i] as Row, at);
    if (cellsAgree(total, amounts)) continue;
    push(
      out,
      compareCells(rule, {
        total,
        parts: amounts,
        message: () => `表${t.no}“${rowLabel(row)}”的“${columnLabel(t, key)}”不等于${what}之和`,
        location: () => cellLocation(t, row, key),
        unit: t.unit,
      }),
    );
  }
}

/** Checks 总计 and unit rows; `isLeaf` selects the rows that carry amounts. */
function checkBlocks(rule: Rule, t: PrintedTable, isLeaf: (r: Row) => boolean, out: Finding[]): UnitBlock[] {
  const blocks = unitBlocks(t);
  const units = blocks.flatMap((b) => (b.unit ? [b.unit] : []));
  const leaves = blocks.flatMap((b) => b.rows.filter(isLeaf));
  const tot = totalRow(t);
  if (tot && (units.length > 0 || leaves.length > 0)) {
    // With units printed, 总计 = Σ 单位 and each 单位 = Σ 项目 together imply 总计 = Σ 项目; checking
    // that as well would report the same difference twice.
    const strayLeaves = blocks.filter((b) => !b.unit).flatMap((b) => b.rows.filter(isLeaf));
    if (units.length > 0) sumRows(rule, t, tot, [...units, ...strayLeaves], "各单位", out);
    else sumRows(rule, t, tot, leaves, "各项目行", out);
  }
  for (const b of blocks) {
    if (b.unit) sumRows(rule, t, b.unit, b.rows.filter(isLeaf), "本单位各项目行", out);
  }
  return blocks;
}

export const K29: Rule = defineRule({
  id: "K-29",
  severity: "error",
  category: "arithmetic",
  title: "一般公共预算项目支出情况表：总计等于各单位之和，单位及其类/款/项行等于所属项目行之和（每一金额列）",
  source: "模板恒等式（domain-rules K-29）",
  run: ({ d, template }) => {
    const t = tableById(d, "projectExpenditure");
    if (!t) return { notChecked: `缺少${tableName(template, "projectExpenditure")}` };
    if (t.sums) return { notChecked: OWN_SUMS };
    const out: Finding[] = [];
    const isLeaf = (r: Row) => isProjectRow(t, r);
    const blocks = checkBlocks(K29, t, isLeaf, out);
    for (const b of blocks) {
      const projects = b.rows.filter(isLeaf);
      for (const r of b.rows) {
        if (isLeaf(r) || !r.code || !/^\d+$/.test(r.code)) continue;
        const code = r.code;
        const under = projects.filter((p) => p.code?.startsWith(code));
        sumRows(K29, t, r, under, "所属项目行", out);
      }
    }
    return out;
  },
});

export const K33: Rule = defineRule({
  id: "K-33",
  severity: "error",
  category: "arithmetic",
  title: "上年结转结余情况明细表：总计等于各单位之和，单位等于所属项目之和（每一金额列）",
  source: "模板恒等式（domain-rules K-33）",
  run: ({ d, template }) => {
    const t = tableById(d, "carryover");
    if (!t) return { notChecked: `缺少${tableName(template, "carryover")}` };
    if (t.sums) return { notChecked: OWN_SUMS };
    const out: Finding[] = [];
    checkBlocks(K33, t, (r) => r.kind !== "unit" && r.kind !== "total" && r.kind !== "header", out);
    return out;
  },
});
