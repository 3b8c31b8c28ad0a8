/**
 * Header words → column headings. A column's heading is a stack of words one above the other
 * (a heading wraps inside its cell: "国有资本" / "经营预算" / "拨款收入"); a group heading stands
 * above several columns ("财政拨款" over 一般公共预算 | 政府性基金 | 国有资本经营), centred over them,
 * a cell border above their own headings.
 *
 * Stacks are built from the bottom line up: a word over one stack continues it when it sits close
 * above (a wrapped line), a word over several stacks is a group heading, a word over none starts a
 * stack (a tall cell, its text centred in it). A stack's top word is detached as a group heading
 * when it stands centred over a run of neighbouring stacks that all start well below it.
 */
import { columnMeaning } from "../../templates/column-words.ts";
import { COLUMN_NUMBER_MARK, isColumnNumberLine } from "./columns.ts";
import type { GridLine } from "./tokens.ts";

export interface HeadWord {
  y: number;
  h: number;
  x0: number;
  x1: number;
  text: string;
  /** a group heading a fraction of a line over its columns' headings (tightRows): not a cell border apart */
  tight?: boolean;
  /** from laid-out text (GridLine.step): where it ends and so its centre are not where it printed */
  laidOut?: boolean;
}

export interface Stack {
  x0: number;
  x1: number;
  /** y of its top word */
  top: number;
  words: HeadWord[];
}

const SINGLE = /^[\u4e00-\u9fff]$/;
/** Pieces of a wrapped heading that are never a heading of their own. */
const FRAGMENT = /^(?:资金|收入|拨款|支出|经费|预算|金|款|入|出|算|计|费|数|额|分|用|类)$/;

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

const cx = (w: { x0: number; x1: number }) => (w.x0 + w.x1) / 2;

/** Two lines of one heading: centred alike, or starting alike (headings set flush left); `h` a line's height. */
const linedUp = (a: { x0: number; x1: number }, b: { x0: number; x1: number }, h: number) =>
  Math.abs(cx(a) - cx(b)) <= h || Math.abs(a.x0 - b.x0) <= h * 0.5;

/** The text of a stack, top to bottom (words of one line left to right). */
export function stackText(s: Stack): string {
  return [...s.words]
    .sort((a, b) => a.y - b.y || a.x0 - b.x0)
    .map((w) => w.text)
    .join("")
    .replace(/\s+/g, "");
}

function rebound(s: Stack): void {
  s.x0 = Math.min(...s.words.map((w) => w.x0));
  s.x1 = Math.max(...s.words.map((w) => w.x1));
  s.top = Math.min(...s.words.map((w) => w.y));
}

/** Midpoint boxes of a row of extents (header geometry: headings are centred in their cells). */
export function midBoxes(slots: readonly { x0: number; x1: number }[]): { b0: number; b1: number }[] {
  return slots.map((s, i) => {
    const prev = slots[i - 1];
    const next = slots[i + 1];
    return {
      b0: prev ? (prev.x1 + s.x0) / 2 : s.x0 - 4,
      b1: next ? (s.x1 + next.x0) / 2 : s.x1 + 4,
    };
  });
}

/**
 * The runs of slots `w` could head as a group: at least two slots, `w` centred over them (within
 * 18% of the run's width), no other word of its line standing over them, every slot's own heading
 * starting at least 1.3 line heights below `w`.
 */
export function groupSpans(
  w: HeadWord,
  boxes: readonly { b0: number; b1: number }[],
  tops: readonly number[],
  sameLine: readonly HeadWord[],
  /** how far below w its columns' own headings start, in line heights (a cell border between them) */
  gap = w.tight ? 0.9 : 1.3,
): { i: number; j: number; err: number }[] {
  const c = cx(w);
  let home = 0;
  let best = Number.POSITIVE_INFINITY;
  boxes.forEach((b, i) => {
    const d = c < b.b0 ? b.b0 - c : c > b.b1 ? c - b.b1 : 0;
    if (d < best) {
      best = d;
      home = i;
    }
  });
  const out: { i: number; j: number; err: number }[] = [];
  const ok = (k: number) => (tops[k] ?? Number.NEGATIVE_INFINITY) >= w.y + w.h * gap;
  for (let i = home; i >= 0 && ok(i); i--) {
    for (let j = Math.max(home, i + 1); j < boxes.length && ok(j); j++) {
      const b0 = (boxes[i] as { b0: number }).b0;
      const b1 = (boxes[j] as { b1: number }).b1;
      if (!Number.isFinite(b0) || !Number.isFinite(b1)) continue;
      const err = Math.abs((b0 + b1) / 2 - c) / (b1 - b0);
      if (!(err <= 0.18) || w.x1 - w.x0 > b1 - b0) continue;
      if (sameLine.some((o) => cx(o) > b0 && cx(o) < b1)) continue;
      out.push({ i, j, err });
    }
  }
  return out;
}

