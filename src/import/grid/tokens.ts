/**
 * Tokens: the words of a positioned line, each with its x-extent and a kind. The grid reader
 * works on tokens, not on the chunks a PDF producer happened to draw: producers put two amounts
 * in one text run ("14,770.62 12,672.73"), an amount and the label of the next column in one run
 * ("112,859.652716 一、一般公共服务支出"), a code and its name together ("30207邮电费",
 * "[208]社会保障和就业支出", "2010601-行政运行"). A chunk is cut at its spaces and at the borders
 * between a number and text, and each piece's x is estimated from character widths (CJK and
 * full-width characters count double).
 */

import { displayWidth } from "../../model/text-width.ts";

export type TokenKind =
  /** a printed amount: decimals, or thousands separators ("5,219.30", "0.00", "44,156.640120", "1,200") */
  | "amount"
  /** digits only: a code, a bare amount, a year, a column number ("208", "2080101", "351904") */
  | "int"
  /** a blank written as a dash ("-", "—", "－") */
  | "dash"
  | "text";

export interface Token {
  text: string;
  x0: number;
  x1: number;
  kind: TokenKind;
}

/** A line of tokens on one page (from the PDF's line grouping, an XLSX row or a text line). */
export interface GridLine {
  page: number;
  /** baseline, y down */
  y: number;
  /** font height */
  h: number;
  tokens: Token[];
  /** the line's text: tokens joined (CJK runs without spaces) */
  text: string;
  /** laid-out text: the lines' fixed step (PdfLine.step) */
  step?: number;
}

/**
 * A printed amount: optional sign, digits with or without thousands separators, 1–6 decimals; or
 * thousands separators and no decimals (元). One source for the whole token and for an amount run
 * into a label.
 */
const AMOUNT_SOURCE = String.raw`[-−]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,6}|\d{1,3}(?:,\d{3})+)`;
export const AMOUNT_TEXT = new RegExp(`^${AMOUNT_SOURCE}$`);
/** a label then an amount ("合计14,770.62"), and an amount then a label ("14,770.62合计") */
const LABEL_AMOUNT = new RegExp(String.raw`^(.*[\u4e00-\u9fff）)：:])(${AMOUNT_SOURCE})$`);
const AMOUNT_LABEL = new RegExp(String.raw`^(${AMOUNT_SOURCE})([\u4e00-\u9fff（(].*)$`);
const INT_TEXT = /^\d+$/;
const DASH_TEXT = /^[-—－–―]+$/;

export function tokenKind(text: string): TokenKind {
  if (INT_TEXT.test(text)) return "int";
  if (AMOUNT_TEXT.test(text)) return "amount";
  if (DASH_TEXT.test(text)) return "dash";
  return "text";
}

/**
 * Pieces of a word where a number and text run together. Returns the word itself when it is one
 * piece. Codes glued to names ("30207邮电费", "[208]社会保障和就业支出", "2010601-行政运行") become a
 * code token and a text token; an amount glued to a label ("合计14,770.62", "14,770.62合计") two tokens.
 * Years and counts inside text ("2026年", "表1", "第3页") stay text.
 */
export function splitWord(w: string): string[] {
  // [208]name / 【208】name / 208-name / 208 name glued
  const code = /^[[【［(（]?(\d{3,7})[\]】］)）]?[-－—.、]?(?=[^\d.,%％)）\]】［年月日个项名人辆台套次位])(.+)$/.exec(
    w,
  );
  if (code && /[\u4e00-\u9fff]/.test(code[2] as string) && !/^[\d.,]/.test(code[2] as string)) {
    return [code[1] as string, code[2] as string];
  }
  // a label then an amount, or an amount then a label (in 元 maybe without decimals: "195,774,300")
  const tail = LABEL_AMOUNT.exec(w);
  if (tail && !/[年月日]$/.test(tail[1] as string)) return [tail[1] as string, tail[2] as string];
  const head = AMOUNT_LABEL.exec(w);
  // (never a list number glued to a year: "4.2026年预算单位财政拨款收支预算总表" in a 目录 is "4." and "2026年";
  // an amount before 年终结转结余 — a narrow cell's amount touching the next cell's label — is one)
  const year = /^\d{1,2}\.(?:19|20)\d{2}$/.test(head?.[1] ?? "") && /^[年月日]/.test(head?.[2] ?? "");
  if (head && !year && !/^(万元|元|%|％|月|日)/.test(head[2] as string) && !/^年(?![终初度末])/.test(head[2] as string))
    return [head[1] as string, head[2] as string];
  return [w];
}

