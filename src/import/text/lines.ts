/**
 * Line-level normalisation for text extracted from disclosure PDFs. Labels are kept exactly as
 * printed; `norm` gives a matching key only (NFKC folds full-width digits and punctuation, and the
 * extractor scatters spaces inside Chinese text: "2025 年", "表 1", "维修（护）费").
 */
import type { ImportProblem } from "../../model/disclosure.ts";

export interface Line {
  /** 1-based line number in the input, for messages */
  readonly no: number;
  /** the line as printed (without the line break) */
  readonly raw: string;
  /** raw, trimmed */
  readonly text: string;
  /** matching key: NFKC, no whitespace */
  readonly key: string;
  /** raw holds a tab: a table row (set once: scans for headings and prose skip these lines) */
  readonly tabbed: boolean;
}

/** A half-open range of line indexes [start, end). */
export interface Range {
  start: number;
  end: number;
}

const WS = /\s+/g;

/** Matching key: NFKC (full-width → half-width), no whitespace. */
// Ranges of code points, combining marks included on purpose (built from a string so that the
// linter's "misleading character class" check, meant for literal characters, does not apply).
// biome-ignore lint/complexity/useRegexLiterals: see above
const MAY_CHANGE_UNDER_NFKC = new RegExp(
  "[\\u00a0-\\u024f\\u02b0-\\u036f\\u1d00-\\u2fff\\u3000\\u3099-\\u309c\\u3131-\\u33ff\\ua000-\\ua4cf\\uf900-\\ufaff\\ufb00-\\ufdff\\ufe00-\\ufe6f\\uff00-\\uffef]",
);

export function norm(s: string): string {
  return normFast(s) ?? fullNorm(s);
}

/**
 * norm(s) when `s` holds KEEP, DROP and WIDE characters only (most keys: see charClass), computed
 * character by character; undefined otherwise.
 */
export function normFast(s: string): string | undefined {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if ((CHAR_CLASS[c] || charClass(c)) !== KEEP) break;
    i++;
  }
  return i === n ? s : normSliced(s, i);
}

function normSliced(s: string, from: number): string | undefined {
  let out = "";
  let start = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = CHAR_CLASS[c] || charClass(c);
    if (k === KEEP) continue;
    if (k === OTHER) return undefined;
    out += s.slice(start, i);
    if (k === WIDE) out += String.fromCharCode(c - 0xfee0);
    start = i + 1;
  }
  return out + s.slice(start);
}

/**
 * The first code unit of norm(text), for a trimmed non-empty `text`, when it is known without
 * computing the key; -1 otherwise. Known when the first character is KEEP (or WIDE: its ASCII form)
 * and the second (if any) is KEEP, WIDE or DROP: starters that compose with nothing, so NFKC keeps
 * the first character first and as it is. Lets scans for headings ("第一部分", "一、", "（一）")
 * skip most lines without normalising them.
 */
export function keyHead(text: string): number {
  if (text === "") return -1;
  const c0 = text.charCodeAt(0);
  const k0 = CHAR_CLASS[c0] || charClass(c0);
  if (k0 !== KEEP && k0 !== WIDE) return -1;
  if (text.length > 1) {
    const c1 = text.charCodeAt(1);
    if ((CHAR_CLASS[c1] || charClass(c1)) === OTHER) return -1;
  }
  return k0 === WIDE ? c0 - 0xfee0 : c0;
}

/**
 * The last code unit of norm(text), for a trimmed non-empty `text`, when it is known without
 * computing the key; -1 otherwise. Known when the last character is KEEP (or WIDE: its ASCII form):
 * a starter that no character before it can compose with, which NFKC keeps last and as it is.
 */
export function keyTail(text: string): number {
  if (text === "") return -1;
  const c = text.charCodeAt(text.length - 1);
  const k = CHAR_CLASS[c] || charClass(c);
  return k === KEEP ? c : k === WIDE ? c - 0xfee0 : -1;
}

/** False when norm(text) surely does not start with the code unit `c` (see keyHead). */
export function keyMayStartWith(text: string, c: number): boolean {
  const h = keyHead(text);
  return h < 0 || h === c;
}