const YEAR = /^(?:19|20)\d{2}$/;

/** Headings that head groups of columns in the standard tables, never a column of their own with a leaf under it. */
const GROUP_WORD =
  /^(?:(?:19|20)\d{2}年(?:预算数?|决算数?|执行数|预计执行数)|基本支出|财政拨款(?:收入|支出)?|本年收入|本年支出|上年结转(?:结余)?)$/;
/** The standard tables' column headings under such groups. */
const LEAF_WORD = /^(?:小计|合计|总计|人员经费|公用经费|人员支出|日常公用支出|基本支出|项目支出)$/;

/**
 * A stack read top down as a group heading over a heading of its own (基本支出 / 人员经费, 2026年预算数 /
 * 基本支出 / 人员经费): rows printed only a little taller than their text (a spreadsheet's rows fitted
 * to one line) put a group's heading as close over its columns' headings as a wrapped heading's
 * next line, and a group over an odd number of columns is centred over the middle one, lined up with
 * it as a wrapped line is. Where the words say so, they are a group and what it heads.
 */
function tightRows(top: HeadWord, rest: readonly HeadWord[]): boolean {
  const next = rest[0];
  if (!next || !GROUP_WORD.test(top.text)) return false;
  const words = rest.map((w) => w.text).join("");
  return LEAF_WORD.test(words) || (GROUP_WORD.test(next.text) && LEAF_WORD.test(words.slice(next.text.length)));
}

