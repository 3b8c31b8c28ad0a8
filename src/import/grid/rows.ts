/**
 * Rows of one page segment. A line with an amount or a classification code is a row; a line of
 * text alone is a row of its own (a line printed blank) when it stands a row's height away from
 * its neighbours or starts like one (一、, （一）, 1., 合计 …), and otherwise a piece of the label of
 * the row next to it: labels wrap inside tall cells above, below or around the line that carries
 * the amounts ("机关事业单位基本养老" / 2080505 201.65 / "保险缴费支出").
 *
 * Two-sided tables (收支总表: income lines left, expenditure lines right) are read as two sides,
 * each with its own rows: a line may hold an income row, an expenditure row, or both.
 */
import type { AmountColumn, TextZone } from "./columns.ts";
import { type GridLine, joinTokens, type Token } from "./tokens.ts";

export interface GridRow {
  /** 0 for one-sided tables and the income side; 1 for the expenditure side */
  side: number;
  page: number;
  y: number;
  /** the classification code printed on the row (function or economic, joined: 2080101, 30101) */
  code?: string;
  /** every code the row prints, left to right (some tables print three classifications per row) */
  codes: string[];
  /** the row's label (its main text column) */
  label: string;
  /** texts of the side's other text columns (unit names, project kinds, 绩效目标 …), by zone */
  texts: string[];
  /** x of the label's first character, for indentation */
  indent: number;
  /**
   * x where the last cell of the label's first line starts: tables that print their levels in
   * columns of their own (政府采购: 大类 | 专项 | 经济科目 | 品目) put a row's level in the last one
   */
  lastCell: number;
  /** one printed amount (as printed) per amount column of the table, null when blank */
  cells: (string | null)[];
  /** the row was printed without any amount */
  blank: boolean;
  /** amounts read on the row's lines that found their cell already filled (not kept) */
  overfull?: number;
}

const MARKER =
  /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）]|其中[:：]?)/;
const TOTAL_LABEL =
  /^(?:合\s*计|总\s*计|小\s*计|.{0,10}(?:收入|支出)(?:合计|总计)|本年.{0,6}合计|收\s*入\s*总\s*计|支\s*出\s*总\s*计)/;
const CODE = /^\d{3}(?:\d{2}){0,2}$/;

/** Brackets opened and not closed in a text (negative: closed and not opened). */
const bracketDepth = (t: string) => (t.match(/[(（]/g)?.length ?? 0) - (t.match(/[)）]/g)?.length ?? 0);

export function labelMarker(label: string): string | undefined {
  return MARKER.exec(label)?.[0];
}

/** Names of fixed lines that tables print blank when they have nothing (funds, sources, 结转, "三公"). */
const LINE_LABEL =
  /^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]?)?(?:一般公共预算|政府性基金|国有资本经营|财政专户|财政拨款|事业收入|事业单位经营|经营收入|上级补助|附属单位上缴|其他收入|单位资金|上年结转|结转|年终结转|结余|用事业基金|因公出国[（(]境[)）]费$|公务接待费$|公务用车(?:购置及运行(?:维护)?费|购置费|运行(?:维护)?费)(?:[（(]小计[)）])?$)/;

export function isLineLabel(label: string): boolean {
  return LINE_LABEL.test(label.replace(/\s+/g, ""));
}

export function isTotalLabel(label: string): boolean {
  return TOTAL_LABEL.test(label.replace(/\s+/g, ""));
}

/** A label that starts a row of its own: a marker (一、 (一) 1. 其中), a total, or a fixed line's name. */
export function startsRow(label: string): boolean {
  return !!labelMarker(label) || isTotalLabel(label) || isLineLabel(label);
}

/** A classification code as printed: 类 (3 digits), 款 (5) or 项 (7). */
export function isCode(s: string): boolean {
  return CODE.test(s);
}

interface Piece {
  line: number;
  page: number;
  y: number;
  h: number;
  codes: string[];
  /** text tokens per zone index (zones of the table) */
  texts: Map<number, Token[]>;
  amounts: Map<number, string>;
  dashes: Set<number>;
  /** amounts that found their cell already filled on this line */
  overfull: number;
}

export interface SegmentLayout {
  columns: readonly AmountColumn[];
  zones: readonly TextZone[];
  /** the zone index (into zones) that starts each side; [0] for a one-sided table */
  sideStarts: readonly number[];
}

/** The amount column a token stands in: the most overlapping, else the nearest centre. */
export function columnAt(columns: readonly AmountColumn[], t: Token): number {
  let best = -1;
  let bestO = 0;
  columns.forEach((c, i) => {
    const o = Math.min(c.x1, t.x1) - Math.max(c.x0, t.x0);
    if (o > bestO) {
      bestO = o;
      best = i;
    }
  });
  if (best >= 0) return best;
  const cx = (t.x0 + t.x1) / 2;
  let d = Number.POSITIVE_INFINITY;
  columns.forEach((c, i) => {
    const dd = Math.abs(c.cx - cx);
    if (dd < d) {
      d = dd;
      best = i;
    }
  });
  return best;
}

