/**
 * The text importer: text extracted from a disclosure PDF (tables tab-separated) → a Disclosure.
 * Never throws on bad input: what cannot be read becomes a problem ("第 N 行：…"); a document with
 * no recognisable title, department or table gives no disclosure at all.
 *
 * @example
 *   const { disclosure, problems } = parseText(text, { source: "bazhou-hrss-2025-budget.txt" });
 *   disclosure?.tables.find((t) => t.no === 2)?.rows.length // 31
 */
import { builtinFunctionCatalog } from "../../catalog/index.ts";
import { governmentOf } from "../../catalog/regions.ts";
import type {
  Disclosure,
  Explanation,
  GlossaryEntry,
  OtherMatters,
  PerformanceTable,
  PrintedTable,
  ProjectDescription,
} from "../../model/disclosure.ts";
import { getTemplate, REGIONAL_TEMPLATES, type TemplateSpec } from "../../templates/index.ts";
import { deriveFacts } from "../facts.ts";
import type { ImportResult } from "../index.ts";
import { layoutDocument, parseToc } from "./document.ts";
import { findSections, otherSubsections, parseExplanations, specialSections } from "./explanations.ts";
import { type CatalogEntry, functionCodeResolver } from "./function-codes.ts";
import { parseGlossary } from "./glossary.ts";
import { joinText, keyHead, keyMayStartWith, type Line, norm, Problems, type Range, splitLines } from "./lines.ts";
import { parseOtherMatters, readOtherMatter } from "./other-matters.ts";
import { parseOverview } from "./overview.ts";
import { parsePerformance } from "./performance.ts";
import { parseProjects } from "./projects.ts";
import { parseTables } from "./tables.ts";

export interface ParseTextOptions {
  source: string;
  template?: string | undefined;
  /**
   * function classification catalog, to resolve 说明五 项 that are not printed in the tables;
   * defaults to the built-in catalog of the document's year (src/catalog), `[]` for none
   */
  catalog?: readonly CatalogEntry[] | undefined;
}

/** The templates' table title keys, made once: key → the templates (by index) listing it. */
interface TitleIndex {
  specs: TemplateSpec[];
  byKey: Map<string, number[]>;
  /** first code units of the keys: a line whose key starts with none of them is no title */
  heads: Set<number>;
}
let titleIndex: TitleIndex | undefined;

