/**
 * How well a document was read, beside how consistent it is: a page must not call a document
 * "数据一致" in green when most of it was never read. From the importer's report stored with the
 * version (tables read with a confidence 0–1, the template's tables not found), else from what the
 * Disclosure says of itself (its import problems, the parts read).
 */
import { html } from "hono/html";
import type { Disclosure } from "../../model/disclosure.ts";
import type { DisclosureRecord } from "../../store/index.ts";
import type { Html } from "../layout.ts";

export interface Reading {
  level: "good" | "fair" | "poor";
  label: string;
  /** one line that says what was read and what was not */
  detail: string;
  /** tables the importer could not find (numbers and titles) */
  missing: string[];
}

/** A table read with less confidence than this is "部分读取". */
const CONFIDENT = 0.9;

export function readingOf(rec: Pick<DisclosureRecord, "importReport">, d: Disclosure): Reading {
  const r = rec.importReport;
  const missing = r
    ? r.missing.map((m) => `表${m.no} ${m.title}`)
    : d.provenance.problems
        .filter((p) => /tableMissing$/.test(p.code))
        .map((p) => /表\s*(\d+)“([^”]+)”/.exec(p.message))
        .filter((m) => m !== null)
        .map((m) => `表${m[1]} ${m[2]}`);
  const read = d.tables.length;
  const expected = read + missing.length;
  const unsure = r ? r.tables.filter((t) => t.confidence < CONFIDENT) : [];
  const worst = r && r.tables.length > 0 ? Math.min(...r.tables.map((t) => t.confidence)) : 1;
  const parts = d.provenance.parts;
  const noText = parts !== undefined && !parts.includes("text");
  const bits = [`读出 ${read}${expected > read ? `/${expected}` : ""} 张表`];
  if (unsure.length > 0)
    bits.push(`${unsure.map((t) => `表${t.no}`).join("、")} 读取置信度低（最低 ${Math.round(worst * 100)}%）`);
  if (noText) bits.push("说明文字未核对");
  if (read === 0 || read * 2 < expected || worst < 0.5)
    return { level: "poor", label: "读取不全", detail: bits.join("；"), missing };
  if (missing.length > 0 || unsure.length > 0 || noText)
    return { level: "fair", label: "部分读取", detail: bits.join("；"), missing };
  return { level: "good", label: "读取完整", detail: bits.join("；"), missing };
}

/**
 * Two badges: how well the document was read, and what the check found in what was read. With a
 * partial reading the consistency badge says it covers only what was read.
 */
export function qualityBadges(s: DisclosureRecord["summary"], reading: Reading): Html {
  const [cls, text] =
    s.errors > 0 ? ["poor", "数据存疑"] : s.warnings > 0 ? ["fair", "基本一致"] : ["good", "数据一致"];
  const partial = reading.level !== "good";
  return html`<span class="badge ${reading.level}" title="${reading.detail}">${reading.label}</span> <span class="badge ${cls}" title="检查结果：错误 ${s.errors}，警告 ${s.warnings}${partial ? "（仅就读出的部分）" : ""}">${text}${partial ? "（已读部分）" : ""}</span>`;
}
