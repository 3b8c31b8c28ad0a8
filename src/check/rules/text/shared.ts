/**
 * Shared helpers for the text, completeness and performance rules: finding 说明 sections and their
 * statements, matching statement subjects to table lines, and checking printed percentages.
 * Matching goes by names and codes from the Disclosure and the template spec, never by one sample's
 * sentence wording (the trap a peer checker fell into).
 */
import { amountAt, cached, cachedText, lineAmount, tableById, totalRow } from "../../../model/access.ts";
import type { Disclosure, Explanation, PrintedTable, Row, Statement } from "../../../model/disclosure.ts";
import type { Finding, Location, Severity } from "../../../model/finding.ts";
import { type CentiPercent, type Fen, formatPercent, formatWanyuan, growth, share } from "../../../model/money.ts";
import type { ExplanationSpec } from "../../../templates/spec.ts";
import type { RuleContext } from "../../rule.ts";

export const PART = {
  overview: "部门概况",
  tables: "部门预算公开表",
  text: "部门预算情况说明",
  glossary: "名词解释",
  performance: "绩效目标表",
  toc: "目录",
} as const;

const CN_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"];

/** 5 → "五"; used in locations such as "说明五（三）第 9 项". */
export function cnNumber(n: number): string {
  return CN_NUM[n] ?? String(n);
}

const NEEDS_SQUASH = /[\s\u00a0\u3000()]/;

/** Removes whitespace (PDF text breaks words with spaces) for name comparison. */
export function squash(s: string): string {
  // Fast path: most strings need no change, and this runs in many rules on every document.
  if (!NEEDS_SQUASH.test(s)) return s;
  return cachedText(squashOnce, s);
}

/**
 * `s.trim() !== ""` for a defined `s`, without making the trimmed string: a first character that is
 * no white space (what trim removes lies in U+0000 … U+0020, U+00A0, U+1680 … U+3000 and U+FEFF)
 * decides at once.
 */
export function hasText(s: string | undefined): boolean {
  if (s === undefined) return false;
  const c = s.charCodeAt(0); // NaN for "": every comparison false
  if (c > 0x20 && c !== 0xa0 && (c < 0x1680 || c > 0x3000) && c !== 0xfeff) return true;
  return s.trim() !== "";
}

function squashOnce(s: string): string {
  const t = s.replace(/[\s\u00a0\u3000]+/g, "");
  // (most text has no ASCII brackets: no scans for them)
  return t.includes("(") || t.includes(")") ? t.replace(/\(/g, "（").replace(/\)/g, "）") : t;
}

/** The 说明 section with the template's id (by number, falling back to the title). */
export function explanationById(ctx: RuleContext, id: string): Explanation | undefined {
  const spec = ctx.template.explanations.find((e) => e.id === id);
  if (!spec) {
    // a section of this template that carries the content of the one asked for (spec `covers`)
    const carrier = ctx.template.explanations.find((e) => e.covers?.includes(id));
    return carrier ? ctx.d.explanations.find((e) => e.no === carrier.no) : undefined;
  }
  const byNo = ctx.d.explanations.find((e) => e.no === spec.no);
  if (byNo) return byNo;
  // Fall back to the title (a document numbered differently), but never take a section that is
  // legitimately another one: "财政拨款收支预算情况" (四) must not stand in for a missing 说明一
  // although its title contains "收支预算情况".
  const own = (e: Explanation) => ctx.template.explanations.find((x) => x.no === e.no);
  return ctx.d.explanations.find((e) => {
    const t = squash(e.title);
    if (!t.includes(squash(spec.title))) return false;
    const o = own(e);
    return !o || o.id === id || !t.includes(squash(o.title));
  });
}

/** The spec of the section that carries the content of `id` (itself, or one that `covers` it). */
export function explanationSpecOf(ctx: RuleContext, id: string): ExplanationSpec | undefined {
  return (
    ctx.template.explanations.find((e) => e.id === id) ?? ctx.template.explanations.find((e) => e.covers?.includes(id))
  );
}

/** Whether the template's section states a 比上年增减 (spec `comparesWith`, default priorYear). */
export function comparesWithPriorYear(ctx: RuleContext, id: string): boolean {
  return (explanationSpecOf(ctx, id)?.comparesWith ?? "priorYear") === "priorYear";
}

/**
 * The 说明十二-style number of the template's 其他重要事项 section (12 when the spec has none), or of
 * the section that carries `matter` on its own (spec `otherMatter`: Jiangsu 2017 说明十 机关运行经费).
 */