function titleIndexOf(): TitleIndex {
  if (titleIndex) return titleIndex;
  const specs = [...REGIONAL_TEMPLATES];
  const byKey = new Map<string, number[]>();
  specs.forEach((spec, i) => {
    const titles = new Set(spec.tables.flatMap((t) => [t.title, ...t.aliases].map(norm)));
    for (const k of titles) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  const heads = new Set<number>();
  for (const k of byKey.keys()) if (k !== "") heads.add(k.charCodeAt(0));
  titleIndex = { specs, byKey, heads };
  return titleIndex;
}

/** Picks the template whose table titles occur most often as lines of the document. */
function detectTemplate(lines: readonly Line[]): { spec: TemplateSpec; hits: number } {
  // Short lines without tabs are candidate titles ("表N" removed); each adds a hit to every
  // template listing it. A line whose key surely starts with no title's first character (and
  // not with 表) is skipped without computing its key.
  const index = titleIndexOf();
  const hits = new Array<number>(index.specs.length).fill(0);
  for (const l of lines) {
    if (!l.text || l.text.length > 60 || l.tabbed) continue;
    const h = keyHead(l.text);
    if (h >= 0 && h !== 0x8868 && !index.heads.has(h)) continue;
    const list = index.byKey.get(h === 0x8868 || h < 0 ? l.key.replace(/^表\d+/, "") : l.key);
    if (list) for (const i of list) hits[i] = (hits[i] as number) + 1;
  }
  let best = 0;
  for (let i = 1; i < hits.length; i++) if ((hits[i] as number) > (hits[best] as number)) best = i;
  return { spec: index.specs[best] as TemplateSpec, hits: hits[best] as number };
}

/**
 * The built-in function catalog of a year as a list, the same array while the catalog's entries
 * are unchanged (functionCodeResolver indexes a catalog array once).
 */
function builtinEntries(year: number): readonly CatalogEntry[] {
  const entries = builtinFunctionCatalog(year)?.entries;
  if (!entries) return [];
  const known = builtinLists.get(entries);
  if (known && known.length === entries.size) {
    let i = 0;
    let same = true;
    for (const e of entries.values()) if (known[i++] !== e) same = false;
    if (same) return known;
  }
  const list = [...entries.values()];
  builtinLists.set(entries, list);
  return list;
}
const builtinLists = new WeakMap<object, CatalogEntry[]>();

export function parseText(text: string, opts: ParseTextOptions): ImportResult {
  const problems = new Problems();
  const src = opts.source;
  if (text.trim() === "") {
    problems.error("text.empty", `${src} 没有文字内容，无法导入`);
    return { problems: problems.list };
  }
  const lines = splitLines(text.replace(/^\uFEFF/, ""));
  const safe = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      // Programmer error on an unexpected shape of input: keep the rest of the import usable.
      problems.error("text.internal", `读取${what}时出错（${(e as Error).message}），该部分已跳过`);
      return fallback;
    }
  };

  const layout = safe("文档结构", { parts: new Map(), partHeadings: new Map() }, () => layoutDocument(lines));
  const detected = detectTemplate(lines);
  let template = detected.spec;
  if (opts.template) {
    const forced = getTemplate(opts.template);
    if (forced) template = forced;
    else problems.error("text.template", `未知的模板“${opts.template}”，改用自动识别的“${template.id}”`);
  } else if (detected.hits === 0) {
    problems.warn("text.template", `没有找到任何模板表格标题，按“${template.id}”读取`);
  }

  const end = lines.length;
  const bodyStart = layout.toc?.end ?? 0;
  const part = (n: number): Range | undefined => layout.parts.get(n);
  const p1 = part(1);
  const p3 = part(3);
  const tablesRange: Range = part(2) ?? {
    start: p1?.end ?? bodyStart,
    end: p3 ? p3.start - 1 : (part(4)?.start ?? end + 1) - 1,
  };

  const overview = safe("部门概况", undefined, () => parseOverview(lines, p1, problems));
  const knownUnits = new Set((overview?.budgetUnits ?? []).map((u) => norm(u.name)));
  // (lines whose key cannot start with 单 are passed over without normalising them)
  const unitLine = lines.find((l) => keyMayStartWith(l.text, 0x5355) && /^单位[:：]/.test(l.key));
  const unit = unitLine?.key.endsWith(":元") || unitLine?.key.endsWith("：元") ? "yuan" : template.unit;
  const tables: PrintedTable[] = safe("预算公开表", [], () =>
    parseTables(lines, tablesRange, { template, problems, knownUnits, unit }),
  );

  const department = layout.department ?? tables.find((t) => t.preparedBy)?.preparedBy;
  if (!layout.title && !department && tables.length === 0) {
    return {
      problems: [
        {
          code: "text.unrecognised",
          severity: "error",
          message: `${src} 中没有找到部门预算公开的标题、部门名称或任何预算公开表，无法导入；请确认这是从部门预算（决算）公开 PDF 提取的文本`,
        },
        ...problems.list,
      ],
    };
  }
  for (const [n, name] of [
    [1, "第一部分 部门概况"],
    [2, "第二部分 部门预算公开表"],
    [3, "第三部分 部门预算情况说明"],
    [4, "第四部分 名词解释"],
  ] as const) {
    if (!layout.parts.has(n)) problems.warn("text.partMissing", `没有找到“${name}”，该部分内容可能缺失`);
  }
  if (!layout.title) problems.warn("text.title", "没有找到封面标题（如“2025 年部门预算公开”）");
  if (!department) problems.error("text.department", "没有找到部门名称");
  let year = layout.year;
  if (year === undefined) {
    const m = /(20\d{2})\s*年/.exec(text.slice(0, 20000));
    year = m ? Number(m[1]) : 0;
    problems.warn("text.year", year ? `没有在标题中找到预算年度，按正文推断为 ${year} 年` : "没有找到预算年度");
  }

  const explRange: Range | undefined =
    p3 ??
    (() => {
      for (let i = tablesRange.start; i < end; i++)
        if (/^一、关于/.test((lines[i] as Line).key)) return { start: i, end: part(4)?.start ?? end };
      return undefined;
    })();
  const catalog = opts.catalog ?? builtinEntries(year);
  const prose = parseTextParts(
    lines,
    { explanations: explRange, glossary: part(4) },
    {
      template,
      tables,
      department,
      year,
      catalog,
      problems,
      safe,
    },
  );
  const { explanations, projects, otherMatters, performance, glossary } = prose;
  const facts = safe("事实", [], () => deriveFacts(tables, template));

  // the issuing government from the document's words (name, then the cover), never the template's
  const gov = governmentOf(
    department ?? "",
    lines
      .slice(0, 30)
      .map((l) => l.text)
      .join("\n"),
  );
  const disclosure: Disclosure = {
    schemaVersion: 1,
    meta: {
      kind: layout.kind ?? template.kind,
      title: layout.title ?? `${department ?? ""} ${year} 年部门预算公开`.trim(),
      department: department ?? "",
      year,
      unit: tables[0]?.unit ?? unit,
      template: template.id,
      ...(gov ? { region: gov.province } : {}),
      ...(gov?.city ? { city: gov.city } : {}),
      ...(gov?.county ? { county: gov.county } : {}),
    },
    overview: overview ?? { functions: [], divisions: [], budgetUnits: [], staffing: {}, text: "" },
    toc: safe("目录", [], () => parseToc(lines, layout.toc)),
    tables,
    facts,
    explanations,
    projects,
    otherMatters,
    performance,
    glossary,
    provenance: { source: src, format: "text", problems: problems.list },
  };
  if (prose.publishedOn) disclosure.meta.publishedOn = prose.publishedOn;
  return { disclosure, problems: problems.list };
}