/** True when an integer token stands inside an amount column (a bare amount such as "0" or "1200"). */
function intInColumn(columns: readonly AmountColumn[], t: Token): boolean {
  for (const c of columns) {
    if (c.phantom) continue;
    const o = Math.min(c.x1, t.x1) - Math.max(c.x0, t.x0);
    if (o >= (t.x1 - t.x0) * 0.6) return true;
  }
  return false;
}

function zoneIndex(layout: SegmentLayout, x: number): number {
  const { columns, zones } = layout;
  let k = 0;
  while (k < columns.length && (columns[k] as AmountColumn).cx < x) k++;
  // the zone with `after` === k, else the nearest zone to the left; of two text columns side by
  // side between the same amount columns, the one x stands in (or nearest to)
  let after = -1;
  for (const z of zones) if (z.after <= k) after = Math.max(after, z.after);
  let best = 0;
  let d = Number.POSITIVE_INFINITY;
  zones.forEach((z, i) => {
    if (z.after !== after) return;
    const dd = x < z.x0 ? z.x0 - x : x > z.x1 ? x - z.x1 : 0;
    if (dd < d) {
      d = dd;
      best = i;
    }
  });
  return best;
}

function sideOfZone(layout: SegmentLayout, zone: number): number {
  let s = 0;
  layout.sideStarts.forEach((start, i) => {
    if (zone >= start) s = i;
  });
  return s;
}

function sideOfColumn(layout: SegmentLayout, col: number): number {
  let s = 0;
  layout.sideStarts.forEach((start, i) => {
    const z = layout.zones[start];
    if (z && col >= z.after) s = i;
  });
  return s;
}

/** Splits a line's tokens into pieces per side: codes, texts by zone, amounts by column. */
function pieces(l: GridLine, line: number, layout: SegmentLayout): Piece[] {
  const out = layout.sideStarts.map(
    (): Piece => ({
      line,
      page: l.page,
      y: l.y,
      h: l.h,
      codes: [],
      texts: new Map(),
      amounts: new Map(),
      dashes: new Set(),
      overfull: 0,
    }),
  );
  for (const t of l.tokens) {
    if (t.kind === "amount" || (t.kind === "int" && intInColumn(layout.columns, t))) {
      const c = columnAt(layout.columns, t);
      if (c < 0) continue;
      const p = out[sideOfColumn(layout, c)] as Piece;
      // a second amount in one cell: keep the first (the reader's confidence check will see it)
      if (!p.amounts.has(c)) p.amounts.set(c, t.text);
      else p.overfull++;
      continue;
    }
    if (t.kind === "dash") {
      const c = columnAt(layout.columns, t);
      if (c >= 0) (out[sideOfColumn(layout, c)] as Piece).dashes.add(c);
      continue;
    }
    const z = zoneIndex(layout, (t.x0 + t.x1) / 2);
    const p = out[sideOfZone(layout, z)] as Piece;
    const list = p.texts.get(z);
    // a code: first in its zone, or another classification's code after a code-name pair
    if (t.kind === "int" && CODE.test(t.text) && (!list || list.length === 0 || p.codes.length > 0)) {
      p.codes.push(t.text);
      continue;
    }
    // codes split over 类/款/项 columns: "208" "01" "01"
    if (t.kind === "int" && /^\d{2}$/.test(t.text) && p.codes.length > 0 && (!list || list.length === 0)) {
      const last = p.codes[p.codes.length - 1] as string;
      if (last.length < 7) {
        p.codes[p.codes.length - 1] = last + t.text;
        continue;
      }
    }
    if (list) list.push(t);
    else p.texts.set(z, [t]);
  }
  return out;
}

/** A 款 or 项 code first in a line's label: two digits, apart from the name after it. */
function kuanToken(p: Piece, zone: number): Token | undefined {
  const [t, next] = p.texts.get(zone) ?? [];
  return t?.kind === "int" && /^\d{2}$/.test(t.text) && (!next || next.x0 - t.x1 > 1) ? t : undefined;
}

function pieceLabel(p: Piece, zone: number, withoutKuan = false): string {
  const tokens = p.texts.get(zone) ?? [];
  return joinTokens(withoutKuan ? tokens.slice(1) : tokens).replace(
    /(?<=[\u4e00-\u9fff（）()])\s+(?=[\u4e00-\u9fff（）()])/g,
    "",
  );
}

/**
 * Where a two-sided table's row may stand on the printed line of the other side's row rather than
 * on its anchor's (see alignSides): between `top` and `bottom`, nearest `mid`.
 */
type LineSpan = { top: number; bottom: number; mid: number; unlessPaired?: boolean };

/**
 * Rows of one side of a segment. `pitch` is the usual distance between rows on the page.
 */
