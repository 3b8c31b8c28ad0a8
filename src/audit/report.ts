/**
 * The audit as a whole, from its documents' results: totals, rankings, year over year, the most
 * common problems and the score distribution. Pure: what audit.json holds (schema/audit.schema.json).
 */
import { ALL_RULES } from "../check/rules/index.ts";
import type { DocumentResult } from "./document.ts";
import { CHECKLIST } from "./score.ts";

export const AUDIT_SCHEMA_VERSION = 1;

export interface RankRow {
  rank: number;
  file: string;
  government: string;
  department: string;
  year: number;
  kind: "budget" | "finalAccounts";
  score: number;
  /** the checklist weight the score stands on (docs/audit.md) */
  coverage: number;
  errors: number;
}

export interface YearOverYear {
  government: string;
  department: string;
  kind: "budget" | "finalAccounts";
  years: { year: number; score: number; errors: number; change: number | null; file: string }[];
}

export interface CommonProblem {
  rule: string;
  title: string;
  severity: string;
  category: string;
  /** documents with at least one finding of the rule */
  documents: number;
  findings: number;
}

export interface AuditReport {
  schemaVersion: number;
  generatedAt: string;
  inputs: string[];
  summary: {
    documents: number;
    read: number;
    unreadable: number;
    errors: number;
    warnings: number;
    notices: number;
    /** mean score of the documents read, rounded to one decimal, or null when none was read */
    meanScore: number | null;
    pages: number;
  };
  /** documents per score band: "90–100", "80–89", "70–79", "60–69", "0–59" */
  distribution: { band: string; documents: number }[];
  /** checklist items: how many documents lost points on each */
  checklist: { id: string; title: string; weight: number; failed: number; notChecked: number }[];
  commonProblems: CommonProblem[];
  ranking: RankRow[];
  yearOverYear: YearOverYear[];
  documents: DocumentResult[];
}

const RULES = new Map(ALL_RULES.map((r) => [r.id, r]));
const KIND_ORDER = { budget: 0, finalAccounts: 1 } as const;

export const BANDS: readonly [string, number, number][] = [
  ["90–100", 90, 100],
  ["80–89", 80, 89],
  ["70–79", 70, 79],
  ["60–69", 60, 69],
  ["0–59", 0, 59],
];

export function assembleReport(documents: DocumentResult[], o: { inputs: string[]; now?: Date }): AuditReport {
  const ok = documents.filter((d) => d.status === "ok" && d.score);
  const sum = (f: (d: DocumentResult) => number) => documents.reduce((n, d) => n + f(d), 0);
  const scores = ok.map((d) => d.score?.total ?? 0);
  const meanScore =
    scores.length > 0 ? Math.round((scores.reduce((a, b) => a + b, 0) * 10) / scores.length) / 10 : null;

  const ranked = [...ok].sort(
    (a, b) =>
      (b.score?.total ?? 0) - (a.score?.total ?? 0) ||
      (b.score?.coverage ?? 0) - (a.score?.coverage ?? 0) ||
      a.summary.errors - b.summary.errors ||
      (a.department ?? "").localeCompare(b.department ?? "", "zh") ||
      a.file.localeCompare(b.file),
  );
  const ranking: RankRow[] = [];
  for (const [i, d] of ranked.entries()) {
    const prev = ranking[i - 1];
    const score = d.score?.total ?? 0;
    ranking.push({
      rank: prev && prev.score === score && prev.coverage === (d.score?.coverage ?? 0) ? prev.rank : i + 1,
      file: d.file,
      government: d.government ?? "",
      department: d.department ?? "",
      year: d.year ?? 0,
      kind: d.kind ?? "budget",
      score,
      coverage: d.score?.coverage ?? 0,
      errors: d.summary.errors,
    });
  }

  const groups = new Map<string, DocumentResult[]>();
  for (const d of ok) {
    const key = `${d.government}\u0000${d.department}\u0000${d.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const yearOverYear: YearOverYear[] = [];
  for (const ds of groups.values()) {
    const years = [...new Set(ds.map((d) => d.year))];
    if (years.length < 2) continue;
    const sorted = [...ds].sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
    const first = sorted[0] as DocumentResult;
    const rows: YearOverYear["years"] = [];
    for (const d of sorted) {
      const prev = rows[rows.length - 1];
      const score = d.score?.total ?? 0;
      rows.push({
        year: d.year ?? 0,
        score,
        errors: d.summary.errors,
        change: prev ? score - prev.score : null,
        file: d.file,
      });
    }
    yearOverYear.push({
      government: first.government ?? "",
      department: first.department ?? "",
      kind: first.kind ?? "budget",
      years: rows,
    });
  }
  yearOverYear.sort(
    (a, b) => a.department.localeCompare(b.department, "zh") || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );

  const problems = new Map<string, CommonProblem>();
  for (const d of ok) {
    const rulesHere = new Set<string>();
    for (const f of d.findings) {
      if (f.severity === "notice") continue;
      const rule = RULES.get(f.rule);
      const p = problems.get(f.rule) ?? {
        rule: f.rule,
        title: rule?.title ?? f.rule,
        severity: f.severity,
        category: f.category,
        documents: 0,
        findings: 0,
      };
      p.findings++;
      if (!rulesHere.has(f.rule)) p.documents++;
      rulesHere.add(f.rule);
      problems.set(f.rule, p);
    }
  }
  const commonProblems = [...problems.values()].sort(
    (a, b) => b.documents - a.documents || b.findings - a.findings || a.rule.localeCompare(b.rule),
  );

  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    generatedAt: (o.now ?? new Date()).toISOString(),
    inputs: o.inputs,
    summary: {
      documents: documents.length,
      read: ok.length,
      unreadable: documents.length - ok.length,
      errors: sum((d) => d.summary.errors),
      warnings: sum((d) => d.summary.warnings),
      notices: sum((d) => d.summary.notices),
      meanScore,
      pages: sum((d) => d.pages ?? 0),
    },
    distribution: BANDS.map(([band, lo, hi]) => ({
      band,
      documents: scores.filter((s) => s >= lo && s <= hi).length,
    })),
    checklist: CHECKLIST.map((c) => ({
      id: c.id,
      title: c.title,
      weight: c.weight,
      failed: ok.filter((d) => d.score?.items.find((i) => i.id === c.id)?.status === "不合格").length,
      notChecked: ok.filter((d) => d.score?.items.find((i) => i.id === c.id)?.status === "未能检查").length,
    })),
    commonProblems,
    ranking,
    yearOverYear,
    documents,
  };
}