/**
 * Tokens of one chunk of text printed from x0 to x1: split at whitespace and number/text borders,
 * with x estimated proportionally to character widths.
 * @example tokenize("14,770.62 12,672.73", 295, 393).map((t) => t.text) // ["14,770.62", "12,672.73"]
 */
export function tokenize(text: string, x0: number, x1: number): Token[] {
  const total = displayWidth(text);
  const per = total > 0 ? (x1 - x0) / total : 0;
  const out: Token[] = [];
  let pos = 0;
  for (const m of text.matchAll(/\S+/g)) {
    const word = m[0];
    const start = m.index ?? 0;
    pos = x0 + displayWidth(text.slice(0, start)) * per;
    for (const piece of splitWord(word)) {
      const w = displayWidth(piece) * per;
      const t = piece.replace(/^−/, "-");
      out.push({ text: t, x0: pos, x1: pos + w, kind: tokenKind(t) });
      pos += w;
    }
  }
  return out;
}

const CJK_END = /[\u3000-\u9fff\uff00-\uffef]$/;
const CJK_START = /^[\u3000-\u9fff\uff00-\uffef]/;

/** Joins token texts: CJK runs without spaces, other runs with one. */
export function joinTokens(tokens: readonly Pick<Token, "text">[]): string {
  let out = "";
  for (const t of tokens) {
    if (!t.text) continue;
    out += out && !(CJK_END.test(out) || CJK_START.test(t.text)) ? ` ${t.text}` : t.text;
  }
  return out;
}

/** True when a token prints an amount (an "int" counts only where the caller says so). */
export function isAmount(t: Token): boolean {
  return t.kind === "amount";
}

/** A whole amount as tables print them: 2 decimals, or 6 in some 万元 tables. */
const WHOLE_AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.(?:\d{2}|\d{6})$/;
/**
 * The start of an amount cut visibly: a thousands group short of 3 digits, a point, one decimal; or
 * a minus sign and a few digits ("-39" over "6,564.00": -396,564.00 broken anywhere).
 */
export const CUT_START = /^[-−]?\d{1,3}(?:,\d{3})*(?:,\d{0,2}|,\d{3}\.\d?|\.\d?)$|^[-−]?\d+\.\d?$|^[-−]\d{1,3}$/;
export const TWO_DECIMALS = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;
/** What a wrapped amount's further lines print: digits, commas, a point. */
const PIECE = /^[\d,.]+$/;

/**
 * Amounts wrapped over several lines of a narrow cell ("13,6" / "49.0" / "7", "7,66" / "6.68"):
 * a visibly cut start, then the pieces right under it in its column, a line apart, joined until
 * they make a whole amount. The amount goes on the line nearest the pieces' middle (where the
 * row's label stands when the cell is centred), else on its first piece's line.
 */
