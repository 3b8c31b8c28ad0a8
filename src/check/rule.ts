/**
 * A rule: stable id, severity, category, title, source, and one pure function from a Disclosure
 * (with its template spec) to findings. A rule that cannot read its inputs says so (`notChecked`)
 * instead of staying silent, so "no finding" never hides "not checked".
 */
import type { Disclosure } from "../model/disclosure.ts";
import type { Category, Finding, Location, Severity } from "../model/finding.ts";
import { type Fen, formatWanyuan, roundingTolerance } from "../model/money.ts";
import type { TemplateSpec } from "../templates/spec.ts";

export interface RuleContext {
  readonly d: Disclosure;
  readonly template: TemplateSpec;
}

export type RuleResult = readonly Finding[] | { readonly notChecked: string };

export interface Rule {
  /** stable id, e.g. "K-01", "A-T3-ROW" */
  readonly id: string;
  /** the severity of a definite violation; rounding-level differences are notices */
  readonly severity: Severity;
  readonly category: Category;
  /** what the rule requires, in Chinese */
  readonly title: string;
  /** law, notice or template identity it rests on */
  readonly source: string;
  readonly run: (ctx: RuleContext) => RuleResult;
}

/** Defines a rule (identity function that fixes the type). */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/**
 * Compares a printed total with the sum of its n printed addends: equal → no finding; within
 * 0.005 × (n + 1) 万元 → notice (rounding); beyond → the rule's severity (error by default).
 * Returns the finding or undefined.
 */
export function compareSum(
  rule: Pick<Rule, "id" | "severity">,
  opts: {
    expected: Fen;
    actual: Fen;
    addends: number;
    message: string;
    location: Location;
    unit?: "wanyuan" | "yuan";
  },
): Finding | undefined {
  const diff = opts.actual - opts.expected;
  if (diff === 0) return undefined;
  const tol = roundingTolerance(opts.addends, opts.unit ?? "wanyuan");
  const rounding = Math.abs(diff) <= tol;
  return {
    rule: rule.id,
    severity: rounding ? "notice" : rule.severity,
    message: rounding ? `${opts.message}（差额在四舍五入容差内）` : opts.message,
    location: opts.location,
    expected: formatWanyuan(opts.expected),
    actual: formatWanyuan(opts.actual),
    difference: formatWanyuan(diff),
  };
}
