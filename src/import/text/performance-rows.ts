/**
 * Indicator rows of one 绩效目标表: turns tab-separated lines into `Indicator`s.
 *
 * Why it is not a simple column split (all seen in the seed):
 * - merged 一级/二级 cells are printed once; the rows below start with empty cells, and some rows
 *   lose those empty cells altogether ("→每次参加创业服务活动人数→≥20人→…", "质量指标→活动完成率→…")
 *   or have the name shifted left ("招聘会活动按时完成率→→>=90%→…→工作资料→"). Cells are therefore
 *   anchored on the right: the 分值权重 is the rightmost plain number, the 指标值 sits a fixed
 *   number of cells before it, and the name is the last non-empty cell before the 指标值;
 * - a cell that wrapped over a page or line break continues on a line of its own that keeps the
 *   column positions ("→→→→划情况汇报→", "→→→万元→→→→分→", "→→→日→→→→→"): appended to the row above;
 * - 一级/二级 text wraps inside the merged cell ("满意 度指 标") or across rows ("满意度指" then "标");
 * - three tables print no 指标赋分规则 header although their rows carry the rule, sometimes merged
 *   with the 佐证资料 into one cell ("按照完成比例赋分 工作资料").
 */
import type { ImportProblem, Indicator, Target } from "../../model/disclosure.ts";
import { keepShape } from "./lines.ts";
import {
  cleanText,
  looksLikeTarget,
  normaliseLastYear,
  normaliseTarget,
  squeeze,
  type TargetReading,
} from "./performance-target.ts";

export type Field =
  | "level1"
  | "level2"
  | "name"
  | "target"
  | "basis"
  | "lastYear"
  | "weight"
  | "scoring"
  | "evidence"
  | "other";

/**
 * One indicator row: its line and its cells by field, every field present (undefined until set):
 * one object shape for all rows, however their layout orders the fields, so that reading them in
 * `finish` stays cheap. Reads as the Partial record it is typed as (nothing tests for a key's
 * presence). `finish` adds the 一级/二级 labels carried down to the row.
 */
class RawRow implements Partial<Record<Field, string>> {
  h1: Level | undefined = undefined;
  h2: Level | undefined = undefined;
  constructor(readonly line: number) {}
  level1: string | undefined = undefined;
  level2: string | undefined = undefined;
  name: string | undefined = undefined;
  target: string | undefined = undefined;
  basis: string | undefined = undefined;
  lastYear: string | undefined = undefined;
  weight: string | undefined = undefined;
  scoring: string | undefined = undefined;
  evidence: string | undefined = undefined;
  other: string | undefined = undefined;
}

// (see keepShape in lines.ts)
keepShape(new RawRow(0));

/** The four 赋分规则 of the seed (DOMAIN.md); a cell equal to one of them is complete. */
const SCORING_RULES = ["按照完成比例赋分", "按评判等级赋分", "满意度赋分", "直接赋分"];
/** First words of 一级/二级 labels: a level cell starting with one is a new label, not a fragment. */
const LEVEL_HEADS = /^(产出|成本|效益|满意度|数量|质量|时效|经济|社会|生态|可持续|履职|服务对象|效果|管理)/;
const LEVEL1_ONLY = new Set(["产出指标", "成本指标", "效益指标", "履职效能"]);
/** (the pattern isWeight applies by hand) */
export const WEIGHT_RE = /^\d+(?:\.\d+)?$/;

/** WEIGHT_RE.test(cell), by hand: digits, optionally "." and more digits (tried on most cells). */
export function isWeight(cell: string): boolean {
  const n = cell.length;
  let i = 0;
  while (i < n && isDigit(cell.charCodeAt(i))) i++;
  if (i === 0) return false;
  if (i === n) return true;
  if (cell.charCodeAt(i) !== 0x2e || i + 1 === n) return false;
  for (i++; i < n; i++) if (!isDigit(cell.charCodeAt(i))) return false;
  return true;
}
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

export function fieldOfHeader(text: string): Field {
  const h = squeeze(text);
  if (h === "一级指标") return "level1";
  if (h === "二级指标") return "level2";
  if (h === "三级指标") return "name";
  if (h === "指标值") return "target";
  if (h.includes("依据")) return "basis";
  if (h.includes("上年")) return "lastYear";
  if (h.includes("权重") || h.includes("分值")) return "weight";
  if (h.includes("赋分")) return "scoring";
  if (h.includes("佐证")) return "evidence";
  return "other";
}

function anyFilled(cells: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (cells[i] !== "") return true;
  return false;
}

