/**
 * How wide text prints, in half-width units: a CJK or full-width character (U+2E80 and up) counts 2,
 * any other 1. Spreadsheet column widths and `pdftotext -layout` columns count the same way.
 * @example displayWidth("合计 12.00") // 10
 */
export function displayWidth(text: string): number {
  let u = 0;
  for (const c of text) u += (c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return u;
}