/** Runs `fn`; a programmer error on an unexpected shape of input becomes a problem and `fallback`. */
export type Safe = <T>(what: string, fallback: T, fn: () => T) => T;

/** Line ranges of the text parts a document was found to have. */
export interface PartRanges {
  /** the 说明 part (Xinjiang 第三部分), or the whole body of a document with unnumbered sections */
  explanations?: Range | undefined;
  /** 名词解释 entries (Xinjiang 第四部分) */
  glossary?: Range | undefined;
}

export interface TextPartsContext {
  template: TemplateSpec;
  tables: readonly PrintedTable[];
  department: string | undefined;
  year: number;
  catalog: readonly CatalogEntry[];
  problems: Problems;
  safe: Safe;
}

export interface TextParts {
  explanations: Explanation[];
  projects: ProjectDescription[];
  otherMatters: OtherMatters;
  performance: PerformanceTable[];
  glossary: GlossaryEntry[];
  /** sections found by the spec's titles: their ranges, for parts the caller reads itself (概况) */
  sections: Map<number, Range>;
  publishedOn?: string;
}

/**
 * The text parts of a document (说明 sections with their statements, 项目 descriptions, 其他重要
 * 事项, 绩效目标表, 名词解释) from given line ranges. Used by parseText and by the PDF importer
 * on the prose it rebuilt from text positions. Sections are found by number or, for a template
 * whose documents do not number them, by the titles of its spec; a spec section with id
 * "glossary" is read as the 名词解释 when no range is given for it.
 */
export function parseTextParts(lines: readonly Line[], ranges: PartRanges, ctx: TextPartsContext): TextParts {
  const { template, problems, safe, department, year } = ctx;
  const special = specialSections(template.explanations);
  const sections = safe("情况说明", { sections: new Map<number, Range>() }, () =>
    ranges.explanations
      ? findSections(lines, ranges.explanations, template.explanations, special.other)
      : { sections: new Map<number, Range>() },
  );
  const resolveCode = functionCodeResolver([...ctx.tables], ctx.catalog);
  const stctx = { department, year, resolveCode };
  const explanations = safe("情况说明", [], () => parseExplanations(lines, sections, stctx, problems, special));
  const projectsRange = special.projects !== undefined ? sections.sections.get(special.projects) : undefined;
  const projects = safe("项目支出说明", [], () => parseProjects(lines, projectsRange, problems));
  const so = special.other !== undefined ? sections.sections.get(special.other) : undefined;
  const otherMatters = safe("其他重要事项", { notes: [] } as OtherMatters, () =>
    so
      ? parseOtherMatters(
          lines,
          otherSubsections(lines, { start: so.start + 1, end: so.end }),
          sections.performance,
          explanations.find((e) => e.no === special.other),
        )
      : { notes: [] },
  );
  // a matter that is a section of its own (spec `otherMatter`: Jiangsu 2017 说明十, 说明十二)
  for (const spec of template.explanations) {
    const r = spec.otherMatter ? sections.sections.get(spec.no) : undefined;
    if (!r || !spec.otherMatter) continue;
    const matter = spec.otherMatter;
    safe("其他重要事项", undefined, () =>
      readOtherMatter(
        otherMatters,
        matter,
        norm(joinText(lines, { start: r.start + 1, end: r.end })),
        explanations.find((e) => e.no === spec.no),
      ),
    );
  }
  const performance = safe("绩效目标表", [] as PerformanceTable[], () => {
    const r = sections.performance;
    if (!r) return [];
    const res = parsePerformance(
      lines.slice(r.start, r.end).map((l) => l.raw),
      { year: year ?? 0, lineOffset: (lines[r.start] as Line).no },
    );
    problems.list.push(...res.problems);
    return res.tables;
  });
  const glossaryNo = template.explanations.find((e) => e.id === "glossary")?.no;
  const gs = glossaryNo !== undefined ? sections.sections.get(glossaryNo) : undefined;
  const glossaryRange = ranges.glossary ?? (gs ? { start: gs.start + 1, end: gs.end } : undefined);
  const glossary = safe("名词解释", { entries: [], signed: false }, () =>
    parseGlossary(lines, glossaryRange, department),
  );
  // The template ends with the department's name and the date; without them the text was likely cut.
  if (ranges.glossary && !glossary.signed)
    problems.warn("text.truncated", "名词解释之后没有找到落款（部门名称或日期），文档可能不完整", lines.length);
  const out: TextParts = {
    explanations,
    projects,
    otherMatters,
    performance,
    glossary: glossary.entries,
    sections: sections.sections,
  };
  if (glossary.publishedOn) out.publishedOn = glossary.publishedOn;
  return out;
}
