/**
 * The generic, spec-driven table reader: PDF lines → PrintedTables. For each table title found:
 * header lines give column positions (per page, since continuation pages repeat the header with
 * other widths); each data line gives codes (leading digit cells), text by column and amounts by
 * column. Amounts are assigned to amount columns by a monotone least-distance match, so a blank
 * cell never shifts later values left. Lines that hold only a label fragment (a wrapped label,
 * often centred vertically around the code line) or only amounts (a cell centred in a tall row)
 * are attached to the nearest row on the page.
 */
import type { Cell, Column, ImportProblem, PrintedTable, Row } from "../../model/disclosure.ts";
import { type AmountUnit, parseAmount } from "../../model/money.ts";
import type { TableSpec, TemplateSpec } from "../../templates/spec.ts";
import { FUNCTION_CLASSES_2025 } from "../../templates/xinjiang-2025-budget.ts";
import type { TextChunk } from "./extract.ts";
import { type ColumnPos, headerCandidates, matchColumns } from "./header.ts";
import { isAmountToken, isPageNumber, type PdfLine } from "./lines.ts";
import { matchKey, matchTitle } from "./titles.ts";

export interface TableFound {
  table: PrintedTable;
  /** 0–1: share of the spec's amount columns located in the header */
  confidence: number;
}

export interface ReadTablesResult {
  tables: TableFound[];
  titles: string[];
  problems: ImportProblem[];
  /** line ranges [start, end) each table occupies, from its title to its last line (prose lies outside) */
  extents: { start: number; end: number }[];
}

interface Start {
  index: number;
  /** first line after the title */
  body: number;
  spec: TableSpec;
  title: string;
}

const UNIT = /单位\s*[:：]\s*(万元|元)/;
const LIST_MARKER = /^(?:[一二三四五六七八九十]+[、.．]|\d+[.、．]\s*|[（(][一二三四五六七八九十\d]+[）)]|其中[:：])/;
const TOTAL = /合计|总计/;
const CLASS_BY_NAME = new Map([
  ...FUNCTION_CLASSES_2025.map(([code, name]) => [name, code] as const),
  // names of earlier years' catalogues (Jiangsu 2017)
  ["文化体育与传媒支出", "207"],
  ["医疗卫生与计划生育支出", "210"],
  ["资源勘探信息等支出", "215"],
  ["国土海洋气象等支出", "220"],
]);

/** A function class by its printed name, or by the unique name it begins (a label wrapped in a narrow cell). */
export function classByName(name: string): string | undefined {
  const exact = CLASS_BY_NAME.get(name);
  if (exact || name.length < 4) return exact;
  const hits = [...CLASS_BY_NAME].filter(([n]) => n.startsWith(name));
  return hits.length === 1 ? (hits[0] as readonly [string, string])[1] : undefined;
}

function isStop(l: PdfLine): boolean {
  const k = matchKey(l.text);
  if (/^(注|说明)[:：:]/.test(k) || /^第[一二三四五六七八九十]+部分/.test(k)) return true;
  if (/情况说明$/.test(k) && !l.cells.some((c) => isAmountToken(c.text))) return true;
  // prose: a long sentence with no amount cells
  return k.length >= 28 && /[，。；]/.test(k) && !l.cells.some((c) => isAmountToken(c.text));
}

