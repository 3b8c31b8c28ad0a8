/**
 * Phrasing helpers for the 说明, in the wording of the Xinjiang template (as in the seed):
 * "X 万元，占 64.65%，比上年预算增加 719.53 万元，增长 27.10%，主要原因是…。"
 * All numbers are computed from printed (rounded) amounts, the way real documents do.
 */
import type { Statement } from "../model/disclosure.ts";
import { type CentiPercent, type Fen, formatPercent, formatWanyuan, growth, share } from "../model/money.ts";

export const REASON_PLACEHOLDER = "【待填写：原因】";
export const placeholder = (what: string) => `【待填写：${what}】`;

export const wan = (v: Fen) => formatWanyuan(v);
export const pct = (p: CentiPercent) => formatPercent(p);

/** Growth as printed: prior 0 and current > 0 → 100.00% by convention; 0 → 0 gives 0.00%. */
export function printedGrowth(current: Fen, change: Fen): CentiPercent {
  const g = growth(current, change);
  if (g !== undefined) return g;
  return current === 0 ? 0 : 10000;
}

/** "比上年预算增加 719.53 万元，增长 27.10%" (printed amounts in, exact wording out). */
export function changeText(
  current: Fen,
  prior: Fen,
  compact = false,
): { text: string; change: Fen; growth: CentiPercent } {
  const change = current - prior;
  const g = printedGrowth(current, change);
  const sp = compact ? "" : " ";
  const up = change >= 0;
  const text = `比上年预算${up ? "增加" : "减少"}${sp}${wan(Math.abs(change))}${sp}万元，${up ? "增长" : "下降"}${sp}${pct(Math.abs(g))}`;
  return { text, change, growth: g };
}

export function reasonText(reason: string | undefined): string {
  const r = reason
    ?.trim()
    .replace(/^主要原因是/, "")
    .replace(/[。；;]$/, "");
  return `主要原因是${r ? r : REASON_PLACEHOLDER}`;
}

/** Accumulates a section's text and its statements with their character offsets. */
export class SectionWriter {
  private parts: string[] = [];
  private len = 0;
  readonly statements: Statement[] = [];
  constructor(readonly section: number) {}

  /** Appends a paragraph (joined with blank lines). */
  para(text: string): number {
    if (this.parts.length) {
      this.parts.push("\n\n");
      this.len += 2;
    }
    const at = this.len;
    this.parts.push(text);
    this.len += text.length;
    return at;
  }

  /** Appends a paragraph that is one statement. */
  stmt(text: string, s: Omit<Statement, "text" | "at">): void {
    const offset = this.para(text);
    this.statements.push({ ...s, text, at: { section: this.section, offset } });
  }

  /** Records a statement for a sentence inside the last paragraph (offset found by search). */
  inner(sentence: string, s: Omit<Statement, "text" | "at">): void {
    const whole = this.parts.join("");
    const offset = Math.max(0, whole.lastIndexOf(sentence));
    this.statements.push({ ...s, text: sentence, at: { section: this.section, offset } });
  }

  get text(): string {
    return this.parts.join("");
  }
}

/** "占 64.65%" given printed part and whole; undefined share when whole is 0 → 0.00%. */
export function shareOf(part: Fen, whole: Fen): CentiPercent {
  return share(part, whole) ?? 0;
}

export const CN_NUM = [
  "一",
  "二",
  "三",
  "四",
  "五",
  "六",
  "七",
  "八",
  "九",
  "十",
  "十一",
  "十二",
  "十三",
  "十四",
  "十五",
  "十六",
  "十七",
  "十八",
  "十九",
  "二十",
];

/** （一）… numbering beyond 20 falls back to arabic digits. */
export function cn(i: number): string {
  return CN_NUM[i] ?? String(i + 1);
}