function joinAmountRuns(lines: GridLine[]): void {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as GridLine;
    for (let k = 0; k < l.tokens.length; k++) {
      const start = l.tokens[k] as Token;
      // (a 6-decimal amount may also be cut right after its second decimal: "3.74" / "4000")
      if (!CUT_START.test(start.text) && !TWO_DECIMALS.test(start.text)) continue;
      const pieces: Piece[] = [{ line: i, token: start }];
      let text = start.text;
      while (pieces.length < 6 && !WHOLE_AMOUNT.test(text)) {
        const next = pieceBelow(lines, pieces);
        if (!next || !PIECE.test(next.token.text)) break;
        text += next.token.text;
        pieces.push(next);
      }
      // a 6-decimal amount passes through 2 decimals ("1,410.09" / "3600"): its further pieces are
      // digits a line below, as close as its other lines
      if (TWO_DECIMALS.test(text)) {
        const more: Piece[] = [];
        let tail = "";
        const gap =
          pieces.length >= 2
            ? Math.max(...pieces.slice(1).map((p, n) => lineGap(lines, pieces[n] as Piece, p)))
            : Number.POSITIVE_INFINITY;
        while (tail.length < 4) {
          const next = pieceBelow(lines, [...pieces, ...more]);
          if (!next || !/^\d+$/.test(next.token.text)) break;
          if (lineGap(lines, (more[more.length - 1] ?? pieces[pieces.length - 1]) as Piece, next) > gap * 1.25) break;
          more.push(next);
          tail += next.token.text;
        }
        if (tail.length === 4) {
          text += tail;
          pieces.push(...more);
        }
      }
      if (pieces.length < 2 || !WHOLE_AMOUNT.test(text)) continue;
      const ys = pieces.map((p) => (lines[p.line] as GridLine).y);
      const mid = (Math.min(...ys) + Math.max(...ys)) / 2;
      let target = i;
      for (let j = i; j <= (pieces[pieces.length - 1] as { line: number }).line; j++)
        if (Math.abs((lines[j] as GridLine).y - mid) < Math.abs((lines[target] as GridLine).y - mid) - 0.5) target = j;
      for (const p of pieces) {
        const line = lines[p.line] as GridLine;
        line.tokens.splice(line.tokens.indexOf(p.token), 1);
      }
      const joined: Token = {
        text,
        x0: Math.min(...pieces.map((p) => p.token.x0)),
        x1: Math.max(...pieces.map((p) => p.token.x1)),
        kind: "amount",
      };
      const into = (lines[target] as GridLine).tokens;
      const at = into.findIndex((x) => x.x0 > joined.x0);
      into.splice(at < 0 ? into.length : at, 0, joined);
      if (target === i) k = into.indexOf(joined);
      else k--;
    }
  }
}

const overlaps = (a: Token, b: Token) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;

interface Piece {
  line: number;
  token: Token;
}

const lineGap = (lines: readonly GridLine[], a: Piece, b: Piece) =>
  (lines[b.line] as GridLine).y - (lines[a.line] as GridLine).y;

/**
 * The token under the last of `pieces` in its column (overlapping it or sharing its right end), on
 * the first line below that has one, within 1.7 line heights and on the same page.
 */
function pieceBelow(lines: readonly GridLine[], pieces: readonly Piece[]): Piece | undefined {
  const last = pieces[pieces.length - 1] as Piece;
  const above = lines[last.line] as GridLine;
  for (let j = last.line + 1; j < lines.length; j++) {
    const down = lines[j] as GridLine;
    if (down.page !== above.page || down.y - above.y > 1.7 * Math.max(down.h, above.h)) return undefined;
    const t = down.tokens.find(
      (x) =>
        (overlaps(x, last.token) || Math.abs(x.x1 - last.token.x1) <= down.h) && !pieces.some((p) => p.token === x),
    );
    if (t) return { line: j, token: t };
  }
  return undefined;
}

/**
 * A share wrapped in a narrow cell, its sign a line below its figure ("1009.71" / "%", set around
 * the row's line when the cell is centred): one token, "1009.71%", on the line nearest the middle of
 * the two, where the row's other cells stand.
 */
function joinWrappedPercents(lines: GridLine[]): void {
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as GridLine;
    for (let k = 0; k < l.tokens.length; k++) {
      const sign = l.tokens[k] as Token;
      if (!/^[%％]$/.test(sign.text)) continue;
      let hit: { line: number; at: number } | undefined;
      for (let j = i - 1; j >= 0 && !hit; j--) {
        const up = lines[j] as GridLine;
        if (up.page !== l.page || l.y - up.y > 1.7 * Math.max(l.h, up.h)) break;
        const at = up.tokens.findIndex(
          (t) =>
            /^[-−]?\d+(?:\.\d+)?$/.test(t.text.replace(/,/g, "")) &&
            (overlaps(t, sign) || Math.abs(t.x0 - sign.x0) <= up.h),
        );
        if (at >= 0) hit = { line: j, at };
      }
      if (!hit) continue;
      const up = lines[hit.line] as GridLine;
      const figure = up.tokens[hit.at] as Token;
      const mid = (up.y + l.y) / 2;
      let target = hit.line;
      for (let j = hit.line; j <= i; j++)
        if (Math.abs((lines[j] as GridLine).y - mid) < Math.abs((lines[target] as GridLine).y - mid) - 0.5) target = j;
      up.tokens.splice(hit.at, 1);
      l.tokens.splice(l.tokens.indexOf(sign), 1);
      k--;
      const joined: Token = { text: `${figure.text}%`, x0: figure.x0, x1: Math.max(figure.x1, sign.x1), kind: "text" };
      const into = (lines[target] as GridLine).tokens;
      const pos = into.findIndex((x) => x.x0 > joined.x0);
      into.splice(pos < 0 ? into.length : pos, 0, joined);
    }
  }
}