/** Finds table titles: a line (or two joined lines) ending with a spec title, with a 单位 line close below. */
export function findStarts(lines: readonly PdfLine[], template: TemplateSpec): Start[] {
  const out: Start[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as PdfLine;
    if (l.cells.some((c) => isAmountToken(c.text))) continue;
    let m = matchTitle(l.text, template);
    let first = i;
    const prev = lines[i - 1];
    if (prev && prev.page === l.page && l.y - prev.y < l.h * 2.6 && !prev.cells.some((c) => isAmountToken(c.text))) {
      const joined = matchTitle(prev.text + l.text, template);
      if (joined && (!m || joined.length > m.length) && !matchTitle(prev.text, template)) {
        m = joined;
        first = i - 1;
      }
    }
    if (!m) continue;
    // A real table has its 单位 line within the next few lines on the same page (a 目录 entry has not).
    let ok = UNIT.test(l.text);
    // (a title at the foot of a page may have its 单位 line at the top of the next)
    for (let j = i + 1; !ok && j < Math.min(lines.length, i + 4); j++) {
      const n = lines[j] as PdfLine;
      if (n.page > l.page + 1) break;
      if (UNIT.test(n.text)) ok = true;
      if (matchTitle(n.text, template)) break;
    }
    if (!ok) continue;
    const last = out[out.length - 1];
    if (last && last.index === first) continue;
    out.push({ index: first, body: i + 1, spec: m.spec, title: first === i ? l.text : `${prev?.text ?? ""}${l.text}` });
  }
  return out;
}

interface Proto {
  y: number;
  h: number;
  code?: string;
  /** a 2-digit code part printed on its own line, to append to the row's code */
  partial?: string;
  texts: { col: number; y: number; x: number; text: string }[];
  amounts: Map<number, string>;
  anchor: boolean;
}

/** Monotone least-distance assignment of sorted items to sorted column centres (DP). */
export function assignMonotone(items: readonly number[], cols: readonly number[]): number[] | undefined {
  const m = items.length;
  const n = cols.length;
  if (m === 0) return [];
  if (m > n) return undefined;
  const INF = Number.POSITIVE_INFINITY;
  // cost[i][j]: best cost placing items[0..i] with item i at column j
  const cost: number[][] = Array.from({ length: m }, () => new Array<number>(n).fill(INF));
  const from: number[][] = Array.from({ length: m }, () => new Array<number>(n).fill(-1));
  for (let j = 0; j < n; j++) (cost[0] as number[])[j] = Math.abs((items[0] as number) - (cols[j] as number));
  for (let i = 1; i < m; i++) {
    let bestPrev = INF;
    let bestIdx = -1;
    for (let j = 0; j < n; j++) {
      const pc = (cost[i - 1] as number[])[j - 1];
      if (j > 0 && pc !== undefined && pc < bestPrev) {
        bestPrev = pc;
        bestIdx = j - 1;
      }
      if (bestIdx >= 0) {
        (cost[i] as number[])[j] = bestPrev + Math.abs((items[i] as number) - (cols[j] as number));
        (from[i] as number[])[j] = bestIdx;
      }
    }
  }
  let j = -1;
  let best = INF;
  (cost[m - 1] as number[]).forEach((c, k) => {
    if (c < best) {
      best = c;
      j = k;
    }
  });
  if (j < 0) return undefined;
  const out = new Array<number>(m);
  for (let i = m - 1; i >= 0; i--) {
    out[i] = j;
    j = (from[i] as number[])[j] as number;
  }
  return out;
}

function splitCode(cells: TextChunk[], coded: boolean): { code?: string; rest: TextChunk[] } {
  if (!coded) return { rest: cells };
  let code = "";
  let i = 0;
  const rest = [...cells];
  while (i < rest.length) {
    const t = (rest[i] as TextChunk).text;
    const whole = /^(\d{2,7})$/.exec(t.replace(/\s+/g, ""));
    if (
      whole &&
      (code.length > 0 || (whole[1] as string).length >= 3) &&
      code.length + (whole[1] as string).length <= 7
    ) {
      code += whole[1];
      i++;
      continue;
    }
    // "30207邮电费": code and name in one cell
    const glued = /^(\d{3,7})\s*([^\d\s.,].*)$/.exec(t);
    if (glued && code.length === 0) {
      code = glued[1] as string;
      rest[i] = { ...(rest[i] as TextChunk), text: glued[2] as string };
    }
    break;
  }
  if (![3, 5, 7].includes(code.length)) return { rest: cells };
  return { code, rest: rest.slice(i) };
}

