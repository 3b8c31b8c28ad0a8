/**
 * PDF lines (pdf.js chunks grouped by baseline, src/import/pdf/lines.ts) → grid lines of tokens.
 */
import type { PdfLine } from "../pdf/lines.ts";
import { type GridLine, joinTokens, joinWrappedAmounts, type Token, tokenize } from "./tokens.ts";

/** One grid line per PDF line (same indexes, so table extents apply to both). */
export function gridLines(lines: readonly PdfLine[]): GridLine[] {
  const out: GridLine[] = [];
  for (const l of lines) {
    const tokens: Token[] = [];
    for (const c of l.cells) for (const t of tokenize(c.text, c.x0, c.x1)) tokens.push(t);
    out.push({ page: l.page, y: l.y, h: l.h, tokens, text: joinTokens(tokens), ...(l.step ? { step: l.step } : {}) });
  }
  joinWrappedAmounts(out);
  return out;
}
