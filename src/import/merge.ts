/**
 * A document published as two files (Jiangsu 2017: "-tables.pdf" and "-text.pdf"): the tables'
 * Disclosure with the text parts (概况, 目录, 说明, 项目, 其他事项, 绩效, 名词解释) of the other.
 *
 * @example mergeDisclosures(await importFile("x-tables.pdf"), await importFile("x-text.pdf", { template, textOnly: true }))
 */
import type { Disclosure } from "../model/disclosure.ts";

type Part = "tables" | "text" | "performance";

export function mergeDisclosures(tables: Disclosure, text: Disclosure): Disclosure {
  const read = (d: Disclosure): Part[] => d.provenance.parts ?? ["tables", "text", "performance"];
  const parts: Part[] = ["tables", ...read(text).filter((p) => p !== "tables")];
  const out: Disclosure = {
    ...tables,
    meta: { ...tables.meta },
    overview: text.overview,
    toc: text.toc,
    explanations: text.explanations,
    projects: text.projects,
    otherMatters: text.otherMatters,
    performance: text.performance,
    glossary: text.glossary,
    provenance: {
      source: `${tables.provenance.source} + ${text.provenance.source}`,
      format: tables.provenance.format,
      problems: [...tables.provenance.problems, ...text.provenance.problems],
      parts: read(tables).includes("tables") ? [...new Set(parts)] : read(text),
    },
  };
  if (!out.meta.publishedOn && text.meta.publishedOn) out.meta.publishedOn = text.meta.publishedOn;
  if (!out.meta.department && text.meta.department) out.meta.department = text.meta.department;
  return out;
}
