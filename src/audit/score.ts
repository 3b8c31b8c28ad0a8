/**
 * The disclosure-quality score of one document, out of 100, from a checklist modelled on the
 * 预决算公开检查 that finance bureaus run (docs/audit.md gives the table and the reasons).
 *
 * Each checklist item has a weight and the rules of the catalogue that test it. A finding of one of
 * those rules deducts the item's points per finding (at most the item's weight): every deduction
 * names the findings it comes from, by id. An item none of whose rules could run on the document
 * (a part not read) is "未能检查": it counts neither for nor against, and the score is scaled over
 * the items checked, with that coverage beside it, so a gap in reading never looks like a pass or
 * a failure. Pure: no I/O.
 *
 * @example scoreDocument(findings, notChecked, ran, categoryOf).total // 83
 */
import type { Category, Severity } from "../model/finding.ts";

export interface AuditFinding {
  /** unique within its document: the rule and its occurrence, "C-26#1" */
  id: string;
  rule: string;
  severity: Severity;
  category: Category | "reading";
  message: string;
  location: { part?: string; table?: number; row?: string; column?: string; section?: string; page?: number };
  /** the pages the finding is on (its own, else its table's) */
  pages: number[];
  expected?: string;
  actual?: string;
  difference?: string;
}

export interface ChecklistItem {
  id: string;
  title: string;
  weight: number;
  /** points deducted per finding of one of the item's rules (the item never goes below 0) */
  per: number;
  /** rule ids (exact) or prefixes ending in "*" */
  rules: readonly string[];
  /** findings of these categories count too (numbers consistent) */
  categories?: readonly Category[];
  /** only findings of these severities count (default: error and warning) */
  severities?: readonly Severity[];
}

/** The checklist. Weights add up to 100 (a test says so). */
export const CHECKLIST: readonly ChecklistItem[] = [
  {
    id: "tables",
    title: "公开表齐全（按规定公开全部预算表）",
    weight: 20,
    per: 2,
    rules: ["C-05", "C-06", "C-07", "C-08", "C-09", "C-10", "C-11", "C-12", "C-13", "C-14", "C-15"],
  },
  { id: "empty-tables", title: "空表附空表说明", weight: 5, per: 5, rules: ["C-16"] },
  {
    id: "overview",
    title: "部门概况（职能、机构、人员）",
    weight: 5,
    per: 2,
    rules: ["C-02", "C-03", "C-04", "N-01", "N-02"],
  },
  {
    id: "explanations",
    title: "收支预算说明（收入、支出、财政拨款、一般公共预算、基金、结转）",
    weight: 10,
    per: 2,
    rules: ["C-18", "C-19", "C-20", "C-21", "C-22", "C-23", "C-24", "C-25", "C-27", "N-03"],
  },
  { id: "sangong", title: "“三公”经费说明（总额、分项、增减及原因）", weight: 10, per: 5, rules: ["C-26", "N-04"] },
  { id: "running-costs", title: "机关运行经费", weight: 5, per: 5, rules: ["C-28", "N-05"] },
  { id: "procurement", title: "政府采购", weight: 5, per: 5, rules: ["C-29", "N-06"] },
  { id: "assets", title: "国有资产占用情况", weight: 5, per: 5, rules: ["C-30", "N-07"] },
  {
    id: "performance",
    title: "绩效目标（整体与项目绩效目标表）",
    weight: 10,
    per: 2,
    rules: ["C-31", "N-08", "P-*", "F-*"],
  },
  { id: "glossary", title: "名词解释", weight: 5, per: 5, rules: ["C-32", "N-09"] },
  {
    id: "consistency",
    title: "数字一致（表内运算、表间一致、文表一致）",
    weight: 15,
    per: 1,
    rules: [],
    categories: ["arithmetic", "cross-table", "text"],
    severities: ["error"],
  },
  {
    id: "form",
    title: "公开时间与规范（时限、单位、目录、无模板占位符）",
    weight: 5,
    per: 1,
    rules: ["C-01", "C-17", "C-33", "C-34"],
  },
];

