/**
 * Printed tables, generic and driven by the template spec. The extractor writes one table row per
 * line with cells separated by tabs, so a cell's column is its tab position: a blank cell is an
 * empty field and never shifts later values left. Quirks of real documents handled here:
 * - header rows repeat mid-table on continuation pages (表2, 表7), sometimes with their own
 *   编制部门/单位 lines (表7), and with small text variations (（补助） vs (补助));
 * - the "※ 1 2 3" column-number row, whose numbers the extractor may move onto the 类/款/项 row;
 * - empty tables (表8, 表9) printed as header only, followed by a 空表说明 sentence.
 */
import type { Cell, Column, PrintedTable, Row } from "../../model/disclosure.ts";
import { type AmountUnit, parseAmount } from "../../model/money.ts";
import { xinjiang2025Budget } from "../../templates/index.ts";
import type { TableSpec, TemplateSpec } from "../../templates/spec.ts";
import {
  keepShape,
  keyMayStartWith,
  type Line,
  nfkc,
  norm,
  normFast,
  Problems,
  type Range,
  splitFields,
  TABLE_AMOUNT,
} from "./lines.ts";
import { allDigits, classifyRow, labelKey, newRowState, type RowState } from "./table-rows.ts";

export interface TableContext {
  template: TemplateSpec;
  problems: Problems;
  /** normalised names of budget units known from the 概况 (for 表11 unit rows) */
  knownUnits: ReadonlySet<string>;
  /** unit of the document, used when a table prints none */
  unit: AmountUnit;
}

interface TableStart {
  index: number;
  spec: TableSpec;
  /** index of the title line */
  titleIndex: number;
}

function titleIndex(template: TemplateSpec): Map<string, TableSpec> {
  const known = titleIndexes.get(template);
  if (known && known.of === template.tables) return known.index;
  const m = new Map<string, TableSpec>();
  for (const t of template.tables) for (const s of [t.title, ...t.aliases]) m.set(norm(s), t);
  titleIndexes.set(template, { of: template.tables, index: m });
  return m;
}
/** titleIndex per template, made once (only read). */
const titleIndexes = new WeakMap<TemplateSpec, { of: TemplateSpec["tables"]; index: Map<string, TableSpec> }>();

const TABLE_NO = /^表(\d{1,2})(.*)$/;

/** Finds "表 N" + title (or a bare title line) starts in a range. */
export function findTableStarts(lines: readonly Line[], r: Range, ctx: TableContext): TableStart[] {
  const titles = titleIndex(ctx.template);
  const out: TableStart[] = [];
  for (let i = r.start; i < r.end; i++) {
    const l = lines[i] as Line;
    if (!l.text || l.tabbed) continue;
    const key = l.key;
    const m = key.charCodeAt(0) === 0x8868 ? TABLE_NO.exec(key) : null; // 表
    if (m) {
      const no = Number(m[1]);
      let spec = m[2] ? titles.get(m[2]) : undefined;
      let ti = i;
      if (!spec && !m[2]) {
        // Title on one of the next lines.
        for (let j = i + 1; j < Math.min(r.end, i + 4); j++) {
          const k = (lines[j] as Line).key;
          if (!k) continue;
          spec = titles.get(k);
          if (spec) ti = j;
          break;
        }
      }
      if (!spec) {
        spec = ctx.template.tables.find((t) => t.no === no);
        if (spec) ctx.problems.warn("table.title", `表 ${no} 的标题与模板不符，按表号视为“${spec.title}”`, l.no);
        else ctx.problems.warn("table.unknown", `表 ${no} 不在模板“${ctx.template.id}”中，已忽略`, l.no);
      } else if (spec.no !== no) {
        ctx.problems.warn("table.number", `“${spec.title}”印为表 ${no}，模板中为表 ${spec.no}`, l.no);
      }
      if (spec) {
        out.push({ index: i, spec, titleIndex: ti });
        i = ti;
      }
      continue;
    }
    const spec = titles.get(key);
    if (spec) out.push({ index: i, spec, titleIndex: i });
  }
  return out;
}

