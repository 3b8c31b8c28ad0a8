/**
 * The general reader: a document's positioned lines → its printed tables, each named by the
 * national vocabulary (or by a regional spec's, when the document is of a known template), each
 * carrying the identities it declares and how well its reading holds up against them.
 *
 * A table whose identities fail in many unrelated places is not reliably read: it is reported
 * once, as a warning with its pages and why, and no arithmetic is reported from it. A table whose
 * failures all meet at one cell is read well: that cell is the document's error.
 */
import type { Column, ImportProblem, PrintedTable, Row, TableReading, TableSums } from "../../model/disclosure.ts";
import { type AmountUnit, parseAmount } from "../../model/money.ts";
import { checkSum, differencesFormRow, printedStep, sumTolerance } from "../../model/sums.ts";
import { columnMeanings } from "../../templates/column-words.ts";
import { NATIONAL_INCOME_LINES } from "../../templates/national-budget.ts";
import { normaliseLabel, type TableSpec, type TemplateSpec } from "../../templates/spec.ts";
import { classifyTitle } from "../../templates/vocabulary.ts";
import { classByName } from "../pdf/read-tables.ts";
import { matchTitle } from "../pdf/titles.ts";
import { type GridTable, readGrid } from "./grid-table.ts";
import { EMPTY_NOTE, findRegions, type TableRegion } from "./regions.ts";
import { type GridRow, isTotalLabel, labelMarker } from "./rows.ts";
import type { GridLine } from "./tokens.ts";
import { type DownIdentity, type Verification, verify } from "./verify.ts";

export interface ReadTable {
  table: PrintedTable;
  region: TableRegion;
}

export interface ReadDocumentResult {
  tables: ReadTable[];
  problems: ImportProblem[];
  /** line ranges [start, end) the tables occupy (the prose lies outside) */
  extents: { start: number; end: number }[];
  /** titles of the tables found, for template detection */
  titles: string[];
}

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function cnToInt(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === "十") return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? (CN_NUM[m[1]] as number) : 1) * 10 + (m[2] ? (CN_NUM[m[2]] as number) : 0);
  return CN_NUM[s];
}

const PRINTED_AMOUNT = /\d,\d{3}\.\d{2}|\d\.\d{2}(?:\d{4})?(?![\d.])/;

/** The number a document gives a table: "表5", "预算05表", "公开05表", "五、…", "（五）…", "表一". */
export function printedNumber(title: string, lines: readonly GridLine[], region: TableRegion): number | undefined {
  // the title, and the short lines just above it on its page ("表1", "部门公开表 3", "五、一般公共…")
  const first = lines[region.start];
  const around = [title];
  for (let i = region.start - 1; i >= 0 && i >= region.start - 3; i--) {
    const l = lines[i] as GridLine;
    if (!first || l.page !== first.page || first.y - l.y > first.h * 6) break;
    // (a line printing amounts is a row of the table before, whose labels may be numbered too:
    // "二十六、债务发行费用支出" right above the next table's title when tables follow each other)
    if (PRINTED_AMOUNT.test(l.text)) break;
    // (nor another table's title: a 目录's last entry right above the first table, "(十一)国有资本经营预算支出表")
    const kind = classifyTitle(l.text.replace(/\s+/g, ""));
    if (kind && kind !== region.kind) break;
    if (l.text.replace(/\s+/g, "").length <= 30) around.push(l.text);
  }
  const next = lines[region.start + 1];
  if (next && first && next.page === first.page) around.push(next.text);
  for (const t of around) {
    const s = t.replace(/\s+/g, "");
    const m =
      /^(?:预算|决算|部门公开|公开)?表?0?(\d{1,2})表/.exec(s) ??
      /^表([\d一二三四五六七八九十]{1,3})(?:[:：.、．]|$|\D)/.exec(s) ??
      /^([一二三四五六七八九十]{1,3})、/.exec(s) ??
      /^[（(]([一二三四五六七八九十]{1,3})[)）]/.exec(s);
    const n = m?.[1] ? cnToInt(m[1]) : undefined;
    if (n !== undefined && n > 0 && n < 60) return n;
  }
  return undefined;
}

function unitOf(region: TableRegion, fallback: AmountUnit): AmountUnit {
  if (region.unit === "yuan" || region.unit === "qianyuan") return "yuan";
  if (region.unit === "wanyuan") return "wanyuan";
  return fallback;
}

/** A printed amount in 分; 千元 tables are converted exactly to 元. */
function value(text: string, unit: AmountUnit, qian: boolean): number | null {
  const t = text.replace(/^−/, "-");
  if (qian) {
    const v = parseAmount(t, "wanyuan");
    return v === undefined ? null : v / 10;
  }
  return parseAmount(t, unit) ?? null;
}

const TOTAL_ROW =
  /^(?:合计|总计|小计|共计|.{0,10}(?:收入|支出)(?:合计|总计)|本年.{0,8}(?:合计|小计)|收入总计|支出总计)$/;

