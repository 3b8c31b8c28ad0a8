/**
 * What a Disclosure must hold to be saved and published, and when a document holds nothing of a
 * disclosure at all. Pure: the current year is passed in.
 *
 * - A published disclosure names its department (1–100 characters) and a plausible year
 *   (1990 … this year + 5; `"year": -0` is 0 and fails).
 * - Names shown on every page have sane lengths (NAME_LIMITS), so one document cannot make the
 *   home page megabytes long.
 * - A document with no department and no table is not a disclosure: unusable input (exit 2), not
 *   a list of "errors" about missing tables.
 *
 * @example
 *   const problems = publishProblems(d, new Date().getFullYear());
 *   if (problems.length) refuse(problems.join("；"));
 */
import type { Disclosure } from "./disclosure.ts";

export const FIRST_YEAR = 1990;
/**
 * A budget is published for the coming year; five years ahead leaves room for drafts and
 * multi-year plans (and for tests that file fixtures under future years to keep them apart)
 * while a year such as 0, 2205 or 20250 is refused.
 */
export const YEARS_AHEAD = 5;

/** Longest names accepted, in characters (code points). */
export const NAME_LIMITS = {
  department: 100,
  region: 50,
  title: 200,
  template: 100,
  tableTitle: 200,
  /** a printed row's label or a project name */
  label: 500,
} as const;

const length = (s: string) => [...s].length;

/** Why `d` cannot be saved or published; empty when it can. Messages in Chinese, each says what to fix. */
export function publishProblems(d: Disclosure, currentYear: number): string[] {
  const out: string[] = [];
  const m = d.meta;
  const department = m.department.trim();
  if (!department) out.push("没有部门名称：请在文件中写明部门（单位）名称后再上传或发布");
  else if (length(department) > NAME_LIMITS.department)
    out.push(`部门名称过长（${length(department)} 个字符，上限 ${NAME_LIMITS.department}）`);
  const last = currentYear + YEARS_AHEAD;
  if (!Number.isInteger(m.year) || m.year < FIRST_YEAR || m.year > last)
    out.push(`年度 ${Object.is(m.year, -0) ? 0 : m.year} 不合理：应在 ${FIRST_YEAR}–${last} 之间`);
  const named: [string, string | undefined, number][] = [
    ["地区", m.region, NAME_LIMITS.region],
    ["标题", m.title, NAME_LIMITS.title],
    ["模板编号", m.template, NAME_LIMITS.template],
  ];
  for (const [what, value, max] of named)
    if (value !== undefined && length(value) > max) out.push(`${what}过长（${length(value)} 个字符，上限 ${max}）`);
  for (const t of d.tables) {
    if (length(t.title) > NAME_LIMITS.tableTitle)
      out.push(`表${t.no} 的标题过长（${length(t.title)} 个字符，上限 ${NAME_LIMITS.tableTitle}）`);
    const long = t.rows.find((r) => length(r.label) > NAME_LIMITS.label);
    if (long) out.push(`表${t.no} 有一行名称过长（${length(long.label)} 个字符，上限 ${NAME_LIMITS.label}）`);
  }
  return out;
}

/** Why the document is not a disclosure at all (no department and no table), or undefined. */
export function unusableReason(d: Disclosure): string | undefined {
  if (d.meta.department.trim() === "" && d.tables.length === 0)
    return "文件中既没有部门名称，也没有任何预算公开表，不是可用的部门预算（决算）公开文件";
  return undefined;
}