/** Parses every table found in a range, in printed order. */
export function parseTables(lines: readonly Line[], r: Range, ctx: TableContext): PrintedTable[] {
  const starts = findTableStarts(lines, r, ctx);
  const tables: PrintedTable[] = [];
  for (let s = 0; s < starts.length; s++) {
    const st = starts[s] as TableStart;
    const end = (starts[s + 1] as TableStart | undefined)?.index ?? r.end;
    const prev = tables[tables.length - 1];
    if (prev && prev.id === st.spec.id) {
      // The same table printed again right after itself: a continuation page.
      new TableReader(lines, st.spec, ctx, prev).read({ start: st.titleIndex + 1, end });
      continue;
    }
    if (tables.some((t) => t.id === st.spec.id)) {
      ctx.problems.warn(
        "table.duplicate",
        `表 ${st.spec.no}“${st.spec.title}”重复出现，已忽略后者`,
        lines[st.index]?.no,
      );
      continue;
    }
    const title = (lines[st.titleIndex] as Line).text.replace(/^表\s*\d+\s*/, "");
    const table: PrintedTable = {
      no: st.spec.no,
      id: st.spec.id,
      title,
      unit: ctx.unit,
      columns: st.spec.columns.map((c): Column => {
        const col: Column = { key: c.key, path: [...c.path], type: c.type };
        if (c.side) col.side = c.side;
        return col;
      }),
      rows: [],
    };
    const reader = new TableReader(lines, st.spec, ctx, table);
    reader.read({ start: st.titleIndex + 1, end });
    const fit = reader.headerFit();
    if (fit < HEADER_FIT) {
      ctx.problems.warn(
        "table.header",
        `表 ${st.spec.no}“${st.spec.title}”的表头与模板“${ctx.template.id}”不符（模板的栏目只印出 ${Math.round(fit * 100)}%），按模板的栏目读取的数字可能错位`,
        lines[st.titleIndex]?.no,
      );
    }
    tables.push(table);
  }
  return tables;
}

/** The share of a template's column headings a table's printed header must show to be in its layout. */
const HEADER_FIT = 0.75;

const DASH = /^[-—–－]+$/;
const HAS_WS = /\s/;
const CODE3 = /^\d{3}(?:\s|$)/;
const PLAIN_AMOUNT = /^[\d.,-]+$/;
const SECTION_HEAD = /^(?:第[一二三四]部分|[一二三四五六七八九十]{1,3}、)/;

/**
 * False when NFKC of `s` cannot start with an ASCII digit: its first character is ASCII (not a
 * digit) or a CJK ideograph, which NFKC keeps as it is. (Full-width and circled digits, ㉑…, may.)
 */
function mayStartWithDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return !((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf));
}

/**
 * parseAmount for the amounts tables print ("5,219.30", "-0.01", "321.44": TABLE_AMOUNT), without
 * the regular expressions and string building (a document has a thousand of them); undefined for
 * anything else, which then goes through parseAmount.
 */
function plainAmount(f: string, unit: AmountUnit): number | undefined {
  const n = f.length;
  // "d.dd" at the end
  if (n < 4 || f.charCodeAt(n - 3) !== 0x2e) return undefined;
  const neg = f.charCodeAt(0) === 0x2d;
  let i = neg ? 1 : 0;
  let v = 0;
  let digits = 0;
  let group = -1; // digits since the last comma, -1 before the first
  for (; i < n - 3; i++) {
    const c = f.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      v = v * 10 + (c - 0x30);
      digits++;
      if (group >= 0) group++;
    } else if (c === 0x2c) {
      // a comma after 1–3 digits, then after exactly 3
      if (group < 0 ? digits < 1 || digits > 3 : group !== 3) return undefined;
      group = 0;
    } else return undefined;
  }
  if (digits === 0 || (group >= 0 && group !== 3) || digits > 12) return undefined;
  const d1 = f.charCodeAt(n - 2) - 0x30;
  const d2 = f.charCodeAt(n - 1) - 0x30;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  const cents = v * 100 + d1 * 10 + d2;
  const fen = unit === "wanyuan" ? cents * 10_000 : cents;
  // (beyond a safe integer parseAmount decides: it refuses the amount)
  return Number.isSafeInteger(fen) ? (neg ? -1 : 1) * fen : undefined;
}

/** Column key → position, per spec, made once (only read). */
function columnIndex(spec: TableSpec): ReadonlyMap<string, number> {
  const known = columnIndexes.get(spec);
  if (known && known.of === spec.columns) return known.index;
  const index = new Map(spec.columns.map((c, i) => [c.key, i]));
  columnIndexes.set(spec, { of: spec.columns, index });
  return index;
}
const columnIndexes = new WeakMap<TableSpec, { of: TableSpec["columns"]; index: Map<string, number> }>();