export function otherSectionNo(ctx: RuleContext, matter?: ExplanationSpec["otherMatter"]): number {
  const own = matter ? ctx.template.explanations.find((e) => e.otherMatter === matter) : undefined;
  return own?.no ?? ctx.template.explanations.find((e) => e.id === "other")?.no ?? 12;
}

/**
 * 基本支出 amounts of 表6 by kind: the 人员经费 / 公用经费 columns where the table has them, else (决算
 * 表6: 人员经费 and 公用经费 blocks by economic class) the sums of its class rows, split by the spec's
 * `personnelClasses`. `byKind` gives a 款 row's amount for the kind (for listing 款 names).
 */
export function basicAmounts(
  ctx: RuleContext,
  t6: PrintedTable,
): {
  total?: Fen;
  personnel?: Fen;
  operating?: Fen;
  byKind: (r: Row, kind: "personnel" | "operating") => Fen;
  /** the kind of an economic code (by the spec's personnelClasses), where the table splits by class */
  kindOf?: (code: string) => "personnel" | "operating";
} {
  const spec = ctx.template.tables.find((x) => x.id === t6.id);
  const classes = spec?.personnelClasses;
  if (!classes) {
    const out: ReturnType<typeof basicAmounts> = { byKind: (r, k) => amountAt(t6, r, k) ?? 0 };
    const total = totalAt(t6, "total");
    const personnel = totalAt(t6, "personnel");
    const operating = totalAt(t6, "operating");
    if (total !== undefined) out.total = total;
    if (personnel !== undefined) out.personnel = personnel;
    if (operating !== undefined) out.operating = operating;
    return out;
  }
  const isPersonnel = (code: string) => classes.some((c) => code.startsWith(c));
  let personnel = 0;
  let operating = 0;
  for (const r of t6.rows) {
    if (r.code?.length !== 3) continue;
    const a = amountAt(t6, r, "total") ?? 0;
    if (isPersonnel(r.code)) personnel += a;
    else operating += a;
  }
  // the printed block totals (人员经费合计, 公用经费合计) win over the class sums: a class row the
  // import could not separate (决算 表6's wrapped right block) must not change the amounts
  const printed = (word: string) => {
    const r = t6.rows.find((x) => x.kind === "total" && squash(x.label).includes(word));
    return r ? amountAt(t6, r, "total") : undefined;
  };
  personnel = printed("人员经费合计") ?? personnel;
  operating = printed("公用经费合计") ?? operating;
  return {
    total: personnel + operating,
    personnel,
    operating,
    kindOf: (code) => (isPersonnel(code) ? "personnel" : "operating"),
    byKind: (r, k) => (r.code && isPersonnel(r.code) === (k === "personnel") ? (amountAt(t6, r, "total") ?? 0) : 0),
  };
}

/**
 * The 说明 section and the table a text rule compares, or why it cannot run ("没有说明五",
 * "没有表5 一般公共预算支出情况表"), named from the template spec.
 */
export function sectionWithTable(
  ctx: RuleContext,
  sectionId: string,
  tableId: string,
): { e: Explanation; t: PrintedTable } | { notChecked: string } {
  const e = explanationById(ctx, sectionId);
  const t = tableById(ctx.d, tableId);
  if (!e) {
    const no = ctx.template.explanations.find((x) => x.id === sectionId)?.no;
    return { notChecked: `没有说明${no === undefined ? sectionId : cnNumber(no)}` };
  }
  if (!t) {
    const spec = ctx.template.tables.find((x) => x.id === tableId);
    return { notChecked: spec ? `没有表${spec.no} ${spec.title}` : `没有${tableId}` };
  }
  return { e, t };
}

/** Location of a 说明 section: "说明五". */
export function textLoc(no: number, detail?: string): Location {
  return { part: PART.text, section: `说明${cnNumber(no)}${detail ?? ""}` };
}

export function tableLoc(t: PrintedTable, row?: string, column?: string): Location {
  const loc: Location = { part: PART.tables, table: t.no };
  if (row !== undefined) loc.row = row;
  if (column !== undefined) loc.column = column;
  return loc;
}

/** The subject of a statement with whitespace removed. */
export function subjectOf(s: Statement): string {
  return squash(s.subject);
}

/** The statement part before its reason (so "主要原因是…减少 2 人" does not count as change wording). */
export function claimText(s: Statement): string {
  const t = s.text;
  if (s.reason) {
    const i = t.indexOf(s.reason);
    if (i > 0) return t.slice(0, i);
  }
  return t;
}

