/**
 * The reader checks its own reading. A printed table declares how it adds up — a 合计 column over
 * the columns it totals, a 合计 row over the rows under it — through its headers, classification
 * codes, list numbers (一、 （一） 1.) and indentation; its numbers confirm which declaration is
 * meant. Candidates are made from each of those signals (and, across, from runs of columns the
 * numbers alone say are summed), each is tested on every row or column, and the one that holds best
 * is kept. A reading where many identities fail is a misreading, not a document full of errors:
 * real errors are local (one or two identities fail), misreadings are not.
 */
import { checkSum, sumTolerance as sumToleranceOf } from "../../model/sums.ts";
import { columnMeaning, columnMeanings, SUMS } from "../../templates/column-words.ts";
import type { GridRow } from "./rows.ts";

export interface AcrossIdentity {
  total: number;
  parts: number[];
  /** declared by the headers (else found from the numbers alone) */
  declared: boolean;
}

export interface DownIdentity {
  total: number;
  parts: number[];
  /** amount columns it holds in (the row's side) */
  columns: number[];
}

export interface Verification {
  across: AcrossIdentity[];
  down: DownIdentity[];
  /** identity instances tested (a total and its parts, in one row or one column) */
  tested: number;
  /** instances that fail beyond rounding */
  failed: number;
  /** how the rows were seen as nested: by code, list numbers, indentation, or flat */
  structure: string;
}

export interface VerifyInput {
  rows: readonly GridRow[];
  /** per row, per column: the amount in 分, or null */
  values: readonly (readonly (number | null)[])[];
  /** per column: header path and side */
  columns: readonly { path: readonly string[]; side: number }[];
  sides: number;
  /** the smallest printed step in 分 (rounding tolerance) */
  step: number;
  /** codes are economic (3/5 digits per level) rather than functional (3/5/7) */
  economic: boolean;
}

const TOTAL_LEAF = /^(?:其中[:：])?(?:合计|总计|小计|.{0,14}(?:合计|总计|总额))$/;
const TOTAL_ROW =
  /^(?:合计|总计|小计|共计|收入总计|支出总计|收入合计|支出合计|.{0,12}(?:合计|总计)|(?:本年|当年).{0,8}小计|.{0,6}(?:收入|支出)小计)$/;
