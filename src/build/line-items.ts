/**
 * Line items: from rows of cells (CSV or an xlsx sheet) to typed items, with one precise problem
 * per bad cell ("line-items.csv 第 12 行 amount：…"). Pure.
 */
import { type CatalogSet, describeNearest, entryAt } from "../catalog/catalog-set.ts";
import { parseYuan } from "../model/money.ts";
import { FUNDS, type FundName, LINE_ITEM_COLUMNS, type LineItem, type PackageProblem } from "./package.ts";

export interface RawRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string | number | boolean | null | undefined>>;
}

const NATURE: Record<string, "basic" | "project"> = {
  基本: "basic",
  基本支出: "basic",
  项目: "project",
  项目支出: "project",
};
const KIND: Record<string, "personnel" | "operating"> = {
  人员: "personnel",
  人员经费: "personnel",
  公用: "operating",
  公用经费: "operating",
};

/** Checks the header: every column present, no unknown ones. */
export function checkHeader(header: readonly string[], file: string, line: number): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const missing = LINE_ITEM_COLUMNS.filter((c) => c !== "prior_amount" && !header.includes(c));
  if (missing.length)
    problems.push({
      file,
      line,
      severity: "error",
      message: `表头缺少列 ${missing.join("、")}；表头应为 ${LINE_ITEM_COLUMNS.join(",")}`,
    });
  const extra = header.filter((c) => c && !(LINE_ITEM_COLUMNS as readonly string[]).includes(c));
  if (extra.length)
    problems.push({ file, line, severity: "error", message: `未知的列 ${extra.join("、")}（列名区分大小写）` });
  return problems;
}

function text(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v).trim();
}

/** Parses an amount cell in 元: a decimal with at most 2 decimals; numbers from xlsx are accepted. */
function amountCell(v: string | number | boolean | null | undefined): { ok: true; fen: number } | { ok: false } {
  if (typeof v === "boolean") return { ok: false };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false };
    // xlsx numbers are binary floats: accept them when they are a whole number of 分.
    const f = Math.round(v * 100);
    if (Math.abs(f - v * 100) > 1e-6 * Math.max(1, Math.abs(v))) return { ok: false };
    return { ok: true, fen: f };
  }
  const t = text(v).replace(/,/g, "");
  if (t === "") return { ok: true, fen: 0 };
  const f = parseYuan(t);
  return f === undefined ? { ok: false } : { ok: true, fen: f };
}

/**
 * Validates rows into line items. `catalog` checks codes (unknown → error with the nearest codes);
 * `units` are the budget units declared in the metadata.
 */
export function parseLineItems(
  rows: readonly RawRow[],
  file: string,
  catalog: CatalogSet,
  units: readonly string[],
): { items: LineItem[]; problems: PackageProblem[] } {
  const items: LineItem[] = [];
  const problems: PackageProblem[] = [];
  const seen = new Map<string, number>();
  const unitSet = new Set(units);
  const partialNote = catalog.partial ? "（内置目录不完整；如编码确实有效，请用 --catalog 指定官方目录）" : "";
  for (const row of rows) {
    const err = (field: string, message: string) =>
      problems.push({ file, line: row.line, field, severity: "error", message });
    const c = row.cells;
    const unit = text(c.budget_unit);
    const fc = text(c.function_code);
    const ec = text(c.economic_code);
    const fundName = text(c.fund);
    const natureName = text(c.nature);
    const kindName = text(c.basic_kind);
    const project = text(c.project);
    let ok = true;
    if (!unit) {
      err("budget_unit", "预算单位为空");
      ok = false;
    } else if (!unitSet.has(unit)) {
      err("budget_unit", `“${unit}”不在 meta 的 overview.units 中（已声明：${units.join("、") || "无"}）`);
      ok = false;
    }
    if (!/^\d{7}$/.test(fc)) {
      err("function_code", `“${fc}”不是 7 位功能分类项级编码（如 2080101）`);
      ok = false;
    } else {
      if (!entryAt(catalog, fc, "项")) {
        err(
          "function_code",
          `${fc} 不在 ${catalog.year ?? ""} 年支出功能分类目录中；最接近的有效编码：${describeNearest(catalog, fc)}${partialNote}`,
        );
        ok = false;
      }
    }
    if (!/^\d{5}$/.test(ec)) {
      err("economic_code", `“${ec}”不是 5 位经济分类款级编码（如 30101）`);
      ok = false;
    } else {
      if (!entryAt(catalog, ec, "款")) {
        err(
          "economic_code",
          `${ec} 不在部门预算支出经济分类目录中；最接近的有效编码：${describeNearest(catalog, ec)}${partialNote}`,
        );
        ok = false;
      }
    }
    const fund = (FUNDS as Record<string, (typeof FUNDS)[FundName]>)[fundName];
    if (!fund) {
      err("fund", `“${fundName}”不是资金来源；可用：${Object.keys(FUNDS).join("、")}`);
      ok = false;
    }
    const nature = NATURE[natureName];
    if (!nature) {
      err("nature", `“${natureName}”应为 基本 或 项目`);
      ok = false;
    }
    const basicKind = KIND[kindName];
    if (nature === "basic") {
      if (!basicKind) {
        err("basic_kind", `基本支出必须填写 人员 或 公用（实为“${kindName}”）`);
        ok = false;
      }
      if (project) {
        err("project", `基本支出不应填写项目名称（实为“${project}”）`);
        ok = false;
      }
    } else if (nature === "project") {
      if (kindName) {
        err("basic_kind", `项目支出不填写 basic_kind（实为“${kindName}”）`);
        ok = false;
      }
      if (!project) {
        err("project", "项目支出必须填写项目名称");
        ok = false;
      }
    }
    const amount = amountCell(c.amount);
    if (!amount.ok) {
      err("amount", `“${text(c.amount)}”不是金额（元，最多两位小数，如 12345.67）`);
      ok = false;
    } else if (amount.fen < 0) {
      err("amount", `金额不能为负数（${text(c.amount)}）；调减请直接填写调减后的预算数`);
      ok = false;
    }
    const prior = amountCell(c.prior_amount);
    if (!prior.ok) {
      err("prior_amount", `“${text(c.prior_amount)}”不是金额（元，最多两位小数）`);
      ok = false;
    } else if (prior.fen < 0) {
      err("prior_amount", `上年金额不能为负数（${text(c.prior_amount)}）`);
      ok = false;
    }
    if (!ok || !fund || !nature || !amount.ok || !prior.ok) continue;
    const key = [unit, fc, ec, fund, nature, basicKind ?? "", project].join("|");
    const first = seen.get(key);
    if (first !== undefined) {
      err("project", `与第 ${first} 行重复（单位、功能分类、经济分类、资金来源、性质和项目都相同）；请合并为一行`);
      continue;
    }
    seen.set(key, row.line);
    items.push({
      unit,
      functionCode: fc,
      economicCode: ec,
      fund,
      nature,
      basicKind: nature === "basic" ? basicKind : undefined,
      project: nature === "project" ? project : undefined,
      amount: amount.fen,
      priorAmount: prior.fen,
      source: file,
      line: row.line,
    });
  }
  return { items, problems };
}