/** Header lines → column stacks and group words. */
export function headerStacks(head: readonly GridLine[]): { stacks: Stack[]; groups: HeadWord[] } {
  const words: HeadWord[] = [];
  const lines = head.filter((l) => !isColumnNumberLine(l));
  // (a text column's cell in that line holds a mark, ※, where an amount column's holds its number)
  const numbers =
    head.find(isColumnNumberLine)?.tokens.filter((t) => t.kind === "int" || COLUMN_NUMBER_MARK.test(t.text)) ?? [];
  // (over a line of column numbers: a run with a column's number under its middle and no heading
  // under it is that column's own heading, whatever it nearly touches: "公务用车购置费" "公务用车运行维护费"
  // in narrow cells, over 5 and 6; "科目编码" "小计" over ※ and 1)
  const numbered = (li: number, c: { x0: number; x1: number }) =>
    numbers.some((n) => cx(n) >= c.x0 && cx(n) <= c.x1) &&
    !lines.some((o, k) => k > li && o.tokens.some((t) => t.kind === "text" && overlap(t.x0, t.x1, c.x0, c.x1) > 0));
  /**
   * Two characters a little apart are one letter-spaced word ("合   计"), and two words nearly
   * touching one word drawn in two runs, unless each is lined up under (or over) a word of its own
   * on the next line: then they are the last (or first) lines of two headings wrapped side by side
   * in narrow cells ("运行" / "费" beside "预算" / "数"; "使用非财政拨" / "款结余" beside
   * "对附属单位上" / "缴收入"), or one of them is a character of a heading set one character a line
   * ("小计" beside the "车" of 公 / 务 / 用 / 车 / 购 / 置 / 费), or each stands over a column number
   * of its own (`numbered`).
   */
  const twoHeadings = (li: number, a: { x0: number; x1: number }, b: { x0: number; x1: number }) => {
    const l = lines[li] as GridLine;
    if (numbered(li, a) && numbered(li, b)) return true;
    // the nearest word above (or below) within a wrapped line's reach, over the character's centre
    const nearest = (c: { x0: number; x1: number }, dir: -1 | 1) => {
      for (let k = li + dir; k >= 0 && k < lines.length; k += dir) {
        const o = lines[k] as GridLine;
        if (Math.abs(o.y - l.y) > l.h * 2.2) return undefined;
        const t = o.tokens.find((t) => t.kind === "text" && t.x0 <= cx(c) && t.x1 >= cx(c));
        if (t) return t;
      }
      return undefined;
    };
    const lined = (p: { x0: number; x1: number }, o: { x0: number; x1: number }) => linedUp(p, o, l.h);
    // (a piece of a heading set one character a line: its neighbour no wider than it, and clear of the other piece)
    const column = (p: { x0: number; x1: number }, o: { x0: number; x1: number }, other: { x0: number; x1: number }) =>
      lined(p, o) && o.x1 - o.x0 <= (p.x1 - p.x0) * 1.5 && !(o.x0 <= cx(other) && o.x1 >= cx(other));
    return ([-1, 1] as const).some((dir) => {
      const i = nearest(a, dir);
      const j = nearest(b, dir);
      if (i !== undefined && j !== undefined && i !== j && lined(a, i) && lined(b, j)) return true;
      return (i !== undefined && column(a, i, b)) || (j !== undefined && column(b, j, a));
    });
  };
  lines.forEach((l, li) => {
    let prev: HeadWord | undefined;
    l.tokens.forEach((t, k) => {
      const next = l.tokens[k + 1];
      // a year printed apart from its word ("2025 年执行数", "2026 年预算数") is part of the heading
      const year =
        t.kind === "int" &&
        YEAR.test(t.text) &&
        next?.kind === "text" &&
        /^年/.test(next.text) &&
        next.x0 - t.x1 <= l.h;
      if ((t.kind !== "text" && !year) || COLUMN_NUMBER_MARK.test(t.text)) {
        prev = undefined;
        return;
      }
      // letter-spaced headings ("预 算 数", "合   计"): single characters a little apart are one word
      const gap = prev ? t.x0 - prev.x1 : Number.POSITIVE_INFINITY;
      // (never the same character twice: "费   费" are the last lines of two wrapped headings side by side)
      const singles = prev !== undefined && SINGLE.test(t.text) && SINGLE.test(prev.text) && t.text !== prev.text;
      // and a word the producer drew in two runs nearly touching ("因公出国" "(境)费") is one word
      // (in laid-out text a space is all that stands between two cells' words, crowded as the
      // text sets a wide character one column wide: "一般公共预算资 政府性基金预" are two headings)
      const spaced = l.step !== undefined && gap > 1 && !SINGLE.test(t.text) && !SINGLE.test(prev?.text ?? "");
      const joined =
        ((gap <= l.h * 0.6 && !spaced) ||
          (gap <= l.h * 1.2 ? SINGLE.test(t.text) || SINGLE.test(prev?.text ?? "") : singles && gap <= l.h * 5)) &&
        !(prev && twoHeadings(li, prev, t));
      if (prev && (joined || /^\d+$/.test(prev.text))) {
        prev.text += t.text;
        prev.x1 = t.x1;
        return;
      }
      prev = { y: l.y, h: l.h, x0: t.x0, x1: t.x1, text: t.text, ...(l.step ? { laidOut: true } : {}) };
      words.push(prev);
    });
  });
  words.sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const stacks: Stack[] = [];
  const groups: HeadWord[] = [];
  // laid-out text (GridLine.step): headings of different heights side by side interleave their
  // lines, so a heading's next line up may stand two steps above ("一般公共" / "预算拨款" / "收入" on
  // every other line, "事业单位" / "经营收入" between); lined up with the stack's top, not a heading
  // over one (公务用车购置及运行费 over 公务用车购置费, 本年收入 over 财政专户管理资金: the stack names
  // a column, and the word does too or heads groups; 上年结转 over 结余 is one heading), and nothing
  // over the stack between them
  const step = lines[0]?.step;
  const interleaved = (s: Stack, w: HeadWord) => {
    if (!step || s.top - w.y > step * 2 + 0.5) return false;
    const top = s.words.find((o) => o.y === s.top) as HeadWord;
    return (
      linedUp(w, top, w.h) &&
      !((GROUP_WORD.test(w.text) || columnMeaning([w.text])) && columnMeaning([stackText(s)])) &&
      !groups.some((g) => g.y > w.y && g.y < s.top && overlap(g.x0, g.x1, s.x0, s.x1) > 0.5)
    );
  };
  for (const w of words) {
    const over = stacks.filter((s) => overlap(s.x0, s.x1, w.x0, w.x1) > 0.5);
    if (over.length === 0) {
      stacks.push({ x0: w.x0, x1: w.x1, top: w.y, words: [w] });
      continue;
    }
    if (over.length === 1) {
      const s = over[0] as Stack;
      if (s.top - w.y <= w.h * 2.2 || interleaved(s, w)) {
        s.words.push(w);
        rebound(s);
        continue;
      }
    }
    groups.push(w);
  }
  stacks.sort((a, b) => a.x0 - b.x0);
  // a stack's top word standing a cell border above the rest, centred over its neighbours too
  for (let again = true; again; ) {
    again = false;
    const boxes = midBoxes(stacks);
    stacks.forEach((s, k) => {
      if (again) return;
      const sorted = [...s.words].sort((a, b) => a.y - b.y);
      const t = sorted[0] as HeadWord;
      const next = sorted[1];
      const named = tightRows(t, sorted.slice(1));
      const tight = named && next !== undefined && next.y - t.y < t.h * 1.3;
      if (next && next.y - t.y < t.h * 1.3 && !tight) return;
      // no border either when the gap is the stack's own line pitch (a heading wrapped over three
      // lines in a narrow cell, "因公出" / "国(境)" / "费", printed with wide line spacing), its lines
      // centred alike or starting alike; words that are neither (a group, its subgroup and a blank
      // column's own heading, stacked where the groups centre over it) stand rows apart
      const third = sorted[2];
      const aligned = (o: HeadWord) => linedUp(o, t, t.h);
      // ...unless the top word is the second line of a group heading wrapped in its wide cell
      // ("公务用车购置及运" / "行费" over 小计 | 购置费 | 运行费): centred under the group's first line,
      // nearer to it than to the stack's next line (the cell border lies between them)
      const continuesGroup =
        next !== undefined &&
        groups.some(
          (g) =>
            g.y < t.y &&
            t.y - g.y <= t.h * 1.8 &&
            t.y - g.y < next.y - t.y - t.h * 0.1 &&
            Math.abs(cx(g) - cx(t)) <= t.h &&
            g.x1 - g.x0 > (t.x1 - t.x0) * 1.5,
        );
      if (
        !continuesGroup &&
        !named &&
        next &&
        third &&
        third.y - next.y > t.h * 0.8 &&
        next.y - t.y <= (third.y - next.y) * 1.25 &&
        aligned(next) &&
        aligned(third)
      )
        return;
      const rest = sorted
        .slice(1)
        .map((w) => w.text)
        .join("");
      if (next && FRAGMENT.test(rest)) return;
      // (headings set at the top of their cells print a wrapped heading's next line a row's pitch
      // below its first, as the next row's headings stand: the words tell them apart. A rest that
      // names no column, under a word that with it names one, is that word's heading wrapped:
      // "因公出国(境)" / "费用")
      if (
        next &&
        !GROUP_WORD.test(t.text) &&
        rest.length <= 4 &&
        !columnMeaning([rest]) &&
        columnMeaning([t.text + rest])
      )
        return;
      // a lone word (a stack of its own) heads its neighbours when centred over them: "收入" over
      // the 项目 | 预算数 columns of a two-sided table; never a total ("收入总计" in a tall cell
      // beside 本年收入's columns is a column of its own)
      if (!next && /(?:合计|总计|小计)$/.test(t.text)) return;
      const tops = stacks.map((o, i) => (i === k ? (next?.y ?? Number.POSITIVE_INFINITY) : o.top));
      const sameLine = [...words.filter((o) => o !== t && Math.abs(o.y - t.y) < t.h * 0.4)];
      // (a lone word level with the heading beside it is that heading's neighbour, a tall cell's
      // heading set at the top of its cell as its neighbours are, not a group over them)
      const level = !next && [stacks[k - 1], stacks[k + 1]].some((o) => o && Math.abs(o.top - t.y) < t.h * 0.4);
      const spans = level
        ? []
        : groupSpans(t, boxes, tops, sameLine, tight ? 0.9 : 1.3).filter((sp) => sp.i <= k && sp.j >= k);
      if (spans.length === 0) return;
      if (tight) t.tight = true;
      s.words = s.words.filter((w) => w !== t);
      if (s.words.length > 0) rebound(s);
      else stacks.splice(k, 1);
      groups.push(t);
      again = true;
    });
  }
  // a group heading wrapped in its wide cell: a group word right under another's last line (a
  // line's pitch below), lined up with it and no wider, or a qualifier in brackets, is its next
  // line, whatever runs it alone could be centred over ("一般公共预算拨款安排的“三公”" / "经费预算"
  // over 小计 … 运行费; "2026 年预算数比" / "2025 年执行数" / "（扣除中央基建投资）")
  groups.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lastLine = new Map<HeadWord, HeadWord>();
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k] as HeadWord;
    const upper = groups.find((o) => {
      const last = lastLine.get(o) ?? o;
      return (
        o !== g &&
        last.y < g.y &&
        g.y - last.y <= g.h * 1.6 &&
        linedUp(last, g, g.h) &&
        // (two headings of groups, one over the other: 2026年预算数 over 基本支出)
        !(GROUP_WORD.test(o.text) && GROUP_WORD.test(g.text)) &&
        (g.x1 - g.x0 <= (last.x1 - last.x0) * 1.1 || /^[（(][^）)]*[)）]$/.test(g.text))
      );
    });
    if (!upper) continue;
    upper.text += g.text;
    lastLine.set(upper, g);
    groups.splice(k--, 1);
  }
  return { stacks, groups };
}