interface Ctx {
  spec: TableSpec;
  unit: AmountUnit;
  problems: ImportProblem[];
}

/** Reads one page segment of a table (lines after its header) into proto rows. */
function readSegment(data: readonly PdfLine[], cols: readonly ColumnPos[], ctx: Ctx): Proto[] {
  const { spec } = ctx;
  const coded = spec.layout === "functionCoded" || spec.layout === "economicCoded" || spec.layout === "projects";
  const amountCols = cols.filter((c) => spec.columns[c.index]?.type === "amount");
  const textCols = cols.filter((c) => spec.columns[c.index]?.type === "text");
  const allAmounts = spec.columns.flatMap((c, i) => (c.type === "amount" ? [i] : []));
  const lineLabels = new Set(
    (spec.lines ?? [])
      .filter((l) => l.side !== "expenditure")
      .flatMap((l) => [l.label, ...(l.aliases ?? [])])
      .map(matchKey),
  );
  const protos: Proto[] = [];
  for (const l of data) {
    const { code, rest } = splitCode(l.cells, coded);
    const amounts = rest.filter((c) => isAmountToken(c.text));
    // "…" placeholder rows of blank templates, and the 类/款/项 sub-header when a row of amounts shares its line
    const texts = rest.filter(
      (c) => !isAmountToken(c.text) && !/^(…+|\.{3,})$/.test(c.text) && !(coded && /^[类款项]$/.test(c.text)),
    );
    // A section code printed on the line below its class code ("302" / "01 办公费").
    let partial: string | undefined;
    if (coded && !code && texts[0] && /^\d{2}$/.test(texts[0].text)) partial = (texts.shift() as TextChunk).text;
    else if (coded && !code && texts[0] && /^\d{2}\s*\D/.test(texts[0].text)) {
      partial = texts[0].text.slice(0, 2);
      texts[0] = { ...texts[0], text: texts[0].text.slice(2).trim() };
    }
    const p: Proto = { y: l.y, h: l.h, texts: [], amounts: new Map(), anchor: false };
    if (code) p.code = code;
    if (partial) p.partial = partial;
    if (amounts.length > 0) {
      let idx = assignMonotone(
        amounts.map((a) => (a.x0 + a.x1) / 2),
        amountCols.map((c) => c.cx),
      );
      let target = amountCols.map((c) => c.index);
      // Header cells that could not be located (letters stacked vertically in a narrow cell):
      // when the line has exactly as many amounts as the spec has amount columns, they are in order.
      if ((!idx || amountCols.length < allAmounts.length) && amounts.length === allAmounts.length) {
        idx = allAmounts.map((_, k) => k);
        target = allAmounts;
      }
      if (!idx) {
        ctx.problems.push({
          code: "pdf.cells",
          severity: "warning",
          message: `${spec.title}：第 ${l.page} 页一行有 ${amounts.length} 个金额，多于表头中找到的 ${amountCols.length} 个金额列：“${l.text}”`,
          page: l.page,
        });
      } else {
        idx.forEach((k, i) => {
          p.amounts.set(target[k] as number, (amounts[i] as TextChunk).text);
        });
      }
    }
    for (const t of texts) {
      let col = textCols[0]?.index ?? -1;
      if (textCols.length > 1) {
        const cands = textCols.filter(
          (tc) => !amountCols.some((ac) => (ac.cx - t.x0) * (ac.cx - tc.cx) < 0 && Math.abs(ac.cx - t.x0) > 4),
        );
        const pool = cands.length > 0 ? cands : textCols;
        const mid = (t.x0 + t.x1) / 2;
        col = pool.reduce((a, b) => (Math.abs(b.cx - mid) < Math.abs(a.cx - mid) ? b : a)).index;
      }
      p.texts.push({ col, y: l.y, x: t.x0, text: t.text });
    }
    if (p.texts.length === 0 && p.amounts.size === 0 && !p.code && !p.partial) continue;
    const label = p.texts.map((t) => t.text).join("");
    const hasText = p.texts.length > 0;
    const hasAmounts = p.amounts.size > 0;
    if (coded) p.anchor = !!p.code || TOTAL.test(label) || (hasText && hasAmounts);
    else if (textCols.length === 0) p.anchor = hasAmounts;
    else if (hasAmounts && hasText) p.anchor = true;
    else if (hasText) {
      const many = textCols.length > 2 && spec.layout === "lines";
      p.anchor =
        !many &&
        p.texts.some(
          (t) =>
            LIST_MARKER.test(t.text) ||
            lineLabels.has(matchKey(t.text.replace(LIST_MARKER, ""))) ||
            /合计|总计|小计|结转|结余/.test(t.text) ||
            t.text.length > 8,
        );
      // A short fragment under a marker-less first line is still a row of its own in lines tables
      if (!p.anchor && !many && spec.layout === "lines") p.anchor = true;
    }
    protos.push(p);
  }
  // Coded tables whose cells are centred in tall rows print the code, the name and the amount on
  // lines a few points apart: a line without a code right next to a code line belongs to it.
  if (coded) {
    for (const p of protos) {
      if (p.code || !p.anchor || TOTAL.test(p.texts.map((t) => t.text).join(""))) continue;
      if (protos.some((a) => a.code && Math.abs(a.y - p.y) <= p.h * 0.75)) p.anchor = false;
    }
  }
  // An amount-only line with no row close by that has those cells free is a row of its own.
  for (const p of protos) {
    if (p.anchor || p.amounts.size === 0 || p.texts.length > 0) continue;
    const near = protos.some(
      (a) => a.anchor && Math.abs(a.y - p.y) <= 16 && [...p.amounts.keys()].every((k) => !a.amounts.has(k)),
    );
    if (!near) p.anchor = true;
  }
  if (spec.layout === "twoSided") joinWrappedLabels(protos, lineLabels);
  // Attach fragments to the nearest anchor.
  const anchors = protos.filter((p) => p.anchor);
  if (anchors.length === 0) return [];
  for (const p of protos) {
    if (p.anchor) continue;
    const isText = p.texts.length > 0 && p.amounts.size === 0;
    let cands = anchors;
    if (!isText) {
      const free = anchors.filter((a) => [...p.amounts.keys()].every((k) => !a.amounts.has(k)));
      if (free.length > 0) cands = free;
    } else if (spec.layout === "twoSided") {
      // wrapped labels in two-sided tables continue the row above
      const above = anchors.filter((a) => a.y < p.y);
      if (above.length > 0) cands = [above[above.length - 1] as Proto];
    }
    const a = cands.reduce((x, y) => (Math.abs(y.y - p.y) < Math.abs(x.y - p.y) ? y : x));
    if (p.partial && a.code && a.code.length < 7) a.code += p.partial;
    a.texts.push(...p.texts);
    for (const [k, v] of p.amounts) {
      if (!a.amounts.has(k)) a.amounts.set(k, v);
    }
  }
  return anchors;
}