function sideRows(
  ps: Piece[],
  layout: SegmentLayout,
  side: number,
  pitch: number,
  spans: Map<GridRow, LineSpan>,
  step?: number,
): GridRow[] {
  const zoneStart = layout.sideStarts[side] as number;
  const zoneEnd = layout.sideStarts[side + 1] ?? layout.zones.length;
  const mainZone = zoneStart;
  const hasText = (p: Piece) => {
    for (let z = zoneStart; z < zoneEnd; z++) if ((p.texts.get(z)?.length ?? 0) > 0) return true;
    return false;
  };
  // the 类 款 项 heads of a split code column, printed level with the first line of a tall total
  // row's amounts, are header, not the row's label
  for (const p of ps)
    if (p.codes.length === 0 && /^[类款项]{2,3}$/.test(pieceLabel(p, mainZone).replace(/\s+/g, "")))
      p.texts.delete(mainZone);
  const live = ps.filter((p) => p.amounts.size > 0 || p.codes.length > 0 || hasText(p) || p.dashes.size > 0);
  let anchors = live.filter((p) => p.amounts.size > 0 || p.codes.length > 0 || p.dashes.size > 0);
  // a line of amounts alone, a little above or below a labelled row whose cells it fills, is that
  // row's: its cells are printed centred in a tall row, or an amount wrapped onto two lines
  const bare = (p: Piece) => p.codes.length === 0 && !hasText(p);
  anchors = anchors.filter((p) => {
    if (!bare(p) || p.amounts.size === 0) return true;
    return !anchors.some(
      (a) =>
        a !== p &&
        !bare(a) &&
        Math.abs(a.y - p.y) < pitch * 0.7 &&
        [...p.amounts.keys()].every((c) => !a.amounts.has(c)),
    );
  });
  // a row's codes printed at the top of its tall cells, its name (and some amounts) centred lower
  // ("301 01" / "基本工资 262.33", a few points apart, rows a whole line or more apart): the line of
  // codes alone and the line of the name under or over it, nearer than a line's height, are one row
  const codeOwner = new Map<Piece, Piece>();
  for (const c of anchors) {
    if (c.codes.length === 0) continue;
    const near = (o: Piece) => Math.abs(o.y - c.y);
    // (under a code line with a name: only the line of its 款 alone, "99 11.53" under "302 其他商品和服务支")
    const named = hasText(c);
    const name = live
      .filter(
        (o) =>
          near(o) > 0.5 &&
          near(o) < Math.min(pitch * 0.4, c.h) &&
          o.codes.length === 0 &&
          !codeOwner.has(o) &&
          [...o.amounts.keys()].every((k) => !c.amounts.has(k)) &&
          pieceLabel(o, mainZone) !== "" &&
          (!named || (kuanToken(o, mainZone) !== undefined && pieceLabel(o, mainZone, true) === "")),
      )
      .sort((a, b) => near(a) - near(b))[0];
    if (name) codeOwner.set(name, c);
  }
  // laid-out text sets such a row's lines a step apart and a blank line between rows ("262.33" /
  // "301 01" / "基本工资", blank, "1,238.58" / "301 02" / "津贴补贴"): a block of lines with one line of
  // codes is that code's row, its lines of text alone and of amounts alone with it
  if (step) {
    const blocks: Piece[][] = [];
    for (const p of [...ps].sort((a, b) => a.page - b.page || a.y - b.y)) {
      const block = blocks[blocks.length - 1];
      const last = block?.[block.length - 1];
      if (block && last && last.page === p.page && p.y - last.y <= step * 1.5) block.push(p);
      else blocks.push([p]);
    }
    // (a tall cell's few lines: not a run of rows whose codes the text lost; and never a total's
    // label, nor the amounts on the line over it: 人员经费合计 under the last row's block)
    const total = (o: Piece | undefined) => !!o && /(?:合计|总计|小计)$/.test(pieceLabel(o, mainZone));
    const isLive = new Set(live);
    for (const block of blocks) {
      const mine = block.filter((p) => isLive.has(p));
      const coded = mine.filter((p) => p.codes.length > 0);
      const c = coded[0];
      if (!c || coded.length !== 1 || mine.length > 4) continue;
      mine.forEach((o, k) => {
        if (o === c || codeOwner.has(o)) return;
        const label = pieceLabel(o, mainZone);
        const textOnly =
          o.amounts.size === 0 && label !== "" && !labelMarker(label) && !isTotalLabel(label) && !total(o);
        const next = mine[k + 1];
        // (the amounts over a total's label are that total's row)
        if (next && total(next) && o.amounts.size > 0 && next.amounts.size === 0) {
          if (!hasText(o)) codeOwner.set(next, o);
          return;
        }
        const amountsOnly = o.amounts.size > 0 && !hasText(o);
        if ((textOnly || amountsOnly) && [...o.amounts.keys()].every((col) => !c.amounts.has(col))) codeOwner.set(o, c);
      });
    }
  }
  anchors = anchors.filter((p) => !codeOwner.has(p));
  const isAnchor = new Set(anchors);
  // a label whose brackets do not close (…中心(杭州市预警信息 / 发布中心)) runs on over the lines
  // beside it: those lines are pieces of it, however far apart they are printed
  const open = (t: string) => bracketDepth(t) !== 0;
  const continues = (p: Piece, label: string) => {
    if (open(label)) return true;
    // (the labelled lines next to it, above and below)
    const texts = live.filter((o) => o !== p && pieceLabel(o, mainZone));
    const above = texts.filter((o) => o.y < p.y).sort((a, b) => b.y - a.y)[0];
    const below = texts.filter((o) => o.y > p.y).sort((a, b) => a.y - b.y)[0];
    return [above, below].some((o) => o && Math.abs(o.y - p.y) <= pitch * 1.5 && open(pieceLabel(o, mainZone)));
  };
  // rows a little taller than their text (a row pitch of 1.4 to 1.8 lines, as spreadsheets print
  // them): a line printed blank stands a whole pitch from every other line (a wrapped label's lines
  // stand closer), and starts where the labels of rows with amounts start or a few characters in
  // (a wrapped cell of a wide text column starts far inside it)
  const startX = (p: Piece) => p.texts.get(mainZone)?.[0]?.x0;
  const labelStarts = anchors.map(startX).filter((x): x is number => x !== undefined);
  const spaced = (p: Piece) => {
    const x = startX(p);
    return (
      x !== undefined &&
      labelStarts.some((a) => x >= a - p.h * 0.5 && x <= a + p.h * 3) &&
      live.every((o) => o === p || Math.abs(o.y - p.y) >= pitch * 0.95)
    );
  };
  // a row with a code or amounts and no label of its own, between lines of text only a row's pitch
  // away (text laid out a line per row prints a tall cell so: "机关事业单位基本养老保险缴费" above
  // the code and amounts, "支出" under them): those lines are its label, wrapped around its middle
  // line, not rows printed blank (the line under it, unless it starts like a row of its own)
  const owner = new Map<Piece, Piece>();
  const textOnly = (o: Piece) =>
    !isAnchor.has(o) && o.amounts.size === 0 && o.codes.length === 0 && pieceLabel(o, mainZone) !== "";
  // (in a one-sided table: beside a two-sided table's row, a line of text may be the other side's)
  for (const a of layout.sideStarts.length === 1 ? anchors : []) {
    // (a line of text nearer than a pitch is its label, as the nearest row's: a PDF's tall cell)
    if (hasText(a) || live.some((o) => textOnly(o) && Math.abs(o.y - a.y) < pitch * 0.95)) continue;
    const beside = (dir: number) =>
      live
        .filter((o) => textOnly(o) && (o.y - a.y) * dir > 0 && Math.abs(Math.abs(o.y - a.y) - pitch) <= pitch * 0.05)
        .sort((x, y) => Math.abs(x.y - a.y) - Math.abs(y.y - a.y))[0];
    const above = beside(-1);
    const below = beside(1);
    if (above && !owner.has(above)) owner.set(above, a);
    if (below && !owner.has(below) && !startsRow(pieceLabel(below, mainZone))) {
      owner.set(below, a);
      // (laid-out text sets a tall cell's lines a step apart, all under its code and amounts:
      // "2080505 160.75" / "机关事业单位基本养老保险" / "缴费支出"; a line right over a row with no
      // label of its own may be that row's label, wrapped above its amounts)
      const at = (y: number, o: Piece) => o.page === a.page && Math.abs(o.y - y) < 0.5;
      for (let last = below; step; ) {
        const next = live.find((o) => textOnly(o) && at(last.y + step, o));
        if (!next || owner.has(next) || startsRow(pieceLabel(next, mainZone))) break;
        if (anchors.some((o) => at(next.y + step, o) && !hasText(o))) break;
        owner.set(next, a);
        last = next;
      }
    }
  }
  // a label printed blank and wrapped in a two-sided table's tall cell ("(二)政府性基金预算资" /
  // "金", the other side's row centred beside it): a line that does not start like a row, right
  // under a line of text only of this side, closer than rows stand, is that line's continuation
  // (farther from every amount than two lines, it would otherwise stand as a blank row of its own)
  const continuationOf = new Map<Piece, Piece>();
  if (layout.sideStarts.length > 1) {
    const labelled = live.filter((o) => o.amounts.size > 0 || o.codes.length > 0 || pieceLabel(o, mainZone) !== "");
    labelled.sort((a, b) => a.y - b.y);
    for (let i = 1; i < labelled.length; i++) {
      const p = labelled[i] as Piece;
      const above = labelled[i - 1] as Piece;
      const label = pieceLabel(p, mainZone);
      // (an item's own code printed in its label, "13公务用车购置", starts a row)
      if (!textOnly(p) || !textOnly(above) || startsRow(label) || /^\d/.test(label)) continue;
      const gap = p.y - above.y;
      if (gap > 0.5 && gap < Math.min(pitch * 0.95, p.h * 2.2))
        continuationOf.set(p, continuationOf.get(above) ?? above);
    }
  }
  // a label wrapped in a tall cell and centred on its amounts prints as many lines over them as
  // under them, each line over mirrored by one under at the same distance and a steady step: those
  // lines are that row's, even where its first lines stand nearer the row above ("其他运行经费
  // 15.00" / "广州市安全生产应急" / "救援指挥中心(广州" / … / "47.85" / … / "维护项目")
  const mirrored = new Map<Piece, Piece>();
  {
    const pairs: { row: Piece; pairs: Piece[][] }[] = [];
    const rows = [...anchors].sort((a, b) => a.page - b.page || a.y - b.y);
    const loose = live.filter(
      (o) => !isAnchor.has(o) && o.amounts.size === 0 && o.codes.length === 0 && pieceLabel(o, mainZone) !== "",
    );
    rows.forEach((a, k) => {
      const prev = rows[k - 1]?.page === a.page ? (rows[k - 1] as Piece).y : Number.NEGATIVE_INFINITY;
      const next = rows[k + 1]?.page === a.page ? (rows[k + 1] as Piece).y : Number.POSITIVE_INFINITY;
      const same = loose.filter((o) => o.page === a.page);
      const above = same.filter((o) => o.y > prev && o.y < a.y).sort((x, y) => y.y - x.y);
      const below = same.filter((o) => o.y > a.y && o.y < next).sort((x, y) => x.y - y.y);
      const middle = pieceLabel(a, mainZone) !== "";
      // (a label's lines stand closer than the rows do: lines a row's pitch apart are rows
      // printed blank, 其他收入's neighbours in a 收入总表)
      const most = Math.min(a.h * 2.2, pitch * 0.7);
      let n = 0;
      for (let i = 0; i < Math.min(above.length, below.length); i++) {
        const up = a.y - (above[i] as Piece).y;
        const down = (below[i] as Piece).y - a.y;
        if (Math.abs(up - down) > a.h * 0.25 || startsRow(pieceLabel(below[i] as Piece, mainZone))) break;
        // (laid-out text prints the amounts on a line of their own between the label's: a step away)
        if (i === 0 && up > (middle || step ? most : most / 2)) break;
        if (i > 0) {
          const stepUp = (above[i - 1] as Piece).y - (above[i] as Piece).y;
          const stepDown = (below[i] as Piece).y - (below[i - 1] as Piece).y;
          if (Math.abs(stepUp - stepDown) > a.h * 0.2 || stepUp > most) break;
        }
        n = i + 1;
        // (a label's first line may start like a row: nothing over it is the label's)
        if (startsRow(pieceLabel(above[i] as Piece, mainZone))) break;
      }
      pairs.push({ row: a, pairs: above.slice(0, n).map((o, i) => [o, below[i] as Piece]) });
    });
    // (a line mirrored about two rows is the nearer's, and the farther row's cell ends before it)
    const claim = new Map<Piece, number>();
    for (const { row, pairs: ps } of pairs)
      for (const pair of ps)
        for (const o of pair) claim.set(o, Math.min(claim.get(o) ?? Number.POSITIVE_INFINITY, Math.abs(o.y - row.y)));
    for (const { row, pairs: ps } of pairs)
      for (const pair of ps) {
        if (pair.some((o) => (claim.get(o) as number) < Math.abs(o.y - row.y))) break;
        for (const o of pair) mirrored.set(o, row);
      }
  }
  // a label wrapped over many lines of a tall cell, its lines a step apart much closer than the
  // rows ("杭州市道路" / "交通事故社会" / "救助基金管理" / "服务中心(杭 6,314.47"): its first line
  // runs down, line by line, to the line of its amounts, however far that is
  const labelled = live
    .filter((o) => pieceLabel(o, mainZone) !== "" || isAnchor.has(o))
    .sort((a, b) => a.page - b.page || a.y - b.y);
  const wrapsDownTo = (p: Piece) => {
    for (let k = labelled.indexOf(p); k >= 0 && k + 1 < labelled.length; k++) {
      const here = labelled[k] as Piece;
      const next = labelled[k + 1] as Piece;
      if (next.page !== here.page || next.y - here.y >= Math.min(pitch * 0.45, here.h * 2.2)) return false;
      if (isAnchor.has(next)) return true;
      if (startsRow(pieceLabel(next, mainZone))) return false;
    }
    return false;
  };
  for (const p of live) {
    if (isAnchor.has(p) || owner.has(p) || codeOwner.has(p) || continuationOf.has(p) || mirrored.has(p)) continue;
    const label = pieceLabel(p, mainZone);
    const near = anchors.reduce((d, a) => Math.min(d, Math.abs(a.y - p.y)), Number.POSITIVE_INFINITY);
    const starts = startsRow(label);
    // a line of text only is a row printed blank only when it has a label (text in another
    // column alone — a long 绩效目标 — is a wrapped cell of the row beside it) and starts like a
    // row (一、 1. 合计 一般公共预算 …); other text is a piece of a wrapped label, unless it stands
    // well away from every line of amounts (farther than a wrapped label runs: about two lines)
    if (!label) continue;
    // (in a one-sided table such a line is always a piece of a label: rows printed blank there
    // carry a code, a number or a line name; two-sided tables print bare class names blank)
    // (and in a one-sided table, a line a whole row pitch away from every line of amounts, where the
    // rows are spaced apart from their wrapped lines, is a row of its own: 收入预算总表's blank items)
    const isolated =
      (layout.sideStarts.length > 1 && near >= pitch * 0.75 && near > p.h * 2.6) ||
      (near >= pitch * 0.95 &&
        !continues(p, label) &&
        !wrapsDownTo(p) &&
        (pitch > p.h * 1.8 || (pitch > p.h * 1.4 && spaced(p))));
    if (isolated || (starts && near >= Math.min(pitch * 0.45, p.h * 1.2))) {
      isAnchor.add(p);
    }
  }
  const rowsOf = live.filter((p) => isAnchor.has(p));
  if (rowsOf.length === 0) return [];
  // fragments: the texts of non-anchor lines go to the nearest row (ties: the one below, where
  // a label wrapped above the amounts continues)
  const extra = new Map<Piece, Piece[]>();
  for (const p of live) {
    if (isAnchor.has(p)) continue;
    const head = continuationOf.get(p);
    let best: Piece | undefined =
      owner.get(p) ?? codeOwner.get(p) ?? mirrored.get(p) ?? (head && isAnchor.has(head) ? head : undefined);
    let d = best ? 0 : Number.POSITIVE_INFINITY;
    const free = rowsOf.filter((a) => [...p.amounts.keys()].every((c) => !a.amounts.has(c)));
    for (const a of best ? [] : p.amounts.size > 0 && free.length > 0 ? free : rowsOf) {
      const dd = Math.abs(a.y - p.y);
      if (dd < d - 0.5 || (Math.abs(dd - d) <= 0.5 && best && a.y > best.y)) {
        d = dd;
        best = a;
      }
    }
    if (!best) continue;
    const list = extra.get(best);
    if (list) list.push(p);
    else extra.set(best, [p]);
  }
  // a bracket left open at the end of one row's label is closed by the lines over the next row's
  // amounts that close it ("…服务中心(杭州市公安综合保障服务中" / "心)" / "杭州市居民…"): those lines
  // are the end of the row above, wherever the midpoint between the rows falls
  const partsOf = (a: Piece) => [a, ...(extra.get(a) ?? [])].sort((x, y) => x.y - y.y);
  const labelOfParts = (ps: readonly Piece[]) => ps.map((o) => pieceLabel(o, mainZone)).join("");
  for (let k = 0; k + 1 < rowsOf.length; k++) {
    const upper = rowsOf[k] as Piece;
    const lower = rowsOf[k + 1] as Piece;
    let open = bracketDepth(labelOfParts(partsOf(upper)));
    if (open <= 0 || lower.page !== upper.page) continue;
    const moved: Piece[] = [];
    for (const o of partsOf(lower)) {
      if (o === lower || o.y >= lower.y || o.amounts.size > 0 || o.codes.length > 0) break;
      moved.push(o);
      open += bracketDepth(pieceLabel(o, mainZone));
      if (open <= 0) break;
    }
    if (open !== 0 || moved.length === 0) continue;
    extra.set(
      lower,
      (extra.get(lower) ?? []).filter((o) => !moved.includes(o)),
    );
    extra.set(upper, [...(extra.get(upper) ?? []), ...moved]);
  }
  const ncol = layout.columns.length;
  return rowsOf.map((a) => {
    const parts = [a, ...(extra.get(a) ?? [])].sort((x, y) => x.y - y.y);
    const codes = parts.flatMap((p) => p.codes);
    // a split code's 款 printed apart from its 类, level with the name centred under a 类 set at the
    // top of its cell ("302" / "11 差旅费"; "302 因公出国(境)费" / "12" / "用"): the row's code goes on
    const section = codes.length === 1 && (codes[0] as string).length % 2 === 1 && (codes[0] as string).length < 7;
    const kuan = section ? parts.find((p) => p.codes.length === 0 && kuanToken(p, mainZone)) : undefined;
    if (kuan) codes[0] = `${codes[0]}${(kuanToken(kuan, mainZone) as Token).text}`;
    const label = parts
      .map((p) => pieceLabel(p, mainZone, p === kuan))
      .join("")
      .replace(/\s+/g, "");
    const texts: string[] = [];
    for (let z = zoneStart + 1; z < zoneEnd; z++) {
      texts.push(
        parts
          .map((p) => pieceLabel(p, z))
          .join("")
          .replace(/\s+/g, ""),
      );
    }
    const cells: (string | null)[] = new Array(ncol).fill(null);
    let overfull = 0;
    for (const p of parts) {
      overfull += p.overfull;
      for (const [c, v] of p.amounts) {
        if (cells[c] === null) cells[c] = v;
        else overfull++;
      }
    }
    // indentation: where the label's first line starts (its wrapped lines start at the cell's edge)
    const firstLine = parts.find((p) => (p.texts.get(mainZone)?.length ?? 0) > 0);
    const first = firstLine?.texts.get(mainZone)?.[0];
    // (the rightmost over the row's lines: a name wraps over lines of its own in a tall cell)
    let last: Token | undefined;
    for (const p of parts) {
      const tokens = p.texts.get(mainZone) ?? [];
      let l = tokens[0];
      for (let k = 1; k < tokens.length; k++) {
        const t = tokens[k] as Token;
        if (t.x0 - (tokens[k - 1] as Token).x1 > 1) l = t;
      }
      if (l && (!last || l.x0 > last.x0)) last = l;
    }
    const row: GridRow = {
      side,
      page: a.page,
      y: a.y,
      codes,
      label,
      texts,
      indent: first ? first.x0 : Number.NaN,
      lastCell: last ? last.x0 : Number.NaN,
      cells,
      blank: cells.every((c) => c === null),
    };
    if (overfull > 0) row.overfull = overfull;
    if (codes[0]) row.code = codes[0];
    if (layout.sideStarts.length > 1) {
      // (a label printed blank and wrapped over lines of a tall cell: the line among them)
      if (row.blank && codes.length === 0 && parts.length > 1) {
        const top = Math.min(...parts.map((p) => p.y)) - 1;
        const bottom = Math.max(...parts.map((p) => p.y)) + 1;
        spans.set(row, { top, bottom, mid: (top + bottom) / 2 });
      }
      // (amounts printed off the line of their label: the label's line)
      const named = parts.filter((p) => pieceLabel(p, mainZone) !== "");
      if (!row.blank && pieceLabel(a, mainZone) === "" && named.length === 1) {
        const y = (named[0] as Piece).y;
        spans.set(row, { top: y - 3, bottom: y + 3, mid: y, unlessPaired: true });
      }
    }
    return row;
  });
}

