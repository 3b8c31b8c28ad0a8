/**
 * Table titles → template tables, and template detection from the titles found. Titles are matched
 * by suffix after normalisation, because documents prefix them with a list number, a year and the
 * department ("一、2017 年度江苏省高级人民法院部门收支预算总表"); the longest matching title or
 * alias wins, so "财政拨款收支预算总表" is never read as "收支预算总表".
 */
import { getTemplate, REGIONAL_TEMPLATES, type TableSpec, type TemplateSpec } from "../../templates/index.ts";

/** Matching key: no spaces, unified brackets and quotes. */
export function matchKey(s: string): string {
  return s
    .replace(/\s+/g, "")
    .replace(/[（(]/g, "(")
    .replace(/[）)]/g, ")")
    .replace(/[“”"‘’'「」]/g, "")
    .replace(/[：]/g, ":");
}

export interface TitleMatch {
  spec: TableSpec;
  /** length of the matched title or alias (specificity) */
  length: number;
  /** the matched title was the spec's own title, not an alias */
  exact: boolean;
}

/** Each template's titles and aliases as matching keys, computed once (longest first). */
const NAME_KEYS = new WeakMap<TemplateSpec, { key: string; spec: TableSpec; exact: boolean }[]>();
function nameKeys(template: TemplateSpec): { key: string; spec: TableSpec; exact: boolean }[] {
  let keys = NAME_KEYS.get(template);
  if (!keys) {
    keys = [];
    for (const spec of template.tables) {
      [spec.title, ...spec.aliases].forEach((name, i) => {
        const key = matchKey(name);
        if (key.length >= 4) keys?.push({ key, spec, exact: i === 0 });
      });
    }
    // longest first; among equal lengths the spec order (as the loop over tables had it)
    keys.sort((a, b) => b.key.length - a.key.length);
    NAME_KEYS.set(template, keys);
  }
  return keys;
}

/** Best table of one template for a printed title line, if its text ends with a title or alias. */
export function matchTitle(text: string, template: TemplateSpec): TitleMatch | undefined {
  return matchTitleKey(matchKey(text), template);
}

/** matchTitle for a line already turned into its matching key (matchKey), for callers that try many templates. */
export function matchTitleKey(k: string, template: TemplateSpec): TitleMatch | undefined {
  if (k.length > 80 || k.startsWith("注") || /情况说明$|说明$/.test(k)) return undefined;
  for (const n of nameKeys(template)) {
    if (k.endsWith(n.key)) return { spec: n.spec, length: n.key.length, exact: n.exact };
  }
  return undefined;
}

export interface Detection {
  template: TemplateSpec;
  /** 0–1: share of the template's tables whose titles were found, weighed by specificity */
  confidence: number;
  /** how the template was chosen */
  how: "detected" | "forced";
  /** scores of every template, best first, for the report */
  scores: { id: string; score: number; tables: number }[];
}

/**
 * Scores every template by the titles found: each title counts for the table it matches best
 * (longest title/alias, exact titles ahead of aliases), once per table.
 * @example detectTemplate(["2025年部门财务收支预算总表", …]).template.id // "shanghai-department-budget"
 */
export function detectTemplate(titles: readonly string[], forced?: string): Detection | undefined {
  const scores: { id: string; score: number; tables: number; template: TemplateSpec }[] = [];
  for (const template of REGIONAL_TEMPLATES) {
    const found = new Map<string, number>();
    for (const t of titles) {
      const m = matchTitle(t, template);
      if (!m) continue;
      const s = m.length + (m.exact ? 2 : 0);
      found.set(m.spec.id, Math.max(found.get(m.spec.id) ?? 0, s));
    }
    let score = 0;
    for (const v of found.values()) score += v;
    scores.push({ id: template.id, score, tables: found.size, template });
  }
  scores.sort((a, b) => b.score - a.score || b.tables - a.tables);
  const report = scores.map(({ id, score, tables }) => ({ id, score, tables }));
  if (forced) {
    const template = getTemplate(forced);
    if (!template) return undefined;
    const s = scores.find((x) => x.id === forced);
    return { template, confidence: s ? s.tables / template.tables.length : 0, how: "forced", scores: report };
  }
  const best = scores[0];
  if (!best || best.tables === 0) return undefined;
  const second = scores[1];
  const coverage = best.tables / best.template.tables.length;
  // A close runner-up (the 部门 and 单位 variants share most titles) lowers the confidence.
  const margin = second && second.score > 0 ? Math.min(1, (best.score - second.score) / best.score + 0.5) : 1;
  return {
    template: best.template,
    confidence: Math.round(Math.min(1, coverage) * margin * 100) / 100,
    how: "detected",
    scores: report,
  };
}
