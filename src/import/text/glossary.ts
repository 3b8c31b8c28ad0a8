/**
 * 第四部分 名词解释: "一、**财政拨款**:指…" entries. The extractor marks bold terms with ** and some
 * terms carry their own quotes ("七、“三公”经费:指…"); the term is everything up to the first
 * colon, without the ** markers. The document ends with the department's name (a signature line),
 * which is not part of the last definition.
 */
import type { GlossaryEntry } from "../../model/disclosure.ts";
import { type Line, norm, type Range, stripBullet } from "./lines.ts";

// "一、财政拨款：…" (Xinjiang, 决算) or "（一）基本支出预算：…" (Shanghai)
const ENTRY =
  /^(?:[一二三四五六七八九十]{1,3}\s*、|[（(][一二三四五六七八九十]{1,3}[)）])\s*(.{1,30}?)\s*[:：]\s*(.*)$/;

export interface GlossaryResult {
  entries: GlossaryEntry[];
  /** an ISO date printed after the glossary (the publication date), if any */
  publishedOn?: string;
  /** a closing signature (department name or date) was found after the entries */
  signed: boolean;
}

export function parseGlossary(lines: readonly Line[], r: Range | undefined, department?: string): GlossaryResult {
  const out: GlossaryResult = { entries: [], signed: false };
  if (!r) return out;
  const dept = department ? norm(department) : undefined;
  let open = false;
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (!l.text) continue;
    const t = stripBullet(l.text);
    const m = ENTRY.exec(t);
    if (m) {
      const term = (m[1] as string).replace(/\*\*/g, "").trim();
      out.entries.push({ term, definition: (m[2] as string).trim() });
      open = true;
      continue;
    }
    const date = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(l.key);
    if (date) {
      out.publishedOn = `${date[1]}-${(date[2] as string).padStart(2, "0")}-${(date[3] as string).padStart(2, "0")}`;
      out.signed = true;
      open = false;
      continue;
    }
    if (dept && l.key === dept) {
      out.signed = true;
      open = false;
      continue;
    }
    const last = out.entries[out.entries.length - 1];
    if (open && last) last.definition += t;
  }
  return out;
}
