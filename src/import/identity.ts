/**
 * Who published a document, and for which year: from its cover (the text before the 目录) and
 * the tables' 编制单位/部门名称 lines, in any region's wording —
 * "2026年 / 广州市应急管理局部门预算", "国家信访局 2026 年度部门预算", "2026 年度 / 福州市公安局治安管理 /
 * 支队 / 单位预算", "上海市2026年市级单位预算 / 预算单位：上海市审计局", "西安市财政局（汇总）/ 2026年部门
 * 预算公开说明". Qualifiers of scope ("（本级）", "（汇总）") are not part of the name.
 */
import type { PrintedTable } from "../model/disclosure.ts";

/** Words an issuing body's name ends with. */
const BODY =
  "(?:局|委员会|委|办公厅|办公室|办|厅|院|会|部|署|中心|站|所|队|支队|大队|处|室|馆|团|社|校|学校|医院|公司|基地|总队|分局|监狱|法院|检察院|政府|机关|联合会|协会|研究院|研究所|管理处|事务所|服务中心)";
const NAME = `[\\u4e00-\\u9fa5（）()]{2,30}${BODY}`;
const SCOPE = /[（(](?:本级|汇总|部门汇总|单位汇总|含下属单位)[)）]$|本级$/;
const LABELLED = new RegExp(
  `(?:预算单位|部门名称|单位名称|编制单位|编制部门|填报单位|部门)[:：](${NAME}(?:[（(][^）)]{1,10}[)）])?)`,
);

export interface DocumentIdentity {
  year: number;
  department: string;
  title: string;
}

/** A department's name without its scope qualifier. */
export function cleanDepartment(name: string): string {
  return name
    .replace(/\s+/g, "")
    .replace(/^\d+/, "")
    .replace(/^(?:\d{0,4}年度?)/, "")
    .replace(SCOPE, "")
    .trim();
}

/** The cover: the document's text before its 目录 (or its first 40 lines). */
export function coverText(text: string): string {
  const lines = text.split("\n");
  const toc = lines.findIndex((l) => /^\s*目\s*录\s*$/.test(l));
  return lines.slice(0, toc > 0 ? toc : 40).join("\n");
}

/**
 * Year and issuing body from the cover text and the tables.
 * @example documentIdentity("2026年\n广州市应急管理局部门预算\n目 录\n…", tables, "budget").department // "广州市应急管理局"
 */
export function documentIdentity(
  text: string,
  tables: readonly PrintedTable[],
  kind: "budget" | "finalAccounts",
  _source = "",
  /** the whole document's text, where the first pages name no year */
  whole = text,
): DocumentIdentity {
  const cover = coverText(text).replace(/\s+/g, "");
  const all = whole.replace(/\s+/g, "");
  const word = kind === "finalAccounts" ? "决算" : "预算";
  // the year the document is about: next to 预算/决算 on the cover, else the first year on it,
  // else a table title's
  const near = new RegExp(`(20\\d{2})年度?[^。]{0,24}?(?:部门|单位)?(?:综合)?${word}`).exec(cover);
  const y =
    near ??
    /(20\d{2})年度?/.exec(cover) ??
    tables.map((t) => /(20\d{2})年/.exec(t.title)).find(Boolean) ??
    mostCommonYear(all, new RegExp(`(20\\d{2})年度?(?:市级|省级|区级|县级)?(?:部门|单位)(?:综合)?${word}`, "g")) ??
    mostCommonYear(all, /(20\d{2})年度/g);
  const year = y ? Number(y[1]) : 0;
  // the issuing body: "预算单位：X" on the cover or the tables' 编制单位, else the name before
  // 部门预算/单位预算 on the cover
  const labelled = LABELLED.exec(cover)?.[1];
  const prepared = mostCommon(tables.map((t) => t.preparedBy).filter((p): p is string => !!p));
  const before = new RegExp(
    `(${NAME}(?:[（(][^）)]{1,10}[)）])?)(?:20\\d{2}年度?)?(?:市级|省级|区级|县级)?(?:部门|单位)(?:综合)?${word}`,
  ).exec(cover);
  const after = new RegExp(`(?:20\\d{2}年度?)(?:市级|省级)?(?:部门|单位)?(?:综合)?${word}.{0,6}?(${NAME})`).exec(cover);
  const leading = new RegExp(`^(?:20\\d{2}年度?)?(${NAME}(?:[（(][^）)]{1,10}[)）])?)`).exec(cover);
  const candidate = labelled ?? prepared ?? before?.[1] ?? leading?.[1] ?? after?.[1] ?? "";
  const department = cleanDepartment(candidate.replace(/^.*?(?:20\d{2}年度?)/, ""));
  const title = `${department} ${year || ""} 年部门${kind === "finalAccounts" ? "决算" : "预算"}公开`
    .replace(/\s+/g, " ")
    .trim();
  return { year, department, title };
}

/** The name most tables print; a name cut short on a wrapped line counts for the whole one. */
function mostCommon(xs: readonly string[]): string | undefined {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  for (const [k, v] of [...m]) {
    const longer = [...m.keys()].find((o) => o !== k && o.startsWith(k));
    if (longer) {
      m.set(longer, (m.get(longer) ?? 0) + v);
      m.delete(k);
    }
  }
  let best: string | undefined;
  let n = 0;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}

/**
 * The year a document names most often in `pattern` (its first group): a title such as "X 2025 年部门
 * 预算公开" anywhere in it (a cover printed after the tables), else a 年度 (a tables-only file).
 */
function mostCommonYear(all: string, pattern: RegExp): RegExpExecArray | undefined {
  const counts = new Map<string, number>();
  for (const m of all.matchAll(pattern)) counts.set(m[1] as string, (counts.get(m[1] as string) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best ? (/(\d{4})/.exec(best) ?? undefined) : undefined;
}
