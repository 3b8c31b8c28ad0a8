/**
 * A-ROW, A-COL: a table's own identities, as the general reader found and verified them
 * (PrintedTable.sums): across, a 合计 column equals the columns it totals on every row; down, a
 * 合计 row (a 类, a unit, 本年收入合计 …) equals the rows under it in every amount column. These are
 * the identities of any region's layout, whatever it calls its columns; the template-generated
 * rules (A-T{n}-ROW, A-T{n}-HIER, A-T{n}-LINES …) cover the tables read by a template instead.
 *
 * Tolerance: half the printed step × (n + 1) — 0.005 × (n + 1) 万元 for amounts printed to 0.01 万元,
 * less for tables printed to 0.000001 万元 or in 元 (model/sums.ts); within it the difference is
 * rounding, a notice. A table the reader could not read reliably is not checked here (the import
 * reports it once, with its pages).
 */
import { columnIndex, columnLabel } from "../../../model/access.ts";
import type { PrintedTable, Row } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { fenPerUnit, formatPrinted } from "../../../model/money.ts";
import { checkSum, differencesFormRow, printedStep, sumTolerance } from "../../../model/sums.ts";
import type { TemplateSpec } from "../../../templates/spec.ts";
import { defineRule, type Rule, tablesInOtherFile, whyNoTables } from "../../rule.ts";
import { cellLocation, rowLabelFor } from "./sum-cells.ts";

function stepOf(t: PrintedTable): number {
  return printedStep(fenPerUnit(t.unit), t.precision ?? 2);
}

/** Amounts print with the table's own precision (6 decimals stay 6). */
const show = (v: number, t: PrintedTable): string => formatPrinted(v, t.unit, t.precision);

const checkable = (t: PrintedTable) => t.sums !== undefined && t.reading?.status !== "unreliable";

/** Why no table carries identities of its own: read by a regional template's spec, or by none. */
function noOwnSums(tables: readonly PrintedTable[], template: TemplateSpec): string {
  if (!template.national && tables.length > 0)
    return `表格按地区模板 ${template.id} 读取，表内恒等式由该模板生成的表内规则（以 A-T 开头）检查`;
  return "没有由通用读表器读取并核验恒等式的表";
}

function amount(row: Row | undefined, i: number): number | null {
  if (!row || i < 0) return null;
  const v = row.cells[i];
  return typeof v === "number" ? v : null;
}

export const AROW: Rule = defineRule({
  id: "A-ROW",
  severity: "error",
  category: "arithmetic",
  title: "每张表的合计列等于其所合计各列之和（每一行；表头与数字共同确定的恒等式）",
  source: "表内恒等式（通用读表器从表头、编码与数字确定；domain-rules K-09、K-10、K-14、K-19、K-22、K-28）",
  general: true,
  run: ({ d, template }) => {
    if (tablesInOtherFile(d)) return { notChecked: whyNoTables(d) };
    const tables = d.tables.filter(checkable);
    if (tables.length === 0) return { notChecked: noOwnSums(d.tables, template) };
    const out: Finding[] = [];
    for (const t of tables) {
      const step = stepOf(t);
      for (const s of t.sums?.across ?? []) {
        const at = columnIndex(t, s.total);
        const parts = s.parts.map((k) => columnIndex(t, k));
        const side = t.columns[at]?.side;
        for (const row of t.rows) {
          // a two-sided table: the row's other side has nothing of this identity
          if (side && parts.every((p) => amount(row, p) === null) && amount(row, at) === null) continue;
          const c = checkSum(
            amount(row, at),
            parts.map((p) => amount(row, p)),
            step,
          );
          if (!c || c.status === "ok") continue;
          const blank = amount(row, at) === null;
          out.push({
            rule: "A-ROW",
            severity: c.status === "fail" ? "error" : "notice",
            message: `表${t.no}“${rowLabelFor(t, row, s.total)}”行：${columnLabel(t, s.total)}${blank ? "为空，但" : " 不等于 "}${s.parts.map((k) => columnLabel(t, k)).join(" + ")}${blank ? " 不为空" : ""}${c.status === "rounding" ? "（差额在四舍五入容差内）" : ""}`,
            location: cellLocation(t, row, s.total),
            expected: show(c.sum, t),
            actual: blank ? "（空）" : show(c.total, t),
            difference: show(c.diff, t),
          });
        }
      }
    }
    return out;
  },
});