/** Sign implied by the change wording: +1 增加, −1 减少, 0 持平/无变化, undefined when absent. */
export function changeWordSign(s: Statement): number | undefined {
  return changeSignIn(claimText(s));
}

const RISE_WORDS: ReadonlySet<string> = new Set(["增加", "增长", "上升", "提高"]);

function changeSignIn(claim: string): number | undefined {
  const m = /(增加|增长|上升|提高|减少|下降|降低|持平)/.exec(claim);
  if (!m) return undefined;
  if (m[1] === "持平") return 0;
  return RISE_WORDS.has(m[1]!) ? 1 : -1;
}

/** Sign implied by the growth-rate wording (增长/下降), when the sentence has a rate. */
export function growthWordSign(s: Statement): number | undefined {
  return growthSignIn(claimText(s));
}

function growthSignIn(claim: string): number | undefined {
  const m = /(增长|上升|下降|降低)\s*[-+]?[\d,.]+\s*[%％]/.exec(claim);
  if (!m) return undefined;
  return m[1] === "增长" || m[1] === "上升" ? 1 : -1;
}

export interface PercentCheck {
  severity: Severity;
  message: string;
  expected?: string;
  actual?: string;
  difference?: string;
}

/** Half a printed step of 0.01 万元, in 分: every amount in a 说明 is rounded to it. */
const HALF_STEP = 5_000n;

/**
 * Could the printed rate (hundredths of a percent) be num / den for some true amounts within
 * rounding of the printed ones (num ± dn, den ± dd, in 分)? Exact integer arithmetic: the rate is
 * continuous over that box, so it is enough that one corner reaches the rate's lower rounding bound
 * and one corner its upper bound: 2·10000·n ≥ (2p − 1)·d and 2·10000·n ≤ (2p + 1)·d, for d > 0.
 */
export function rateWithinRounding(printed: number, num: Fen, den: Fen, dn: bigint, dd: bigint): boolean {
  const p = BigInt(printed);
  let reachesLow = false;
  let reachesHigh = false;
  for (const n of [BigInt(num) - dn, BigInt(num) + dn])
    for (const d of [BigInt(den) - dd, BigInt(den) + dd]) {
      if (d <= 0n) return false; // the base could be zero: no bound to speak of
      if (20000n * n >= (2n * p - 1n) * d) reachesLow = true;
      if (20000n * n <= (2n * p + 1n) * d) reachesHigh = true;
    }
  return reachesLow && reachesHigh;
}

/**
 * Checks a printed share against amount / whole, rounded half up to 0.01%. Recomputed from the
 * printed amounts it should match exactly (it does on the seed); a difference that the rounding of
 * the two printed amounts can explain is a notice, anything else an error.
 */
export function checkShare(printed: CentiPercent, amount: Fen, whole: Fen): PercentCheck | undefined {
  const exp = share(amount, whole);
  if (exp === undefined || exp === printed) return undefined;
  const rounding = rateWithinRounding(printed, amount, whole, HALF_STEP, HALF_STEP);
  return {
    severity: rounding ? "notice" : "error",
    message: `占比应为 ${formatWanyuan(amount)} ÷ ${formatWanyuan(whole)} = ${formatPercent(exp)}，说明写为 ${formatPercent(printed)}${rounding ? "（在金额四舍五入可解释的范围内）" : ""}`,
    expected: formatPercent(exp),
    actual: formatPercent(printed),
    difference: `${((printed - exp) / 100).toFixed(2)} 个百分点`,
  };
}

/**
 * Checks a statement's change and growth: growth = change / (amount − change), exact to 0.01%;
 * the signs of change and rate agree with the 增加/减少 and 增长/下降 wording. A rise from 0 written
 * "增长 100.00%" is a questionable convention (domain-rules §9.2): a warning, not an error.
 */