/** /(指标|效能)$/.test(level) */
const isComplete = (level: string): boolean => level.endsWith("指标") || level.endsWith("效能");
const joinFragment = (a: string, b: string): string => {
  if (a === "") return b;
  // A CJK boundary means a word wrapped mid-way ("…工作谋" + "划情况汇报"); otherwise keep a space.
  return /[\p{Script=Han}]$/u.test(a) || /^[\p{Script=Han}]/u.test(b) ? a + b : `${a} ${b}`;
};

/** A 一级/二级 label, shared by the rows it covers (see IndicatorRows.finish). */
interface Level {
  text: string;
}

/** The label holder for a row's level cell `t` (squeezed): the one above, extended, or a new one. */
function nextLevel(holder: Level | undefined, t: string): Level | undefined {
  if (t === "") return holder;
  if (holder && !isComplete(holder.text) && !LEVEL_HEADS.test(t)) {
    holder.text += t;
    return holder;
  }
  return { text: t };
}

export class IndicatorRows {
  private readonly rows: RawRow[] = [];
  private mid: Field[];
  private tail: Field[];
  /** Column → field for continuation lines, which keep the printed column positions. */
  private layout: Field[];

  /**
   * @param targets readings of 指标值 cells by cell text, shared by the tables of one document (the
   * same "=100%" or ">=90%" recurs in most tables): each cell text is normalised once
   */
  constructor(
    private readonly kind: "overall" | "project",
    private readonly report: (p: Omit<ImportProblem, "severity">, severity?: ImportProblem["severity"]) => void,
    private readonly targets: Map<string, TargetReading> = new Map(),
  ) {
    this.mid = kind === "overall" ? ["basis"] : ["basis", "lastYear"];
    this.tail = kind === "overall" ? [] : ["scoring", "evidence"];
    this.layout = this.makeLayout();
  }

  get count(): number {
    return this.rows.length;
  }

  /** Sets the row layout from a header row's fields (in printed order). */
  setHeader(fields: Field[]): void {
    const t = fields.indexOf("target");
    const w = fields.indexOf("weight");
    if (t < 0 || w < t) return;
    this.mid = fields.slice(t + 1, w);
    this.tail = fields.slice(w + 1);
    // The rule column exists in every project row even where its header title is missing (P-09).
    if (this.kind === "project" && !this.tail.includes("scoring")) this.tail = ["scoring", ...this.tail];
    this.layout = this.makeLayout();
  }

  private makeLayout(): Field[] {
    return ["level1", "level2", "name", "target", ...this.mid, "weight", ...this.tail];
  }

  /**
   * Reads one line (cells already trimmed, trailing blanks removed). Returns "row" for an indicator
   * row, "fragment" for a continuation line merged into the row above, "none" otherwise.
   */
  add(cells: string[], line: number, asRowOnly = false): "row" | "fragment" | "none" {
    let w = -1;
    for (let i = cells.length - 1; i >= 0; i--) {
      if (isWeight(cells[i]!)) {
        w = i;
        break;
      }
    }
    let t = w - this.mid.length - 1;
    // A row whose 上年完成值 cell is missing rather than blank: the 指标值 is one cell further right.
    if (t >= 1 && t + 1 < w && !looksLikeTarget(cells[t]!) && looksLikeTarget(cells[t + 1]!)) t++;
    if (w > 0 && t >= 1 && cells[t] !== "" && anyFilled(cells, 0, t)) {
      this.rows.push(this.rowCells(cells, t, w, line));
      return "row";
    }
    if (asRowOnly || cells.length < 2) return "none";
    return this.fragment(cells, line);
  }

  private rowCells(cells: string[], t: number, w: number, line: number): RawRow {
    const out = new RawRow(line);
    out.target = cells[t]!;
    out.weight = cells[w]!;
    // Left of the 指标值: [一级, 二级, 三级] with missing or shifted cells; the name is the last
    // non-empty one, the one or two cells before it are levels.
    let j = t - 1;
    while (j > 0 && cells[j] === "") j--;
    out.name = cells[j]!;
    if (j >= 2) {
      out.level1 = cells[j - 2]!;
      out.level2 = cells[j - 1]!;
    } else if (j === 1 && cells[0] !== "") {
      const before = cells[0]!;
      if (LEVEL1_ONLY.has(squeeze(before))) out.level1 = before;
      else out.level2 = before;
    }
    const mid = this.mid;
    for (let k = 0; k < mid.length; k++) if (t + 1 + k < w) out[mid[k]!] = cells[t + 1 + k]!;
    // Right of the 分值权重: the filled cells fill the tail fields in order, the last field taking
    // any extra cells.
    const fields = this.tail;
    let filled = 0;
    for (let k = w + 1; k < cells.length; k++) if (cells[k] !== "") filled++;
    if (filled <= fields.length && !(filled === 1 && fields.length === 2 && fields[0] === "scoring")) {
      // (the usual row: one cell per field, no extra cells to join)
      let f = 0;
      for (let k = w + 1; k < cells.length; k++) if (cells[k] !== "") out[fields[f++]!] = cells[k]!;
      return out;
    }
    const tail: string[] = [];
    for (let k = w + 1; k < cells.length; k++) if (cells[k] !== "") tail.push(cells[k]!);
    if (tail.length === 1 && fields.length === 2 && fields[0] === "scoring") {
      // "按照完成比例赋分 工作资料": rule and evidence in one cell.
      const cell = tail[0]!;
      const sq = squeeze(cell);
      const rule = SCORING_RULES.find((r) => sq.startsWith(r) && sq !== r);
      const m = rule ? null : /^(\S+)\s+(\S.*)$/.exec(cell);
      if (rule) {
        out.scoring = rule;
        out.evidence = sq.slice(rule.length);
      } else if (m) {
        out.scoring = m[1]!;
        out.evidence = m[2]!;
      } else out.scoring = cell;
    } else {
      for (let k = 0; k < fields.length; k++) {
        const v = k < fields.length - 1 ? tail[k] : k === tail.length - 1 ? tail[k] : tail.slice(k).join(" ");
        if (v) out[fields[k]!] = v;
      }
    }
    return out;
  }