/**
 * Wrapped amounts: a narrow cell prints an amount over two lines — "14,770" / ".62",
 * "106,512.0" / "0", "14,770." / "62". The first piece is incomplete (no decimals, one decimal, or a
 * trailing point); the second is a short run of digits under its right end. They are joined on the
 * first piece's line. Lines are those of a document, top to bottom.
 */
export function joinWrappedAmounts(lines: GridLine[]): void {
  joinWrappedPercents(lines);
  joinAmountRuns(lines);
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as GridLine;
    for (let k = 0; k < l.tokens.length; k++) {
      const frag = l.tokens[k] as Token;
      const m = /^(\.?)(\d{1,2})$/.exec(frag.text);
      if (!m) continue;
      let joined = false;
      // (an amount wrapped at the foot of a page ends on the first line of the next: "12,437.3" /
      // page number / "6"; only a piece cut after one decimal is joined so)
      let firstOfPage = true;
      for (let b = i - 1; b >= 0 && (lines[b] as GridLine).page === l.page && firstOfPage; b--)
        if ((lines[b] as GridLine).tokens.length > 0) firstOfPage = false;
      for (let j = i - 1, seen = 0; j >= 0 && seen < 2 && !joined; j--) {
        const up = lines[j] as GridLine;
        if (up.page !== l.page) {
          if (!firstOfPage || up.page !== l.page - 1 || m[1] === "." || m[2]?.length !== 1) break;
          // the page number printed at the foot is not a line of the table
          if (up.tokens.length === 1 && /^\d{1,4}$/.test(up.tokens[0]?.text ?? "")) continue;
          if (!up.tokens.some((t) => /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d$/.test(t.text))) {
            seen++;
            continue;
          }
        } else if (l.y - up.y > 2.6 * Math.max(l.h, up.h)) break;
        seen++;
        const hit = up.tokens.findIndex((t) => {
          // the incomplete first piece, right above the fragment's right end
          if (frag.x1 < t.x0 - 1 || frag.x0 > t.x1 + up.h) return false;
          if (Math.abs(frag.x1 - t.x1) > up.h * 1.5 && frag.x0 > t.x1 - 1) return false;
          const whole = `${t.text}${m[1] === "" && !/[.]/.test(t.text) ? "." : ""}${m[2]}`;
          if (m[1] === "." && /[.]/.test(t.text)) return false;
          const text =
            m[1] === "."
              ? `${t.text}.${m[2]}`
              : /\.$/.test(t.text) || /\.\d$/.test(t.text)
                ? `${t.text}${m[2]}`
                : whole;
          return (
            /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d?)?$/.test(t.text) &&
            /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/.test(text) &&
            (t.text.includes(",") || /\./.test(t.text) || m[1] === ".")
          );
        });
        if (hit < 0) continue;
        const t = up.tokens[hit] as Token;
        const text =
          m[1] === "."
            ? `${t.text}.${m[2]}`
            : /\.$/.test(t.text) || /\.\d$/.test(t.text)
              ? `${t.text}${m[2]}`
              : `${t.text}.${m[2]}`;
        up.tokens[hit] = { text, x0: Math.min(t.x0, frag.x0), x1: Math.max(t.x1, frag.x1), kind: "amount" };
        l.tokens.splice(k, 1);
        k--;
        joined = true;
      }
    }
  }
  for (const l of lines) l.text = joinTokens(l.tokens);
}