export function checkChange(s: Statement): PercentCheck[] {
  const out: PercentCheck[] = [];
  if (s.change === undefined) return out;
  const claim = claimText(s);
  const word = changeSignIn(claim);
  const sign = Math.sign(s.change);
  if (word !== undefined && sign !== 0 && word !== 0 && word !== sign) {
    out.push({
      severity: "error",
      message: `增减额 ${formatWanyuan(s.change)} 万元的符号与文字“${word > 0 ? "增加" : "减少"}”不一致`,
      expected: word > 0 ? "增加" : "减少",
      actual: formatWanyuan(s.change),
    });
  }
  if (s.growth === undefined || s.amount === undefined) return out;
  const gw = growthSignIn(claim);
  if (gw !== undefined && s.growth !== 0 && Math.sign(s.growth) !== gw) {
    out.push({
      severity: "error",
      message: `增长率 ${formatPercent(s.growth)} 的符号与文字“${gw > 0 ? "增长" : "下降"}”不一致`,
      expected: gw > 0 ? "增长" : "下降",
      actual: formatPercent(s.growth),
    });
  }
  const prior = s.amount - s.change;
  if (prior === 0) {
    if (s.change === 0) {
      if (s.growth !== 0)
        out.push({
          severity: "error",
          message: `上年与本年均为 0，增长率应为 0.00%，说明写为 ${formatPercent(s.growth)}`,
          expected: "0.00%",
          actual: formatPercent(s.growth),
        });
      return out;
    }
    // Rising from zero: the rate is undefined; "100.00%" is the common convention.
    out.push({
      severity: s.growth === 10000 ? "warning" : "error",
      message:
        s.growth === 10000
          ? `上年预算为 0（本年 ${formatWanyuan(s.amount)} 万元全部为新增），增长率数学上无定义，说明按惯例写为 100.00%；建议写明“上年无此项支出”`
          : `上年预算为 0，增长率无定义，说明写为 ${formatPercent(s.growth)}`,
      actual: formatPercent(s.growth),
    });
    return out;
  }
  const exp = growth(s.amount, s.change);
  if (exp !== undefined && exp !== s.growth) {
    // The change and this year's amount are each rounded to 0.01 万元, so last year's (their
    // difference) to within 0.01 万元: a rate those roundings can explain is a notice.
    const rounding = rateWithinRounding(s.growth, s.change, prior, HALF_STEP, 2n * HALF_STEP);
    out.push({
      severity: rounding ? "notice" : "error",
      message: `增长率应为 ${formatWanyuan(s.change)} ÷ (${formatWanyuan(s.amount)} − ${formatWanyuan(s.change)}) = ${formatPercent(exp)}，说明写为 ${formatPercent(s.growth)}${rounding ? "（在金额四舍五入可解释的范围内）" : ""}`,
      expected: formatPercent(exp),
      actual: formatPercent(s.growth),
      difference: `${((s.growth - exp) / 100).toFixed(2)} 个百分点`,
    });
  }
  return out;
}

/** Turns a PercentCheck into a Finding. */
export function toFinding(rule: string, c: PercentCheck, location: Location, prefix = ""): Finding {
  const f: Finding = { rule, severity: c.severity, message: prefix + c.message, location };
  if (c.expected !== undefined) f.expected = c.expected;
  if (c.actual !== undefined) f.actual = c.actual;
  if (c.difference !== undefined) f.difference = c.difference;
  return f;
}

/** Maps a 说明二 income subject to the 表1 income line key. Order matters: 上级… before 一般公共预算. */
export function incomeLineKey(subject: string): string | undefined {
  const s = squash(subject);
  if (s.includes("上级")) {
    if (s.includes("一般公共预算")) return "upperTransferGeneral";
    if (s.includes("政府性基金")) return "upperTransferFund";
    if (s.includes("国有资本")) return "upperTransferStateCapital";
    return undefined;
  }
  if (s.includes("非财政拨款结转")) return "nonFiscalCarryover";
  if (s.includes("财政拨款结转")) return "fiscalCarryover";
  if (s.includes("一般公共预算")) return "generalBudget";
  if (s.includes("政府性基金")) return "governmentFund";
  if (s.includes("国有资本")) return "stateCapital";
  if (s.includes("财政专户")) return "specialAccount";
  if (s.includes("单位资金")) return "unitFunds";
  if (s.includes("收入")) return "total";
  return undefined;
}

/** Maps a 说明三/五(一) expenditure subject to the 表3/表5 column key (basic, project or total). */
export function natureKey(subject: string): "basic" | "project" | "total" | undefined {
  const s = squash(subject);
  if (s.includes("基本支出")) return "basic";
  if (s.includes("项目支出")) return "project";
  if (s.includes("支出") || s.includes("合计") || s.includes("拨款")) return "total";
  return undefined;
}

/** The 表1 income line amount, or undefined when the table or line is absent. */
export function summaryLine(d: Disclosure, key: string): { t: PrintedTable; row: Row; amount: Fen } | undefined {
  const t = tableById(d, "summary");
  if (!t) return undefined;
  const l = lineAmount(t, key);
  if (!l) return undefined;
  return { t, row: l.row, amount: l.amount ?? 0 };
}