class TableReader {
  private mode: "header" | "data" = "header";
  private readonly keyIndex: ReadonlyMap<string, number>;
  private readonly state: RowState;
  private headerFirst: string | undefined;
  private readonly headerKeys = new Set<string>();
  /** every header cell printed, normalised, by its column */
  private readonly headerCells: Set<string>[] = [];
  /** Each header key's first field (up to its first "|"), to rule most data rows out cheaply. */
  private readonly headerHeads = new Set<string>();
  private prevHeader: string[] | undefined;
  private unitSeen = false;

  constructor(
    private readonly lines: readonly Line[],
    private readonly spec: TableSpec,
    private readonly ctx: TableContext,
    private readonly table: PrintedTable,
  ) {
    this.keyIndex = columnIndex(spec);
    this.state = newRowState(spec, ctx.knownUnits);
  }

  read(r: Range): void {
    for (let i = r.start; i < r.end; i++) {
      const l = this.lines[i] as Line;
      if (!l.text) continue;
      // A part or section heading ends the tables (a document whose part headings are missing).
      if (l.tabbed) this.tabbed(l);
      else if (SECTION_HEAD.test(l.key)) return;
      else this.prose(l);
    }
  }

  private where(): string {
    return `表 ${this.spec.no}“${this.spec.title}”`;
  }

  private prose(l: Line): void {
    const k = l.key;
    if (k.startsWith("编制部门")) {
      const v = l.text.replace(/^编制部门\s*[：:]\s*/, "").trim();
      if (v && !this.table.preparedBy) this.table.preparedBy = v;
      this.mode = "header";
      return;
    }
    if (/^单位[:：]/.test(k)) {
      const u = k.slice(3);
      const unit: AmountUnit | undefined = u === "万元" ? "wanyuan" : u === "元" ? "yuan" : undefined;
      if (!unit) this.ctx.problems.warn("table.unit", `${this.where()}的金额单位“${u}”无法识别，按万元读取`, l.no);
      else if (this.unitSeen && unit !== this.table.unit)
        this.ctx.problems.error("table.unitMixed", `${this.where()}续页的金额单位与首页不同`, l.no);
      else this.table.unit = unit;
      this.unitSeen = true;
      this.mode = "header";
      return;
    }
    if (k.includes("空表") || (this.spec.mayBeEmpty && this.table.rows.length === 0 && /[。.]$/.test(k))) {
      this.table.emptyNote = this.table.emptyNote ? this.table.emptyNote + l.text : l.text;
      return;
    }
    this.ctx.problems.warn("table.text", `${this.where()}中有无法识别的文字“${l.text.slice(0, 30)}”，已忽略`, l.no);
  }

  private tabbed(l: Line): void {
    const fields = splitFields(l.raw);
    const f0 = fields[0] as string;
    if (keyMayStartWith(f0, 0x203b) && norm(f0) === "※") {
      this.checkNumbering(fields, l);
      this.mode = "data";
      return;
    }
    if (this.mode === "header") {
      if (!this.looksLikeData(fields)) {
        this.header(fields);
        return;
      }
      this.mode = "data";
    } else if (this.isHeaderRepeat(fields)) {
      this.mode = "header";
      this.header(fields);
      return;
    }
    this.dataRow(fields, l);
  }

  private header(fields: string[]): void {
    const first = fields.find((f) => f !== "");
    if (this.headerFirst === undefined && first) this.headerFirst = norm(first);
    const key = norm(fields.join("|"));
    this.headerKeys.add(key);
    fields.forEach((f, i) => {
      if (f === "") return;
      const at = this.headerCells[i] ?? new Set<string>();
      at.add(norm(f));
      this.headerCells[i] = at;
    });
    const bar = key.indexOf("|");
    this.headerHeads.add(bar < 0 ? key : key.slice(0, bar));
    this.prevHeader = fields;
  }

  /**
   * The share of the template's columns whose heading the printed header shows in that column (a
   * cell that is the heading, or holds it, or is held in it): the rows are read field by field into
   * the template's columns. 1 when no header row was printed.
   */
  headerFit(): number {
    if (this.headerCells.length === 0) return 1;
    const shown = this.spec.columns.filter((c, i) => {
      const h = norm(c.path[c.path.length - 1] ?? "");
      const cells = this.headerCells[i];
      if (h === "" || !cells) return false;
      for (const x of cells) if (x === h || x.includes(h) || (x.length >= 2 && h.includes(x))) return true;
      return false;
    }).length;
    return shown / this.spec.columns.length;
  }