/**
 * Two-sided tables in narrow columns wrap a label over two lines with the amount on the second
 * ("1.一般公共预" / "17,981.68 二、外交支出" / "算"; "一、财政 | 一、一般公共服务" / "拨款 13,649.07 支出
 * 10,528.33"). The first line starts with a list marker, so it looked like a row of its own, without
 * amounts. It is joined to the next row when that row is close below, has amounts, and has no text
 * of its own in the first line's columns that could start a row (a list marker or a known line).
 * A first line that is already a complete known label (an empty line "2.政府性基金预算") stays a row.
 */
function joinWrappedLabels(protos: Proto[], lineLabels: ReadonlySet<string>): void {
  const known = (t: string) => lineLabels.has(matchKey(t.replace(LIST_MARKER, "")));
  for (let i = 0; i + 1 < protos.length; i++) {
    const p = protos[i] as Proto;
    if (!p.anchor || p.amounts.size > 0 || p.code || p.texts.length === 0) continue;
    if (p.texts.some((t) => known(t.text) || TOTAL.test(t.text))) continue;
    const n = protos.slice(i + 1).find((x) => x.anchor);
    if (!n || n.amounts.size === 0 || n.y - p.y > 2 * Math.max(p.h, n.h)) continue;
    const cols = new Set(p.texts.map((t) => t.col));
    const starts = n.texts.some(
      (t) => cols.has(t.col) && (LIST_MARKER.test(t.text) || known(t.text) || TOTAL.test(t.text)),
    );
    if (starts) continue;
    n.texts.unshift(...p.texts);
    p.anchor = false;
    p.texts = [];
  }
}

