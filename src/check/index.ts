/**
 * The checker: runs the rule catalogue over a Disclosure. Pure: no I/O.
 * Returns findings sorted by severity, plus which rules ran and which could not (and why).
 */
import { withReadCache } from "../model/access.ts";
import type { Disclosure } from "../model/disclosure.ts";
import type { Finding, Severity } from "../model/finding.ts";
import { getTemplate, xinjiang2025Budget } from "../templates/index.ts";
import { type Rule, runOne, notApplicable as whyNotApplicable } from "./rule.ts";
import { ALL_RULES } from "./rules/index.ts";

export interface CheckReport {
  findings: Finding[];
  summary: { errors: number; warnings: number; notices: number };
  ran: string[];
  notChecked: { rule: string; reason: string }[];
  /** rules about another kind of document (决算 rules on a budget), with the reason */
  notApplicable: { rule: string; reason: string }[];
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

export function check(d: Disclosure, rules: readonly Rule[] = ALL_RULES): CheckReport {
  // The rules only read the Disclosure, so the views they share are made once for the run.
  return withReadCache(() => runRules(d, rules));
}

function runRules(d: Disclosure, rules: readonly Rule[]): CheckReport {
  const template = getTemplate(d.meta.template) ?? xinjiang2025Budget;
  const findings: Finding[] = [];
  const ran: string[] = [];
  const notChecked: { rule: string; reason: string }[] = [];
  const notApplicable: { rule: string; reason: string }[] = [];
  const ctx = { d, template };
  // A table the reader could not read reliably is reported once by the import; no arithmetic,
  // cross-table or text finding is drawn from it (it would be the reader's error, not the
  // document's). Completeness rules still see it: it is published, only not read.
  const unreliable = d.tables.filter((t) => t.reading?.status === "unreliable");
  const readable =
    unreliable.length > 0 ? { d: { ...d, tables: d.tables.filter((t) => !unreliable.includes(t)) }, template } : ctx;
  for (const rule of rules) {
    const rctx = rule.category === "completeness" ? ctx : readable;
    const na = whyNotApplicable(rule, rctx);
    if (na) {
      notApplicable.push({ rule: rule.id, reason: na });
      continue;
    }
    let r: ReturnType<Rule["run"]>;
    try {
      r = runOne(rule, rctx);
    } catch (e) {
      // A rule that crashes is a bug; report it as not checked rather than losing the whole check.
      notChecked.push({ rule: rule.id, reason: `规则执行出错：${(e as Error).message}` });
      continue;
    }
    if ("notChecked" in r) {
      notChecked.push({ rule: rule.id, reason: r.notChecked });
      continue;
    }
    ran.push(rule.id);
    findings.push(...(r as readonly Finding[]));
  }
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const summary = {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    notices: findings.filter((f) => f.severity === "notice").length,
  };
  return { findings, summary, ran, notChecked, notApplicable };
}
