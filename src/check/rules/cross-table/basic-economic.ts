/**
 * 基本支出 by economic code against other tables:
 * K-25 (warning) 表6 人员经费 = 301 + 303 合计, 公用经费 = the other classes (302, 310 …), as the
 *   名词解释 defines them; a template that books otherwise is unusual, not necessarily wrong.
 * K-26 (warning, heuristic) payroll-type 款 of 表6 = the matching pure-基本支出 项 of 表5 (30108 =
 *   2080505, 30113 = 2210201, 30110 = 2101101 + 2101102, 30111 = 2101103, 30216 = 2050803); checked
 *   only where both sides are printed. (K-27, 303 vs 2080501 + 2080502, is deliberately absent: the
 *   seed shows it does not hold.)
 * K-32 三公 in 表10 (all 财政拨款, 基本 + 项目) ≥ the same 款 in 表6 (一般公共预算 基本支出 only).
 */
import { amountAt, basicTotalRows, hasColumn, lineCell, rowLabel } from "../../../model/access.ts";
import type { PrintedTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { type Fen, formatWanyuan, roundingTolerance, sum } from "../../../model/money.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { cellLocation, compareCells, needTables, push, tableSpec } from "../arithmetic/sum-cells.ts";
import { amountFor, rowFor } from "./lookup.ts";

const PERSONNEL_CLASSES = ["301", "303"];

export const K25: Rule = defineRule({
  id: "K-25",
  severity: "warning",
  category: "cross-table",
  title: "一般公共预算基本支出情况表：人员经费等于工资福利支出与对个人和家庭的补助之和，公用经费等于其余各类之和",
  source: "名词解释（人员经费、公用经费）；domain-rules K-25",
  run: (ctx) => {
    const r = needTables(ctx, ["basicExpenditure"]);
    if ("notChecked" in r) return r;
    const [t6] = r.tables as [PrintedTable];
    const spec6 = tableSpec(ctx.template, "basicExpenditure");
    const totals = basicTotalRows(t6, spec6);
    const classes = t6.rows.filter((x) => x.code?.length === 3 && x.kind !== "total");
    if (!totals || classes.length === 0) return [];
    const bad = t6.rows.filter((x) => x.code && /^\d+$/.test(x.code) && x.code.length !== 3 && x.code.length !== 5);
    if (bad.length > 0)
      return {
        notChecked: `表${t6.no}有科目编码位数不正确的行（${bad.map((x) => x.code).join("、")}，多为相邻行被合并读取），类合计不可靠`,
      };
    const pc = spec6?.personnelClasses ?? PERSONNEL_CLASSES;
    const personnel = classes.filter((x) => pc.includes(x.code!));
    const operating = classes.filter((x) => !pc.includes(x.code!));
    const out: Finding[] = [];
    if ("personnel" in totals) {
      // 决算 表6: the two totals are rows (人员经费合计, 公用经费合计) of the one amount column
      for (const [row, parts, what] of [
        [totals.personnel, personnel, "人员经费合计不等于工资福利支出（301）与对个人和家庭的补助（303）之和"],
        [totals.operating, operating, "公用经费合计不等于商品和服务支出等其余各类之和"],
      ] as const)
        push(
          out,
          compareCells(K25, {
            total: amountAt(t6, row, "total"),
            parts: parts.map((x) => amountAt(t6, x, "total")),
            message: () => `表${t6.no}${what}`,
            location: () => cellLocation(t6, row, "total"),
            unit: t6.unit,
          }),
        );
      return out;
    }
    if (!hasColumn(t6, "personnel") || !hasColumn(t6, "operating"))
      return { notChecked: `模板 ${ctx.template.id} 的表${t6.no}没有人员经费、公用经费列` };
    const tot = totals.total;
    push(
      out,
      compareCells(K25, {
        total: amountAt(t6, tot, "personnel"),
        parts: personnel.map((x) => amountAt(t6, x, "total")),
        message: () => `表${t6.no}人员经费总计不等于工资福利支出（301）与对个人和家庭的补助（303）合计之和`,
        location: () => cellLocation(t6, tot, "personnel"),
        unit: t6.unit,
      }),
    );
    push(
      out,
      compareCells(K25, {
        total: amountAt(t6, tot, "operating"),
        parts: operating.map((x) => amountAt(t6, x, "total")),
        message: () => `表${t6.no}公用经费总计不等于商品和服务支出等其余各类合计之和`,
        location: () => cellLocation(t6, tot, "operating"),
        unit: t6.unit,
      }),
    );
    return out;
  },
});

const PAYROLL_PAIRS: readonly [string, readonly string[]][] = [
  ["30108", ["2080505"]],
  ["30113", ["2210201"]],
  ["30110", ["2101101", "2101102"]],
  ["30111", ["2101103"]],
  ["30216", ["2050803"]],
];

export const K26: Rule = defineRule({
  id: "K-26",
  severity: "warning",
  category: "cross-table",
  title: "工资性经济分类款与对应功能分类项（纯基本支出）金额一致（经验性检查）",
  source: "由样本推得的经验关系（domain-rules K-26），仅作提示",
  run: (ctx) => {
    const r = needTables(ctx, ["generalBudgetExpenditure", "basicExpenditure"]);
    if ("notChecked" in r) return r;
    const [t5, t6] = r.tables as [PrintedTable, PrintedTable];
    if (!hasColumn(t5, "basic"))
      return { notChecked: `模板 ${ctx.template.id} 的表${t5.no}没有基本支出列，无法判断科目是否纯基本支出` };
    const out: Finding[] = [];
    for (const [econ, items] of PAYROLL_PAIRS) {
      const row6 = rowFor(t6, econ);
      const rows5 = items.map((c) => rowFor(t5, c));
      if (!row6 || rows5.some((x) => !x)) continue;
      // Only a 项 that is wholly 基本支出 maps onto one economic 款.
      if (rows5.some((x) => (amountAt(t5, x!, "project") ?? 0) !== 0)) continue;
      push(
        out,
        compareCells(K26, {
          total: amountAt(t6, row6, "total"),
          parts: rows5.map((x) => amountAt(t5, x!, "basic")),
          message: () =>
            `表${t6.no}“${rowLabel(row6)}”与表${t5.no}功能分类 ${items.join(" + ")} 基本支出不一致（经验关系，请核对）`,
          location: () => cellLocation(t6, row6, "total"),
          unit: t6.unit,
        }),
      );
    }
    return out;
  },
});

/** 表10 line ↔ 表6 economic 款 that must not exceed it. */
const THREE_PUBLIC_PAIRS: readonly [string, readonly string[]][] = [
  ["overseasTravel", ["30212"]],
  ["officialReception", ["30217"]],
  ["vehicleOperation", ["30231"]],
  ["vehiclePurchase", ["30913", "31013"]],
];

export const K32: Rule = defineRule({
  id: "K-32",
  severity: "error",
  category: "cross-table",
  title: "“三公”经费各项不小于一般公共预算基本支出中对应经济分类款",
  source: "表间关系（domain-rules K-32）",
  run: (ctx) => {
    const r = needTables(ctx, ["basicExpenditure", "threePublic"]);
    if ("notChecked" in r) return r;
    const [t6, t10] = r.tables as [PrintedTable, PrintedTable];
    const spec10 = tableSpec(ctx.template, "threePublic");
    const out: Finding[] = [];
    for (const [lineKey, codes] of THREE_PUBLIC_PAIRS) {
      const present = codes.filter((c) => rowFor(t6, c));
      if (present.length === 0) continue;
      // one row per line (Xinjiang) or one column per line (Shanghai, Jiangsu, 决算: the 决算数)
      const cell = lineCell(t10, spec10, lineKey);
      const basic = present.map((c) => amountFor(t6, c, "total")).filter((x): x is Fen => x !== null);
      const need = sum(basic);
      const have = cell?.amount ?? 0;
      const short = need - have;
      if (short <= 0) continue;
      // Printed figures of the same quantity may differ by rounding of the 表6 addends.
      const rounding = short <= roundingTolerance(basic.length);
      out.push({
        rule: K32.id,
        severity: rounding ? "notice" : "error",
        message: `表${t10.no}“${cell?.label ?? lineKey}”小于表${t6.no}一般公共预算基本支出中 ${present.join(" + ")} 的金额${rounding ? "（差额在四舍五入容差内）" : ""}`,
        location: cell ? cellLocation(t10, cell.row, cell.column) : cellLocation(t10, lineKey, "total"),
        expected: `≥ ${formatWanyuan(need)}`,
        actual: formatWanyuan(have),
        difference: formatWanyuan(-short),
      });
    }
    return out;
  },
});
