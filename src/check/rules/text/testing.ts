/**
 * Test helpers for the text, completeness and performance rules: small hand-built Disclosure
 * fragments (tables from the template spec's columns, statements, 绩效表) and mutators. Test-only.
 */

import type {
  Disclosure,
  Explanation,
  Indicator,
  PerformanceTable,
  PrintedTable,
  Row,
  Statement,
} from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { parseAmount } from "../../../model/money.ts";
import { PERFORMANCE_PROJECT_HEADERS, xinjiang2025Budget } from "../../../templates/xinjiang-2025-budget.ts";
import type { Rule, RuleResult } from "../../rule.ts";

/** "5,219.30" 万元 → 分. */
export function w(text: string): number {
  const v = parseAmount(text, "wanyuan");
  if (v === undefined) throw new Error(`bad amount ${text}`);
  return v;
}

export function emptyDisclosure(): Disclosure {
  return {
    schemaVersion: 1,
    meta: {
      kind: "budget",
      title: "测试局 2025 年部门预算公开",
      department: "测试局",
      year: 2025,
      unit: "wanyuan",
      template: "xinjiang-2025-budget",
    },
    overview: { functions: [], divisions: [], budgetUnits: [], staffing: {}, text: "" },
    toc: [],
    tables: [],
    facts: [],
    explanations: [],
    projects: [],
    otherMatters: { notes: [] },
    performance: [],
    glossary: [],
    provenance: { source: "test", format: "json", problems: [] },
  };
}

export interface RowInput {
  kind?: Row["kind"];
  code?: string;
  lineKey?: string;
  label: string;
  cells: Record<string, number | string | null>;
}

/** Builds a printed table from the template spec's columns; cells are given by column key. */
export function table(id: string, rows: RowInput[], extra: Partial<PrintedTable> = {}): PrintedTable {
  const spec = xinjiang2025Budget.tables.find((t) => t.id === id);
  if (!spec) throw new Error(`no table ${id}`);
  const columns = spec.columns.map((c) => ({ key: c.key, path: [...c.path], type: c.type, side: c.side }));
  return {
    no: spec.no,
    id,
    title: spec.title,
    unit: "wanyuan",
    preparedBy: "测试局",
    columns: columns.map((c) => (c.side ? c : { key: c.key, path: c.path, type: c.type })),
    rows: rows.map((r) => ({
      kind: r.kind ?? (r.code ? (r.code.length === 3 ? "class" : r.code.length === 5 ? "section" : "item") : "line"),
      ...(r.code ? { code: r.code } : {}),
      ...(r.lineKey ? { lineKey: r.lineKey } : {}),
      label: r.label,
      level: r.code ? (r.code.length === 3 ? 1 : r.code.length === 5 ? 2 : 3) : 0,
      cells: columns.map((c) => r.cells[c.key] ?? null),
    })),
    ...extra,
  };
}

/** A statement; `text` defaults to a sentence built from the fields. */
export function stmt(section: number, s: Partial<Statement> & { subject: string }): Statement {
  return {
    text: s.text ?? `${s.subject}${s.change !== undefined ? (s.change < 0 ? "，比上年减少" : "，比上年增加") : ""}`,
    at: { section, offset: 0 },
    ...s,
  };
}

export function explanation(no: number, statements: Statement[], text = "", title?: string): Explanation {
  const spec = xinjiang2025Budget.explanations.find((e) => e.no === no);
  return { no, title: title ?? `关于测试局 2025 年${spec?.title ?? ""}`, text, statements };
}

export function indicator(i: Partial<Indicator> & { name: string }): Indicator {
  return {
    level1: "产出指标",
    level2: "数量指标",
    target: { raw: ">=1 个", operator: ">=", value: "1", unit: "个" },
    ...i,
  };
}

export function perfTable(p: Partial<PerformanceTable>): PerformanceTable {
  return {
    kind: "project",
    title: "项目支出绩效目标表",
    goal: "目标",
    headers: [...PERFORMANCE_PROJECT_HEADERS],
    indicators: [],
    ...p,
  };
}

/** Runs a rule over a disclosure with the Xinjiang template. */
export function run(rule: Rule, d: Disclosure): RuleResult {
  return rule.run({ d, template: xinjiang2025Budget });
}

/** Runs a rule and returns its findings; fails the test when the rule did not run. */
export function findings(rule: Rule, d: Disclosure): readonly Finding[] {
  const r = run(rule, d);
  if ("notChecked" in r) throw new Error(`${rule.id} not checked: ${r.notChecked}`);
  return r as readonly Finding[];
}

/** Severity counts, for compact assertions. */
export function bySeverity(fs: readonly Finding[]): { error: number; warning: number; notice: number } {
  return {
    error: fs.filter((f) => f.severity === "error").length,
    warning: fs.filter((f) => f.severity === "warning").length,
    notice: fs.filter((f) => f.severity === "notice").length,
  };
}

/** A deep copy to mutate in tests. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Replaces fields of the first statement (in section `no`) whose subject contains `subject`. */
export function withStatement(d: Disclosure, no: number, subject: string, patch: Partial<Statement>): Disclosure {
  const c = clone(d);
  const e = c.explanations.find((x) => x.no === no);
  const s = e?.statements.find((x) => x.subject.replace(/\s+/g, "").includes(subject));
  if (!s) throw new Error(`no statement ${subject} in 说明${no}`);
  Object.assign(s, patch);
  return c;
}
