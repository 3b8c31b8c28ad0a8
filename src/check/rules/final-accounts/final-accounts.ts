/**
 * 决算 identities (issue 6; domain-rules §6):
 * F-01 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余 (表1; 表4 with its 年末财政拨款结转和结余) —
 *   read from the expenditure lines the template spec declares (`lines` with side "expenditure" and
 *   `sumOf`), so a budget template that declares the same shape (Jiangsu 支出合计 = 当年支出小计 +
 *   结转下年资金) is checked by the same rule.
 * F-02 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (表1; 表4: + 年初财政拨款结转和结余).
 * F-03 “三公” 决算数 against 预算数, line by line: spending without a budget, or above it, must be
 *   explained in the 说明 (L7, L8) — a warning that points at the cell.
 * F-04 政府性基金 / 国有资本经营 决算表 per row: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出.
 */
import {
  amountAt,
  columnLabel,
  expenditureAmountOn,
  expenditureLineRow,
  hasColumn,
  lineCell,
  tableById,
} from "../../../model/access.ts";
import type { PrintedTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { formatWanyuan } from "../../../model/money.ts";
import type { TableSpec } from "../../../templates/spec.ts";
import { defineRule, type Rule } from "../../rule.ts";
import { lineRow } from "../arithmetic/line-sums.ts";
import { cellLocation, compareCells, push, tableSpec } from "../arithmetic/sum-cells.ts";
import { BUDGET_COMPLETION_RULES } from "./budget-completion.ts";
import { SELF_EVALUATION_RULES } from "./self-evaluation.ts";

const TWO_SIDED = ["summary", "fiscalSummary"];

const lineLabel = (spec: TableSpec, key: string, side: "income" | "expenditure") =>
  spec.lines?.find((l) => l.key === key && l.side === side)?.label ?? key;

export const F01: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-01",
  severity: "error",
  category: "arithmetic",
  title: "收支总表：支出总计等于本年支出合计 + 结余分配 + 年末结转和结余（按模板声明的支出行）",
  source: "部门决算模板恒等式（domain-rules §6；财政部部门决算统一格式）",
  run: ({ d, template }) => {
    const out: Finding[] = [];
    let checked = 0;
    for (const id of TWO_SIDED) {
      const spec = tableSpec(template, id);
      const total = spec?.lines?.find((l) => l.side === "expenditure" && l.key === "total" && l.sumOf);
      const t = tableById(d, id);
      if (!spec || !total?.sumOf || !t) continue;
      const row = expenditureLineRow(t, spec, "total");
      if (!row) continue;
      checked++;
      const tot = expenditureAmountOn(t, row);
      const parts = total.sumOf.map((k) => {
        const r = expenditureLineRow(t, spec, k);
        return r ? expenditureAmountOn(t, r, tot.column).amount : null;
      });
      push(
        out,
        compareCells(F01, {
          total: tot.amount,
          parts,
          message: `表${t.no}支出“${lineLabel(spec, "total", "expenditure")}”不等于 ${total.sumOf.map((k) => lineLabel(spec, k, "expenditure")).join(" + ")}`,
          location: cellLocation(t, row, tot.column),
          unit: t.unit,
        }),
      );
    }
    if (checked === 0)
      return { notChecked: `模板 ${template.id} 的收支总表没有声明由结转结余组成的支出总计行（或未找到该表）` };
    return out;
  },
});

/** The income lines 决算 总计 adds up, per table (only those the template declares are used). */
const INCOME_PARTS = ["currentYear", "useNonFiscalBalance", "openingBalance"];

export const F02: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-02",
  severity: "error",
  category: "arithmetic",
  title: "决算收支总表：收入总计等于本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
  source: "部门决算模板恒等式（domain-rules §6）",
  run: ({ d, template }) => {
    const out: Finding[] = [];
    let checked = 0;
    for (const id of TWO_SIDED) {
      const spec = tableSpec(template, id);
      const t = tableById(d, id);
      if (!spec || !t) continue;
      const keys = INCOME_PARTS.filter((k) => spec.lines?.some((l) => l.key === k && l.side === "income"));
      const row = lineRow(t, "total");
      if (!row || keys.length < 2) continue;
      checked++;
      push(
        out,
        compareCells(F02, {
          total: amountAt(t, row, "incomeAmount"),
          parts: keys.map((k) => {
            const r = lineRow(t, k);
            return r ? amountAt(t, r, "incomeAmount") : null;
          }),
          message: `表${t.no}收入“总计”不等于 ${keys.map((k) => lineLabel(spec, k, "income")).join(" + ")}`,
          location: cellLocation(t, row, "incomeAmount"),
          unit: t.unit,
        }),
      );
    }
    if (checked === 0) return { notChecked: "缺少收入支出决算总表、财政拨款收入支出决算总表或其收入总计行" };
    return out;
  },
});

const THREE_PUBLIC_LINES = [
  "total",
  "overseasTravel",
  "officialReception",
  "officialVehicles",
  "vehiclePurchase",
  "vehicleOperation",
];

