/**
 * Large embedded font programs that text extraction does not need, hidden from pdf.js.
 *
 * pdf.js converts every embedded font it meets into an OpenType font for rendering, even when
 * only text is asked for; for a full CJK font embedded whole (the 2024 决算 of 普陀区财政局 embeds
 * a 4.4 MB "Noto Sans KR") that conversion was 80 % of the import time. For a composite font with
 * Identity-H encoding and a ToUnicode map, the text and the glyph widths come from the PDF's own
 * dictionaries (ToUnicode, /W), never from the font program, so the program can be left out.
 *
 * The pass is deliberately narrow: only a FontDescriptor written as plain text (not inside an
 * object stream) whose /FontFile2 stream declares /Length1 ≥ 1 MB, that a CIDFont refers to, whose
 * Type0 parent has /Encoding /Identity-H and a /ToUnicode. The key is renamed in place to a key
 * of the same length (/FontFile2 → /FontFileX), so no byte offset of the file moves; anything
 * that does not match exactly is left alone.
 */

/** Font programs at least this large (uncompressed bytes) are worth skipping. */
export const LARGE_FONT_BYTES = 1_000_000;

const enc = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text of the object that contains `pos`: from its "N G obj" header to its endobj. */
function objectAround(text: string, pos: number): { num: number; gen: number; body: string } | undefined {
  const head = text.lastIndexOf(" obj", pos);
  if (head < 0) return undefined;
  const m = /(\d+)\s+(\d+)\s*$/.exec(text.slice(Math.max(0, head - 24), head));
  if (!m) return undefined;
  const start = head + 4;
  const end = text.indexOf("endobj", start);
  if (end < 0 || end < pos) return undefined;
  const stream = text.indexOf("stream", start);
  const bodyEnd = stream >= 0 && stream < end ? stream : end;
  if (pos > bodyEnd) return undefined; // inside stream data, not the dictionary
  return { num: Number(m[1]), gen: Number(m[2]), body: text.slice(start, bodyEnd) };
}

/** The first dictionary (as text) referring to `ref` with `key`, and the object it is in. */
function referrer(text: string, key: string, num: number, gen: number) {
  const re = new RegExp(`${escapeRe(key)}\\s*${num}\\s+${gen}\\s+R`, "g");
  const m = re.exec(text);
  if (!m) return undefined;
  const obj = objectAround(text, m.index);
  return obj ? { ...obj, at: m.index } : undefined;
}

/**
 * Returns `buf` with the qualifying /FontFile2 keys renamed (in place: pass a copy), and how many.
 * @example const n = hideLargeFontPrograms(copy); // 1 for the 2024 决算, 0 for most files
 */
export function hideLargeFontPrograms(buf: Uint8Array): number {
  // latin1 maps every byte to one UTF-16 unit, so string indexes are byte offsets
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("latin1");
  let hidden = 0;
  const length1 = /\/Length1\s+(\d{7,})\b/g;
  for (let m = length1.exec(text); m; m = length1.exec(text)) {
    if (Number(m[1]) < LARGE_FONT_BYTES) continue;
    const file = objectAround(text, m.index);
    if (!file) continue;
    const desc = referrer(text, "/FontFile2", file.num, file.gen);
    if (!desc || !/\/Type\s*\/FontDescriptor\b/.test(desc.body)) continue;
    const cid = referrer(text, "/FontDescriptor", desc.num, desc.gen);
    if (!cid || !/\/Subtype\s*\/CIDFontType[02]\b/.test(cid.body)) continue;
    const parent = descendantOf(text, cid.num, cid.gen);
    if (!parent || !/\/Subtype\s*\/Type0\b/.test(parent.body)) continue;
    if (!/\/Encoding\s*\/Identity-H\b/.test(parent.body) || !/\/ToUnicode\s*\d+\s+\d+\s+R/.test(parent.body)) continue;
    const key = desc.at;
    if (text.slice(key, key + 10) !== "/FontFile2") continue;
    buf.set(enc("/FontFileX"), key);
    hidden++;
  }
  return hidden;
}

/** A Type0 font whose /DescendantFonts array ("[ 30 0 R ]") holds the CIDFont. */
function descendantOf(text: string, num: number, gen: number) {
  const m = new RegExp(`/DescendantFonts\\s*\\[\\s*${num}\\s+${gen}\\s+R\\s*\\]`).exec(text);
  return m ? objectAround(text, m.index) : undefined;
}
