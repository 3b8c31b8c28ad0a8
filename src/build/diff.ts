/**
 * diff: two disclosures compared table by table, cell by cell, and 说明 statement by statement.
 * Rows are matched by meaning, not position (code, line key, unit + code + project, label), so an
 * imported document and a built one compare even when they order or label rows differently.
 * A difference is "rounding" when |a − b| ≤ 0.01 万元 (the bound 0.005 × (n + 1) with n = 1).
 * Pure.
 *
 * @example diffDisclosures(seed, built).differences.filter((d) => !d.rounding) // []
 */
import type { Disclosure, PrintedTable, Row, Statement } from "../model/disclosure.ts";
import { type Fen, roundingTolerance } from "../model/money.ts";
import { normaliseLabel } from "../templates/spec.ts";

export interface Difference {
  /** table number, or "说明N" for a statement */
  table: number | string;
  row: string;
  column: string;
  a: number | string | null;
  b: number | string | null;
  rounding: boolean;
}

export interface DiffResult {
  differences: Difference[];
}

const squash = (s: string) => normaliseLabel(s).replace(/\s+/g, "");

/** A stable key for a row: what it means, not where it sits. */
function rowKeys(t: PrintedTable): Map<string, Row> {
  const out = new Map<string, Row>();
  let unit = "";
  const projectCol = t.columns.findIndex((c) => c.key === "projectName");
  for (const r of t.rows) {
    if (r.kind === "unit") unit = squash(r.label);
    if (r.kind === "total") unit = "";
    let key: string;
    if (r.kind === "total") key = "总计";
    else if (r.kind === "unit") key = `单位 ${unit}`;
    else if (r.kind === "project") {
      const cell = projectCol >= 0 ? r.cells[projectCol] : undefined;
      const name = typeof cell === "string" ? cell : r.label;
      key = `${unit} ${r.code ?? ""} ${squash(name)}`.trim();
    } else if (r.lineKey) key = r.lineKey;
    else if (r.code) key = `${unit} ${r.code}`.trim();
    else key = `${unit} ${squash(r.label)}`.trim();
    let k = key;
    for (let i = 2; out.has(k); i++) k = `${key} #${i}`;
    out.set(k, r);
  }
  return out;
}

function rowLabel(r: Row): string {
  return r.code ? `${r.code} ${r.label}` : r.label;
}

const TOL: Fen = roundingTolerance(1);

function cmp(
  table: number | string,
  row: string,
  column: string,
  a: number | null,
  b: number | null,
  out: Difference[],
): void {
  if (a === b) return;
  const diff = Math.abs((a ?? 0) - (b ?? 0));
  out.push({ table, row, column, a, b, rounding: diff <= TOL });
}

/** Two-sided tables (表1, 表4) compare their income side by line key and expenditure side by code. */
function twoSidedCells(t: PrintedTable): Map<string, number | null> {
  const m = new Map<string, number | null>();
  for (const r of t.rows) {
    t.columns.forEach((c, i) => {
      if (c.type !== "amount") return;
      const v = r.cells[i];
      const n = typeof v === "number" ? v : null;
      if (c.side === "income" && (r.lineKey || r.kind === "total")) m.set(`${r.lineKey ?? "total"}|${c.key}`, n);
      if (c.side === "expenditure") m.set(`${r.kind === "total" ? "总计" : (r.code ?? squash(r.label))}|${c.key}`, n);
    });
  }
  return m;
}

function diffTable(a: PrintedTable | undefined, b: PrintedTable | undefined, out: Difference[]): void {
  const t = (a ?? b) as PrintedTable;
  if (t.columns.some((c) => c.side)) {
    const ma = a ? twoSidedCells(a) : new Map();
    const mb = b ? twoSidedCells(b) : new Map();
    for (const k of new Set([...ma.keys(), ...mb.keys()])) {
      const [row, col] = k.split("|") as [string, string];
      cmp(t.no, row, col, ma.get(k) ?? null, mb.get(k) ?? null, out);
    }
    return;
  }
  const ra = a ? rowKeys(a) : new Map<string, Row>();
  const rb = b ? rowKeys(b) : new Map<string, Row>();
  const amountCols = t.columns.filter((c) => c.type === "amount").map((c) => c.key);
  for (const key of new Set([...ra.keys(), ...rb.keys()])) {
    const x = ra.get(key);
    const y = rb.get(key);
    const label = rowLabel((x ?? y) as Row);
    for (const col of amountCols) {
      const ia = a ? a.columns.findIndex((c) => c.key === col) : -1;
      const ib = b ? b.columns.findIndex((c) => c.key === col) : -1;
      const va = x && ia >= 0 ? x.cells[ia] : null;
      const vb = y && ib >= 0 ? y.cells[ib] : null;
      cmp(t.no, label, col, typeof va === "number" ? va : null, typeof vb === "number" ? vb : null, out);
    }
  }
}

/** A statement matches by function code when it has one, else by its subject. */
function statementKeys(s: Statement): string[] {
  return [...(s.code ? [`code:${s.code}`] : []), `subject:${squash(s.subject)}`];
}

const NUMERIC = ["amount", "share", "change", "growth"] as const;

/** Keys per statement, numbered by occurrence (说明四 names a 类 once per fund). */
function keyed(statements: readonly Statement[]): string[][] {
  const seen = new Map<string, number>();
  return statements.map((s) =>
    statementKeys(s).map((k) => {
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      return `${k}#${n}`;
    }),
  );
}

function diffStatements(a: Disclosure, b: Disclosure, out: Difference[]): void {
  for (const ea of a.explanations) {
    const eb = b.explanations.find((e) => e.no === ea.no);
    const mb = new Map<string, Statement>();
    const kb = keyed(eb?.statements ?? []);
    (eb?.statements ?? []).forEach((s, i) => {
      for (const k of kb[i] ?? []) if (!mb.has(k)) mb.set(k, s);
    });
    const ka = keyed(ea.statements);
    ea.statements.forEach((sa, i) => {
      const sb = (ka[i] ?? []).map((k) => mb.get(k)).find(Boolean);
      if (!sb) return; // statements only one side extracts are not numbers that disagree
      for (const k of NUMERIC) {
        const va = sa[k];
        const vb = sb[k];
        if (va === undefined || vb === undefined || va === vb) continue;
        const amount = k === "amount" || k === "change";
        out.push({
          table: `说明${ea.no}`,
          row: sa.subject,
          column: k,
          a: va,
          b: vb,
          rounding: amount ? Math.abs(va - vb) <= TOL : false,
        });
      }
    });
  }
}

/** Compares two disclosures. */
export function diffDisclosures(a: Disclosure, b: Disclosure): DiffResult {
  const out: Difference[] = [];
  const ids = [...new Set([...a.tables.map((t) => t.id), ...b.tables.map((t) => t.id)])];
  for (const id of ids)
    diffTable(
      a.tables.find((t) => t.id === id),
      b.tables.find((t) => t.id === id),
      out,
    );
  diffStatements(a, b, out);
  return { differences: out };
}

/** True when nothing differs beyond rounding. */
export function withinRounding(r: DiffResult): boolean {
  return r.differences.every((d) => d.rounding);
}
