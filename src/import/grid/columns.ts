/**
 * Columns from the data, not from one template's header: amounts printed in one column line up
 * (right-aligned, centred or left-aligned, but always inside their cell), so amount tokens whose
 * x-ranges overlap on different lines belong to one column. Header words are then hung over the
 * columns they stand above: a word over one column is (part of) its own heading, a word spanning
 * several is a group heading ("财政拨款" over 一般公共预算 | 政府性基金 | 国有资本经营). A heading over no
 * column of amounts is a column printed empty in every row (a phantom column), so its neighbours do
 * not take its name.
 */
import { hangGroups, headerStacks, type Stack, stackText } from "./header.ts";
import type { GridLine, Token } from "./tokens.ts";

export interface AmountColumn {
  /** extent of the amounts printed in it (or of its heading, for a phantom column) */
  x0: number;
  x1: number;
  /** median right edge and centre of its amounts */
  right: number;
  cx: number;
  /** header path, top to bottom */
  path: string[];
  /** no amount printed in it on this page */
  phantom: boolean;
}

/** A text column: the label zone left of the amounts, or a zone between two amount columns. */
export interface TextZone {
  /** amount columns to its left (0: the leading label zone) */
  after: number;
  x0: number;
  x1: number;
  path: string[];
}

export interface PageColumns {
  columns: AmountColumn[];
  zones: TextZone[];
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return 0;
  return n % 2 ? (s[(n - 1) >> 1] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

interface Placed {
  line: number;
  t: Token;
}

/**
 * Clusters the amount tokens of a page's body lines into columns. Tokens on different lines whose
 * x-ranges overlap by half the narrower one are in one column; a cluster holding two tokens of one
 * line is split at its widest gap between right edges.
 */
export function clusterAmounts(body: readonly GridLine[], isAmount: (t: Token) => boolean): Placed[][] {
  const items: Placed[] = [];
  body.forEach((l, line) => {
    for (const t of l.tokens) if (isAmount(t)) items.push({ line, t });
  });
  if (items.length === 0) return [];
  items.sort((a, b) => a.t.x1 - b.t.x1);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (let i = 0; i < items.length; i++) {
    const a = items[i] as Placed;
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j] as Placed;
      if (b.t.x0 > a.t.x1 + 0.5 && b.t.x1 - a.t.x1 > Math.max(a.t.x1 - a.t.x0, b.t.x1 - b.t.x0)) break;
      const o = overlap(a.t.x0, a.t.x1, b.t.x0, b.t.x1);
      const w = Math.min(a.t.x1 - a.t.x0, b.t.x1 - b.t.x0);
      if (o >= w * 0.5) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Placed[]>();
  items.forEach((p, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(p);
    else groups.set(r, [p]);
  });
  const out: Placed[][] = [];
  for (const g of groups.values()) out.push(...splitSameLine(g));
  out.sort((a, b) => median(a.map((p) => p.t.x1)) - median(b.map((p) => p.t.x1)));
  return out;
}

/** Splits a cluster that holds two tokens of one line, at the widest gap between right edges. */
function splitSameLine(g: Placed[]): Placed[][] {
  const lines = new Set<number>();
  let dup = false;
  for (const p of g) {
    if (lines.has(p.line)) dup = true;
    lines.add(p.line);
  }
  if (!dup || g.length < 2) return [g];
  const s = [...g].sort((a, b) => a.t.x1 - b.t.x1);
  let best = 1;
  let gap = -1;
  for (let i = 1; i < s.length; i++) {
    const d = (s[i] as Placed).t.x1 - (s[i - 1] as Placed).t.x1;
    if (d > gap) {
      gap = d;
      best = i;
    }
  }
  if (gap <= 0.5) return [g];
  return [...splitSameLine(s.slice(0, best)), ...splitSameLine(s.slice(best))];
}

/** What a line of column numbers prints over its text columns ("栏次", "**", "※", "甲 乙"). */
export const COLUMN_NUMBER_MARK = /^(?:栏次|行次|\*+|※+|[甲乙丙丁])$/;

/** Tokens of a line of column numbers ("栏次 1 2 3", "** 1 2 3 …"): positions of columns, not words. */
export function isColumnNumberLine(l: GridLine): boolean {
  const ints = l.tokens.filter((t) => t.kind === "int");
  // (one column of amounts numbers one: "※ ※ 1", "栏次 1")
  const marked = l.tokens.some((t) => t.kind !== "int" && COLUMN_NUMBER_MARK.test(t.text));
  if (ints.length < (marked ? 1 : 2)) return false;
  const others = l.tokens.filter((t) => t.kind !== "int" && !COLUMN_NUMBER_MARK.test(t.text));
  if (others.length > 0) return false;
  const nums = ints.map((t) => Number(t.text));
  return nums.every((n, i) => i === 0 || n === (nums[i - 1] as number) + 1) && (nums[0] as number) <= 2;
}

/**
 * Columns printed blank on every row of a page, from a line of column numbers ("栏次 1 2 3 …"):
 * numbers with no column of amounts under them, outside the text columns. Returns x-extents.
 *
 * The numbers and the columns go left to right together, so the numbers left over are the ones an
 * order-keeping pairing of numbers to columns skips, at the least distance between the pairs: a
 * number is centred in its cell while the amounts under it are right-aligned, so nearness alone
 * would take the number of a narrow first column for a column of its own.
 */
export function phantomColumns(
  numberLines: readonly GridLine[],
  columns: readonly { x0: number; x1: number; cx: number }[],
  zones: readonly { x0: number; x1: number }[],
  leftAligned = false,
  flushNumbers = false,
): { x0: number; x1: number }[] {
  if (columns.length === 0) return [];
  const pitch =
    columns.length > 1
      ? median(columns.slice(1).map((c, i) => c.cx - (columns[i] as { cx: number }).cx))
      : (columns[0] as { x1: number }).x1 - (columns[0] as { x0: number }).x0 + 20;
  const first = columns[0] as { cx: number };
  const found: { x0: number; x1: number }[] = [];
  for (const l of numberLines) {
    const nums = l.tokens.filter((t) => {
      if (t.kind !== "int") return false;
      const c = (t.x0 + t.x1) / 2;
      return c >= first.cx - pitch * 0.5 && !zones.some((z) => c >= z.x0 - 2 && c <= z.x1 + 2);
    });
    // (numbers set flush left mark their cells' left edges: amounts start right of their number;
    // amounts printed flush left start near their cell's left edge: a number centred in the cell
    // stands right of where they start, never left of it)
    const skipped = flushNumbers
      ? unpaired(
          nums.map((t) => t.x0),
          columns.map((c) => c.x0),
          (x, y) => (y >= x - 2 ? y - x : 1e6 + (x - y)),
        )
      : leftAligned
        ? unpaired(
            nums.map((t) => (t.x0 + t.x1) / 2),
            columns.map((c) => c.x0),
            (x, y) => (x >= y - 2 ? x - y : 1e6 + (y - x)),
          )
        : unpaired(
            nums.map((t) => (t.x0 + t.x1) / 2),
            columns.map((c) => c.cx),
          );
    for (const k of skipped) {
      const t = nums[k] as Token;
      found.push({ x0: t.x0, x1: t.x1 });
    }
  }
  return found;
}

/**
 * Indexes of `xs` left unpaired when each of `ys` is paired with one of `xs`, both in order, at the
 * least total distance (xs as many as ys or more; none when fewer).
 */
function unpaired(
  xs: readonly number[],
  ys: readonly number[],
  dist: (x: number, y: number) => number = (x, y) => Math.abs(x - y),
): number[] {
  const n = xs.length;
  const m = ys.length;
  if (n <= m) return [];
  // cost[i][j]: xs[0..i) against ys[0..j), every y paired
  const cost = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Number.POSITIVE_INFINITY));
  (cost[0] as number[])[0] = 0;
  for (let i = 1; i <= n; i++) {
    const row = cost[i] as number[];
    const prev = cost[i - 1] as number[];
    row[0] = 0;
    for (let j = 1; j <= Math.min(i, m); j++)
      row[j] = Math.min(prev[j] as number, (prev[j - 1] as number) + dist(xs[i - 1] as number, ys[j - 1] as number));
  }
  const out: number[] = [];
  for (let i = n, j = m; i > 0; i--) {
    const c = (cost[i] as number[])[j] as number;
    if (j > 0 && c === ((cost[i - 1] as number[])[j - 1] as number) + dist(xs[i - 1] as number, ys[j - 1] as number))
      j--;
    else out.push(i - 1);
  }
  return out.reverse();
}

