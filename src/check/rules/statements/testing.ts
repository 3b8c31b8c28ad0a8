/**
 * Test helpers for the general 说明 rules: a document read by the national standard with the given
 * 说明 text (as the PDF reader gives it: lines broken anywhere) and tables. Test-only.
 */
import type { Disclosure, PrintedTable } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { nationalBudget, nationalFinal, type TemplateSpec, xinjiang2025Budget } from "../../../templates/index.ts";
import { type Rule, runOne } from "../../rule.ts";
import { emptyDisclosure } from "../text/testing.ts";

/** A national-standard document whose 说明 sections hold these texts (one section each). */
export function doc(
  texts: readonly string[],
  opts: { year?: number; kind?: "budget" | "finalAccounts"; tables?: PrintedTable[] } = {},
): Disclosure {
  const d = emptyDisclosure();
  const kind = opts.kind ?? "budget";
  d.meta = {
    ...d.meta,
    kind,
    year: opts.year ?? 2026,
    template: kind === "budget" ? "national-budget" : "national-final",
  };
  d.explanations = texts.map((text, i) => ({ no: i + 1, title: `（${i + 1}）说明`, text, statements: [] }));
  d.tables = opts.tables ?? [];
  d.provenance = { ...d.provenance, parts: ["tables", "text"] };
  return d;
}

/** Runs a rule on a document read by the national standard (or the template given). */
export function run(rule: Rule, d: Disclosure, template?: TemplateSpec): Finding[] {
  const t = template ?? (d.meta.kind === "finalAccounts" ? nationalFinal : nationalBudget);
  const r = runOne(rule, { d, template: t });
  if ("notChecked" in r) throw new Error(`${rule.id} not checked: ${r.notChecked}`);
  return [...r];
}

/** The same on the Xinjiang template (a regional document). */
export function runRegional(rule: Rule, d: Disclosure): Finding[] | { notChecked: string } {
  const r = runOne(rule, { d, template: xinjiang2025Budget });
  return "notChecked" in r ? r : [...r];
}

/**
 * A table of the national vocabulary with a 合计 row and coded rows; amounts in 分 (null: blank).
 * `unit` is the printed unit (the amounts are 分 either way).
 */
export function amountTable(
  id: string,
  no: number,
  title: string,
  rows: { label: string; code?: string; total: number | null; total2?: number | null }[],
  extra: Partial<PrintedTable> = {},
): PrintedTable {
  return {
    no,
    id,
    title,
    unit: "wanyuan",
    columns: [
      { key: "code", path: ["科目编码"], type: "code" },
      { key: "name", path: ["科目名称"], type: "text" },
      { key: "total", path: ["合计"], type: "amount" },
      { key: "basic", path: ["基本支出"], type: "amount" },
    ],
    rows: rows.map((r) => ({
      kind: r.code ? "class" : "total",
      ...(r.code ? { code: r.code } : {}),
      label: r.label,
      level: r.code ? 1 : 0,
      cells: [r.code ?? "", r.label, r.total, r.total2 ?? null],
    })),
    ...extra,
  };
}
