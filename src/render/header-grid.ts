/**
 * Merged header cells from column header paths. A table's columns carry their header path top to
 * bottom (["财政拨款", "基本支出", "人员经费"]); neighbouring columns that share a parent segment
 * are printed as one merged cell, and a path shorter than the deepest one extends its last segment
 * down to the bottom header row. HTML (rowspan/colspan) and XLSX (merges) both use this grid.
 */

export interface HeaderCell {
  /** 0-based header row */
  row: number;
  /** 0-based column index */
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

export interface HeaderGrid {
  /** number of header rows */
  depth: number;
  /** cells in row-major order; every grid position is covered by exactly one cell */
  cells: HeaderCell[];
}

const samePrefix = (a: readonly string[], b: readonly string[], through: number): boolean => {
  for (let i = 0; i <= through; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Computes the header grid.
 * @example headerGrid([{ path: ["合计"] }, { path: ["基本支出", "人员经费"] }, { path: ["基本支出", "公用经费"] }])
 * // depth 2: 合计 (rowSpan 2), 基本支出 (colSpan 2), 人员经费, 公用经费
 */
export function headerGrid(columns: readonly { path: readonly string[] }[]): HeaderGrid {
  const paths = columns.map((c) => (c.path.length > 0 ? c.path : [""]));
  const depth = Math.max(1, ...paths.map((p) => p.length));
  const cells: HeaderCell[] = [];
  for (let r = 0; r < depth; r++) {
    let c = 0;
    while (c < paths.length) {
      const p = paths[c]!;
      if (p.length <= r) {
        c++; // covered by the rowspan of this column's leaf above
        continue;
      }
      const leaf = r === p.length - 1;
      let span = 1;
      if (!leaf) {
        // a parent segment: merge with following columns under the same parent path
        while (c + span < paths.length) {
          const q = paths[c + span]!;
          if (q.length <= r + 1 || !samePrefix(p, q, r)) break;
          span++;
        }
      }
      cells.push({ row: r, col: c, rowSpan: leaf ? depth - r : 1, colSpan: span, text: p[r] ?? "" });
      c += span;
    }
  }
  return { depth, cells };
}
