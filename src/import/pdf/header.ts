/**
 * Header rows → column positions. Header cells wrap ("本年收入合" / "计", "事业单位" / "经营收入")
 * and group cells span several columns ("收入预算" over 合计 … 其他收入), so candidates are single
 * cells and short vertical chains of cells that overlap in x on consecutive header lines. Spec
 * columns are matched left to right (a column's header lies right of the previous one's), which
 * keeps repeated leaves apart ("项目" … "项目", "预算数" / "决算数" pairs).
 */
import type { TextChunk } from "./extract.ts";
import type { PdfLine } from "./lines.ts";
import { matchKey } from "./titles.ts";

export interface HeaderCandidate {
  key: string;
  x0: number;
  x1: number;
  cx: number;
}

/** Printed header variants of the same column across documents of one template. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  合计: ["小计", "总计"],
  小计: ["合计"],
  项目: ["项目名称"],
  项目名称: ["项目"],
  科目名称: ["功能分类科目名称", "经济分类科目名称", "部门经济分类科目名称"],
  经济分类科目名称: ["部门经济分类科目名称", "科目名称"],
  功能分类科目名称: ["科目名称"],
  功能科目名称: ["科目名称"],
  机关运行经费预算数: ["机关运行经费预算"],
};

function overlap(a: TextChunk, b: TextChunk): boolean {
  const w = Math.min(a.x1 - a.x0, b.x1 - b.x0);
  const o = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  if (o > 0 && o >= Math.min(w * 0.4, 6)) return true;
  // Single characters of a word stacked in a narrow cell sit slightly apart ("小" over "计").
  const single = a.text.length === 1 || b.text.length === 1;
  return single && Math.abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= 1.1 * Math.max(a.x1 - a.x0, b.x1 - b.x0);
}

/** Header candidates: every cell, and vertical chains of up to five overlapping cells. */
export function headerCandidates(lines: readonly PdfLine[]): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  const add = (cells: TextChunk[]) => {
    const x0 = Math.min(...cells.map((c) => c.x0));
    const x1 = Math.max(...cells.map((c) => c.x1));
    out.push({ key: matchKey(cells.map((c) => c.text).join("")), x0, x1, cx: (x0 + x1) / 2 });
  };
  const walk = (li: number, chain: TextChunk[]) => {
    add(chain);
    if (chain.length >= 5) return;
    const last = chain[chain.length - 1] as TextChunk;
    for (let j = li + 1; j < lines.length && j <= li + 4; j++) {
      const l = lines[j] as PdfLine;
      if (l.y - last.y > last.h * 3.6) break;
      for (const c of l.cells) if (overlap(last, c)) walk(j, [...chain, c]);
    }
  };
  lines.forEach((l, i) => {
    for (const c of l.cells) walk(i, [c]);
  });
  return out;
}

export interface ColumnPos {
  /** index into the spec's columns */
  index: number;
  cx: number;
  x0: number;
  x1: number;
}

function leafKeys(path: readonly string[]): string[] {
  const leaf = path[path.length - 1] ?? "";
  const keys = [leaf, ...(SYNONYMS[leaf] ?? [])].map(matchKey);
  // A leaf printed together with its group ("本年支出合计", "收入预算合计") also counts.
  const parent = path[path.length - 2];
  if (parent) keys.push(matchKey(parent + leaf));
  return keys;
}

/**
 * Matches spec columns (by header leaf, left to right) to header candidates, starting right of
 * `fromX`. Code columns are skipped: codes are recognised by their digits.
 */
export function matchColumns(
  columns: readonly { path: readonly string[]; type: string }[],
  cands: readonly HeaderCandidate[],
  fromX = Number.NEGATIVE_INFINITY,
): ColumnPos[] {
  const out: ColumnPos[] = [];
  let prev = fromX;
  columns.forEach((col, index) => {
    if (col.type === "code") return;
    const keys = leafKeys(col.path);
    let best: HeaderCandidate | undefined;
    for (const k of keys) {
      for (const c of cands) {
        if (c.key !== k || c.cx <= prev + 1) continue;
        // Leftmost, and among equal positions the narrowest (the cell itself, not a chain).
        if (!best || c.cx < best.cx - 2 || (Math.abs(c.cx - best.cx) <= 2 && c.x1 - c.x0 < best.x1 - best.x0)) best = c;
      }
      if (best) break;
    }
    if (best) {
      out.push({ index, cx: best.cx, x0: best.x0, x1: best.x1 });
      prev = best.cx;
    }
  });
  return out;
}