/** True when the amounts of most columns share their right edges more closely than their left ones. */
function rightAligned(clusters: readonly Placed[][], numbers?: GridLine, flushNumbers = false): boolean {
  let right = 0;
  let other = 0;
  for (const g of clusters) {
    if (g.length < 2) continue;
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const r = spread(g.map((p) => p.t.x1));
    const l = spread(g.map((p) => p.t.x0));
    if (l - r > 0.5) right++;
    else if (r - l > 0.5) other++;
  }
  // one amount a column (a one-row table): the column numbers, centred in their cells, say it —
  // a right-aligned amount stands right of its cell's centre, a left-aligned one left of it
  // (or, where the numbers are set flush left, an amount flush left starts where its number does)
  if (right === 0 && other === 0 && numbers && flushNumbers) {
    const starts = numbers.tokens.filter((t) => t.kind === "int").map((t) => t.x0);
    for (const g of clusters) {
      const t = (g[0] as Placed).t;
      if (starts.some((x) => Math.abs(x - t.x0) <= 2)) other++;
      else right++;
    }
  }
  if (right === 0 && other === 0 && numbers) {
    const centres = numbers.tokens.filter((t) => t.kind === "int").map((t) => (t.x0 + t.x1) / 2);
    for (const g of clusters) {
      const t = (g[0] as Placed).t;
      const c = (t.x0 + t.x1) / 2;
      const n = centres.filter((x) => x >= t.x0 - (t.x1 - t.x0) && x <= t.x1 + (t.x1 - t.x0));
      if (n.length !== 1) continue;
      const d = c - (n[0] as number);
      if (d > 2) right++;
      else if (d < -2) other++;
    }
  }
  return right >= other;
}