  private fragment(cells: string[], line: number): "fragment" | "none" {
    const last = this.rows[this.rows.length - 1];
    if (!last) {
      this.report({ code: "text.performance.orphan-fragment", message: "续行之前没有指标行，已忽略", line });
      return "fragment";
    }
    // Check the whole line before merging anything: a 一级/二级 cell only continues a label the row
    // above left unfinished ("效益" + "指标"), and a cell outside the layout means the line is no
    // continuation at all.
    for (let i = 0; i < cells.length; i++) {
      if (cells[i] === "") continue;
      const f = this.layout[i];
      if (f === undefined || f === "other") return "none";
      if (f === "level1" || f === "level2") {
        const prev = squeeze(last[f] ?? "");
        if (prev === "" || isComplete(prev) || LEVEL_HEADS.test(squeeze(cells[i]!))) return "none";
      }
    }
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      const f = this.layout[i];
      if (c === "" || f === undefined) continue;
      const prev = last[f] ?? "";
      // The seed repeats the last character of a rule across a page break ("按照完成比例赋分" then a
      // line holding only "分"): a complete rule takes no continuation.
      if (f === "scoring" && SCORING_RULES.includes(squeeze(prev))) continue;
      last[f] = joinFragment(prev, c);
    }
    return "fragment";
  }

  /** Builds the indicators, carrying 一级/二级 down over blank cells and joining wrapped labels. */
  finish(): Indicator[] {
    const out: Indicator[] = [];
    // Shared holders so a label completed by a later row ("满意度指" + "标") fixes earlier rows too.
    let l1: Level | undefined;
    let l2: Level | undefined;
    for (const c of this.rows) {
      const t2 = squeeze(c.level2 ?? "");
      const n1 = nextLevel(l1, squeeze(c.level1 ?? ""));
      if (n1 !== l1 && t2 === "") l2 = undefined;
      l1 = n1;
      l2 = nextLevel(l2, t2);
      c.h1 = l1;
      c.h2 = l2;
      if (!l1 || !l2) {
        const miss = !l1 ? "一级指标" : "二级指标";
        this.report({ code: "text.performance.level-missing", message: `指标“${c.name}”缺少${miss}`, line: c.line });
      }
    }
    for (const c of this.rows) {
      const cell = c.target ?? "";
      // Each indicator owns its target: the first reading of a cell text is used as it is, later
      // ones are copies.
      let reading = this.targets.get(cell);
      let target: Target;
      if (reading === undefined) {
        reading = normaliseTarget(cell);
        this.targets.set(cell, reading);
        target = reading.target;
      } else target = { ...reading.target };
      if (!reading.ok) {
        this.report({ code: "text.performance.target", message: `无法解析指标值“${c.target ?? ""}”`, line: c.line });
      }
      const ind: Indicator = {
        level1: c.h1?.text ?? "",
        level2: c.h2?.text ?? "",
        name: cleanText(c.name ?? ""),
        target,
      };
      if (c.basis) ind.basis = cleanText(c.basis);
      if (c.lastYear) ind.lastYear = normaliseLastYear(c.lastYear);
      if (c.weight && isWeight(c.weight)) ind.weight = Number(c.weight);
      else
        this.report({
          code: "text.performance.weight",
          message: `指标“${ind.name}”没有可读的分值权重`,
          line: c.line,
        });
      if (c.scoring) ind.scoring = squeeze(c.scoring);
      if (c.evidence) ind.evidence = cleanText(c.evidence);
      out.push(ind);
    }
    return out;
  }
}

// (see keepShape in lines.ts)
keepShape(new IndicatorRows("project", () => {}));