/**
 * Hangs group words over slots (columns and text zones in x order, with their cell boxes and the
 * top y of their own headings): each line's group words take disjoint runs, the choice covering
 * the most slots, weighed by how well centred each run is. Returns, per slot, its group headings
 * top to bottom.
 */
/** Leaves that are a total of what stands beside them. */
const TOTAL_LEAF = /^(?:合计|总计|小计)$/;
/** “三公”经费 is 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费: never 会议费 or 培训费. */
const NOT_THREE_PUBLIC = /会议|培训/;

/**
 * Whether a group word may head slots i…j by what their own headings say: a group has one total
 * column of its own (合计 or 小计) and one more for each group nested under it, and “三公”经费 holds
 * only its three items. Two runs centred alike (one the other widened by a column on each side: 合计
 * on the left, 会议费 on the right) are told apart so.
 */
function headsByWords(
  w: HeadWord,
  i: number,
  j: number,
  boxes: readonly { b0: number; b1: number }[],
  leaves: readonly string[],
  groups: readonly HeadWord[],
): boolean {
  const mine = leaves.slice(i, j + 1);
  const b0 = (boxes[i] as { b0: number }).b0;
  const b1 = (boxes[j] as { b1: number }).b1;
  // what the columns are: their own headings, and the groups under w within the run (where the own
  // headings are measures, 预算数 | 决算数, under each item)
  const named = [
    ...mine,
    ...groups.filter((o) => o !== w && o.y > w.y + w.h * 0.4 && cx(o) >= b0 && cx(o) <= b1).map((o) => o.text),
  ];
  if (/三公/.test(w.text) && named.some((l) => NOT_THREE_PUBLIC.test(l))) return false;
  // 公务用车购置及运行费 is 公务用车购置费 + 公务用车运行（维护）费: not 因公出国 nor 公务接待
  if (/公务用车/.test(w.text) && named.some((l) => /因公出国|接待|会议|培训/.test(l))) return false;
  const totals = mine.filter((l) => TOTAL_LEAF.test(l)).length;
  if (totals <= 1) return true;
  const nested = groups.filter((o) => o !== w && o.y > w.y + w.h * 0.4 && o.x0 >= b0 - 1 && o.x1 <= b1 + 1).length;
  return totals <= 1 + nested;
}