/** The 表1 收支总计 (income side total). */
export function grandTotal(d: Disclosure): Fen | undefined {
  return summaryLine(d, "total")?.amount;
}

/** Total-row amount of a table's column, or undefined when absent. Blank counts as 0. */
export function totalAt(t: PrintedTable, key: string): Fen | undefined {
  const r = totalRow(t);
  if (!r) return undefined;
  return amountAt(t, r, key) ?? 0;
}

/** Where a statement sits inside 说明五: (一) scale, (二) structure by 类, (三) 项 usage. */
export function generalBudgetPart(s: Statement): 1 | 2 | 3 {
  const subj = subjectOf(s);
  if ((s.code && s.code.length >= 7) || subj.includes("（项）")) return 3;
  if ((s.code && s.code.length === 3) || subj.includes("（类）")) return 2;
  return 1;
}

/**
 * Resolves a 说明五(三) item to its function code: its own code, else by walking the printed
 * 类/款/项 names ("教育支出（类）职业教育（款）技校教育（项）") down the rows of 表5.
 */
export function resolveItemCode(t5: PrintedTable | undefined, s: Statement): string | undefined {
  if (s.code) return s.code;
  if (!t5) return undefined;
  const subj = subjectOf(s);
  const m = /^(?:\d+[、.．])?(.+?)（类）(.+?)（款）(.+?)（项）/.exec(subj);
  if (!m) return undefined;
  // "其它" and "其他" are the same word in 科目 names
  const same = (a: string, b: string) => a.replace(/其它/g, "其他") === b.replace(/其它/g, "其他");
  const find = (name: string, len: number, prefix: string) =>
    t5.rows.find((r) => r.code?.length === len && r.code.startsWith(prefix) && same(squash(r.label), name))?.code;
  const c = find(m[1]!, 3, "");
  const k = c && find(m[2]!, 5, c);
  return (k && find(m[3]!, 7, k)) || undefined;
}

/** Placeholder reasons ("【待填写：原因】", "XX") count as missing. */
export function isPlaceholder(s: string | undefined): boolean {
  if (s === undefined) return false;
  return /待填写|待补充|[Xx]{2,}|×{2,}|＊|^\s*\*\s*$/.test(s);
}

/**
 * A project name reduced to its core for matching across 表7, 表11, 说明七 and the 绩效表, which
 * spell the same project differently ("2025年中央就业补助项目", "2024 年中央就业补助资金项目",
 * "2024-2025 年中央就业补助项目"; domain-rules §9.7): no years, no 资金/项目, no (自有资金).
 */
export function projectCore(name: string): string {
  // (matching compares every 表7 project's core with each name: made once per name and check run)
  return cachedText(projectCoreOnce, name);
}

function projectCoreOnce(name: string): string {
  return squash(name)
    .replace(/\d{4}(?:[-－—~～至]\d{4})?年(?:度)?/g, "")
    .replace(/（自有资金）|（单位资金）/g, "")
    .replace(/资金|项目/g, "");
}

/** 表7 projects grouped by printed name: total amount and rows. */
export function projectGroups(t7: PrintedTable): ReadonlyMap<string, ProjectGroup> {
  // (three rules read them: grouped once per check run)
  return cached(t7, "projectGroups", groupProjects);
}

/** A 表7 project: its printed name, Σ of its rows' 合计, and its rows. */
export interface ProjectGroup {
  name: string;
  amount: Fen;
  rows: Row[];
}

function groupProjects(t7: PrintedTable): Map<string, ProjectGroup> {
  const groups = new Map<string, ProjectGroup>();
  const ti = t7.columns.findIndex((c) => c.key === "projectName");
  for (const r of t7.rows) {
    if (r.kind !== "project") continue;
    const cell = ti >= 0 ? r.cells[ti] : undefined;
    const name = typeof cell === "string" && cell.trim() ? cell : r.label;
    const key = squash(name);
    const g = groups.get(key) ?? { name, amount: 0, rows: [] as Row[] };
    g.amount += amountAt(t7, r, "total") ?? 0;
    g.rows.push(r);
    groups.set(key, g);
  }
  return groups;
}

/** Finds the group whose name matches exactly, else by core name. */
export function matchProject<T>(groups: ReadonlyMap<string, T>, name: string): T | undefined {
  const exact = groups.get(squash(name));
  if (exact) return exact;
  const core = projectCore(name);
  for (const [k, v] of groups) if (projectCore(k) === core) return v;
  return undefined;
}
