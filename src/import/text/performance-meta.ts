/**
 * The label/value lines above a 绩效目标表's indicators: 预算单位 / 部门名称（盖章）, 项目名称 …
 * 项目负责人, 部门联系人 … 联系电话, 项目资金 (年度预算总额, 其中：财政拨款, 其他资金), the 部门整体
 * table's 资金来源 block (上级安排, 本级安排, 其他) and 项目总体目标 / 年度绩效目标.
 *
 * A label's value is the next non-empty cell that is not itself a label: merged caption cells
 * ("项目资金(万元)", "资金来源", "财政资金（万元）") are followed directly by another label.
 */
import type { ImportProblem, PerformanceTable } from "../../model/disclosure.ts";
import { parseAmount } from "../../model/money.ts";
import { isSpace } from "./lines.ts";
import { cleanText, squeeze } from "./performance-target.ts";

export type MetaKey =
  | "budgetUnit"
  | "project"
  | "manager"
  | "contact"
  | "phone"
  | "goal"
  | "total"
  | "fiscal"
  | "other"
  | "upper"
  | "local"
  | "sourceOther"
  | "group";

/** Labels as printed, after squeeze and without "（万元）", "（盖章）", "其中：". */
export const LABELS: Record<string, MetaKey> = {
  预算单位: "budgetUnit",
  部门名称: "budgetUnit",
  单位名称: "budgetUnit",
  项目名称: "project",
  项目负责人: "manager",
  部门联系人: "contact",
  联系人: "contact",
  联系电话: "phone",
  年度绩效目标: "goal",
  项目总体目标: "goal",
  总体目标: "goal",
  年度预算总额: "total",
  资金总额: "total",
  财政拨款: "fiscal",
  其他资金: "other",
  上级安排: "upper",
  本级安排: "local",
  其他: "sourceOther",
  // Captions of merged cells: they carry no value of their own.
  项目资金: "group",
  年度预算: "group",
  资金来源: "group",
  财政资金: "group",
};
const LABEL_MAX = Math.max(...Object.keys(LABELS).map((k) => k.length));
const AMOUNT_KEYS = new Set<MetaKey>(["total", "fiscal", "other", "upper", "local", "sourceOther"]);

export function labelOf(cell: string): MetaKey | undefined {
  if (!mayBeLabel(cell)) return undefined; // (most cells: values)
  // Labels are short (LABEL_MAX, 6 characters): a longer cell is a value unless whitespace or the
  // removals below can shorten it (cells are values far more often than labels).
  if (cell.length > LABEL_MAX && (!MAY_HOLD_LABEL.test(cell) || !mayShortenToLabel(cell))) return undefined;
  let key = squeeze(cell);
  if (key.includes("（") || key.includes("(")) key = key.replace(/[（(](万元|元|盖章)[）)]/g, "");
  if (key.startsWith("其中")) key = key.replace(/^其中[:：]/, "");
  return key.length <= LABEL_MAX ? LABEL_KEYS.get(key) : undefined;
}
/**
 * False when labelOf(cell) is surely undefined, from the cell's ends: the first and last characters
 * that are not whitespace stay the key's first and last unless the removals can take them away
 * (a cell starting with "（", "(" or "其" — "（万元）…", "其中：…" — or ending with "）" or ")"), and
 * every label starts and ends with one of a few characters. Saves squeezing and scanning values
 * (the 项目总体目标 text is hundreds of characters).
 */