/** True for the Chinese numerals 一 … 十 that number headings. */
export function isCnNumeral(c: number): boolean {
  return CN_NUMERALS.has(c);
}
const CN_NUMERALS = new Set(Array.from("一二三四五六七八九十", (ch) => ch.charCodeAt(0)));

/**
 * s.normalize("NFKC"), skipping the call for strings of KEEP characters and ASCII whitespace, which
 * NFKC leaves as they are (labels, codes and amounts mostly).
 */
export function nfkc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 ? c !== 0x20 && (c < 0x09 || c > 0x0d) : (CHAR_CLASS[c] || charClass(c)) !== KEEP)
      return s.normalize("NFKC");
  }
  return s;
}

function fullNorm(s: string): string {
  // NFKC only changes compatibility characters (full-width forms, radicals, ligatures, Latin-1
  // symbols…); CJK ideographs and ASCII are stable, and most lines have nothing else, so skip it.
  return (MAY_CHANGE_UNDER_NFKC.test(s) ? s.normalize("NFKC") : s).replace(WS, "");
}

/**
 * What `norm` does to a UTF-16 code unit, for the fast path: KEEP (a character with no
 * decomposition that composes with nothing: printable ASCII, CJK ideographs, common CJK and
 * general punctuation), DROP (whitespace: NFKC keeps it whitespace, and norm removes it), WIDE
 * (U+FF01–U+FF5E, full-width ASCII: NFKC gives the ASCII character). A string made of these only
 * has an NFKC that is the character-by-character mapping, so the fast path equals fullNorm; any
 * other code unit (OTHER) sends the whole string through fullNorm. Filled on first sight.
 */
const KEEP = 1;
const DROP = 2;
const WIDE = 3;
const OTHER = 4;
const CHAR_CLASS = new Uint8Array(0x10000);
const WS1 = /\s/;

function charClass(c: number): number {
  const ch = String.fromCharCode(c);
  let k = OTHER;
  if (WS1.test(ch)) k = DROP;
  else if (c >= 0xff01 && c <= 0xff5e) k = WIDE;
  else if (
    ((c >= 0x21 && c <= 0x7e) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      c === 0x3001 ||
      c === 0x3002 ||
      (c >= 0x3008 && c <= 0x3011) ||
      (c >= 0x3014 && c <= 0x301b) ||
      (c >= 0x2013 && c <= 0x2014) ||
      (c >= 0x2018 && c <= 0x2019) ||
      (c >= 0x201c && c <= 0x201d) ||
      c === 0x203b ||
      c === 0x00b7 ||
      c === 0x00d7) &&
    ch.normalize("NFKC") === ch
  )
    k = KEEP;
  CHAR_CLASS[c] = k;
  return k;
}

/**
 * Keys are computed on first use: about half the lines of a disclosure are table rows, which are
 * read by tab position and rarely need a key (a seed-sized document should import in a few ms).
 */
class TextLine implements Line {
  private k: string | undefined;
  constructor(
    readonly no: number,
    readonly raw: string,
    readonly text: string,
    readonly tabbed: boolean,
  ) {}
  get key(): string {
    if (this.k === undefined) this.k = this.text.length === 0 ? "" : norm(this.text);
    return this.k;
  }
}

/**
 * Keeps one instance of a class alive for the life of the process. V8 keeps the hidden class
 * ("map") of a class's instances only while some instance lives, and optimised code refers to it
 * weakly: once a document's lines, readers and rows are all collected, the next full GC drops those
 * maps and discards the optimised code of every function that reads such objects, which then runs
 * unoptimised until V8 optimises it again (measured with --trace-deopt: 30–50 functions at every
 * full GC, "reason: weak objects"). One living instance per class keeps the maps, and the code, valid.
 */
export function keepShape<T>(instance: T): T {
  shapes.push(instance);
  return instance;
}
const shapes: unknown[] = [];

keepShape(new TextLine(0, "", "", false));

