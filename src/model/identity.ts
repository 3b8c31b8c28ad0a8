/**
 * A disclosure's identity: its issuing government (province, city, county as printed), its
 * department or unit, its year and its kind (预算 or 决算). Two documents are versions of one
 * disclosure only when every part agrees; the store files and versions by it.
 *
 * @example identityOf(d) // { province: "广东", city: "广州市", county: "", department: "广州市应急管理局", year: 2026, kind: "budget" }
 */
import { governmentOf } from "../catalog/regions.ts";
import type { Disclosure } from "./disclosure.ts";

export interface Identity {
  province: string;
  /** "" when the government is a province, a municipality or central */
  city: string;
  county: string;
  department: string;
  year: number;
  kind: Disclosure["meta"]["kind"];
  level: "central" | "province" | "city" | "county" | "unknown";
}

/** Regions that name no government: a national template's, and the store's old default. */
const NOT_A_REGION = new Set(["全国", "未知地区", ""]);

/**
 * The identity of a Disclosure. The government comes from meta (set by the importer from the
 * document) and, where meta does not say (a disclosure.json from before city and county were
 * recorded), from the department's name; never from the template.
 */
export function identityOf(d: Pick<Disclosure, "meta">): Identity {
  const m = d.meta;
  const region = m.region && !NOT_A_REGION.has(m.region) ? m.region : undefined;
  const g = governmentOf(m.department);
  const same = g && (!region || g.province === region);
  const province = region ?? g?.province ?? "未知地区";
  const city = m.city ?? (same ? (g.city ?? "") : "");
  const county = m.county ?? (same ? (g.county ?? "") : "");
  const level = county
    ? "county"
    : city
      ? "city"
      : province === "中央"
        ? "central"
        : province !== "未知地区"
          ? "province"
          : "unknown";
  return { province, city, county, department: m.department.trim(), year: m.year, kind: m.kind, level };
}

/** The government as shown: "广东 · 广州市", "上海 · 普陀区", "中央". */
export function governmentLabel(i: Pick<Identity, "province" | "city" | "county">): string {
  return [i.province, i.city, i.county].filter(Boolean).join(" · ");
}

/**
 * Why a name cannot be a department's, or undefined: empty, or only the words around one on a
 * cover ("年度", "2024 年度", "部门", "XXX") — what a blank template's cover gives.
 */
export function departmentNameProblem(name: string): string | undefined {
  const s = name.replace(/\s+/g, "");
  if (!s) return "没有读到部门名称";
  if (/^(?:\d{4}年?度?|年度|部门|单位|本级|汇总|预算|决算|[XxＸｘ×*＊某]+)+$/.test(s))
    return `“${name}”不是部门名称（像是空白模板的封面字样）`;
  return undefined;
}