/** Rows of a page segment, side by side in printed order. */
/**
 * The distance between rows on a page: rows with amounts may be several rows apart (blank rows
 * between), so it is the smallest gap that recurs between lines carrying an amount or a code on
 * any side (both sides of a two-sided table share the page's rows), not the median.
 */
function rowPitch(all: readonly Piece[][], body: readonly GridLine[], oneSided: boolean): number {
  // lines with amounts and a label or code on the same side (a line of amounts alone may be one
  // half of an amount wrapped in a narrow cell, a few points from its row)
  const labelled = all.filter((ps) =>
    ps.some((p) => (p.amounts.size > 0 || p.dashes.size > 0) && (p.codes.length > 0 || p.texts.size > 0)),
  );
  const source =
    labelled.length >= 3
      ? labelled
      : all.filter((ps) => ps.some((p) => p.amounts.size > 0 || p.codes.length > 0 || p.dashes.size > 0));
  const h = body.length > 0 ? body.reduce((s, l) => s + l.h, 0) / body.length : 10;
  const gapsOf = (lines: readonly Piece[][]) => {
    const ys = lines.map((ps) => (ps[0] as Piece).y).sort((a, b) => a - b);
    const gaps: number[] = [];
    for (let i = 1; i < ys.length; i++) {
      const d = (ys[i] as number) - (ys[i - 1] as number);
      if (d > 1) gaps.push(d);
    }
    return gaps.sort((a, b) => a - b).filter((g) => g >= h * 0.8);
  };
  // (two gaps alike: within 15 % of the smaller, whichever of the two is looked at)
  const alike = (gaps: readonly number[], g: number) => gaps.filter((x) => Math.abs(x - g) <= Math.min(x, g) * 0.15);
  const usable = gapsOf(source);
  for (const g of usable) if (alike(usable, g).length >= 2) return g;
  // a page of a one-sided table's rows mostly printed blank, two or fewer with amounts (its last
  // rows run on to a page of their own): the distance most lines of text stand apart, where most
  // are rows (a two-sided table's lines are of two sides' rows)
  if (usable.length < 2 && oneSided) {
    const lines = gapsOf(
      all.filter((ps) => ps.some((p) => p.texts.size > 0 || p.amounts.size > 0 || p.codes.length > 0)),
    );
    // (farther apart than a wrapped label's lines stand, about two lines: those are alike too)
    const most = lines.find((g) => g > h * 2.2 && alike(lines, g).length > Math.max(2, lines.length / 2));
    if (most !== undefined) return most;
  }
  return usable[0] ?? h * 2;
}

