/** The words of an audit's outputs (Chinese first). */
import { picturedPages } from "../model/page-runs.ts";
import type { AuditFinding } from "./score.ts";

export const SEVERITY_ZH = { error: "错误", warning: "警告", notice: "提示" } as const;
export const CATEGORY_ZH: Record<string, string> = {
  arithmetic: "表内运算",
  "cross-table": "表间一致",
  text: "文表一致",
  completeness: "完整性",
  performance: "绩效目标",
  reading: "读取",
};
export const KIND_ZH = { budget: "预算", finalAccounts: "决算" } as const;

/** What a half of a two-file document read alone is (document.ts halfOf), for the scorecards. */
export const HALF_ZH = {
  text: "只有文字部分：预算表在另一份文件中，同一目录下没有找到",
  tables: "只有预算表：情况说明在另一份文件中，同一目录下没有找到",
} as const;

/** A document some of whose pages are pictures (document.ts imagePages), for the scorecards. */
export function imagePagesNote(pages: readonly number[]): string {
  return `${picturedPages(pages)}，未能读取；印在其中的内容未检查，也不计为缺失`;
}

export function whereOf(f: AuditFinding): string {
  const l = f.location;
  return [l.part, l.table ? `表${l.table}` : undefined, l.section, l.row, l.column].filter(Boolean).join(" · ");
}
