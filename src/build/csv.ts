/**
 * A small RFC 4180 CSV reader that keeps the line number of each record (for messages like
 * "line-items.csv 第 12 行"). Pure. Lines starting with `#` outside quotes are comments.
 */
export interface CsvRecord {
  /** 1-based line number where the record starts */
  readonly line: number;
  readonly cells: readonly string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, "");
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    // comment or blank line
    if (src[i] === "#" || src[i] === "\n" || (src[i] === "\r" && src[i + 1] === "\n")) {
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? src.length : nl + 1;
      line++;
      continue;
    }
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (;;) {
      const c = src[i];
      if (c === undefined) {
        cells.push(cur);
        break;
      }
      if (quoted) {
        if (c === '"' && src[i + 1] === '"') {
          cur += '"';
          i += 2;
        } else if (c === '"') {
          quoted = false;
          i++;
        } else {
          if (c === "\n") line++;
          cur += c;
          i++;
        }
        continue;
      }
      if (c === '"' && cur.trim() === "") {
        quoted = true;
        cur = "";
        i++;
      } else if (c === ",") {
        cells.push(cur);
        cur = "";
        i++;
      } else if (c === "\r" && src[i + 1] === "\n") {
        cells.push(cur);
        i += 2;
        line++;
        break;
      } else if (c === "\n") {
        cells.push(cur);
        i++;
        line++;
        break;
      } else {
        cur += c;
        i++;
      }
    }
    out.push({ line: start, cells: cells.map((s) => s.trim()) });
  }
  return out;
}

/** Quotes a CSV cell when needed. */
export function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
