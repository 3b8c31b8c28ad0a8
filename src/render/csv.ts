/**
 * One CSV per printed table, UTF-8 with BOM (so Excel opens Chinese text correctly), CRLF line
 * ends, RFC 4180 quoting. The header row is each column's header path joined with "/"; amounts
 * are exact strings in the printed unit without grouping ("5219.30"); blank cells stay empty.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Disclosure, PrintedTable } from "../model/disclosure.ts";
import { formatPrinted } from "../model/money.ts";

export const BOM = "\uFEFF";

/**
 * Text that a spreadsheet would run as a formula (=, +, @, or a leading tab/CR) gets a leading
 * apostrophe: published CSVs are opened in Excel, and an imported name like `=HYPERLINK(…)` must
 * stay text (OWASP "CSV injection"). Amounts never take this path.
 */
export function defuseFormula(v: string): string {
  return /^[=+@\t\r]/.test(v) ? `'${v}` : v;
}

/** Quotes a field when it holds a comma, quote, CR or LF. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/** The CSV text of one table (with BOM). */
export function tableCsv(t: PrintedTable): string {
  const lines = [csvLine(t.columns.map((c) => c.path.join("/")))];
  for (const row of t.rows) {
    lines.push(
      csvLine(
        t.columns.map((_, i) => {
          const v = row.cells[i] ?? null;
          if (v === null) return "";
          return typeof v === "number" ? formatPrinted(v, t.unit, t.precision, false) : defuseFormula(v);
        }),
      ),
    );
  }
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

/** File name of a table's CSV: "03-expenditure.csv". */
export function tableCsvName(t: PrintedTable): string {
  return `${String(t.no).padStart(2, "0")}-${t.id.replace(/[^A-Za-z0-9_-]/g, "_") || "table"}.csv`;
}

/** Writes every table into `dir`; returns the file paths. */
export async function renderCsv(d: Disclosure, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const t of d.tables) {
    const f = join(dir, tableCsvName(t));
    await writeFile(f, tableCsv(t));
    files.push(f);
  }
  return files;
}