/** Splits text into lines (\n, \r\n or \r). */
export function splitLines(text: string): Line[] {
  const parts = text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
  const out: Line[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i] as string;
    // (trim only when an end is whitespace: most lines are already trimmed)
    const n = raw.length;
    const trimmed = n === 0 || (!isSpace(raw.charCodeAt(0)) && !isSpace(raw.charCodeAt(n - 1))) ? raw : raw.trim();
    out[i] = new TextLine(i + 1, raw, trimmed, raw.includes("\t"));
  }
  return out;
}

/**
 * A table row's tab-separated fields, each trimmed: `raw.split("\t").map((f) => f.trim())` in one
 * pass, without the intermediate strings (tables and 绩效目标表 split every row).
 */
export function splitFields(raw: string): string[] {
  const out: string[] = [];
  const n = raw.length;
  let s = 0;
  for (;;) {
    const tab = raw.indexOf("\t", s);
    let b = tab < 0 ? n : tab;
    let a = s;
    while (a < b && isSpace(raw.charCodeAt(a))) a++;
    while (b > a && isSpace(raw.charCodeAt(b - 1))) b--;
    out.push(a === b ? "" : raw.slice(a, b));
    if (tab < 0) return out;
    s = tab + 1;
  }
}

/** What String.prototype.trim removes (WhiteSpace and LineTerminator, as \s). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  if (c > 0x3000) return c === 0xfeff; // (CJK text: one comparison)
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Removes a markdown list marker the extractor adds ("- 一、 主要职能"). */
export function stripBullet(s: string): string {
  const c = s.charCodeAt(0);
  if (c !== 0x2d && c !== 0x2a && c !== 0x2022) return s; // not - * •: nothing to strip
  return s.replace(/^[-*•]\s+/, "");
}

/** Removes a leading enumeration marker: "一、", "（一）", "(一)", "1、", "1.", "1．". */
export function stripEnum(s: string): string {
  // Neither a list marker nor an enumeration starts with anything else: only the trim applies.
  if (!MAY_START_ENUM.test(s)) return s.trim();
  return stripBullet(s)
    .replace(/^(?:[一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．](?!\d))\s*/, "")
    .trim();
}

/** What a list marker (stripBullet) or an enumeration (stripEnum) starts with. */
const MAY_START_ENUM = /^[-*•一二三四五六七八九十（(\d]/;

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses a Chinese numeral up to 99 ("十二" → 12); undefined when not one. */
export function cnNumber(s: string): number | undefined {
  if (!/^[一二三四五六七八九十]{1,3}$/.test(s)) return undefined;
  const i = s.indexOf("十");
  if (i < 0) return s.length === 1 ? CN_DIGITS[s] : undefined;
  const tens = i === 0 ? 1 : CN_DIGITS[s.slice(0, i)];
  const rest = s.slice(i + 1);
  const ones = rest === "" ? 0 : CN_DIGITS[rest];
  if (tens === undefined || ones === undefined || i > 1 || rest.length > 1) return undefined;
  return tens * 10 + ones;
}

/** Joins the non-blank lines of a range with "\n" (used for the `text` fields). */
export function joinText(lines: readonly Line[], r: Range): string {
  const out: string[] = [];
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (l.text) out.push(l.text);
  }
  return out.join("\n");
}

/** Problems collected while parsing, with "第 N 行：" prefixes. */
export class Problems {
  readonly list: ImportProblem[] = [];
  error(code: string, message: string, line?: number): void {
    this.add("error", code, message, line);
  }
  warn(code: string, message: string, line?: number): void {
    this.add("warning", code, message, line);
  }
  private add(severity: "error" | "warning", code: string, message: string, line?: number): void {
    // A corrupt document could otherwise produce one problem per line; cap to keep output useful.
    if (this.list.length >= 500) return;
    const msg = line !== undefined ? `第 ${line} 行：${message}` : message;
    this.list.push(line !== undefined ? { code, severity, message: msg, line } : { code, severity, message: msg });
  }
}

/** Amount tokens as tables print them: "5,219.30", "0.00", "-1.20" (two decimals). */
export const TABLE_AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;