/** An integer before a label: a classification code, printed whole or in 类/款/项 columns. */
const CODE_PART = /^\d{2,7}$/;

/**
 * A column of project names beside the classification's names (功能分类科目名称 | 项目名称, the
 * 项目支出表 of Xinjiang and others) makes one label zone with them, as no amount column stands
 * between. They are told apart by a gutter that no body text crosses, with text on either side of it
 * on several lines and those two headings over the two sides; the zone is then split there (in
 * place). Codes stay with the names.
 */
function splitLabelZone(
  zones: TextZone[],
  head: readonly GridLine[],
  body: readonly GridLine[],
  isAmount: (t: Token) => boolean,
): void {
  const at = zones.findIndex((z) => z.after === 0);
  const zone = zones[at];
  if (!zone || body.length < 3) return;
  const inZone = body.map((l) =>
    l.tokens.filter(
      (t) =>
        !isAmount(t) &&
        t.kind !== "dash" &&
        !(t.kind === "int" && CODE_PART.test(t.text)) &&
        t.x0 >= zone.x0 - 0.5 &&
        t.x1 <= zone.x1 + 0.5,
    ),
  );
  const spans = inZone.flat().sort((a, b) => a.x0 - b.x0);
  if (spans.length < 6) return;
  const h = median(body.map((l) => l.h));
  // gutters: gaps in the union of the texts' extents, at least a character wide
  const gutters: { x0: number; x1: number }[] = [];
  let reach = (spans[0] as Token).x1;
  for (const t of spans.slice(1)) {
    if (t.x0 - reach >= h) gutters.push({ x0: reach, x1: t.x0 });
    reach = Math.max(reach, t.x1);
  }
  // (headings as stacks, and as group words where a heading stands over more than one column)
  const hs = headerStacks(head);
  const heads = [
    ...hs.stacks.map((st) => ({ x0: st.x0, x1: st.x1, text: stackText(st) })),
    ...hs.groups.map((w) => ({ x0: w.x0, x1: w.x1, text: w.text })),
  ].map((w) => ({ ...w, text: w.text.replace(/\s+/g, "") }));
  const centre = (w: { x0: number; x1: number }) => (w.x0 + w.x1) / 2;
  for (const g of gutters) {
    const left = inZone.filter((ts) => ts.some((t) => t.x1 <= g.x0 + 0.5)).length;
    const right = inZone.filter((ts) => ts.some((t) => t.x0 >= g.x1 - 0.5)).length;
    if (left < 3 || right < 3) continue;
    // a heading over each side: 项目名称 over the right one, the classification's names over the left
    // (only a column of project names beside the classification's names: where units and projects,
    // or a procurement table's levels, stand side by side, the label reads across them)
    const over = heads.filter((w) => centre(w) >= g.x1 - h && centre(w) <= zone.x1 + h && w.x0 >= g.x0);
    const under = heads.filter((w) => centre(w) <= g.x0 + h && w.x1 <= g.x1);
    if (!over.some((w) => /^项目名称$/.test(w.text))) continue;
    if (!under.some((w) => /科目名称|科目$|功能分类|经济分类/.test(w.text))) continue;
    zones.splice(at, 1, { after: 0, x0: zone.x0, x1: g.x0, path: [] }, { after: 0, x0: g.x1, x1: zone.x1, path: [] });
    return;
  }
}