export const ACOL: Rule = defineRule({
  id: "A-COL",
  severity: "error",
  category: "arithmetic",
  title: "每张表的合计行（总计、类、款、单位等）等于其下各行之和（每一金额列）",
  source: "表内恒等式（通用读表器从编码、序号与缩进确定并以数字核验；domain-rules K-02 … K-06、K-11、K-23、K-29）",
  general: true,
  run: ({ d, template }) => {
    if (tablesInOtherFile(d)) return { notChecked: whyNoTables(d) };
    const tables = d.tables.filter(checkable);
    if (tables.length === 0) return { notChecked: noOwnSums(d.tables, template) };
    const out: Finding[] = [];
    for (const t of tables) {
      const step = stepOf(t);
      for (const s of t.sums?.down ?? []) {
        const total = t.rows[s.total];
        if (!total) continue;
        const parts = s.parts.map((i) => t.rows[i]);
        const row = missingRow(t, total, parts, s.columns, step);
        if (row) {
          out.push(row);
          continue;
        }
        for (const key of s.columns) {
          const at = columnIndex(t, key);
          const c = checkSum(
            amount(total, at),
            parts.map((r) => amount(r, at)),
            step,
          );
          if (!c || c.status === "ok") continue;
          const blank = amount(total, at) === null;
          // blocks printed side by side (收支总表: 功能分类 | 支出用途) share one total, printed once
          // in the row: the blank cell's sum stands in another column of the same row
          if (
            blank &&
            total.cells.some(
              (_, j) =>
                j !== at &&
                t.columns[j]?.side === t.columns[at]?.side &&
                amount(total, j) !== null &&
                checkSum(
                  amount(total, j),
                  parts.map((r) => amount(r, at)),
                  step,
                )?.status === "ok",
            )
          )
            continue;
          const names = parts.map((r) => (r ? rowLabelFor(t, r, key) : "")).filter(Boolean);
          const shown = names.length > 4 ? `${names.slice(0, 3).join("、")} 等 ${names.length} 行` : names.join("、");
          out.push({
            rule: "A-COL",
            severity: c.status === "fail" ? "error" : "notice",
            message: `表${t.no}“${rowLabelFor(t, total, key)}”（${columnLabel(t, key)}）${blank ? "为空，但其下各行" : " 不等于其下各行"}（${shown}）之和${c.status === "rounding" ? "（差额在四舍五入容差内）" : ""}`,
            location: cellLocation(t, total, key),
            expected: show(c.sum, t),
            actual: blank ? "（空）" : show(c.total, t),
            difference: show(c.diff, t),
          });
        }
      }
    }
    return out;
  },
});

/**
 * One row missing under a total (a unit or a project left out of the list): the total exceeds its
 * rows in two or more columns, and the differences themselves add up across as a row does. One
 * finding says so, at the first such column, with every column's difference — not one per column.
 */
function missingRow(
  t: PrintedTable,
  total: Row,
  parts: readonly (Row | undefined)[],
  columns: readonly string[],
  step: number,
): Finding | undefined {
  const diff = new Map<string, number>();
  let first: { key: string; c: NonNullable<ReturnType<typeof checkSum>> } | undefined;
  for (const key of columns) {
    const at = columnIndex(t, key);
    const c = checkSum(
      amount(total, at),
      parts.map((r) => amount(r, at)),
      step,
    );
    // (a column blank throughout differs by nothing)
    if (!c) {
      diff.set(key, 0);
      continue;
    }
    // a blank total over printed rows is another matter (reported per column)
    if (amount(total, at) === null) return undefined;
    if (c.status === "fail") {
      diff.set(key, c.diff);
      first ??= { key, c };
    } else diff.set(key, 0);
  }
  if (!first || [...diff.values()].filter((x) => x !== 0).length < 2) return undefined;
  if (!differencesFormRow(diff, t.sums?.across ?? [], sumTolerance(parts.length, step))) return undefined;
  const failing = [...diff].filter(([, d]) => d !== 0);
  const each = failing.map(([k, d]) => `${columnLabel(t, k)} ${show(d, t)}`).join("、");
  const names = parts.map((r) => (r ? rowLabelFor(t, r, first.key) : "")).filter(Boolean);
  const shown = names.length > 4 ? `${names.slice(0, 3).join("、")} 等 ${names.length} 行` : names.join("、");
  const more = (failing[0]?.[1] ?? 0) > 0;
  return {
    rule: "A-COL",
    severity: "error",
    message: `表${t.no}“${rowLabelFor(t, total, first.key)}”${more ? "比" : "少于"}其下各行（${shown}）之和${more ? "多出" : ""}：${each}；这些差额本身合成一行（横向相加相符），像是有一行（单位或项目）没有列出${more ? "" : "或多列了一行"}。请核对该表是否完整`,
    location: cellLocation(t, total, first.key),
    expected: show(first.c.sum, t),
    actual: show(first.c.total, t),
    difference: show(first.c.diff, t),
  };
}
