/**
 * Document layout: cover (department, title, year), 目录, and the four parts (概况, 公开表, 情况说明,
 * 名词解释). The 目录 repeats every part heading, so the body starts at the first heading seen a
 * second time. Missing headings are tolerated: each part falls back to the next landmark found.
 */
import { cnNumber, keyMayStartWith, type Line, norm, type Range, stripBullet } from "./lines.ts";

export interface DocumentLayout {
  title?: string;
  department?: string;
  year?: number;
  kind?: "budget" | "finalAccounts";
  titleLine?: number;
  toc?: Range;
  /** part n (1..4) → body range after its heading */
  parts: Map<number, Range>;
  /** index of each part heading line in the body */
  partHeadings: Map<number, number>;
}

const PART = /^第([一二三四])部分/;
/** False when `l.key` surely does not start with 第 (PART cannot match): no key computed for it. */
const mayBePart = (l: Line): boolean => keyMayStartWith(l.text, 0x7b2c);
const TITLE = /(\d{4})年度?(?:部门|单位)?(预算|决算)(?:公开|信息公开)?/;

/** Finds the cover title among the first lines: "2025 年部门预算公开", department on the line before. */
function findTitle(lines: readonly Line[], limit: number, out: DocumentLayout): void {
  let prev: Line | undefined;
  for (let i = 0; i < limit; i++) {
    const l = lines[i] as Line;
    if (!l.key) continue;
    const m = TITLE.exec(l.key);
    if (m && !PART.test(l.key)) {
      out.year = Number(m[1]);
      out.kind = m[2] === "决算" ? "finalAccounts" : "budget";
      out.titleLine = l.no;
      // Department printed before the year on the same line, or on the line above.
      const yearAt = l.text.search(/\d{4}\s*年/);
      const before = yearAt > 0 ? l.text.slice(0, yearAt).trim() : "";
      const dept = before || (prev && !/\d{4}\s*年/.test(prev.text) && !PART.test(prev.key) ? prev.text : "");
      if (dept) out.department = dept;
      out.title = before ? l.text : dept ? `${dept} ${l.text}` : l.text;
      return;
    }
    prev = l;
  }
}

export function layoutDocument(lines: readonly Line[]): DocumentLayout {
  const out: DocumentLayout = { parts: new Map(), partHeadings: new Map() };
  let tocLine = -1;
  for (let i = 0; i < lines.length && i < 400; i++) {
    const l = lines[i] as Line;
    if (l.text && !l.tabbed && keyMayStartWith(l.text, 0x76ee) && l.key === "目录") {
      tocLine = i;
      break;
    }
  }
  findTitle(lines, tocLine >= 0 ? tocLine : Math.min(lines.length, 40), out);

  // Body starts where a part heading repeats one already listed in the 目录.
  let bodyStart = 0;
  if (tocLine >= 0) {
    const seen = new Set<string>();
    bodyStart = lines.length;
    for (let i = tocLine + 1; i < lines.length; i++) {
      const l = lines[i] as Line;
      if (!l.text || l.tabbed || !mayBePart(l)) continue;
      const k = l.key;
      if (!PART.test(k)) continue;
      if (seen.has(k)) {
        bodyStart = i;
        break;
      }
      seen.add(k);
    }
    out.toc = { start: tocLine + 1, end: bodyStart };
    // A 目录 that never ends (truncated document): keep it bounded by the first table or 说明.
    if (bodyStart === lines.length) {
      for (let i = tocLine + 1; i < lines.length; i++) {
        const l = lines[i] as Line;
        if (/^表\d+$/.test(l.key) || l.tabbed) {
          bodyStart = i;
          out.toc.end = i;
          break;
        }
      }
    }
  }

  for (let i = bodyStart; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (!l.text || l.tabbed || !mayBePart(l)) continue;
    const m = PART.exec(l.key);
    if (!m) continue;
    const n = cnNumber(m[1] as string) as number;
    if (!out.partHeadings.has(n)) out.partHeadings.set(n, i);
  }
  const heads = [...out.partHeadings.entries()].sort((a, b) => a[1] - b[1]);
  for (let j = 0; j < heads.length; j++) {
    const [n, at] = heads[j] as [number, number];
    const next = heads[j + 1];
    out.parts.set(n, { start: at + 1, end: next ? next[1] : lines.length });
  }
  if (out.year === undefined) {
    for (const [, at] of heads) {
      const m = /(\d{4})年/.exec((lines[at] as Line).key);
      if (m) {
        out.year = Number(m[1]);
        break;
      }
    }
  }
  return out;
}

/** 目录 entries as printed, with list markers removed and wrapped entries joined. */
export function parseToc(lines: readonly Line[], r: Range | undefined): string[] {
  if (!r) return [];
  const out: string[] = [];
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (!l.text) continue;
    const t = stripBullet(l.text);
    // "五、 关于…当年拨款" / "情况说明": a line without its own marker continues the entry above.
    // (norm(t) is the line's key, already made, when there was no bullet)
    const starts =
      PART.test(l.key) ||
      /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.])/.test(t === l.text ? l.key : norm(t));
    if (!starts && out.length > 0) out[out.length - 1] += t;
    else out.push(t);
  }
  return out;
}