export const F03: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-03",
  severity: "warning",
  category: "arithmetic",
  title: "“三公”经费决算数与预算数对应：无预算而有决算、或决算超过预算的，应在说明中解释",
  source: "L7、L8（决算“三公”说明须与预算对比并说明增减原因）",
  run: ({ d, template }) => {
    const spec = tableSpec(template, "threePublic");
    const stages = new Set(spec?.lineColumns?.map((c) => c.stage));
    if (!spec || !stages.has("budget") || !stages.has("actual"))
      return { notChecked: `模板 ${template.id} 的“三公”经费表没有成对的预算数、决算数列` };
    const t = tableById(d, "threePublic");
    if (!t) return { notChecked: "缺少财政拨款“三公”经费支出决算表" };
    if (!t.rows.some((r) => r.cells.some((c) => typeof c === "number"))) return [];
    const out: Finding[] = [];
    for (const line of THREE_PUBLIC_LINES) {
      const b = lineCell(t, spec, line, { stage: "budget" });
      const a = lineCell(t, spec, line, { stage: "actual" });
      if (!a || !b || a.amount === null || a.amount <= 0) continue;
      const budget = b.amount ?? 0;
      if (a.amount <= budget) continue;
      out.push({
        rule: F03.id,
        severity: "warning",
        message:
          budget === 0
            ? `表${t.no}“${columnLabel(t, a.column)}”有决算数而没有预算数，请在说明中解释`
            : `表${t.no}“${columnLabel(t, a.column)}”决算数超过预算数，请在说明中解释`,
        location: cellLocation(t, a.row, a.column),
        expected: `≤ ${formatWanyuan(budget)}`,
        actual: formatWanyuan(a.amount),
        difference: formatWanyuan(a.amount - budget),
      });
    }
    return out;
  },
});

/**
 * F-10: when a “三公” 决算数 differs from its 预算数, the 说明 on 三公 must say why (L7, L8: 决算
 * “三公” 说明 compares with the 预算 and explains the difference). Reads the 三公 section of the
 * 说明 by its title; a document whose 说明 were not imported cannot be checked.
 */
export const F10: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-10",
  severity: "error",
  category: "text",
  title: "“三公”经费决算数与预算数不同的，说明中写明原因",
  source: "L7、L8（决算“三公”说明须与预算对比并说明增减原因）",
  run: ({ d, template }) => {
    const spec = tableSpec(template, "threePublic");
    const stages = new Set(spec?.lineColumns?.map((c) => c.stage));
    if (!spec || !stages.has("budget") || !stages.has("actual"))
      return { notChecked: `模板 ${template.id} 的“三公”经费表没有成对的预算数、决算数列` };
    const t = tableById(d, "threePublic");
    if (!t) return { notChecked: "缺少财政拨款“三公”经费支出决算表" };
    if (d.explanations.length === 0) return { notChecked: "文档的说明部分没有读入" };
    const differing = THREE_PUBLIC_LINES.flatMap((line) => {
      const b = lineCell(t, spec, line, { stage: "budget" });
      const a = lineCell(t, spec, line, { stage: "actual" });
      if (!a || !b) return [];
      return (a.amount ?? 0) !== (b.amount ?? 0) ? [{ line, a, b }] : [];
    });
    if (differing.length === 0) return [];
    const section = d.explanations.find((e) => e.title.includes("三公"));
    const text = section?.text.replace(/\s+/g, "") ?? "";
    if (/原因/.test(text)) return [];
    const first = differing[0]!;
    return [
      {
        rule: "F-10",
        severity: "error",
        message: section
          ? `“三公”经费决算数与预算数不同（${differing.length} 项），说明“${section.title}”没有写明原因`
          : `“三公”经费决算数与预算数不同（${differing.length} 项），但没有“三公”经费的说明`,
        location: section
          ? { part: "部门决算情况说明", section: section.title }
          : cellLocation(t, first.a.row, first.a.column),
        expected: formatWanyuan(first.b.amount ?? 0),
        actual: formatWanyuan(first.a.amount ?? 0),
      },
    ];
  },
});

const FUND_TABLES = ["governmentFundExpenditure", "stateCapitalExpenditure"];
const FUND_COLUMNS = ["openingBalance", "income", "total", "closingBalance"];

export const F04: Rule = defineRule({
  appliesTo: ["finalAccounts"],
  id: "F-04",
  severity: "error",
  category: "arithmetic",
  title:
    "政府性基金、国有资本经营预算财政拨款收入支出决算表每行：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
  source: "部门决算模板恒等式（结转结余的定义）",
  run: ({ d }) => {
    const tables = FUND_TABLES.map((id) => tableById(d, id)).filter(
      (t): t is PrintedTable => !!t && FUND_COLUMNS.every((k) => hasColumn(t, k)),
    );
    if (tables.length === 0) return { notChecked: "没有含年初/年末结转和结余列的基金、国资决算表" };
    const out: Finding[] = [];
    for (const t of tables)
      for (const row of t.rows) {
        if (row.kind === "header") continue;
        const spent = amountAt(t, row, "total");
        // closing + spent = opening + income: all printed addends, no subtraction of rounded figures
        push(
          out,
          compareCells(F04, {
            total: sumOrNull(amountAt(t, row, "closingBalance"), spent),
            parts: [amountAt(t, row, "openingBalance"), amountAt(t, row, "income")],
            message: `表${t.no}该行年末结转和结余 + 本年支出（${columnLabel(t, "total")}）不等于年初结转和结余 + 本年收入`,
            location: cellLocation(t, row, "closingBalance"),
            unit: t.unit,
          }),
        );
      }
    return out;
  },
});

function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}

/** The 决算 rules (final accounts only; the engine reports them as not applicable to a budget). */
export const RULES: readonly Rule[] = [F01, F02, F03, F04, ...SELF_EVALUATION_RULES, F10, ...BUDGET_COMPLETION_RULES];