/** Numbers that count up one by one, most of the way (a few skipped or repeated). */
function countsUp(nums: readonly number[]): boolean {
  let steps = 0;
  for (let i = 1; i < nums.length; i++) if ((nums[i] as number) === (nums[i - 1] as number) + 1) steps++;
  return steps >= (nums.length - 1) * 0.8;
}

/**
 * A column of row numbers (序号 1, 2, 3 … printed before the labels) says nothing about the rows:
 * the numbers are taken out, so they are neither read as codes nor glued to the labels.
 */
export function withoutRowNumbers(body: readonly GridLine[]): readonly GridLine[] {
  const firsts = body.map((l) => {
    const t = l.tokens[0];
    const next = l.tokens[1];
    return t && next && t.kind === "int" && t.text.length <= 3 && next.x0 - t.x1 > 1 ? Number(t.text) : undefined;
  });
  const nums = firsts.filter((n): n is number => n !== undefined);
  if (nums.length < 3) return body;
  // row numbers are printed on most rows; class codes (301, 302, 303) head their own item codes
  const numbered = body.filter((l) => l.tokens.some((t) => t.kind === "amount" || t.kind === "int")).length;
  if (nums.length < numbered * 0.5) return body;
  const longer = body.map((l) => l.tokens[0]).filter((t) => t?.kind === "int" && t.text.length > 3);
  if (longer.some((t) => nums.some((n) => t?.text.startsWith(String(n))))) return body;
  // a 序号 column is the table's leftmost: lines without a number start at it or right of it. Codes
  // printed before names on the right side of a two-sided table (205 教育支出, 206 科学技术支出 …)
  // run on like numbers, but the income side's lines start far left of them.
  const numberX0 = Math.min(...body.flatMap((l, i) => (firsts[i] === undefined ? [] : [(l.tokens[0] as Token).x0])));
  const others = body.filter((l, i) => firsts[i] === undefined && l.tokens.length > 0);
  const leftOf = others.filter((l) => (l.tokens[0] as Token).x0 < numberX0 - l.h).length;
  if (leftOf >= 2 && leftOf > others.length * 0.2) return body;
  if (!countsUp(nums)) return body;
  return body.map((l, i) => (firsts[i] === undefined ? l : { ...l, tokens: l.tokens.slice(1) }));
}

