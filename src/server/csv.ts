/** CSV for table downloads: RFC 4180 quoting, UTF-8 with BOM (so Excel reads Chinese), amounts in the printed unit. */
import { formatPrinted } from "../model/money.ts";
import type { StoredTable } from "../store/index.ts";

const quote = (s: string) => {
  // Cells starting with = + - @ would be formulas in a spreadsheet: prefix them (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?[\d,]+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function tableCsv(t: StoredTable): string {
  const unit = t.unit === "yuan" ? "yuan" : "wanyuan";
  const header = t.columns.map((c) => c.path.join("/"));
  const lines = [header.map(quote).join(",")];
  for (const r of t.rows) {
    lines.push(
      r.cells
        .map((cell, i) =>
          typeof cell === "number" && t.columns[i]?.type === "amount"
            ? formatPrinted(cell, unit, t.precision, false)
            : quote(cell === null ? "" : String(cell)),
        )
        .join(","),
    );
  }
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
