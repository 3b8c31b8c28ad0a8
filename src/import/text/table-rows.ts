/**
 * Row identity for printed tables, driven by the template spec's layout: what kind of row a
 * printed line is (total, 类/款/项, unit, project, fixed line), its joined code, its level, and
 * for fixed-line tables the spec line it is.
 */
import type { Cell, Row } from "../../model/disclosure.ts";
import { type LineSpec, normaliseLabel, type TableSpec } from "../../templates/spec.ts";
import { nfkc, norm } from "./lines.ts";

export interface RowShape {
  kind: Row["kind"];
  code?: string;
  lineKey?: string;
  label: string;
  level: number;
}

/** Per-table state while rows are read in order. */
export interface RowState {
  /** next spec line to try first (lines repeat: 表1 prints 一般公共预算拨款 twice) */
  lineCursor: number;
  lineKeys: { key: string; index: number }[];
  depth: Map<string, number>;
  knownUnits: ReadonlySet<string>;
}

export const labelKey = (s: string): string => normaliseLabel(nfkc(s));

export function newRowState(spec: TableSpec, knownUnits: ReadonlySet<string>): RowState {
  let lines = specLines.get(spec);
  if (!lines || lines.of !== spec.lines) {
    lines = { of: spec.lines, ...specLineKeys(spec.lines ?? []) };
    specLines.set(spec, lines);
  }
  return { lineCursor: 0, lineKeys: lines.lineKeys, depth: lines.depth, knownUnits };
}

/**
 * The matching keys and depths of a spec's lines, computed once per spec (every table of every
 * document needs them; they are only read). Recomputed if the spec's lines are replaced.
 */
const specLines = new WeakMap<
  TableSpec,
  { of: TableSpec["lines"]; lineKeys: RowState["lineKeys"]; depth: RowState["depth"] }
>();

function specLineKeys(lines: readonly LineSpec[]): Pick<RowState, "lineKeys" | "depth"> {
  const lineKeys: { key: string; index: number }[] = [];
  lines.forEach((l, index) => {
    for (const label of [l.label, ...(l.aliases ?? [])]) lineKeys.push({ key: labelKey(label), index });
  });
  return { lineKeys, depth: lineDepths(lines) };
}

/** Depth of each spec line in its sumOf tree: total 0, its parts 1, their parts 2 … */
function lineDepths(lines: readonly LineSpec[]): Map<string, number> {
  const parent = new Map<string, string>();
  for (const l of lines) for (const c of l.sumOf ?? []) if (!parent.has(c)) parent.set(c, l.key);
  const depth = new Map<string, number>();
  for (const l of lines) {
    let d = 0;
    let k: string | undefined = l.key;
    // Bounded walk: a malformed spec with a cycle must not hang.
    while (k !== undefined && k !== "total" && d < 10) {
      k = parent.get(k);
      d++;
    }
    depth.set(l.key, l.key === "total" ? 0 : Math.max(1, d));
  }
  return depth;
}

/**
 * Finds the spec line for a printed label, trying lines after the previous match first so that a
 * repeated label ("其中：一般公共预算拨款" under 上年结转结余) resolves to the later line.
 */
export function matchLine(state: RowState, lines: readonly LineSpec[], label: string): LineSpec | undefined {
  const key = labelKey(label);
  if (!key) return undefined;
  let best: { key: string; index: number } | undefined;
  for (const c of state.lineKeys) {
    if (c.key !== key) continue;
    if (c.index >= state.lineCursor) {
      if (!best || best.index < state.lineCursor || c.index < best.index) best = c;
    } else if (!best) best = c;
  }
  if (!best) return undefined;
  state.lineCursor = best.index + 1;
  return lines[best.index];
}

const text = (c: Cell | undefined): string => (typeof c === "string" ? c : "");
const isTotalLabel = (s: string): boolean => {
  const k = norm(s);
  return k === "总计" || k === "合计" || k === "收入总计" || k === "支出总计";
};

const UNIT_SUFFIX = /(局|中心|厅|委员会|委|办公室|院|所|站|队|馆|学校|校|会|处|部|社|场|团)$/;