/** A group's subtotal printed at its head ("小计" over the rows of 一般公共预算资金, then 政府性基金 …). */
const SUBTOTAL_ROW = /^(?:其中[:：])?小计$/;
/** "其中：…" — a part of the row above, not always all of it. */
const OF_WHICH = /^其中[:：]?(?![（(]?[一二三四五六七八九十\d])/;

const leafOf = (path: readonly string[]) => (path[path.length - 1] ?? "").replace(/\s+/g, "");

interface Tally {
  tested: number;
  failed: number;
  /** rows (across) or columns (down) where the total is not 0 and at least two parts are */
  informative: number;
}

function tallyAcross(input: VerifyInput, total: number, parts: readonly number[], rowsOf: readonly number[]): Tally {
  const t: Tally = { tested: 0, failed: 0, informative: 0 };
  const vals: (number | null)[] = [];
  for (const r of rowsOf) {
    const row = input.values[r] as readonly (number | null)[];
    vals.length = 0;
    let nonzero = 0;
    for (const p of parts) {
      const v = row[p] ?? null;
      vals.push(v);
      if (v) nonzero++;
    }
    const c = checkSum(row[total] ?? null, vals, input.step);
    if (!c) continue;
    t.tested++;
    if (c.status === "fail") t.failed++;
    else if (c.total !== 0 && nonzero >= 2) t.informative++;
  }
  return t;
}

function tallyDown(input: VerifyInput, id: DownIdentity): Tally {
  const t: Tally = { tested: 0, failed: 0, informative: 0 };
  for (const c of id.columns) {
    const parts = id.parts.map((r) => input.values[r]?.[c] ?? null);
    const chk = checkSum(input.values[id.total]?.[c] ?? null, parts, input.step);
    if (!chk) continue;
    t.tested++;
    if (chk.status === "fail") t.failed++;
    else if (chk.total !== 0 && parts.filter((v) => v).length >= 2) t.informative++;
  }
  return t;
}

/** Columns of a side, in order. */
function sideColumns(input: VerifyInput, side: number): number[] {
  const out: number[] = [];
  input.columns.forEach((c, i) => {
    if (c.side === side) out.push(i);
  });
  return out;
}

/**
 * Across candidates from the header tree: a group's 小计/合计 column is the sum of the group's other
 * members (a member group counts by its own total, or its leaves); the side's first 合计/总计 column
 * (or its first column, when the headers do not say) is the sum of the top-level members.
 */
function declaredAcross(input: VerifyInput, cols: readonly number[]): AcrossIdentity[] {
  const out: AcrossIdentity[] = [];
  const pathOf = (i: number) => (input.columns[i] as { path: readonly string[] }).path;
  const isTotal = (i: number) => TOTAL_LEAF.test(leafOf(pathOf(i)));
  // members of a group (by path prefix): leaves directly under it, and its direct subgroups
  const members = (prefix: readonly string[]) => {
    const direct: { col?: number; group?: string[] }[] = [];
    const seen = new Set<string>();
    for (const i of cols) {
      const p = pathOf(i);
      if (p.length <= prefix.length || prefix.some((w, k) => p[k] !== w)) continue;
      if (p.length === prefix.length + 1) direct.push({ col: i });
      else {
        const g = p.slice(0, prefix.length + 1);
        const key = g.join("/");
        if (!seen.has(key)) {
          seen.add(key);
          direct.push({ group: g });
        }
      }
    }
    return direct;
  };
  const valuesOf = (m: { col?: number; group?: string[] }): number[] => {
    if (m.col !== undefined) return [m.col];
    const ms = members(m.group as string[]);
    const tot = ms.find((x) => x.col !== undefined && isTotal(x.col));
    if (tot?.col !== undefined) return [tot.col];
    return ms.flatMap(valuesOf);
  };
  // the column with this leaf in a group, through its total subgroup when it has one (公务用车 → 小计 → 一般公共预算)
  const sameLeaf = (group: readonly string[], leaf: string): number | undefined => {
    const ms = members(group);
    const direct = ms.find((m) => m.col !== undefined && leafOf(pathOf(m.col)) === leaf);
    if (direct?.col !== undefined) return direct.col;
    const sub = ms.find((m) => m.group && TOTAL_LEAF.test(m.group[m.group.length - 1] ?? ""));
    return sub?.group ? sameLeaf(sub.group, leaf) : undefined;
  };
  const visit = (prefix: readonly string[]) => {
    const ms = members(prefix);
    if (ms.length < 2) {
      for (const m of ms) if (m.group) visit(m.group);
      return;
    }
    // a group named as a total (总计 over 一般公共预算 | 政府性基金 | 国有资本经营, beside groups with
    // the same columns): each of its columns is the sum of the same column of the other groups
    const totalGroup = ms.find((m) => m.group && TOTAL_LEAF.test(m.group[m.group.length - 1] ?? ""));
    if (totalGroup?.group) {
      for (const m of members(totalGroup.group)) {
        if (m.col === undefined) continue;
        const leaf = leafOf(pathOf(m.col));
        const parts: number[] = [];
        for (const o of ms) {
          if (o === totalGroup) continue;
          const inner = o.group ? sameLeaf(o.group, leaf) : undefined;
          if (inner !== undefined) parts.push(inner);
        }
        if (parts.length > 0) out.push({ total: m.col, parts, declared: true });
      }
    }
    let totalIdx = ms.findIndex((m) => m.col !== undefined && isTotal(m.col));
    // a side's first column heads the rest when nothing is marked as a total (预算数 | …)
    if (totalIdx < 0 && prefix.length === 0 && ms[0]?.col !== undefined && ms.length >= 3) totalIdx = 0;
    if (totalIdx >= 0) {
      const total = (ms[totalIdx] as { col: number }).col;
      const parts = ms.filter((_, k) => k !== totalIdx).flatMap(valuesOf);
      if (parts.length > 0) out.push({ total, parts, declared: true });
    }
    for (const m of ms) if (m.group) visit(m.group);
  };
  visit([]);
  return out;
}

/** Across candidates from the numbers: a column that is the sum of a run of the columns after it. */
function runAcross(cols: readonly number[]): AcrossIdentity[] {
  const out: AcrossIdentity[] = [];
  for (let a = 0; a < cols.length; a++) {
    for (let k = 2; a + k < cols.length; k++) {
      out.push({ total: cols[a] as number, parts: cols.slice(a + 1, a + 1 + k), declared: false });
    }
  }
  return out;
}

/**
 * Across candidates from what the columns mean (column-words.ts): a 三公 total is overseas travel +
 * reception + vehicles, vehicles are purchase + operation, 基本支出 is 人员 + 公用 … Columns are read in
 * blocks, each starting at a total (a table printing 2025 and 2026 side by side has two blocks).
 */
function semanticAcross(input: VerifyInput, cols: readonly number[]): AcrossIdentity[] {
  const out: AcrossIdentity[] = [];
  const keys = columnMeanings(cols.map((c) => (input.columns[c] as { path: readonly string[] }).path)).map(
    (m) => m?.key,
  );
  // a block starts at a total, and where the columns' top heading changes (本年收入 | 上年结转结余)
  const top = cols.map((c) => {
    const p = (input.columns[c] as { path: readonly string[] }).path;
    return p.length >= 2 ? p[0] : undefined;
  });
  const starts: number[] = [];
  keys.forEach((k, i) => {
    if (k === "total" || i === 0) starts.push(i);
  });
  starts.forEach((a, bi) => {
    const b = starts[bi + 1] ?? cols.length;
    // columns under different period headings (本年收入 | 上年结转结余, 2025年 | 2026年) never add up
    const PERIOD = /本年|上年|当年|结转|结余|\d{4}年/;
    const apart = (x: string | undefined, y: string | undefined) =>
      x !== undefined && y !== undefined && x !== y && PERIOD.test(x) && PERIOD.test(y);
    const inBlock = (key: string, under?: string) => {
      for (let i = a; i < b; i++) if (keys[i] === key && !apart(under, top[i])) return cols[i] as number;
      return undefined;
    };
    for (const rule of SUMS) {
      const total = inBlock(rule.total);
      if (total === undefined) continue;
      // a total under a top heading (本年收入 | 上年结转结余) sums the columns under the same heading
      const under = top[cols.indexOf(total)];
      const inBlockOf = (key: string) => inBlock(key, under);
      // a member printed through its own subtotal counts once, by the subtotal
      const covered = new Set<string>();
      for (const r2 of SUMS)
        if (r2 !== rule && r2.total !== "total" && inBlockOf(r2.total) !== undefined && rule.parts.includes(r2.total))
          for (const p of r2.parts) covered.add(p);
      const parts: number[] = [];
      for (const key of rule.parts) {
        if (covered.has(key)) continue;
        const c = inBlockOf(key);
        if (c !== undefined && c !== total) parts.push(c);
      }
      // a family's members printed without their subtotal column (vehicles as 购置 + 运行)
      for (const r2 of SUMS) {
        if (r2.total === "total" || !rule.parts.includes(r2.total) || inBlockOf(r2.total) !== undefined) continue;
        for (const key of r2.parts) {
          const c = inBlockOf(key);
          if (c !== undefined && !parts.includes(c)) parts.push(c);
        }
      }
      if (parts.length >= 2 || (parts.length === 1 && rule.total !== "total"))
        out.push({ total, parts, declared: true });
    }
  });
  return out;
}

function chooseAcross(input: VerifyInput, rowsOf: readonly number[], cols: readonly number[]): AcrossIdentity[] {
  const cands = [...semanticAcross(input, cols), ...declaredAcross(input, cols), ...runAcross(cols)];
  const best = new Map<number, { id: AcrossIdentity; t: Tally }>();
  for (const id of cands) {
    const t = tallyAcross(input, id.total, id.parts, rowsOf);
    if (t.tested === 0) continue;
    const allowed = Math.max(1, Math.floor(t.tested * 0.1));
    if (t.failed > allowed) continue;
    // the numbers alone declare a sum only where they are many: rows of zeros and single amounts
    // agree with almost any sum
    if (!id.declared && (t.informative < 3 || t.informative < t.tested * 0.3)) continue;
    const cur = best.get(id.total);
    const better =
      !cur ||
      t.failed < cur.t.failed ||
      (t.failed === cur.t.failed &&
        (t.informative > cur.t.informative ||
          (t.informative === cur.t.informative &&
            (Number(id.declared) > Number(cur.id.declared) ||
              (id.declared === cur.id.declared && id.parts.length > cur.id.parts.length)))));
    if (better) best.set(id.total, { id, t });
  }
  // a column that is a part of a kept identity and also a total over the same columns is redundant
  return [...best.values()].map((b) => b.id);
}

const MARKERS: [RegExp, string][] = [
  [/^[一二三四五六七八九十]+[、.．]/, "cn"],
  [/^[（(][一二三四五六七八九十]+[)）]/, "pcn"],
  [/^\d{1,2}[.、．](?!\d)/, "num"],
  [/^[（(]\d{1,2}[)）]/, "pnum"],
];

function markerKind(label: string): string | undefined {
  const l = label.replace(/^其中[:：]?/, "");
  for (const [re, k] of MARKERS) if (re.test(l)) return k;
  return undefined;
}

function codeDepth(code: string | undefined, economic: boolean): number | undefined {
  if (!code) return undefined;
  if (economic) return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : undefined;
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : undefined;
}

/**
 * Totals of two halves of one whole, printed one after the other (人员经费合计 over the 301 and 303
 * classes, then 公用经费合计 over the others): the second does not include the first, as 收入总计
 * includes 本年收入合计.
 */
const HALVES = /^(?:其中[:：]?)?(人员经费|公用经费)/;
function peerTotals(a: string, b: string): boolean {
  const x = HALVES.exec(a.replace(/\s+/g, ""))?.[1];
  const y = HALVES.exec(b.replace(/\s+/g, ""))?.[1];
  return x !== undefined && y !== undefined && x !== y;
}

/**
 * Down identities from a depth per row (0 = a total row; undefined = not in the structure).
 * `peers(a, b)`: the totals at positions a and b are halves of one whole, not one over the other.
 */
function downFromDepths(
  rows: readonly number[],
  depth: readonly (number | undefined)[],
  columns: number[],
  peers: (a: number, b: number) => boolean = () => false,
): DownIdentity[] {
  const out: DownIdentity[] = [];
  const n = rows.length;
  // parents over their children
  for (let a = 0; a < n; a++) {
    const d = depth[a];
    if (d === undefined || d === 0) continue;
    const kids: number[] = [];
    let min = Number.POSITIVE_INFINITY;
    for (let b = a + 1; b < n; b++) {
      const e = depth[b];
      if (e === undefined) continue;
      if (e <= d) break;
      if (e < min) {
        min = e;
        kids.length = 0;
      }
      if (e === min) kids.push(b);
    }
    if (kids.length > 0) out.push({ total: rows[a] as number, parts: kids.map((k) => rows[k] as number), columns });
  }
  // total rows: at the top, over the top-level rows below them; else over the rows since the last
  // total (and that total: 收入总计 = 本年收入合计 + 上年结转), leaving out rows a top total covered
  let lastTotal = -1;
  let coveredTo = -1;
  for (let a = 0; a < n; a++) {
    if (depth[a] !== 0) continue;
    const before: number[] = [];
    let min = Number.POSITIVE_INFINITY;
    for (let b = Math.max(lastTotal, coveredTo) + 1; b < a; b++) {
      const e = depth[b];
      if (e === undefined || e === 0) continue;
      if (e < min) {
        min = e;
        before.length = 0;
      }
      if (e === min) before.push(b);
    }
    if (before.length > 0 || lastTotal >= 0) {
      const previous = lastTotal >= 0 && !peers(lastTotal, a) ? [lastTotal] : [];
      const parts = [...previous, ...before].map((k) => rows[k] as number);
      if (parts.length > 0) out.push({ total: rows[a] as number, parts, columns });
    } else {
      const after: number[] = [];
      let m2 = Number.POSITIVE_INFINITY;
      for (let b = a + 1; b < n; b++) {
        const e = depth[b];
        if (e === undefined) continue;
        if (e === 0) break;
        if (e < m2) {
          m2 = e;
          after.length = 0;
        }
        if (e === m2) after.push(b);
      }
      if (after.length > 0) {
        out.push({ total: rows[a] as number, parts: after.map((k) => rows[k] as number), columns });
        // the rows under the last covered one belong to it too
        let end = after[after.length - 1] as number;
        while (end + 1 < n && depth[end + 1] !== 0 && (depth[end + 1] === undefined || (depth[end + 1] as number) > m2))
          end++;
        coveredTo = end;
      }
    }
    lastTotal = a;
  }
  return out;
}

/**
 * Indentation levels: distinct label starts, ranked left to right; starts within `tol` points of
 * each other are one level (a short name is sometimes printed a space further in).
 */
function indentLevels(xs: readonly number[], tol = 1.5): (number | undefined)[] {
  const vals = [...new Set(xs.filter((x) => Number.isFinite(x)).map((x) => Math.round(x * 2) / 2))].sort(
    (a, b) => a - b,
  );
  const levels: number[] = [];
  for (const v of vals) if (levels.length === 0 || v - (levels[levels.length - 1] as number) > tol) levels.push(v);
  return xs.map((x) => {
    if (!Number.isFinite(x)) return undefined;
    let k = 0;
    for (let i = 0; i < levels.length; i++) if (x >= (levels[i] as number) - 1.5) k = i;
    return k + 1;
  });
}

function chooseDown(input: VerifyInput, side: number, cols: number[]): { ids: DownIdentity[]; structure: string } {
  const rows: number[] = [];
  input.rows.forEach((r, i) => {
    if (r.side === side) rows.push(i);
  });
  if (rows.length < 2 || cols.length === 0) return { ids: [], structure: "none" };
  const label = (i: number) => (input.rows[i] as GridRow).label;
  const isTotal = rows.map((r) => TOTAL_ROW.test(label(r).replace(/^[一二三四五六七八九十]+、/, "")));
  const candidates: { name: string; depth: (number | undefined)[] }[] = [];
  // by code
  const byCode = rows.map((r, k) => (isTotal[k] ? 0 : codeDepth((input.rows[r] as GridRow).code, input.economic)));
  if (byCode.filter((d) => d !== undefined && d > 0).length >= 2) candidates.push({ name: "code", depth: byCode });
  // by code prefixes, whatever the code lengths (unit codes 222 / 222001, economic 30211 / 3021101):
  // a code's depth is how many printed codes it extends
  const codes = rows.map((r) => (input.rows[r] as GridRow).code);
  const printed = new Set(codes.filter((c): c is string => c !== undefined));
  if (printed.size >= 2) {
    const byPrefix = rows.map((_, k) => {
      if (isTotal[k]) return 0;
      const c = codes[k];
      if (!c) return undefined;
      let d = 1;
      for (let n = 1; n < c.length; n++) if (printed.has(c.slice(0, n))) d++;
      return d;
    });
    if (byPrefix.some((d, k) => d !== byCode[k])) candidates.push({ name: "code-prefix", depth: byPrefix });
  }
  // by list numbers: kinds ranked by first appearance; unnumbered rows are details of the last numbered one
  const kinds: string[] = [];
  const mk = rows.map((r) => markerKind(label(r)));
  for (const k of mk) if (k && !kinds.includes(k)) kinds.push(k);
  if (kinds.length > 0) {
    const firstMarked = mk.findIndex((k) => k !== undefined);
    const base = rows.slice(0, firstMarked).some((_, k) => !isTotal[k]) ? 1 : 0;
    let last = 0;
    // (a numbered 合计 line — "一、本年支出合计" over its classes, "二、年终结转结余" beside it — is a
    // numbered line here, not a total)
    const depth = rows.map((_, k) => {
      if (isTotal[k] && !mk[k]) return 0;
      const kind = mk[k];
      if (kind) {
        last = base + kinds.indexOf(kind) + 1;
        return last;
      }
      return k < firstMarked ? 1 : last + 1;
    });
    candidates.push({ name: "numbers", depth });
  }
  // by indentation
  const ind = indentLevels(rows.map((r, k) => (isTotal[k] ? Number.NaN : (input.rows[r] as GridRow).indent)));
  for (const tol of [1.5, 4, 8]) {
    const lv = indentLevels(
      rows.map((r, k) => (isTotal[k] ? Number.NaN : (input.rows[r] as GridRow).indent)),
      tol,
    );
    if (new Set(lv.filter((d) => d !== undefined)).size >= 2)
      candidates.push({ name: "indentation", depth: rows.map((_, k) => (isTotal[k] ? 0 : lv[k])) });
  }
  // by the column of the label's last cell (levels printed in columns of their own)
  // (cells centre their text: a long name in a column starts further left and its last cell further
  // right than a short one's, so the levels are also tried with a coarser tolerance)
  const cellTols = rows.some(
    (r) => Math.abs((input.rows[r] as GridRow).lastCell - (input.rows[r] as GridRow).indent) > 1,
  )
    ? [4, 48]
    : [];
  let lastLevels = "";
  for (const tol of cellTols) {
    const lv = indentLevels(
      rows.map((r, k) => (isTotal[k] ? Number.NaN : (input.rows[r] as GridRow).lastCell)),
      tol,
    );
    const key = lv.join(",");
    if (key === lastLevels) continue;
    lastLevels = key;
    if (new Set(lv.filter((d) => d !== undefined)).size >= 2) {
      candidates.push({ name: "cell-columns", depth: rows.map((_, k) => (isTotal[k] ? 0 : lv[k])) });
      // numbered rows (一、货物) first: a label wrapped from the row below reaches into theirs
      if (kinds.length > 0)
        candidates.push({
          name: "numbers+cell-columns",
          depth: rows.map((_, k) => {
            if (isTotal[k] && !mk[k]) return 0;
            const kind = mk[k];
            return kind ? kinds.indexOf(kind) + 1 : kinds.length + (lv[k] ?? 1);
          }),
        });
    }
  }
  // numbers first, then indentation for the rows without a number
  if (kinds.length > 0 && new Set(ind).size >= 2) {
    const depth = rows.map((_, k) => {
      if (isTotal[k]) return 0;
      const kind = mk[k];
      return kind ? kinds.indexOf(kind) + 1 : kinds.length + (ind[k] ?? 1);
    });
    candidates.push({ name: "numbers+indentation", depth });
  }
  // flat: every row under the totals
  candidates.push({ name: "flat", depth: rows.map((_, k) => (isTotal[k] ? 0 : 1)) });
  // the national "三公" breakdown, by its names: 公务用车购置及运行费 is 购置费 + 运行费 (a table that
  // prints every label flush left shows no other sign of it)
  // (the names as the column vocabulary knows them: officialVehicles, vehiclePurchase, vehicleOperation)
  const meaning = rows.map((r) => columnMeaning([label(r)])?.key);
  if (meaning.includes("officialVehicles")) {
    let underCars = false;
    candidates.push({
      name: "names",
      depth: rows.map((_, k) => {
        if (isTotal[k]) {
          underCars = false;
          return 0;
        }
        if (meaning[k] === "officialVehicles") {
          underCars = true;
          return 1;
        }
        if (underCars && (meaning[k] === "vehiclePurchase" || meaning[k] === "vehicleOperation")) return 2;
        underCars = false;
        return 1;
      }),
    });
  }
  // a total repeated by the row after it (合计, then the department with the same amounts, then its
  // units): the rows after the repeat, up to the next total, are its parts
  const same = (a: number, b: number) =>
    cols.every((c) => (input.values[a]?.[c] ?? null) === (input.values[b]?.[c] ?? null)) &&
    cols.some((c) => (input.values[a]?.[c] ?? null) !== null);
  if (rows.some((r, k) => isTotal[k] && k + 1 < rows.length && !isTotal[k + 1] && same(r, rows[k + 1] as number))) {
    let under = false;
    candidates.push({
      name: "repeat",
      depth: rows.map((r, k) => {
        if (isTotal[k]) {
          under = false;
          return 0;
        }
        if (k > 0 && isTotal[k - 1] && same(rows[k - 1] as number, r)) {
          under = true;
          return 1;
        }
        return under ? 2 : 1;
      }),
    });
  }
  // groups headed by their 小计: the rows after a 小计, up to the next, are its members
  if (rows.some((r) => SUBTOTAL_ROW.test(label(r)))) {
    let inGroup = false;
    candidates.push({
      name: "subtotals",
      depth: rows.map((r, k) => {
        if (SUBTOTAL_ROW.test(label(r))) {
          inGroup = true;
          return 1;
        }
        if (isTotal[k]) {
          inGroup = false;
          return 0;
        }
        return inGroup ? 2 : 1;
      }),
    });
  }
  // every structure also without its "其中" rows (a part shown, not an addend)
  const ofWhich = rows.map((r) => OF_WHICH.test(label(r)));
  if (ofWhich.some(Boolean)) {
    for (const c of [...candidates])
      candidates.push({ name: `${c.name}-其中`, depth: c.depth.map((d, k) => (ofWhich[k] ? undefined : d)) });
  }
  const score = (depth: readonly (number | undefined)[]) => {
    const ids = downFromDepths(rows, depth, cols, (a, b) =>
      peerTotals(label(rows[a] as number), label(rows[b] as number)),
    );
    let failed = 0;
    let held = 0;
    const kept: DownIdentity[] = [];
    const failing: DownIdentity[] = [];
    for (const id of ids) {
      const t = tallyDown(input, id);
      if (t.tested === 0) continue;
      failed += t.failed;
      held += t.tested - t.failed;
      kept.push(id);
      if (t.failed > 0) failing.push(id);
    }
    return { ids: kept, failed, held, failing, misprints: failed === 0 ? 0 : misprints(input, failing) };
  };
  // no code prints the rows' levels (a list numbered, or not at all, its rows flush: text whose
  // indentation was lost): the sums alone may say which rows a total's parts break down into
  const unprinted = !candidates.some((c) => c.name === "code" || c.name === "code-prefix");
  // a row printed blank (no amount in any column) heads nothing: it is a line with nothing in it, or a
  // piece of a label wrapped over three lines as tall as rows
  const blank = rows.map((r) => cols.every((c) => (input.values[r]?.[c] ?? null) === null));
  let best: { ids: DownIdentity[]; structure: string; failed: number; held: number; misprints: number } | undefined;
  for (const c of candidates) {
    const depth = c.depth.map((d, k) => (blank[k] && d !== 0 ? undefined : d));
    let s = score(depth);
    // local repairs: a row whose label starts at the cell's edge (a long name wrapped from its
    // first character, or continued from the page before) looks a level too high. When a parent
    // falls short of its children by exactly the amounts of the rows right after them at its own
    // level, those rows are its children.
    for (let round = 0; round < 12 && s.failed > 0; round++) {
      let improved = false;
      for (const id of s.failing) {
        const a = rows.indexOf(id.total);
        const d = depth[a];
        if (d === undefined || d === 0) continue;
        const kids = id.parts.map((r) => rows.indexOf(r));
        const shortBy = cols.map((c) => {
          const total = input.values[id.total]?.[c] ?? 0;
          let sum = 0;
          for (const r of id.parts) sum += input.values[r]?.[c] ?? 0;
          return total - sum;
        });
        if (shortBy.every((x) => x === 0)) continue;
        const kidDepth = depth[kids[0] as number] as number;
        let b = (kids[kids.length - 1] as number) + 1;
        while (b < rows.length && (depth[b] === undefined || (depth[b] as number) > kidDepth)) b++;
        const acc = cols.map(() => 0);
        const take: number[] = [];
        for (let k = b; k < rows.length && take.length < 20; k++) {
          if (depth[k] === undefined) continue;
          // rows at the parent's level (to move under it) and rows already at the children's level
          if (depth[k] !== d && depth[k] !== kidDepth) break;
          take.push(k);
          cols.forEach((c, ci) => {
            acc[ci] = (acc[ci] as number) + (input.values[rows[k] as number]?.[c] ?? 0);
          });
          const tol = sumToleranceOf(id.parts.length + take.length, input.step);
          if (acc.every((x, ci) => Math.abs(x - (shortBy[ci] as number)) <= tol)) {
            const trial = [...depth];
            for (const t of take) trial[t] = kidDepth;
            const t = score(trial);
            if (t.failed < s.failed) {
              for (const x of take) depth[x] = kidDepth;
              s = t;
              improved = true;
            }
            break;
          }
        }
        if (improved) break;
      }
      if (!improved) break;
    }
    s = withBreakdowns(depth, s, score, rows, cols, input, unprinted && (c.name === "numbers" || c.name === "flat"));
    if (process.env.YS_DEBUG)
      console.error(
        "cand",
        c.name,
        s.failed,
        s.held,
        s.failing.map((f) => (input.rows[f.total] as GridRow).label).join(","),
      );
    // the reading that needs the fewest misprinted cells to explain its failures, then the one that
    // holds most: a single changed figure fails its parent's sum and its own, and a structure that
    // does not test it (flat) must not win by testing less
    // (fewer misprints win only over a reading that does not test twice as much: one misprinted
    // cell in a code hierarchy that holds 134 times is a wrong figure, not a reason to read the
    // table flat and test nothing)
    const beats = (a: typeof s, b: NonNullable<typeof best>) => {
      if (a.misprints !== b.misprints) {
        const aFewer = a.misprints < b.misprints;
        const [few, many] = aFewer ? [a, b] : [b, a];
        const testsLess = few.held * 2 < many.held && many.misprints <= 2;
        return aFewer !== testsLess;
      }
      return a.held > b.held || (a.held === b.held && a.failed < b.failed);
    };
    if (!best || beats(s, best))
      best = { ids: s.ids, structure: c.name, failed: s.failed, held: s.held, misprints: s.misprints };
  }
  return best ? { ids: best.ids, structure: best.structure } : { ids: [], structure: "none" };
}

/**
 * A breakdown printed flush with its row: 年初结转和结余, then 一般公共预算财政拨款 and 政府性基金预算
 * 财政拨款 at the same indent (the national 决算 总表 print the carry-over's parts so), which a total
 * over them counts twice. Where a failing total's parts hold a row followed by rows that add up to
 * it in every column (one row or more), those rows are taken as its parts, one level down, if the
 * reading then fails less; where nothing prints the levels, all such breakdowns among a total's parts
 * at once. (Depths are changed in place, as the repair above does.)
 */
function withBreakdowns<S extends { failed: number; failing: DownIdentity[] }>(
  depth: (number | undefined)[],
  s: S,
  score: (depth: readonly (number | undefined)[]) => S,
  rows: readonly number[],
  cols: readonly number[],
  input: VerifyInput,
  /** no code prints the levels, and nothing but list numbers do: every breakdown may be nested at once */
  unprinted: boolean,
): S {
  for (let round = 0; round < 24 && s.failed > 0; round++) {
    let improved = false;
    for (const id of s.failing) {
      const parts = id.parts.map((r) => rows.indexOf(r));
      for (let p = 0; p < parts.length - 1 && !improved; p++) {
        // (one row equal to the one before is its breakdown too: a 款 with a single 项, where no
        // indentation or code tells them apart, when the reading then fails less)
        const q = breakdownEnd(parts, p, depth, rows, cols, input);
        if (q === undefined) continue;
        const at = parts[p] as number;
        const trial = [...depth];
        for (let j = p + 1; j <= q; j++) trial[parts[j] as number] = (depth[at] ?? 1) + 1;
        const t = score(trial);
        if (t.failed < s.failed) {
          for (let j = p + 1; j <= q; j++) depth[parts[j] as number] = trial[parts[j] as number];
          s = t;
          improved = true;
        }
      }
      if (improved) break;
      // every breakdown among the parts at once (a 类 over two 款, each with its 项 printed flush
      // with it: nesting one 款's 项 alone still leaves the 类 failing), where no indentation, code or
      // column prints the rows' levels
      if (!unprinted) continue;
      const trial = [...depth];
      const all = id.parts.map((r) => rows.indexOf(r));
      for (let p = 0; p < all.length - 1; ) {
        const at = all[p] as number;
        const q = breakdownEnd(all, p, depth, rows, cols, input);
        if (q === undefined) {
          p++;
          continue;
        }
        for (let j = p + 1; j <= q; j++) trial[all[j] as number] = (depth[at] ?? 1) + 1;
        p = q + 1;
      }
      if (trial.some((d, k) => d !== depth[k])) {
        const t = score(trial);
        if (t.failed < s.failed) {
          for (let k = 0; k < trial.length; k++) depth[k] = trial[k];
          s = t;
          improved = true;
          break;
        }
      }
    }
    if (!improved) break;
  }
  return s;
}

/** The last of the parts right after part p that add up to it in every column (p's breakdown), if any. */
function breakdownEnd(
  parts: readonly number[],
  p: number,
  depth: readonly (number | undefined)[],
  rows: readonly number[],
  cols: readonly number[],
  input: VerifyInput,
): number | undefined {
  const at = parts[p] as number;
  const head = cols.map((c) => input.values[rows[at] as number]?.[c] ?? null);
  if (head.every((v) => v === null)) return undefined;
  const acc = cols.map(() => 0);
  for (let q = p + 1; q < parts.length; q++) {
    const k = parts[q] as number;
    // only the rows right after it (blank rows between are no part of the sum)
    if (rows.slice(at + 1, k).some((_, j) => depth[at + 1 + j] !== undefined && !parts.includes(at + 1 + j)))
      return undefined;
    cols.forEach((c, ci) => {
      acc[ci] = (acc[ci] as number) + (input.values[rows[k] as number]?.[c] ?? 0);
    });
    if (acc.every((x, ci) => Math.abs(x - (head[ci] ?? 0)) <= sumToleranceOf(q - p, input.step))) return q;
  }
  return undefined;
}

/**
 * How many cells, at least, must be misprinted for a reading's failing sums to fail: a greedy cover
 * of the failing (identity, column) checks by the cells they involve.
 */
function misprints(input: VerifyInput, failing: readonly DownIdentity[]): number {
  const checks: Set<string>[] = [];
  for (const id of failing)
    for (const c of id.columns) {
      const chk = checkSum(
        input.values[id.total]?.[c] ?? null,
        id.parts.map((r) => input.values[r]?.[c] ?? null),
        input.step,
      );
      if (chk?.status === "fail") checks.push(new Set([id.total, ...id.parts].map((r) => `${r}:${c}`)));
    }
  let open = checks;
  let n = 0;
  while (open.length > 0 && n < 50) {
    const count = new Map<string, number>();
    for (const s of open) for (const cell of s) count.set(cell, (count.get(cell) ?? 0) + 1);
    let top = "";
    let most = 0;
    for (const [cell, k] of count)
      if (k > most) {
        most = k;
        top = cell;
      }
    open = open.filter((s) => !s.has(top));
    n++;
  }
  return n;
}

/** Finds a table's identities and counts how its reading holds up. */
export function verify(input: VerifyInput): Verification {
  const across: AcrossIdentity[] = [];
  const down: DownIdentity[] = [];
  const structures: string[] = [];
  for (let side = 0; side < input.sides; side++) {
    const cols = sideColumns(input, side);
    const rowsOf: number[] = [];
    input.rows.forEach((r, i) => {
      if (r.side === side) rowsOf.push(i);
    });
    across.push(...chooseAcross(input, rowsOf, cols));
    const d = chooseDown(input, side, cols);
    down.push(...d.ids);
    structures.push(d.structure);
  }
  let tested = 0;
  let failed = 0;
  for (const id of across) {
    const rowsOf: number[] = [];
    input.rows.forEach((r, i) => {
      if (r.side === (input.columns[id.total] as { side: number }).side) rowsOf.push(i);
    });
    const t = tallyAcross(input, id.total, id.parts, rowsOf);
    tested += t.tested;
    failed += t.failed;
  }
  for (const id of down) {
    const t = tallyDown(input, id);
    tested += t.tested;
    failed += t.failed;
  }
  return { across, down, tested, failed, structure: structures.join("/") };
}