function textOf(p: Proto, col: number): string {
  return p.texts
    .filter((t) => t.col === col)
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((t) => t.text)
    .join("");
}

function toRow(p: Proto, ctx: Ctx, page: number, usedLines: Set<string>): Row | undefined {
  const { spec, unit } = ctx;
  const cells: Cell[] = spec.columns.map((col, i) => {
    if (col.type === "code") {
      if (!p.code) return null;
      if (col.key === "class") return p.code.slice(0, 3) || null;
      if (col.key === "section") return p.code.slice(3, 5) || null;
      if (col.key === "item") return p.code.slice(5, 7) || null;
      return p.code;
    }
    // letters spaced out to fill a cell ("其 他 商 品") lose their spaces
    if (col.type === "text")
      return textOf(p, i).replace(/(?<=[\u4e00-\u9fff（）()])\s+(?=[\u4e00-\u9fff（）()])/g, "") || null;
    const s = p.amounts.get(i);
    if (s === undefined) return null;
    const v = parseAmount(s, unit);
    if (v === undefined) {
      ctx.problems.push({
        code: "pdf.amount",
        severity: "warning",
        message: `${spec.title}：第 ${page} 页“${s}”不是 ${unit === "yuan" ? "元" : "万元"} 金额，已留空`,
        page,
      });
      return null;
    }
    return v;
  });
  const firstText = spec.columns.findIndex((c) => c.type === "text");
  const label = firstText >= 0 ? ((cells[firstText] as string | null) ?? "") : "";
  const row: Row = { kind: "line", label, level: 1, cells, page };
  const coded = spec.layout === "functionCoded" || spec.layout === "economicCoded";
  if (coded) {
    if (p.code) {
      row.code = p.code;
      row.level = p.code.length === 3 ? 1 : p.code.length === 5 ? 2 : 3;
      row.kind = row.level === 1 ? "class" : row.level === 2 ? "section" : "item";
    } else if (TOTAL.test(label)) {
      row.kind = "total";
      row.level = 0;
    } else if (!label && cells.every((c) => c === null)) return undefined;
  } else {
    const bare = matchKey(label.replace(LIST_MARKER, ""));
    if (TOTAL.test(label) && !/小计/.test(label)) {
      row.kind = "total";
      row.level = 0;
    } else if (/^\d+[.、．]|^其中/.test(label)) row.level = 2;
    for (const ls of spec.lines ?? []) {
      // expenditure-side lines are found by the checker from the expenditure label
      if (ls.side === "expenditure") continue;
      const names = [ls.label, ...(ls.aliases ?? [])].map(matchKey);
      if (names.includes(bare) && !usedLines.has(ls.key)) {
        row.lineKey = ls.key;
        usedLines.add(ls.key);
        break;
      }
    }
    if (spec.layout === "twoSided") {
      const e = spec.columns.findIndex((c) => c.key === "expenditureItem");
      const et = e >= 0 ? cells[e] : null;
      const code = typeof et === "string" ? classByName(et.replace(LIST_MARKER, "")) : undefined;
      if (code) row.code = code;
    }
  }
  return row;
}