/** True when a label names a budget unit (a known unit, or a unit-like name that is not a project). */
export function looksLikeUnit(label: string, known: ReadonlySet<string>): boolean {
  const k = norm(label);
  if (known.has(k)) return true;
  return !k.includes("项目") && !/\d{4}年/.test(k) && UNIT_SUFFIX.test(k);
}

/** Joins printed code columns into one code; accepts a code printed whole in the first column. */
function joinCode(ca: string, cb: string, cc: string): string | undefined {
  const a = codePart(ca);
  if (!a) return undefined;
  const b = codePart(cb);
  const c = codePart(cc);
  if (!b && !c && /^\d{5}(?:\d{2})?$/.test(a)) return a;
  return a + b + c;
}

/** A code cell as matched: NFKC, no whitespace (digits-only cells, the usual case, as they are). */
function codePart(p: string): string {
  return allDigits(p) ? p : nfkc(p).replace(/\s+/g, "");
}

/** /^\d*$/.test(s), by hand (three code cells per row). */
export function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The text of the cell in the column `key` ("" when the table has no such column or no text). */
function cellAt(cells: readonly Cell[], keyIndex: ReadonlyMap<string, number>, key: string): string {
  const i = keyIndex.get(key);
  return i === undefined ? "" : text(cells[i]);
}

const levelOfCode = (code: string, economic: boolean): number =>
  code.length <= 3 ? 1 : economic || code.length <= 5 ? 2 : 3;

export function classifyRow(
  spec: TableSpec,
  cells: readonly Cell[],
  keyIndex: ReadonlyMap<string, number>,
  state: RowState,
): RowShape {
  switch (spec.layout) {
    case "twoSided": {
      const income = cellAt(cells, keyIndex, "incomeItem");
      const exp = cellAt(cells, keyIndex, "expenditureItem");
      const m = /^(\d{3})(?:\s|$)/.exec(nfkc(exp).trim());
      const shape: RowShape = { kind: "line", label: income || exp, level: 1 };
      if (m) shape.code = m[1] as string;
      const line = income ? matchLine(state, spec.lines ?? [], income) : undefined;
      if (line) {
        shape.lineKey = line.key;
        shape.level = state.depth.get(line.key) ?? 1;
      }
      if (line?.key === "total" || norm(income) === "收入总计" || norm(exp) === "支出总计") {
        shape.kind = "total";
        shape.level = 0;
        shape.lineKey = "total";
      }
      return shape;
    }
    case "lines": {
      const label = text(cells[0]);
      if (spec.lines && spec.lines.length > 0) {
        const line = matchLine(state, spec.lines, label);
        if (line?.key === "total" || (!line && isTotalLabel(label)))
          return { kind: "total", lineKey: "total", label, level: 0 };
        if (line) return { kind: "line", lineKey: line.key, label, level: state.depth.get(line.key) ?? 1 };
        return { kind: "line", label, level: 1 };
      }
      if (isTotalLabel(label)) return { kind: "total", label, level: 0 };
      if (looksLikeUnit(label, state.knownUnits)) return { kind: "unit", label, level: 1 };
      return { kind: "project", label, level: 2 };
    }
    case "economicCoded":
    case "functionCoded":
    case "projects": {
      const economic = spec.layout === "economicCoded";
      const code = joinCode(
        cellAt(cells, keyIndex, "class"),
        cellAt(cells, keyIndex, "section"),
        cellAt(cells, keyIndex, "item"),
      );
      const label = cellAt(cells, keyIndex, "name");
      if (!code) {
        if (isTotalLabel(label) || !label) return { kind: "total", label: label || "合计", level: 0 };
        // 表7: a row without codes between the total and the class rows names a budget unit.
        if (spec.layout === "projects") return { kind: "unit", label, level: 0 };
        return { kind: "line", label, level: 1 };
      }
      const level = levelOfCode(code, economic);
      const kind: Row["kind"] = level === 1 ? "class" : level === 2 ? "section" : "item";
      if (spec.layout === "projects" && cellAt(cells, keyIndex, "projectName"))
        return { kind: "project", code, label, level };
      return { kind, code, label, level };
    }
  }
}
