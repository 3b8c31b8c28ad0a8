/**
 * A disclosure written out as text the way text is taken from a disclosure's PDF by converters that
 * find its tables (the form of test/fixtures/bazhou-hrss-2025-budget.txt): prose a paragraph a line,
 * each table row a line with its cells separated by tabs, a blank cell an empty field, a merged
 * header cell printed once, in the first column (and top row) of its span, the others left empty.
 * Used by scripts/producer-probe.ts --via tabbed and test/check/tabbed-text.test.ts to read other
 * regions' tables back from text.
 */
import type { Disclosure, PrintedTable } from "../src/model/disclosure.ts";
import { formatPrinted } from "../src/model/money.ts";

const UNIT = { wanyuan: "万元", yuan: "元" } as const;

/**
 * The header rows of a table: each column's path, a merged cell printed once, or (`repeat`) in every
 * column and row it spans, as converters that fill a grid from the table's cells write it.
 */
function headerRows(t: PrintedTable, repeat = false): string[][] {
  const depth = Math.max(1, ...t.columns.map((c) => c.path.length));
  const rows: string[][] = [];
  for (let level = 0; level < depth; level++) {
    rows.push(
      t.columns.map((c, i) => {
        // (a heading over fewer levels than the header's spans the rows below it)
        const own = c.path[level] ?? (repeat ? c.path[c.path.length - 1] : undefined);
        if (own === undefined) return "";
        if (repeat) return own;
        const prev = t.columns[i - 1];
        // the same cell as the column before's (a merged group heading): printed once
        const same = prev && prev.path.slice(0, level + 1).join("/") === c.path.slice(0, level + 1).join("/");
        return same ? "" : own;
      }),
    );
  }
  return rows;
}

/** One table: title, 编制部门, unit, header rows, rows, 空表说明. */
export function tableText(t: PrintedTable, repeat = false): string[] {
  const out = [t.title];
  if (t.preparedBy) out.push(`编制部门：${t.preparedBy}`);
  out.push(`单位：${UNIT[t.unit]}`);
  for (const h of headerRows(t, repeat)) out.push(h.join("\t"));
  for (const r of t.rows) {
    out.push(
      r.cells
        .map((c) => (c === null ? "" : typeof c === "number" ? formatPrinted(c, t.unit, t.precision) : c))
        .join("\t"),
    );
  }
  if (t.emptyNote) out.push(t.emptyNote);
  return out;
}

/**
 * The document: cover, 目录, 主要职能, the tables part, the 说明 part, a paragraph a line; `repeat`:
 * merged header cells written in every column and row they span.
 */
export function tabbedText(d: Disclosure, opts: { repeat?: boolean } = {}): string {
  const year = d.meta.year;
  const kind = d.meta.kind === "finalAccounts" ? "决算" : "预算";
  const out = [d.meta.department, `${year} 年部门${kind}公开`, ""];
  if (d.toc.length > 0) out.push("目录", "", ...d.toc, "");
  if (d.overview.functions.length > 0) {
    out.push(`第一部分 ${year} 年部门概况`, "", "一、主要职能", ...d.overview.functions, "");
  }
  out.push(`第二部分 ${year} 年部门${kind}公开表`, "");
  for (const t of d.tables) out.push(...tableText(t, opts.repeat), "");
  if (d.explanations.length > 0) {
    out.push(`第三部分 ${year} 年部门${kind}情况说明`, "");
    for (const e of d.explanations) out.push(e.title, ...e.text.split("\n"), "");
  }
  return `${out.join("\n")}\n`;
}