/**
 * What precedes an income line's name: its list marker (一、 1. 1、) or the row number some tables
 * print in a 栏次 column of their own ("37 收入总计", read as one cell "37收入总计").
 */
const LINE_MARKER = /^(?:[一二三四五六七八九十]+、|\d+[.、]|\d{1,2}(?=[\u4e00-\u9fff]))/;

/** An income-side grand total as printed: 收入总计, 总计, 收入合计, 合计 (not 本年…合计, not 小计). */
const GRAND_TOTAL = /^(?:收入)?(?:总计|合计)$/;

/**
 * The 总计 line of a two-sided summary table (表1, 表4) when its printed name is not the template's
 * (收入总计 / 总计): the 合计 printed after the 上年结转 line (福州: 本年收入合计, 上年结转结余,
 * 收入合计; Jiangsu 2017: 一、财政拨款 … 上年结转资金, 收入合计, which names no 本年 line), or, in a
 * table without a 上年结转 line, its one 合计 (重庆 prints it first, above the lines it adds up). The
 * totals are what 收支平衡 (K-01) compares; rows named otherwise are left as they are.
 */
export function keyGrandTotal(rows: Row[]): void {
  if (rows.some((r) => r.lineKey === "total")) return;
  const grand = (r: Row) => GRAND_TOTAL.test(normaliseLabel(r.label.replace(LINE_MARKER, "")));
  const carry = rows.findIndex((r) => r.lineKey === "carryover");
  // after 上年结转 a 收入合计 is the total even where the template's words took it for 本年收入合计
  const after =
    carry >= 0
      ? rows.slice(carry + 1).filter((r) => grand(r) && (r.lineKey === undefined || r.lineKey === "currentYear"))
      : rows.filter((r) => grand(r) && r.lineKey === undefined);
  // (two candidates are two readings of one table, or a table within a table: neither is taken)
  if (after.length !== 1) return;
  const row = after[0] as Row;
  row.lineKey = "total";
  row.kind = "total";
  row.level = 0;
}