/** The columns of one page segment: amount columns (phantoms included) and text zones. */
export function pageColumns(
  head: readonly GridLine[],
  body: readonly GridLine[],
  isAmount: (t: Token) => boolean,
): PageColumns {
  const clusters = clusterAmounts(body, isAmount);
  const columns: AmountColumn[] = clusters.map((g) => {
    const x0 = Math.min(...g.map((p) => p.t.x0));
    const x1 = Math.max(...g.map((p) => p.t.x1));
    return {
      x0,
      x1,
      right: median(g.map((p) => p.t.x1)),
      cx: median(g.map((p) => (p.t.x0 + p.t.x1) / 2)),
      path: [],
      phantom: false,
    };
  });
  // headings and column numbers set flush left in their cells (a word processor's default), each
  // number starting where its column's heading starts: a number marks its cell's left edge
  const { stacks, groups } = headerStacks(head);
  const numberLine = head.find(isColumnNumberLine);
  const nums = numberLine?.tokens.filter((t) => t.kind === "int") ?? [];
  const flushHead =
    nums.length >= 3 &&
    nums.filter((t) => stacks.some((st) => Math.abs(st.x0 - t.x0) <= 0.5)).length >= nums.length * 0.6;
  const split = rightAligned(clusters, numberLine, flushHead) ? 0.1 : 0.5;
  // text zones: where body text stands between or around the amount columns
  const zoneOf = (x: number) => {
    let k = 0;
    while (k < columns.length && (columns[k] as AmountColumn).cx < x) k++;
    return k;
  };
  const zoneText = new Map<number, { x0: number; x1: number; lines: Set<number> }>();
  body.forEach((l, li) => {
    for (const t of l.tokens) {
      if (isAmount(t) || t.kind === "dash") continue;
      const k = zoneOf((t.x0 + t.x1) / 2);
      const z = zoneText.get(k);
      if (z) {
        z.x0 = Math.min(z.x0, t.x0);
        z.x1 = Math.max(z.x1, t.x1);
        z.lines.add(li);
      } else zoneText.set(k, { x0: t.x0, x1: t.x1, lines: new Set([li]) });
    }
  });
  const zones: TextZone[] = [];
  for (const [after, z] of [...zoneText].sort((a, b) => a[0] - b[0])) {
    // a zone between amount columns is a text column when several lines print text there
    if (after > 0 && z.lines.size < 2) continue;
    zones.push({ after, x0: z.x0, x1: z.x1, path: [] });
  }
  splitLabelZone(zones, head, body, isAmount);
  // a table without labels (one row of amounts: the 三公 table of some regions) has no label zone;
  // an empty one far left keeps the zone numbering, and headings left of the amounts head them
  if (!zones.some((z) => z.after === 0)) zones.unshift({ after: 0, x0: -1000, x1: -1000, path: [] });
  // columns printed blank on every row: from a line of column numbers
  // (numbers flush left pair with the amounts that start right of them, wherever in the cell they end)
  if (numberLine && columns.length > 0) {
    for (const p of phantomColumns([numberLine], columns, zones, split === 0.5, flushHead))
      columns.push({ x0: p.x0, x1: p.x1, right: p.x1, cx: (p.x0 + p.x1) / 2, path: [], phantom: true });
    columns.sort((a, b) => a.cx - b.cx);
  }
  // the line of column numbers counts the columns of amounts: with it, a heading beside a column's
  // own is no column printed blank once every number has its column
  const numbered = numberLine && columns.length > 0 ? numberLine.tokens.filter((t) => t.kind === "int").length : 0;
  const slotsOf = () => {
    const out: ({ kind: "zone"; z: TextZone } | { kind: "col"; c: AmountColumn })[] = [];
    const zx = zones.map((z) => (z.x0 + z.x1) / 2);
    const order = [
      ...zones.map((z, i) => ({ x: zx[i] as number, s: { kind: "zone" as const, z } })),
      ...columns.map((c) => ({ x: c.cx, s: { kind: "col" as const, c } })),
    ].sort((a, b) => a.x - b.x);
    for (const o of order) out.push(o.s);
    return out;
  };
  const extent = (s: ReturnType<typeof slotsOf>[number]) =>
    s.kind === "zone" ? { x0: s.z.x0, x1: Math.max(s.z.x1, s.z.x0 + 1) } : { x0: s.c.x0, x1: s.c.x1 };
  // cell boxes; the outer ends open (for claiming headings) or closed at the ink (for centring)
  const boxesOf = (slots: ReturnType<typeof slotsOf>, closed = false) => {
    const ext = slots.map(extent);
    const cut = (a: { x1: number }, b: { x0: number }) => a.x1 + Math.max(0, b.x0 - a.x1) * split;
    return ext.map((e, i) => {
      const prev = ext[i - 1];
      const next = ext[i + 1];
      const open0 = closed ? e.x0 - 4 : Number.NEGATIVE_INFINITY;
      const open1 = closed ? e.x1 + (split < 0.5 ? 4 : (e.x1 - e.x0) / 2) : Number.POSITIVE_INFINITY;
      return { b0: prev ? cut(prev, e) : open0, b1: next ? cut(e, next) : open1 };
    });
  };
  // headings: stacks claim the slot their centre stands in; several stacks over one column of
  // amounts: the one over its ink keeps it, the others are columns printed blank (phantoms)
  let slots = slotsOf();
  let boxes = boxesOf(slots);
  // (a heading set flush left claims the column whose number starts where it starts: the number's
  // own column when printed blank, else the amounts that start after it and before the next number)
  const starts = nums.map((t) => t.x0).sort((a, b) => a - b);
  const edgeOf = (c: AmountColumn) => (c.phantom ? c.x0 : starts.filter((x) => x <= c.x0 + 2).pop());
  const claims = new Map<number, Stack[]>();
  for (const st of stacks) {
    const c = (st.x0 + st.x1) / 2;
    const flushOwner = flushHead
      ? slots.findIndex((sl) => sl.kind === "col" && Math.abs((edgeOf(sl.c) ?? Number.NaN) - st.x0) <= 1)
      : -1;
    let k = flushOwner >= 0 ? flushOwner : boxes.findIndex((b) => c >= b.b0 && c < b.b1);
    if (k < 0) k = 0;
    const list = claims.get(k);
    if (list) list.push(st);
    else claims.set(k, [st]);
  }
  const owner = new Map<object, Stack[]>();
  for (const [k, list] of claims) {
    const slot = slots[k];
    if (!slot) continue;
    if (slot.kind === "zone") {
      owner.set(slot.z, [...(owner.get(slot.z) ?? []), ...list]);
      continue;
    }
    const col = slot.c;
    const dist = (st: Stack) => {
      const o = overlap(st.x0, st.x1, col.x0, col.x1);
      return o > 0 ? -o : Math.min(Math.abs(st.x0 - col.x1), Math.abs(st.x1 - col.x0));
    };
    const sorted = [...list].sort((a, b) => dist(a) - dist(b));
    const keep = sorted[0] as Stack;
    const mine = [keep];
    // (the farthest left first: of the headings left of the column's own, that one is the labels')
    const others = sorted.slice(1).sort((a, b) => a.x0 - b.x0);
    for (const st of others) {
      // a lone character ("入" of a letter-spaced "收   入") heads nothing
      if (stackText(st).length <= 1) continue;
      if (
        overlap(st.x0, st.x1, col.x0, col.x1) > (st.words[0]?.h ?? 0) * 0.5 &&
        col.phantom === false &&
        dist(keep) < 0
      ) {
        // two stacks over the ink of one column: one heading printed in two pieces (not a neighbour's
        // heading that a wide amount reaches the edge of)
        mine.push(st);
        continue;
      }
      const labels = slots[k - 1];
      const counted = numbered > 0 && columns.length >= numbered;
      if (
        labels?.kind === "zone" &&
        st.x1 < Math.min(col.x0, keep.x0) &&
        (counted || (!claims.has(k - 1) && !owner.has(labels.z)) || st.x0 - labels.z.x1 < (col.x0 - st.x1) / 3)
      ) {
        // left of the column's heading and its ink, next to labels: the label column's heading,
        // centred in a cell wider than its labels (or over labels printed blank)
        owner.set(labels.z, [...(owner.get(labels.z) ?? []), st]);
        continue;
      }
      if (counted) continue;
      const ph: AmountColumn = {
        x0: st.x0,
        x1: st.x1,
        right: st.x1,
        cx: (st.x0 + st.x1) / 2,
        path: [],
        phantom: true,
      };
      columns.push(ph);
      owner.set(ph, [st]);
    }
    owner.set(col, mine);
  }
  columns.sort((a, b) => a.cx - b.cx);
  zones.forEach((z) => {
    z.after = zoneOf((z.x0 + z.x1) / 2);
  });
  slots = slotsOf();
  boxes = boxesOf(slots);
  const leafOf = (o: object) =>
    (owner.get(o) ?? [])
      .sort((a, b) => a.x0 - b.x0)
      .map(stackText)
      .join("");
  const tops = slots.map((s) => {
    const own = owner.get(s.kind === "zone" ? s.z : s.c) ?? [];
    return own.length > 0 ? Math.min(...own.map((st) => st.top)) : Number.POSITIVE_INFINITY;
  });
  const stackWords = stacks.flatMap((st) => st.words);
  // group headings are centred over the cells of their columns, and a column's own heading is
  // centred in its cell: the cells for hanging are cut between the columns' own headings (the
  // amounts' ink, right-aligned, stands off the cell's centre), or their ink when they have none
  const cells = slots.map((sl) => {
    const own = owner.get(sl.kind === "zone" ? sl.z : sl.c) ?? [];
    if (own.length === 0) return extent(sl);
    return { x0: Math.min(...own.map((st) => st.x0)), x1: Math.max(...own.map((st) => st.x1)) };
  });
  const ordered = cells.every((c, i) => i === 0 || c.x0 >= (cells[i - 1] as { x1: number }).x1 - 1);
  // (each cell widened by the same margin on both sides: the smaller half-gap to a neighbour, so a
  // column beside a wide gap — the label column's — keeps its width)
  const even = cells.map((c, i) => {
    const gaps = [cells[i - 1], cells[i + 1]]
      .filter((o): o is { x0: number; x1: number } => o !== undefined)
      .map((o) => (o.x0 > c.x0 ? o.x0 - c.x1 : c.x0 - o.x1) / 2);
    const m = gaps.length > 0 ? Math.max(0, Math.min(...gaps)) : 4;
    return { b0: c.x0 - m, b1: c.x1 + m };
  });
  const leaves = slots.map((s) => leafOf(s.kind === "zone" ? s.z : s.c).replace(/\s+/g, ""));
  // the vertical centre of each slot's own heading
  const mids = slots.map((s) => {
    const ys = (owner.get(s.kind === "zone" ? s.z : s.c) ?? []).flatMap((st) => st.words.map((w) => w.y));
    return ys.length > 0 ? (Math.min(...ys) + Math.max(...ys)) / 2 : Number.NaN;
  });
  // headings set at the top of their cells (a word processor's default), not centred: a one-line
  // heading in a cell as tall as the header stands on the header's first line. Then where a heading
  // starts says which cells it shares a row with, and its middle says nothing
  const firstLine = Math.min(...stackWords.map((w) => w.y), ...groups.map((w) => w.y));
  const lastLine = Math.max(...stackWords.map((w) => w.y));
  const topSet = slots.some((s) => {
    const own = owner.get(s.kind === "zone" ? s.z : s.c) ?? [];
    const words = own.flatMap((st) => st.words);
    const h = words[0]?.h ?? 0;
    return (
      words.length > 0 && lastLine - firstLine > h * 1.3 && words.every((w) => Math.abs(w.y - firstLine) < h * 0.4)
    );
  });
  const hung = hangGroups(
    groups,
    ordered ? even : boxesOf(slots, true),
    tops,
    stackWords,
    leaves,
    topSet ? undefined : mids,
    flushHead,
  );

  slots.forEach((s, i) => {
    const leaf = leafOf(s.kind === "zone" ? s.z : s.c);
    const path = [...(hung[i] ?? []), ...(leaf ? [leaf] : [])].map((p) => p.replace(/\s+/g, ""));
    if (s.kind === "zone") s.z.path = path;
    else s.c.path = path;
  });
  return { columns, zones };
}