/** The heading of a 行次 column (the national 决算 tables print one per side: 1–30, 31–60). */
const LINE_NUMBER_HEADING = /^行\s*次$/;

/**
 * A 行次 column (line numbers under a 行次 heading, printed between a side's labels and its
 * amounts) says nothing about the rows: its numbers are taken out, so they are neither glued to
 * the labels ("八、其他收入8") nor read as a row of their own on lines whose label is blank, nor
 * taken for bare amounts in a table in 元. A number is taken only under the heading, and only where
 * the numbers there count up line by line.
 */
export function withoutLineNumbers(body: readonly GridLine[], head: readonly GridLine[]): readonly GridLine[] {
  const headings = head.flatMap((l) => l.tokens.filter((t) => LINE_NUMBER_HEADING.test(t.text)));
  if (headings.length === 0) return body;
  const drop = new Set<Token>();
  for (const h of headings) {
    const width = h.x1 - h.x0;
    const under = (t: Token) => {
      const cx = (t.x0 + t.x1) / 2;
      return t.kind === "int" && t.text.length <= 3 && cx >= h.x0 - width / 2 && cx <= h.x1 + width / 2;
    };
    const found = body.flatMap((l) => l.tokens.filter(under));
    if (found.length < 3) continue;
    if (!countsUp(found.map((t) => Number(t.text)))) continue;
    for (const t of found) drop.add(t);
  }
  if (drop.size === 0) return body;
  return body.map((l) =>
    l.tokens.some((t) => drop.has(t)) ? { ...l, tokens: l.tokens.filter((t) => !drop.has(t)) } : l,
  );
}