/**
 * Whether a slot's own heading stands in a tall cell beside group word `w` rather than under it:
 * headings are centred in their cells, so a cell from w's row down to the header's last row
 * (收入总计 beside 财政拨款 over its three columns) is centred halfway between them, and a cell from
 * the row under w down is centred lower. `bottom` is the centre of the header's last row, `next`
 * the row under w (its nested groups', or the last row's).
 */
function besideGroup(mid: number, w: HeadWord, next: number, bottom: number): boolean {
  if (!Number.isFinite(mid) || !(next <= bottom) || !(w.y < next)) return false;
  const beside = (w.y + bottom) / 2;
  const under = (next + bottom) / 2;
  return mid < (beside + under) / 2;
}

export function hangGroups(
  groups: readonly HeadWord[],
  boxes: readonly { b0: number; b1: number }[],
  tops: readonly number[],
  others: readonly HeadWord[],
  leaves?: readonly string[],
  mids?: readonly number[],
  /** headings are set flush left in their cells (columns.ts: the column numbers start where they do) */
  flush = false,
): string[][] {
  const out: { y: number; x: number; text: string; span: number }[][] = boxes.map(() => []);
  const done = new Set<HeadWord>();
  const bottom = mids ? Math.max(...mids.filter((m) => Number.isFinite(m))) : Number.NaN;
  const tallBeside = (w: HeadWord, i: number, j: number) => {
    if (!mids) return false;
    // the next row: that of the groups nested under w in the run, else the last row itself
    const b0 = (boxes[i] as { b0: number }).b0;
    const b1 = (boxes[j] as { b1: number }).b1;
    const nested = groups.filter((o) => o.y > w.y + w.h * 0.8 && o.x0 >= b0 - 1 && o.x1 <= b1 + 1);
    const next = nested.length > 0 ? Math.min(...nested.map((o) => o.y)) : bottom;
    // (headings set at the top of their cells, in this header's rows: most headings beside the run
    // that start no higher than w start level with it, as tall cells' headings beside a group do
    // when set at the top. A heading under w then starts a row below it, where a centred tall
    // cell's would stand: nothing in the run is beside w)
    let outside = 0;
    let level = 0;
    tops.forEach((t, k) => {
      if ((k >= i && k <= j) || !(t >= w.y - w.h * 0.4)) return;
      outside++;
      if (Math.abs(t - w.y) < w.h * 0.4) level++;
    });
    if (level * 2 > outside) return false;
    // (and a heading level with a group nested under w, one standing over columns of the run,
    // starts in that group's row, under w)
    const centres = boxes.slice(i, j + 1).map((b) => (b.b0 + b.b1) / 2);
    const wide = nested.filter((o) => centres.filter((c) => c >= o.x0 && c <= o.x1).length >= 2).map((o) => o.y);
    const underW = (k: number) => wide.some((y) => Math.abs((tops[k] ?? Number.NaN) - y) < w.h * 0.4);
    for (let k = i; k <= j; k++) if (besideGroup(mids[k] as number, w, next, bottom) && !underW(k)) return true;
    return false;
  };
  const cutsBelow = (w: HeadWord, i: number, j: number) => {
    const edges = [(boxes[i] as { b0: number }).b0, (boxes[j] as { b1: number }).b1];
    return [...groups, ...others].some(
      (o) => o.y > w.y + w.h * 0.4 && edges.some((e) => o.x0 < e - o.h * 0.5 && o.x1 > e + o.h * 0.5),
    );
  };
  /**
   * A group heading set flush left, as its columns' headings are: it starts where the heading of
   * its first column (or of the first group under it) starts, and heads the columns from there whose
   * headings start lines below it, up to the next heading of its line. Its centre says nothing of
   * where its cell ends.
   */
  const flushLeftSpans = (w: HeadWord, sameLine: readonly HeadWord[]) => {
    const under = (k: number) => (tops[k] ?? Number.NEGATIVE_INFINITY) >= w.y + w.h * 1.3;
    const i = boxes.findIndex((b) => w.x0 >= b.b0 - 1 && w.x0 < b.b1);
    if (i < 0 || !under(i)) return [];
    const stop = Math.min(...sameLine.filter((o) => o.x0 > w.x1).map((o) => o.x0));
    // (every run from there is a candidate: the widest one the other rules allow is taken)
    const runs: { i: number; j: number; err: number }[] = [];
    for (let j = i + 1; j < boxes.length && under(j) && (boxes[j] as { b0: number }).b0 < stop; j++)
      runs.push({ i, j, err: 0 });
    return runs;
  };
  // top line first: a group nested under another heads fewer slots than it (the same run again,
  // lines apart, is no nesting; a heading wrapped onto the next line is joined below)
  const hungSpans: { i: number; j: number; y: number }[] = [];
  for (const g of [...groups].sort((a, b) => a.y - b.y)) {
    if (done.has(g)) continue;
    const line = groups.filter((o) => Math.abs(o.y - g.y) < g.h * 0.4).sort((a, b) => a.x0 - b.x0);
    for (const o of line) done.add(o);
    const cands = line.map((w) => {
      const sameLine = [...groups, ...others].filter((o) => o !== w && Math.abs(o.y - w.y) < w.h * 0.4);
      const spans = flush ? flushLeftSpans(w, sameLine) : groupSpans(w, boxes, tops, sameLine);
      return spans.filter(
        (c) =>
          !hungSpans.some((h) => h.i === c.i && h.j === c.j && w.y - h.y >= 14) &&
          // a group under another heads some of its columns or none of them, never more
          !hungSpans.some((h) => h.y < w.y - w.h * 0.4 && c.i <= h.j && c.j >= h.i && (c.i < h.i || c.j > h.j)) &&
          // a group's cell holds whole cells of the rows under it: no heading below straddles its edge
          !cutsBelow(w, c.i, c.j) &&
          (!leaves || headsByWords(w, c.i, c.j, boxes, leaves, groups)) &&
          !tallBeside(w, c.i, c.j),
      );
    });
    type St = { cover: number; picks: ({ i: number; j: number; err: number } | undefined)[] };
    let states = new Map<number, St>([[-1, { cover: 0, picks: [] }]]);
    line.forEach((_, li) => {
      const next = new Map<number, St>();
      for (const [last, st] of states) {
        // the word may also head nothing (a title-like word, or a span this geometry cannot place)
        const skip = next.get(last);
        if (!skip || skip.cover < st.cover) next.set(last, { cover: st.cover, picks: [...st.picks, undefined] });
        for (const c of cands[li] ?? []) {
          if (c.i <= last) continue;
          // (laid-out text sets a wide character one column wide, so a heading's centre is not its
          // printed centre: there the most columns the words allow, centring only to break ties)
          const centred = 1 - c.err / 0.18;
          const cover = st.cover + (c.j - c.i + 1) * ((line[li] as HeadWord).laidOut ? 1 + centred * 0.01 : centred);
          const cur = next.get(c.j);
          if (!cur || cover > cur.cover) next.set(c.j, { cover, picks: [...st.picks, c] });
        }
      }
      states = next;
    });
    let best: St | undefined;
    for (const st of states.values()) if (!best || st.cover > best.cover) best = st;
    line.forEach((w, li) => {
      const c = best?.picks[li];
      if (!c) return;
      hungSpans.push({ i: c.i, j: c.j, y: w.y });
      for (let k = c.i; k <= c.j; k++)
        (out[k] as (typeof out)[number]).push({ y: w.y, x: w.x0, text: w.text, span: c.j - c.i + 1 });
    });
  }
  return out.map((ps) => {
    ps.sort((a, b) => a.y - b.y || a.x - b.x);
    const res: string[] = [];
    let last: { span: number; y: number } | undefined;
    for (const p of ps) {
      // a group heading wrapped over two lines: same span, next line
      if (last && last.span === p.span && p.y - last.y < 14 && res.length > 0) res[res.length - 1] += p.text;
      else res.push(p.text);
      last = p;
    }
    return res;
  });
}
