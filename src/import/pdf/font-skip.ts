/**
 * Embedded font programs that text extraction does not need, hidden from pdf.js.
 *
 * pdf.js converts every embedded font it meets into an OpenType font for rendering, even when
 * only text is asked for; for a full CJK font embedded whole (the 2024 决算 of 普陀区财政局 embeds
 * a 4.4 MB "Noto Sans KR") that conversion was 80 % of the import time, and over the corpus and
 * region PDFs, whose subset fonts are small, it was still a fifth of everything pdf.js allocated. For
 * a composite font with Identity-H encoding and a ToUnicode map, the text and the glyph widths come
 * from the PDF's own dictionaries (ToUnicode, /W), never from the font program, so the program can
 * be left out whatever its size (checked: every PDF under test/fixtures and ../shared/corpus reads
 * to the same chunks, positions included, with and without this pass).
 *
 * The pass is deliberately narrow: only a FontDescriptor written as plain text (not inside an
 * object stream) with a /FontFile2 (TrueType) program, that a CIDFont refers to, whose Type0
 * parent has /Encoding /Identity-H and a /ToUnicode. The key is renamed in place to a key of the
 * same length (/FontFile2 → /FontFileX), so no byte offset of the file moves; anything that does
 * not match exactly is left alone (simple TrueType fonts, CFF programs, fonts in object streams).
 */

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

/** Every dictionary (as text) referring to `ref` with `key`, and the object each is in. */
function referrers(text: string, key: string, num: number, gen: number) {
  const re = new RegExp(`${escapeRe(key)}\\s*${num}\\s+${gen}\\s+R`, "g");
  const out: { num: number; gen: number; body: string }[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const obj = objectAround(text, m.index);
    if (obj) out.push(obj);
  }
  return out;
}

/** True when a CIDFont (as text) belongs to a Type0 font with Identity-H encoding and a ToUnicode map. */
function textFromDictionaries(text: string, cid: { num: number; gen: number; body: string }): boolean {
  if (!/\/Subtype\s*\/CIDFontType[02]\b/.test(cid.body)) return false;
  const parent = descendantOf(text, cid.num, cid.gen);
  return (
    parent !== undefined &&
    /\/Subtype\s*\/Type0\b/.test(parent.body) &&
    /\/Encoding\s*\/Identity-H\b/.test(parent.body) &&
    /\/ToUnicode\s*\d+\s+\d+\s+R/.test(parent.body)
  );
}

/**
 * Returns how many font programs were hidden in `buf` (in place: pass a copy).
 * @example const n = hideFontPrograms(copy); // 1 per qualifying composite font, 0 for many files
 */
export function hideFontPrograms(buf: Uint8Array): number {
  // latin1 maps every byte to one UTF-16 unit, so string indexes are byte offsets
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("latin1");
  let hidden = 0;
  const fontFile = /\/FontFile2\s*\d+\s+\d+\s+R/g;
  for (let m = fontFile.exec(text); m; m = fontFile.exec(text)) {
    const desc = objectAround(text, m.index);
    if (!desc || !/\/Type\s*\/FontDescriptor\b/.test(desc.body)) continue;
    // every font using this descriptor must take its text from its dictionaries
    const users = referrers(text, "/FontDescriptor", desc.num, desc.gen);
    if (users.length === 0 || !users.every((cid) => textFromDictionaries(text, cid))) continue;
    buf.set(enc("/FontFileX"), m.index);
    hidden++;
  }
  return hidden;
}

/** A Type0 font whose /DescendantFonts array ("[ 30 0 R ]") holds the CIDFont. */
function descendantOf(text: string, num: number, gen: number) {
  const m = new RegExp(`/DescendantFonts\\s*\\[\\s*${num}\\s+${gen}\\s+R\\s*\\]`).exec(text);
  return m ? objectAround(text, m.index) : undefined;
}