function mayBeLabel(cell: string): boolean {
  let a = 0;
  let b = cell.length - 1;
  while (a <= b && isSpace(cell.charCodeAt(a))) a++;
  while (b > a && isSpace(cell.charCodeAt(b))) b--;
  if (a > b) return false; // (blank: the key is "")
  const first = cell.charCodeAt(a);
  const last = cell.charCodeAt(b);
  if (first === 0xff08 || first === 0x28 || first === 0x5176 || last === 0xff09 || last === 0x29) return true;
  return LABEL_FIRST.has(first) && LABEL_LAST.has(last);
}
const LABEL_FIRST = new Set(Object.keys(LABELS).map((k) => k.charCodeAt(0)));
const LABEL_LAST = new Set(Object.keys(LABELS).map((k) => k.charCodeAt(k.length - 1)));
/** LABELS as a map (a look-up in a map is cheaper than one in a large object literal). */
const LABEL_KEYS = new Map(Object.entries(LABELS));
/** What can shorten a cell to a label: whitespace, "（万元）"…, "其中：". */
const MAY_HOLD_LABEL = /[\s\u00a0\u3000（(]|^其中/;

/**
 * False when the removals of labelOf cannot bring `cell` down to LABEL_MAX: they keep the
 * non-whitespace characters but at most 4 per "（" or "(" ("（万元）", "（盖章）") and 3 for "其中：".
 * Saves squeezing long values (项目总体目标 text) only to find them too long.
 */
function mayShortenToLabel(cell: string): boolean {
  let kept = 0;
  let open = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (isSpace(c)) continue;
    kept++;
    if (c === 0xff08 || c === 0x28) open++;
  }
  return kept - 4 * open - 3 <= LABEL_MAX;
}

/** Strips the HTML paragraph tags the budget system leaves in 目标 text ("<p>…</p>"). */
export function cleanGoal(text: string): string {
  return cleanText(text.includes("<") ? text.replace(/<\/?[a-zA-Z][^<>]{0,40}>/g, " ") : text);
}

export type Report = (p: Omit<ImportProblem, "severity">, severity?: ImportProblem["severity"]) => void;

/**
 * Reads the labels of one line into the table. Returns the last label seen on the line, or
 * undefined when the line holds no label.
 */
export function readMeta(table: PerformanceTable, cells: string[], line: number, report: Report): MetaKey | undefined {
  let last: MetaKey | undefined;
  for (let i = 0; i < cells.length; i++) {
    const key = labelOf(cells[i]!);
    if (!key) continue;
    last = key;
    if (key === "group") continue;
    let j = i + 1;
    while (j < cells.length && cells[j] === "") j++;
    const value = cells[j];
    if (value === undefined || labelOf(value)) continue;
    i = j;
    setMeta(table, key, value, line, report);
  }
  return last;
}

function setMeta(table: PerformanceTable, key: MetaKey, value: string, line: number, report: Report): void {
  if (AMOUNT_KEYS.has(key)) {
    const amount = parseAmount(value, "wanyuan");
    if (amount === undefined) {
      report({ code: "text.performance.amount", message: `无法解析金额“${value}”`, line });
      return;
    }
    if (key === "upper" || key === "local" || key === "sourceOther") {
      const sources = table.sources ?? {};
      sources[key === "sourceOther" ? "other" : key] = amount;
      table.sources = sources;
    } else table[key as "total" | "fiscal" | "other"] = amount;
    return;
  }
  if (key === "goal") table.goal = cleanGoal(value);
  else table[key as "budgetUnit" | "project" | "manager" | "contact" | "phone"] = cleanText(value);
}

/** Appends a wrapped 目标 line. */
export function appendGoal(table: PerformanceTable, text: string): void {
  const more = cleanGoal(text);
  table.goal = table.goal === "" ? more : cleanText(`${table.goal} ${more}`);
}

/**
 * The 部门整体 table prints its money only as 资金来源 (上级安排, 本级安排 under 财政资金; 其他 under
 * 其他资金) with the 资金总额 cell left blank: fiscal, other and total are derived from them when
 * they are not printed.
 */
export function completeAmounts(table: PerformanceTable): void {
  const s = table.sources;
  if (!s) return;
  if (table.fiscal === undefined && (s.upper !== undefined || s.local !== undefined)) {
    table.fiscal = (s.upper ?? 0) + (s.local ?? 0);
  }
  if (table.other === undefined && s.other !== undefined) table.other = s.other;
  if (table.total === undefined && table.fiscal !== undefined) table.total = table.fiscal + (table.other ?? 0);
}