/** Unique keys: a repeated meaning gets its group's words ("2026年预算数/合计" → total_2). */
function uniqueKeys(keys: string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((k) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}_${n}`;
  });
}

/** Column keys from a regional spec, where the spec prints the same heading. */
function specKeys(spec: TableSpec | undefined, g: GridTable): (string | undefined)[] {
  if (!spec) return g.columns.map(() => undefined);
  const used = new Set<string>();
  const amountSpecs = spec.columns.filter((c) => c.type === "amount");
  const norm = (s: string) => normaliseLabel(s).replace(/[“”"]/g, "");
  return g.columns.map((c) => {
    const leaf = norm(c.path[c.path.length - 1] ?? "");
    const full = norm(c.path.join(""));
    const hit = amountSpecs.find((s) => {
      if (used.has(s.key)) return false;
      const sl = norm(s.path[s.path.length - 1] ?? "");
      return sl === leaf || norm(s.path.join("")) === full;
    });
    if (hit) used.add(hit.key);
    return hit?.key;
  });
}

interface Built {
  table: PrintedTable;
  verification: Verification;
}

/**
 * Groups the rows of a table read in sides (收支总表: income lines left, expenditure lines right;
 * Jiangsu adds a third, 支出用途) by printed line: rows of different sides on one line are one row.
 */
/** Two things printed on one line of one page (a two-sided table's sides, each a grid row of its own). */
const onLine = (a: { page: number; y: number }, b: { page: number; y: number }) =>
  a.page === b.page && Math.abs(a.y - b.y) < 3;

function lineGroups(g: GridTable): number[][] {
  const groups: { page: number; y: number; rows: number[] }[] = [];
  g.rows.forEach((r, i) => {
    const hit = groups.find((x) => onLine(x, r) && !x.rows.some((j) => (g.rows[j] as GridRow).side === r.side));
    if (hit) hit.rows.push(i);
    else groups.push({ page: r.page, y: r.y, rows: [i] });
  });
  groups.sort((a, b) => a.page - b.page || a.y - b.y);
  return groups.map((x) => x.rows);
}

/** The text column key of a side: 收入 项目, 支出 项目, then further expenditure views. */
function sideItemKey(side: number): string {
  return side === 0 ? "incomeItem" : side === 1 ? "expenditureItem" : `expenditureItem${side}`;
}

/**
 * A two-sided table's sides are headed 收入 and 支出: the income side's columns are under 收入 and
 * every expenditure side's under 支出, whatever group a heading centred between two columns was hung
 * over (福州 表4: "收入" over 项目 | 预算数 read as heading nothing, and "支出" over the income
 * 预算数 too, so that two columns read "支出/预算数"). The sides themselves come from where the
 * rows' names are printed (grid-table.ts), not from the headings.
 */
export function sideHeadings(g: Pick<GridTable, "columns" | "textColumns">): void {
  const word = (side: number) => (side === 0 ? "收入" : "支出");
  for (const c of [...g.columns, ...g.textColumns]) {
    const first = c.path[0] ?? "";
    const other = word(c.side === 0 ? 1 : 0);
    if (first.startsWith(other) && c.path.length >= 2) c.path = [word(c.side), ...c.path.slice(1)];
    // (a side's column under no group while the other side's are under theirs: its group was lost)
    else if (
      c.path.length === 1 &&
      [...g.columns, ...g.textColumns].some((o) => o.path.length >= 2 && o.path[0] === other)
    )
      c.path = [word(c.side), ...c.path];
  }
}

function buildTable(
  g: GridTable,
  ctx: {
    template: TemplateSpec;
    regional: boolean;
    docUnit: AmountUnit;
    no: number;
    used: Set<string>;
    laidOut?: boolean;
  },
): Built {
  const region = g.region;
  const unit = unitOf(region, ctx.docUnit);
  const qian = region.unit === "qianyuan";
  const values = g.rows.map((r) => r.cells.map((c) => (c === null ? null : value(c, unit, qian))));
  if (g.sides >= 2) sideHeadings(g);
  const decimals = g.decimals;
  const step = qian ? 100_000 : printedStep(unit === "wanyuan" ? 1_000_000 : 100, decimals);
  const economic = /basic|Economic|basicExpenditureAll/.test(region.kind) && region.kind !== "fiscalExpenditure";
  const verification = verify({ rows: g.rows, values, columns: g.columns, sides: g.sides, step, economic });
  // the table's id and number: a regional spec's when its title is the spec's, else the national kind
  const spec = ctx.regional ? matchTitle(region.title, ctx.template)?.spec : undefined;
  let id: string = spec?.id ?? region.kind;
  if (ctx.used.has(id)) {
    let k = 2;
    while (ctx.used.has(`${id}-${k}`)) k++;
    id = `${id}-${k}`;
  }
  ctx.used.add(id);
  const twoSided = g.sides >= 2;
  // columns: the label (and other text) columns, a code column, the amount columns
  const fromSpec = specKeys(spec, g);
  const meanings = columnMeanings(g.columns.map((c) => c.path));
  const meaningKeys = g.columns.map((_, i) => {
    if (fromSpec[i]) return fromSpec[i] as string;
    const m = meanings[i]?.key ?? "amount";
    return m;
  });
  if (twoSided) {
    // the first amount of each side keeps the two-sided names the rules read
    const firstIncome = g.columns.findIndex((c) => c.side === 0 && !c.phantom);
    if (firstIncome >= 0 && !fromSpec[firstIncome]) meaningKeys[firstIncome] = "incomeAmount";
    for (let side = 1; side < g.sides; side++) {
      const first = g.columns.findIndex((c) => c.side === side && !c.phantom);
      if (first < 0 || fromSpec[first]) continue;
      const n = g.columns.filter((c) => c.side === side).length;
      meaningKeys[first] = side === 1 ? (n > 1 ? "expenditureTotal" : "expenditureAmount") : `expenditureAmount${side}`;
    }
  }
  const amountKeys = uniqueKeys(meaningKeys);
  const hasCode = g.rows.some((r) => r.code);
  const columns: Column[] = [];
  const textKeys: { side: number; index: number; key: string }[] = [];
  // a regional spec names the sides' text columns in order (Jiangsu: incomeItem, expenditureItem, useItem)
  const specText = spec?.columns.filter((c) => c.type === "text").map((c) => c.key) ?? [];
  const itemKey = (side: number) => (specText.length >= g.sides ? (specText[side] as string) : sideItemKey(side));
  if (twoSided) {
    columns.push({
      key: itemKey(0),
      path: g.textColumns.find((t) => t.side === 0)?.path ?? ["收入", "项目"],
      type: "text",
      side: "income",
    });
    textKeys.push({ side: 0, index: -1, key: itemKey(0) });
  } else {
    if (hasCode) columns.push({ key: "code", path: ["科目编码"], type: "code" });
    columns.push({ key: "name", path: g.textColumns[0]?.path.length ? g.textColumns[0].path : ["项目"], type: "text" });
    textKeys.push({ side: 0, index: -1, key: "name" });
  }
  // the other text columns where they are printed: before the amounts (项目名称, 单位名称) or
  // between and after them (增减(%), 绩效目标)
  const others = twoSided ? [] : g.textColumns.slice(1);
  const textsBefore = (amounts: number) =>
    others.forEach((t, i) => {
      if (textKeys.some((x) => x.index === i)) return;
      if (amounts < g.columns.length && t.after > amounts) return;
      // (a column of project names is the model's projectName, as the templates print it)
      const named = /^项目名称$/.test(t.path[t.path.length - 1] ?? "") && !columns.some((c) => c.key === "projectName");
      const key = named ? "projectName" : `text${i + 2}`;
      columns.push({ key, path: t.path.length ? t.path : [key], type: "text" });
      textKeys.push({ side: 0, index: i, key });
    });
  const amountAt: number[] = [];
  g.columns.forEach((c, i) => {
    textsBefore(i);
    if (twoSided && c.side >= 1 && !columns.some((x) => x.key === itemKey(c.side))) {
      columns.push({
        key: itemKey(c.side),
        path: g.textColumns.find((t) => t.side === c.side)?.path ?? ["支出", "项目"],
        type: "text",
        side: "expenditure",
      });
    }
    amountAt.push(columns.length);
    const col: Column = {
      key: amountKeys[i] as string,
      path: c.path.length ? c.path : [amountKeys[i] as string],
      type: "amount",
    };
    if (twoSided) col.side = c.side === 0 ? "income" : "expenditure";
    columns.push(col);
  });
  textsBefore(g.columns.length);
  const colIndex = new Map(columns.map((c, i) => [c.key, i]));
  // rows
  const rows: Row[] = [];
  const outIndex = new Map<number, number>(); // grid row → output row
  const groups: number[][] = twoSided ? lineGroups(g) : g.rows.map((_, i) => [i]);
  const usedLines = new Set<string>();
  const spec2 = ctx.template.tables.find((t) => t.id === (spec?.id ?? region.kind));
  const lineSpecs =
    spec2?.lines ?? (region.kind === "summary" || region.kind === "fiscalSummary" ? NATIONAL_INCOME_LINES : undefined);
  for (const grp of groups) {
    const cells: Row["cells"] = columns.map(() => null);
    let label = "";
    let code: string | undefined;
    let page = 0;
    let lineKey: string | undefined;
    let expCode: string | undefined;
    for (const gi of grp) {
      const r = g.rows[gi] as GridRow;
      page = page || r.page;
      outIndex.set(gi, rows.length);
      if (twoSided) {
        const key = itemKey(r.side);
        cells[colIndex.get(key) as number] = r.label || null;
        if (r.side === 0) {
          label = r.label;
          const bare = normaliseLabel(r.label.replace(LINE_MARKER, ""));
          for (const ls of lineSpecs ?? []) {
            if (ls.side === "expenditure") continue;
            const names = [ls.label, ...(ls.aliases ?? [])].map(normaliseLabel);
            if (names.includes(bare) && !usedLines.has(ls.key)) {
              lineKey = ls.key;
              usedLines.add(ls.key);
              break;
            }
          }
        } else {
          if (!label) label = r.label;
          if (r.side === 1)
            expCode = r.code ?? classByName(normaliseLabel(r.label.replace(/^[一二三四五六七八九十]+、/, "")));
        }
      } else {
        label = r.label;
        code = r.code;
        cells[colIndex.get("name") as number] = r.label || null;
        if (hasCode) cells[colIndex.get("code") as number] = r.code ?? null;
        r.texts.forEach((t, ti) => {
          const k = textKeys.find((x) => x.index === ti)?.key;
          if (k && colIndex.has(k)) cells[colIndex.get(k) as number] = t || null;
        });
      }
      r.cells.forEach((_, ci) => {
        const v = values[gi]?.[ci] ?? null;
        if (v !== null) cells[amountAt[ci] as number] = v;
      });
    }
    const total =
      TOTAL_ROW.test(normaliseLabel(label).replace(/^[一二三四五六七八九十]+、/, "")) || isTotalLabel(label);
    const codeLen = code?.length;
    const kind: Row["kind"] = total
      ? "total"
      : codeLen === 3
        ? "class"
        : codeLen === 5
          ? "section"
          : codeLen === 7
            ? "item"
            : "line";
    const level =
      kind === "total" ? 0 : codeLen === 3 ? 1 : codeLen === 5 ? 2 : codeLen === 7 ? 3 : labelMarker(label) ? 1 : 2;
    const row: Row = { kind, label, level, cells, page };
    if (code) row.code = code;
    else if (expCode) row.code = expCode;
    if (lineKey) row.lineKey = lineKey;
    rows.push(row);
  }
  if (twoSided && lineSpecs?.some((l) => l.key === "total")) keyGrandTotal(rows);
  const keyOf = (ci: number) => amountKeys[ci] as string;
  const sums: TableSums = {
    across: verification.across.map((a) => ({ total: keyOf(a.total), parts: a.parts.map(keyOf) })),
    down: verification.down.map((d) => ({
      total: outIndex.get(d.total) as number,
      parts: d.parts.map((p) => outIndex.get(p) as number),
      columns: d.columns.map(keyOf),
    })),
  };
  // (a two-sided table's row holds an income line and an expenditure line: its level is the
  // expenditure line's, whose classes nest; the income lines number theirs: 一、 1.)
  const expenditureSide = new Set(columns.filter((c) => c.side === "expenditure").map((c) => c.key));
  if (twoSided)
    levelsFromSums(
      rows,
      sums.down.filter((d) => d.columns.every((c) => expenditureSide.has(c))),
      true,
    );
  else levelsFromSums(rows, sums.down, false);
  const reading = readingOf(g, values, verification, step, !DETAIL_KINDS.has(region.kind), ctx.laidOut === true);
  const table: PrintedTable = {
    no: ctx.no,
    id,
    title: region.title,
    unit,
    columns,
    rows,
    pages: g.pages,
    precision: decimals,
    sums,
    reading,
  };
  if (region.preparedBy) table.preparedBy = region.preparedBy;
  const empty = region.notes.find((n) => EMPTY_NOTE.test(n));
  if (empty) table.emptyNote = empty;
  return { table, verification };
}

/**
 * How well a table was read. Failures that all meet at one cell are one wrong cell — the
 * document's error, reported by the checker; failures spread over the table are a misreading.
 */
/**
 * Tables of details beyond the standard set (政府采购 lists, tables the vocabulary does not name):
 * their subtotals are not always exhaustive, so a failing identity there is not taken for an error.
 */
const DETAIL_KINDS: ReadonlySet<string> = new Set(["procurement", "otherTable", "performance"]);

function readingOf(
  g: GridTable,
  values: readonly (readonly (number | null)[])[],
  v: Verification,
  step: number,
  strictOnly: boolean,
  laidOut = false,
): TableReading {
  const amounts = values.reduce((n, r) => n + r.filter((x) => x !== null).length, 0);
  if (amounts === 0) return { confidence: 1, status: "empty", tested: 0, failed: 0, structure: v.structure };
  const failing: Set<string>[] = [];
  for (const a of v.across) {
    g.rows.forEach((r, i) => {
      if (r.side !== (g.columns[a.total] as { side: number }).side) return;
      const row = values[i] as readonly (number | null)[];
      const c = checkSum(
        row[a.total] ?? null,
        a.parts.map((p) => row[p] ?? null),
        step,
      );
      if (c?.status === "fail") failing.push(new Set([a.total, ...a.parts].map((col) => `${i}:${col}`)));
    });
  }
  let downHeld = 0;
  let downFailed = 0;
  // failing sums whose rows do not add up in any other column either
  let unconfirmed = 0;
  for (const d of v.down) {
    let held = 0;
    let fails = 0;
    for (const c of d.columns) {
      const parts = d.parts.map((p) => values[p]?.[c] ?? null);
      const chk = checkSum(values[d.total]?.[c] ?? null, parts, step);
      if (chk?.status === "fail" && sharedTotal(g, values, d.total, c, parts, step)) held++;
      else if (chk?.status === "fail") {
        fails++;
        failing.push(new Set([d.total, ...d.parts].map((r) => `${r}:${c}`)));
      } else if (chk) held++;
    }
    downHeld += held;
    downFailed += fails;
    if (fails > 0 && held === 0) unconfirmed += fails;
  }
  const failed = failing.length;
  const tested = v.tested;
  const confidence = tested > 0 ? Math.round((1 - failed / tested) * 100) / 100 : 0.5;
  const base = { confidence, tested, failed, structure: v.structure };
  // rows printing amounts under no label and no code, several of them: amounts read apart from the
  // rows they belong to (a layout whose cells set their lines at different heights), whatever sums
  // such a reading may make hold
  const amountRows = values.filter((r) => r.some((x) => x !== null)).length;
  const nameless = g.rows.filter(
    (r, i) =>
      r.label.trim() === "" &&
      !r.code &&
      r.codes.length === 0 &&
      r.texts.every((t) => t.trim() === "") &&
      values[i]?.some((x) => x !== null),
  ).length;
  if (nameless >= 3 && nameless * 10 >= amountRows)
    return {
      ...base,
      status: "unreliable",
      note: `有 ${nameless} 行金额没有读到行名称（共 ${amountRows} 行金额），行与金额未能对齐`,
    };
  if (failed === 0) return { ...base, status: "reliable" };
  // a column headed by one character ("计", "费": the end of a heading whose other lines were taken
  // for group headings), or by nothing at all while its amounts are printed, is a header not read:
  // unless the numbers confirm the reading many times over elsewhere, its failing sums say nothing
  // of the document
  const leafOf = (c: (typeof g.columns)[number]) => (c.path[c.path.length - 1] ?? "").replace(/\s+/g, "");
  const broken = g.columns.find((c) => !c.phantom && leafOf(c).length <= 1);
  // (and two columns headed alike: which of them is which is not read)
  const heading = (c: (typeof g.columns)[number]) => c.path.join("/");
  const twice = g.columns.find(
    (c, i) => c.path.length > 0 && g.columns.some((o, j) => j < i && heading(o) === heading(c)),
  );
  if ((broken || twice) && tested - failed < 5)
    return {
      ...base,
      status: "unreliable",
      note: broken
        ? leafOf(broken) === ""
          ? `表头未能可靠识别（有一栏金额没有读到栏目名称），${failed} 处合计与分项不符`
          : `表头未能可靠识别（栏目“${heading(broken)}”只有一个字），${failed} 处合计与分项不符`
        : `表头未能可靠识别（两栏同为“${heading(twice as (typeof g.columns)[number])}”），${failed} 处合计与分项不符`,
    };
  // laid-out text (pdftotext -layout) places a row's amounts by character cells, and a row of wide
  // characters can push them a column over: a total column filled on most rows but blank on rows
  // that print amounts elsewhere is such a shift, not the document's blank
  if (laidOut) {
    // (and an amount column the text gives no heading: the header's characters stand off the
    // columns its amounts fill, so which amounts are whose is not read, however many sums hold)
    if (broken && leafOf(broken) === "")
      return {
        ...base,
        status: "unreliable",
        note: `文本的列位未能对齐（有一栏金额没有读到栏目名称），${failed} 处合计与分项不符`,
      };
    // (or a column headed by a group heading that also heads columns of its own, "收入预算" beside
    // "收入预算/财政拨款收入": the amounts of some rows stand between the header's columns)
    const group = g.columns.find(
      (c) =>
        !c.phantom &&
        c.path.length > 0 &&
        g.columns.some((o) => o !== c && o.path.length > c.path.length && c.path.every((p, k) => o.path[k] === p)),
    );
    if (group)
      return {
        ...base,
        status: "unreliable",
        note: `文本的列位未能对齐（“${heading(group)}”既是一栏金额，又是其他栏的表头），${failed} 处合计与分项不符`,
      };
    const shifted = g.columns.find((c, i) => {
      if (c.phantom || !/(?:合计|总计|小计)$/.test(leafOf(c))) return false;
      const filled = values.filter((r) => r[i] != null).length;
      const gaps = values.filter((r) => r[i] == null && r.some((x, k) => k !== i && x != null)).length;
      return gaps > 0 && filled >= gaps * 2;
    });
    if (shifted)
      return {
        ...base,
        status: "unreliable",
        note: `文本的列位未能对齐（“${heading(shifted)}”一栏在有金额的行中为空），${failed} 处合计与分项不符`,
      };
    // (or an amount's decimals set a line above its whole part and columns away, read into the label
    // beside them: ".73 (一)社会保障和就业支出" over "12,572")
    const cut = g.rows.find((r) => /^[.．]\d/.test(r.label ?? ""));
    if (cut && failed > 0)
      return {
        ...base,
        status: "unreliable",
        note: `文本中金额的小数与整数分在两行、未能拼合（“${cut.label}”），${failed} 处合计与分项不符`,
      };
  }
  // an amount read with no column left for it (two amounts in one column's place: a row whose amounts
  // stand off the columns its header gives, as laid-out text may set a page), and sums that fail:
  // the reading's, not the document's
  const overfull = g.rows.filter((r) => (r.overfull ?? 0) > 0).length;
  if (overfull > 0)
    return {
      ...base,
      status: "unreliable",
      note: `有 ${overfull} 行的金额多于读到的栏目，行与栏目未能对齐，${failed} 处合计与分项不符`,
    };
  // one cell common to every failure: a wrong cell, not a misreading
  let common: Set<string> | undefined;
  for (const f of failing) common = common ? new Set([...common].filter((x) => f.has(x))) : new Set(f);
  // nothing holds and no column identity was declared: the row structure is a guess, not a reading
  if (failed >= tested && v.across.length === 0)
    return {
      ...base,
      status: "unreliable",
      note: `表的行结构未能用数字确认（${failed} 处合计与分项不符，没有一处相符）`,
    };
  // rows nested by their look alone (indentation, the columns their labels reach): a failing sum is
  // a misprint only when the nesting holds elsewhere well more often than it fails
  const printedNesting = /^(?:code|numbers|subtotals)(?:-|$)/;
  const guessed = v.structure.split("/").some((s) => s !== "none" && !printedNesting.test(s));
  if (unconfirmed > 0 && guessed && (downHeld < 3 || downHeld < downFailed * 2))
    return {
      ...base,
      status: "unreliable",
      note: `表的行层次只能从版式推断，且未能用数字充分确认（${downFailed} 处合计与分项不符，${downHeld} 处相符）`,
    };
  // (a table of details is trusted with a wrong cell only when its structure holds elsewhere many
  // times over: one failing subtotal among few may be a list that does not add up by design)
  const held = tested - failed;
  if ((common?.size ?? 0) > 0 && (strictOnly || (held >= 5 && held >= failed * 4)))
    return { ...base, status: "reliable" };
  // one row missing from under a total (or one too many): the document's error, local to one row
  if (strictOnly && held >= 5 && held >= failed * 4 && missingRow(g, values, v, step))
    return { ...base, status: "reliable" };
  // two cells of one row explaining every failure, three or more (a row printed wrong: an amount
  // changed and one beside it missing fails the row and both columns' sums), where the table holds
  // everywhere else many times over
  if (strictOnly && failed >= 3 && held >= 5 && held >= failed * 4 && oneRowPair(failing))
    return { ...base, status: "reliable" };
  return {
    ...base,
    status: "unreliable",
    note: strictOnly
      ? `${failed} 处合计与分项不符（共检验 ${tested} 处），且不集中于个别单元格，多为版式未能正确识别`
      : `${failed} 处合计与分项不符（共检验 ${tested} 处）；明细表的小计不一定包含全部明细，不作为错误报告`,
  };
}

/**
 * Expenditure blocks printed side by side (收支总表: 功能分类 | 支出用途, Jiangsu) that share one
 * total printed once on its line: the total's cell in column `c` of one block is blank, and its
 * parts' sum stands in a column of another expenditure block on that printed line (the grid holds
 * each block's rows apart). The checker's A-COL reads such a total the same way
 * (src/check/rules/arithmetic/table-sums.ts).
 */
function sharedTotal(
  g: GridTable,
  values: readonly (readonly (number | null)[])[],
  total: number,
  c: number,
  parts: readonly (number | null)[],
  step: number,
): boolean {
  const at = g.rows[total];
  const side = g.columns[c]?.side ?? 0;
  if (!at || g.sides < 3 || side < 1 || values[total]?.[c] != null) return false;
  // (another expenditure block's column: a column of the same block beside a blank one is an
  // amount read a column over, as laid-out text can set it)
  const beside = (j: number) => (g.columns[j]?.side ?? 0) >= 1 && g.columns[j]?.side !== side;
  return g.rows.some(
    (r, i) =>
      onLine(r, at) &&
      (values[i] ?? []).some((v, j) => v != null && beside(j) && checkSum(v, parts, step)?.status === "ok"),
  );
}

/**
 * A row missing from the printed table (or one too many): every failing sum is one total row's
 * down sum, in two or more columns, and what the total holds beyond its parts is itself a row that
 * adds up across (杭州市公安局 2026 表7: the 合计 row is 144.00 万元 more than its units' rows in 合计,
 * 小计 and 运行维护费, and 0 in the others). That is the document's error, in one row — provided no
 * amount read in the table was left without a cell (a row of ours merged into another would leave
 * the same difference) and no row printed in the table is the difference (a row nested under the
 * wrong total leaves exactly that), and no amount stands among the header lines (a row read as a
 * page's header would leave it too).
 */
function missingRow(
  g: GridTable,
  values: readonly (readonly (number | null)[])[],
  v: Verification,
  step: number,
): boolean {
  if (g.rows.some((r) => (r.overfull ?? 0) > 0)) return false;
  // nor may an amount stand among the header lines (a row taken for part of a page's header)
  if (g.region.segments.some((sg) => sg.head.some((l) => l.tokens.some((t) => t.kind === "amount")))) return false;
  const failingAcross: { row: number; a: Verification["across"][number]; diff: number }[] = [];
  for (const a of v.across)
    for (let i = 0; i < g.rows.length; i++) {
      if ((g.rows[i] as GridRow).side !== (g.columns[a.total] as { side: number }).side) continue;
      const row = values[i] as readonly (number | null)[];
      const c = checkSum(
        row[a.total] ?? null,
        a.parts.map((p) => row[p] ?? null),
        step,
      );
      if (c?.status === "fail") failingAcross.push({ row: i, a, diff: c.diff });
    }
  if (failingAcross.length === 0) return residualIsRow(values, v, step);
  // one wrong cell besides (a planted or printed slip in a table that also misses a row): one
  // row's sum fails; the cell it points at, corrected, must leave the rest a missing row
  if (failingAcross.length > 1) return false;
  const { row, a, diff } = failingAcross[0] as (typeof failingAcross)[number];
  const fixes: [number, number][] = [[a.total, -diff], ...a.parts.map((p): [number, number] => [p, diff])];
  return fixes.some(([col, by]) => {
    const cell = values[row]?.[col];
    if (cell === null || cell === undefined) return false;
    const fixed = values.map((r, i) => (i === row ? r.map((x, k) => (k === col ? cell + by : x)) : r));
    return residualIsRow(fixed, v, step);
  });
}

/** Every down sum that fails is one total row's, and what it holds beyond its parts is a row (above). */
function residualIsRow(values: readonly (readonly (number | null)[])[], v: Verification, step: number): boolean {
  let only: DownIdentity | undefined;
  const residual = new Map<number, number>();
  for (const d of v.down) {
    const fails = new Map<number, number>();
    for (const c of d.columns) {
      const chk = checkSum(
        values[d.total]?.[c] ?? null,
        d.parts.map((p) => values[p]?.[c] ?? null),
        step,
      );
      if (chk?.status === "fail") fails.set(c, chk.diff);
    }
    if (fails.size === 0) continue;
    if (only) return false;
    only = d;
    for (const c of d.columns) residual.set(c, fails.get(c) ?? 0);
  }
  if (!only || [...residual.values()].filter((x) => x !== 0).length < 2) return false;
  // the difference adds up across, by an identity that involves it
  if (!differencesFormRow(residual, v.across, sumTolerance(only.parts.length, step))) return false;
  // no printed row is the difference
  const total = only.total;
  return !values.some(
    (row, i) => i !== total && [...residual].every(([c, r]) => Math.abs((row[c] ?? 0) - Math.abs(r)) <= step),
  );
}

/** Whether two cells of one row lie in every failing identity (cells as "row:column"). */
function oneRowPair(failing: readonly Set<string>[]): boolean {
  const first = failing[0];
  if (!first) return false;
  const cells = [...new Set(failing.flatMap((f) => [...f]))];
  for (const a of cells)
    for (const b of cells) {
      if (a >= b || a.split(":")[0] !== b.split(":")[0]) continue;
      if (failing.every((f) => f.has(a) || f.has(b))) return true;
    }
  return false;
}

/**
 * Levels of the rows printed without a code (`coded`: all rows), from the structure the numbers
 * confirmed: a part is one level under its total (合计 0, its parts 1, theirs 2 …), so the model keeps
 * the hierarchy a table showed by indentation or list numbers. Rows in no identity keep their level.
 */
function levelsFromSums(rows: Row[], down: TableSums["down"], coded: boolean): void {
  const parent = new Map<number, number>();
  for (const d of down)
    for (const p of d.parts) {
      // (the nearest total above, should two claim a row)
      const q = parent.get(p);
      if (q === undefined || (d.total > q && d.total < p)) parent.set(p, d.total);
    }
  const level = (i: number, seen = 0): number => {
    const row = rows[i] as Row;
    // (a code gives a one-sided table's row its level; in a two-sided one the code is the
    // expenditure line's class, and the level stored is the income line's: the sums decide)
    if ((row.code && !coded) || row.kind === "total" || seen > 8) return row.level;
    const up = parent.get(i);
    return up === undefined ? row.level : Math.min(4, level(up, seen + 1) + 1);
  };
  const levels = rows.map((_, i) => level(i));
  rows.forEach((r, i) => {
    r.level = levels[i] as number;
  });
}

/** Reads every table of a document. `template` names the tables when it is a regional spec. */
export function readDocumentTables(
  lines: readonly GridLine[],
  template: TemplateSpec,
  opts: { regional: boolean; docUnit?: AmountUnit; laidOut?: boolean },
): ReadDocumentResult {
  const problems: ImportProblem[] = [];
  const all = findRegions(lines);
  // performance-target tables are read elsewhere; their lines are not prose either
  const regions = all.filter((r) => r.kind !== "performance");
  // the document's unit: what most tables say (a table without a 单位 line takes it)
  const units = regions.map((r) => r.unit).filter((u) => u !== undefined);
  const docUnit: AmountUnit =
    opts.docUnit ?? (units.filter((u) => u === "yuan").length > units.length / 2 ? "yuan" : "wanyuan");
  const used = new Set<string>();
  const tables: ReadTable[] = [];
  const numbers = new Set<number>();
  regions.forEach((region, k) => {
    const g = readGrid(region);
    // a table printed with its header and nothing in it (a blank template, a table of a fund the
    // department does not have) is published, empty; a list of table names (a 目录 set out as a
    // table) is not a table
    if (g.rows.length === 0 && region.notes.length === 0) {
      const head = region.segments.flatMap((sg) => sg.head);
      const titles = head.filter((l) => classifyTitle(l.text.replace(/\s+/g, "")) !== undefined).length;
      if (head.length < 2 || titles * 2 >= head.length) return;
    }
    const printed = printedNumber(region.title, lines, region);
    let no = printed !== undefined && !numbers.has(printed) ? printed : k + 1;
    while (numbers.has(no)) no++;
    numbers.add(no);
    const built = buildTable(g, {
      template,
      regional: opts.regional,
      docUnit,
      no,
      used,
      laidOut: opts.laidOut === true,
    });
    const t = built.table;
    if (t.reading?.status === "unreliable") {
      problems.push({
        code: "table.unreliable",
        severity: "warning",
        message: `表${t.no}“${t.title}”（第 ${t.pages?.join("、")} 页）未能可靠读取：${t.reading.note}；该表不报告运算错误`,
        ...(t.pages?.[0] !== undefined ? { page: t.pages[0] } : {}),
      });
    }
    tables.push({ table: t, region });
  });
  return {
    tables,
    problems,
    extents: all.map((r) => ({ start: r.start, end: r.end })),
    titles: regions.map((r) => r.title),
  };
}