export interface Deduction {
  item: string;
  points: number;
  /** the findings the deduction comes from (ids within the document) */
  findings: string[];
  /** what is missing, in words (the findings' messages, short) */
  reason: string;
}

export interface ItemScore {
  id: string;
  title: string;
  weight: number;
  points: number;
  /** 合格: nothing deducted; 不合格: something deducted; 未能检查: none of its rules could run */
  status: "合格" | "不合格" | "未能检查";
  deductions: Deduction[];
  notChecked: string[];
}

export interface Score {
  /**
   * out of 100: the points kept on the items that could be checked, scaled to 100 (rounded half
   * up), so what could not be read counts neither for nor against the document
   */
  total: number;
  /** the weight of the items that could be checked (0–100): how much of the checklist the score covers */
  coverage: number;
  /** points kept on the checked items, out of `coverage` */
  points: number;
  items: ItemScore[];
}

function matches(rule: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith("*") ? rule.startsWith(p.slice(0, -1)) : rule === p));
}

function itemOf(f: Pick<AuditFinding, "rule" | "category" | "severity">, item: ChecklistItem): boolean {
  const severities = item.severities ?? ["error", "warning"];
  if (!severities.includes(f.severity)) return false;
  if (matches(f.rule, item.rules)) return true;
  return item.categories?.includes(f.category as Category) ?? false;
}

/** The items a finding counts against (the first that claims it: a finding is never counted twice). */
export function checklistItemOf(f: Pick<AuditFinding, "rule" | "category" | "severity">): ChecklistItem | undefined {
  return CHECKLIST.find((item) => itemOf(f, item));
}

/**
 * @param ran the rules that ran on the document (check's `ran`): an item none of whose rules ran,
 *   and with no finding, is "未能检查"
 */
export function scoreDocument(
  findings: readonly AuditFinding[],
  notChecked: readonly { rule: string }[],
  ran: readonly string[],
  categoryOf: (rule: string) => Category | undefined,
): Score {
  const byItem = new Map<string, AuditFinding[]>();
  for (const f of findings) {
    const item = checklistItemOf(f);
    if (!item) continue;
    byItem.set(item.id, [...(byItem.get(item.id) ?? []), f]);
  }
  const items: ItemScore[] = CHECKLIST.map((item) => {
    const fs = byItem.get(item.id) ?? [];
    const deductions: Deduction[] = [];
    let left = item.weight;
    // one deduction per rule, so each names the findings it comes from
    const byRule = new Map<string, AuditFinding[]>();
    for (const f of fs) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    for (const [rule, group] of byRule) {
      if (left <= 0) break;
      const points = Math.min(left, item.per * group.length);
      left -= points;
      deductions.push({
        item: item.id,
        points,
        findings: group.map((f) => f.id),
        reason: `${rule}：${group[0]?.message ?? ""}${group.length > 1 ? `（等 ${group.length} 处）` : ""}`,
      });
    }
    const notRun = notChecked.map((n) => n.rule).filter((r) => item.rules.length > 0 && matches(r, item.rules));
    const anyRan = ran.some(
      (r) => matches(r, item.rules) || (item.categories?.includes(categoryOf(r) as Category) ?? false),
    );
    const status = deductions.length > 0 ? "不合格" : anyRan ? "合格" : "未能检查";
    return {
      id: item.id,
      title: item.title,
      weight: item.weight,
      points: left,
      status,
      deductions,
      notChecked: notRun,
    };
  });
  const checked = items.filter((i) => i.status !== "未能检查");
  const coverage = checked.reduce((n, i) => n + i.weight, 0);
  const points = checked.reduce((n, i) => n + i.points, 0);
  // integer arithmetic, half up: 100 × points / coverage
  const total = coverage === 0 ? 0 : Math.floor((200 * points + coverage) / (2 * coverage));
  return { total, coverage, points, items };
}