/** Reads every table of the template found in the document's lines. */
export function readTables(lines: readonly PdfLine[], template: TemplateSpec, docUnit: AmountUnit): ReadTablesResult {
  const problems: ImportProblem[] = [];
  const starts = findStarts(lines, template);
  const tables: TableFound[] = [];
  const extents: { start: number; end: number }[] = [];
  starts.forEach((s, si) => {
    const end = starts[si + 1]?.index ?? lines.length;
    let stop = end;
    const problemsBefore = problems.length;
    let unit: AmountUnit = docUnit;
    let preparedBy: string | undefined;
    const body: PdfLine[] = [];
    let emptyNote: string | undefined;
    for (let i = s.body; i < end; i++) {
      const l = lines[i] as PdfLine;
      const u = UNIT.exec(l.text);
      if (u && body.length === 0) {
        unit = u[1] === "元" ? "yuan" : "wanyuan";
        const dept = /(?:编制部门|编制单位|部门)\s*[:：]\s*(.*?)\s*单位\s*[:：]/.exec(l.text);
        if (dept?.[1]) preparedBy = dept[1].replace(/\s+/g, "");
        continue;
      }
      if (isPageNumber(l.text)) continue;
      if (u && !l.cells.some((c) => isAmountToken(c.text))) continue; // repeated 编制部门 line
      if (isStop(l)) {
        if (/空表|无数据|没有/.test(l.text)) emptyNote = l.text.replace(/\s+/g, "");
        stop = i;
        break;
      }
      body.push(l);
    }
    extents.push({ start: s.index, end: stop });
    const ctx: Ctx = { spec: s.spec, unit, problems };
    const rows: Row[] = [];
    const pages: number[] = [];
    const usedLines = new Set<string>();
    let cols: ColumnPos[] = [];
    let blocks: ColumnPos[][] = [];
    let boundary: number | undefined;
    let confidence = 0;
    const amountTotal = s.spec.columns.filter((c) => c.type === "amount").length;
    const byPage = new Map<number, PdfLine[]>();
    for (const l of body) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
    for (const [page, pl] of byPage) {
      pages.push(page);
      const coded = s.spec.layout !== "twoSided" && s.spec.layout !== "lines";
      const isData = (l: PdfLine) =>
        l.cells.some((c) => isAmountToken(c.text)) ||
        (coded && splitCode(l.cells, true).code !== undefined) ||
        (l.cells.length === 1 &&
          /^(合计|总计)$/.test(matchKey(l.text)) &&
          s.spec.columns.some((c) => c.type === "text")) ||
        (s.spec.layout === "twoSided" &&
          l.cells.some((c) => LIST_MARKER.test(c.text) && /[一二三四五六七八九十]、/.test(c.text)));
      let first = pl.findIndex(isData);
      if (first < 0) first = pl.length;
      const head = pl.slice(0, first);
      if (head.length > 0) {
        const cands = headerCandidates(head);
        const m = matchColumns(s.spec.columns, cands);
        if (m.length > 0) {
          cols = m;
          blocks = [m];
          boundary = undefined;
          // Two blocks side by side (决算 表6): the same columns again, right of the first block.
          const last = m[m.length - 1] as ColumnPos;
          const again = matchColumns(s.spec.columns, cands, last.cx + 1);
          if (again.length === m.length && s.spec.layout === "economicCoded") {
            const codeHead = s.spec.columns.find((c) => c.type === "code")?.path[0];
            const ch = codeHead ? cands.filter((c) => c.key === matchKey(codeHead) && c.cx > last.cx) : [];
            boundary =
              ch.length > 0 ? Math.min(...ch.map((c) => c.x0)) - 2 : (last.x1 + (again[0] as ColumnPos).x0) / 2;
            blocks = [m, again];
          }
          const found = m.filter((c) => s.spec.columns[c.index]?.type === "amount").length;
          confidence = Math.max(confidence, amountTotal > 0 ? found / amountTotal : 1);
          if (found < amountTotal && pl.slice(first).some((l) => l.cells.some((c) => isAmountToken(c.text)))) {
            const missing = s.spec.columns
              .filter((c, i) => c.type === "amount" && !m.some((p) => p.index === i))
              .map((c) => c.path.join("/"));
            problems.push({
              code: "pdf.header",
              severity: "warning",
              message: `${s.spec.title}：第 ${page} 页表头中没有找到列 ${missing.join("、")}`,
              page,
            });
          }
        }
      }
      if (cols.length === 0) {
        problems.push({
          code: "pdf.header",
          severity: "warning",
          message: `${s.spec.title}：第 ${page} 页没有识别出表头，本页未读取`,
          page,
        });
        continue;
      }
      const data = pl.slice(first).filter((l) => !headerRepeat(l, head));
      if (boundary !== undefined && blocks.length === 2) {
        const b = boundary;
        const left = data
          .map((l) => ({ ...l, cells: l.cells.filter((c) => c.x1 <= b + 4) }))
          .filter((l) => l.cells.length);
        const right = data
          .map((l) => ({ ...l, cells: l.cells.filter((c) => c.x1 > b + 4) }))
          .filter((l) => l.cells.length);
        for (const [segment, bc] of [
          [left, blocks[0]],
          [right, blocks[1]],
        ] as const) {
          for (const p of readSegment(segment, bc ?? [], ctx)) {
            const r = toRow(p, ctx, page, usedLines);
            if (r) rows.push(r);
          }
        }
      } else {
        for (const p of readSegment(data, cols, ctx)) {
          const r = toRow(p, ctx, page, usedLines);
          if (r) rows.push(r);
        }
      }
    }
    const columns: Column[] = s.spec.columns.map(({ key, path, type, side }) =>
      side ? { key, path: [...path], type, side } : { key, path: [...path], type },
    );
    const table: PrintedTable = {
      no: s.spec.no,
      id: s.spec.id,
      title: s.title.replace(/\s+/g, ""),
      unit,
      columns,
      rows,
      pages,
    };
    if (preparedBy) table.preparedBy = preparedBy;
    if (emptyNote) table.emptyNote = emptyNote;
    const amounts = rows.reduce((n, r) => n + r.cells.filter((c) => typeof c === "number").length, 0);
    if (amounts === 0 && !s.spec.mayBeEmpty && problems.length === problemsBefore) {
      problems.push({
        code: "pdf.tableEmpty",
        severity: "warning",
        message: `${s.spec.title}（第 ${pages.join("、") || "?"} 页）没有读到金额`,
        ...(pages[0] !== undefined ? { page: pages[0] } : {}),
      });
    }
    tables.push({ table, confidence: Math.round(confidence * 100) / 100 });
  });
  // A title repeated on the next page (政府采购预算表 continued) continues the same table.
  const merged: TableFound[] = [];
  for (const t of tables) {
    const last = merged[merged.length - 1];
    if (last && last.table.id === t.table.id) {
      last.table.rows.push(...t.table.rows);
      last.table.pages = [...(last.table.pages ?? []), ...(t.table.pages ?? [])];
      last.confidence = Math.min(last.confidence, t.confidence);
    } else merged.push(t);
  }
  return { tables: merged, titles: starts.map((s) => s.title), problems, extents };
}

/** A header line repeated on a later page of the same table. */
function headerRepeat(l: PdfLine, head: readonly PdfLine[]): boolean {
  if (l.cells.some((c) => isAmountToken(c.text))) return false;
  return head.some((h) => matchKey(h.text) === matchKey(l.text));
}