  private isHeaderRepeat(fields: string[]): boolean {
    // Cheap exit for the common case: a row starting with a code or an amount is data.
    const f0 = fields[0] ?? "";
    const c0 = f0.charCodeAt(0);
    if (c0 >= 0x30 && c0 <= 0x39) return false;
    // norm(fields.join("|")) starts with norm(f0) then "|" when f0 takes norm's fast path (NFKC
    // does not reach across the "|"): a row whose first field starts no header key is no header.
    const h0 = normFast(f0);
    if (
      (h0 === undefined || h0.includes("|") || this.headerHeads.has(h0)) &&
      this.headerKeys.has(norm(fields.join("|")))
    )
      return true;
    const first = fields.find((f) => f !== "");
    return first !== undefined && this.headerFirst !== undefined && norm(first) === this.headerFirst;
  }

  private looksLikeData(fields: string[]): boolean {
    for (const f of fields) {
      if (TABLE_AMOUNT.test(HAS_WS.test(f) ? f.replace(/\s+/g, "") : f)) return true;
      if (mayStartWithDigit(f) && CODE3.test(nfkc(f))) return true;
    }
    const k = labelKey(fields[0] ?? "");
    return k !== "" && this.state.lineKeys.some((c) => c.key === k);
  }

  /** The "※ 1 2 3" row: ※ per text/code column, then numbered amount columns. */
  private checkNumbering(fields: string[], l: Line): void {
    const marks = fields.filter((f) => norm(f) === "※").length;
    const maxNo = (fs: readonly string[]): number => {
      let m = 0;
      for (const f of fs) if (/^\d{1,2}$/.test(f)) m = Math.max(m, Number(f));
      return m;
    };
    // Some pages print the numbers on the 类/款/项 row above and leave the ※ row blank after the marks.
    const numbered = maxNo(fields) || maxNo(this.prevHeader ?? []);
    const count = marks + numbered;
    const expected = this.spec.columns.length;
    if (count !== expected) {
      this.ctx.problems.error(
        "table.columnCount",
        `${this.where()}的栏次行有 ${count} 列，模板“${this.ctx.template.id}”为 ${expected} 列，数据可能错位`,
        l.no,
      );
    }
  }

  private dataRow(fields: string[], l: Line): void {
    const cols = this.spec.columns;
    const problems = this.ctx.problems;
    for (let j = cols.length; j < fields.length; j++) {
      if (fields[j]) {
        problems.error(
          "table.extraCells",
          `${this.where()}的这一行有 ${fields.length} 列，多于模板的 ${cols.length} 列，多出的“${fields[j]}”已忽略`,
          l.no,
        );
        break;
      }
    }
    const cells: Cell[] = new Array(cols.length);
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j] as (typeof cols)[number];
      const f = fields[j] ?? "";
      if (f === "") {
        cells[j] = null;
      } else if (c.type !== "amount") {
        cells[j] = f;
      } else {
        // (a plain amount is the usual cell, and no dash: tried first)
        const plain = plainAmount(f, this.table.unit);
        if (plain !== undefined) {
          cells[j] = plain;
          continue;
        }
        if (DASH.test(f)) {
          cells[j] = null;
          problems.warn("table.dash", `${this.where()}“${c.path.join("/")}”列的“${f}”按空白读取`, l.no);
          continue;
        }
        const v = parseAmount(PLAIN_AMOUNT.test(f) ? f : f.normalize("NFKC"), this.table.unit);
        if (v === undefined) {
          cells[j] = null;
          problems.error("table.amount", `${this.where()}“${c.path.join("/")}”列的“${f}”不是金额`, l.no);
        } else cells[j] = v;
      }
    }
    const shape = classifyRow(this.spec, cells, this.keyIndex, this.state);
    const row: Row = { kind: shape.kind, label: shape.label, level: shape.level, cells };
    if (shape.code !== undefined) {
      row.code = shape.code;
      if (shape.code === "" || !allDigits(shape.code))
        problems.warn("table.code", `${this.where()}的科目编码“${shape.code}”不是数字`, l.no);
    }
    if (shape.lineKey !== undefined) row.lineKey = shape.lineKey;
    if (this.spec.lines && this.spec.layout === "lines" && !shape.lineKey && shape.kind !== "total")
      problems.warn("table.line", `${this.where()}的“${shape.label}”不是模板中的行`, l.no);
    this.table.rows.push(row);
  }
}

// (see keepShape in lines.ts)
keepShape(
  new TableReader(
    [],
    xinjiang2025Budget.tables[0] as TableSpec,
    { template: xinjiang2025Budget, problems: new Problems(), knownUnits: new Set(), unit: "wanyuan" },
    { no: 0, id: "", title: "", unit: "wanyuan", columns: [], rows: [] },
  ),
);
