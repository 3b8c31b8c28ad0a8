/**
 * A table's own identities and how they hold. Every standard budget table adds up two ways:
 * across (a 合计 column is the sum of the columns it totals, on every row) and down (a 合计 row, a
 * 类 row, a unit row is the sum of the rows under it, in every amount column). The reader finds
 * which identities a printed table declares (its headers, codes, list numbers and indentation say
 * so, and its numbers confirm it), and keeps them with the table; the checker reports each place
 * where one does not hold.
 *
 * Rounding: each printed amount is rounded to the last printed decimal, so a total may differ from
 * the sum of its n printed parts by up to half a step × (n + 1) (0.005 × (n + 1) 万元 for amounts
 * printed to 0.01 万元): that is rounding, not an error.
 */
import type { Fen } from "./money.ts";

/** Across: on every row, column `total` = Σ columns `parts` (column keys). */
export interface AcrossSum {
  total: string;
  parts: string[];
}

/** Down: row `total` = Σ rows `parts` (row indices), in each of `columns` (column keys). */
export interface DownSum {
  total: number;
  parts: number[];
  columns: string[];
}

export type SumStatus = "ok" | "rounding" | "fail";

export interface SumCheck {
  status: SumStatus;
  total: Fen;
  sum: Fen;
  /** printed total − sum of the printed parts */
  diff: Fen;
  addends: number;
}

/** Half a printed step × (n + 1), in 分: the most rounding can make a total differ from its n parts. */
export function sumTolerance(addends: number, step: number): number {
  return Math.floor((step / 2) * (addends + 1));
}

/**
 * Whether per-column differences (a total row less the rows under it, by column) add up across as
 * a row does: every across identity that involves a non-zero difference holds on them, and at least
 * one does. `tolerance` is the rounding one difference may carry (that of a sum over all the rows);
 * an identity of n parts allows it n + 1 times. The shape of a row left out of a list: the reader
 * (import/grid/read-document.ts) takes such a table as read right, and A-COL reports it once.
 */
export function differencesFormRow<K>(
  diff: ReadonlyMap<K, number>,
  across: readonly { total: K; parts: readonly K[] }[],
  tolerance: number,
): boolean {
  let confirmed = 0;
  for (const a of across) {
    if (![a.total, ...a.parts].every((k) => diff.has(k))) continue;
    if (diff.get(a.total) === 0 && a.parts.every((k) => diff.get(k) === 0)) continue;
    const off = (diff.get(a.total) ?? 0) - a.parts.reduce((n, k) => n + (diff.get(k) ?? 0), 0);
    if (Math.abs(off) > tolerance * (a.parts.length + 1)) return false;
    confirmed++;
  }
  return confirmed > 0;
}

/**
 * Checks a total against its parts. Blank parts count as nothing; a blank total with nothing in
 * its parts says nothing (undefined); a blank total over printed parts is a total of 0.
 */
export function checkSum(total: Fen | null, parts: readonly (Fen | null)[], step: number): SumCheck | undefined {
  let sum = 0;
  let printed = 0;
  for (const p of parts) {
    if (p === null) continue;
    sum += p;
    printed++;
  }
  if (total === null && printed === 0) return undefined;
  const t = total ?? 0;
  const diff = t - sum;
  const n = parts.length;
  const status: SumStatus = diff === 0 ? "ok" : Math.abs(diff) <= sumTolerance(n, step) ? "rounding" : "fail";
  return { status, total: t, sum, diff, addends: n };
}

/** The step in 分 of amounts printed with `decimals` decimals in a unit of `fenPerUnit` 分. */
export function printedStep(fenPerUnit: number, decimals: number): number {
  return Math.max(1, Math.round(fenPerUnit / 10 ** decimals));
}