export function segmentRows(body: readonly GridLine[], layout: SegmentLayout): GridRow[] {
  const all = body.map((l, i) => pieces(l, i, layout));
  const pitch = rowPitch(all, body, layout.sideStarts.length === 1);
  const out: GridRow[] = [];
  const spans = new Map<GridRow, LineSpan>();
  layout.sideStarts.forEach((_, side) => {
    out.push(
      ...sideRows(
        all.map((p) => p[side] as Piece),
        layout,
        side,
        pitch,
        spans,
        body[0]?.step,
      ),
    );
  });
  alignSides(out, spans);
  return out;
}

/**
 * A two-sided table's row whose label and amounts do not share one line is on the printed line of
 * the other side's row that stands where its label does, and takes that row's y so that the two are
 * read as one line of the table: a label printed blank and wrapped over the lines of a tall cell
 * (the other side's row centred beside them, or level with the first when cells are set at the top),
 * or amounts set off their label's line (普陀 2024 表4's "2,940.05" above "一、一般公共预算财政拨款").
 * A line that holds another row of its side is not taken; a row with amounts that already has the
 * other side's row on its own line stays where it is.
 */
function alignSides(rows: GridRow[], spans: ReadonlyMap<GridRow, LineSpan>): void {
  const level = (a: GridRow, b: GridRow) => a.page === b.page && Math.abs(a.y - b.y) < 3;
  for (const [r, { top, bottom, mid, unlessPaired }] of spans) {
    if (unlessPaired && rows.some((o) => o.side !== r.side && level(o, r))) continue;
    let best: GridRow | undefined;
    for (const o of rows) {
      if (o.side === r.side || o.page !== r.page || o.y < top || o.y > bottom) continue;
      if (rows.some((x) => x !== r && x.side === r.side && level(x, o))) continue;
      if (!best || Math.abs(o.y - mid) < Math.abs(best.y - mid)) best = o;
    }
    if (best) r.y = best.y;
  }
}
