/**
 * The issuing government of a disclosure, from the document's own words — the department's name
 * first, then the cover — never from the template that happened to read it:
 *
 *   governmentOf("广州市应急管理局")          → { province: "广东", city: "广州市", level: "city" }
 *   governmentOf("西安市财政局(汇总)")        → { province: "陕西", city: "西安市", level: "city" }
 *   governmentOf("上海市普陀区财政局")        → { province: "上海", county: "普陀区", level: "county" }
 *   governmentOf("新疆巴州人力资源和社会保障局") → { province: "新疆", city: "巴音郭楞蒙古自治州", level: "city" }
 *   governmentOf("国家信访局")               → { province: "中央", level: "central" }
 *   governmentOf("教育局", "无锡市教育局 2025 年部门预算") → { province: "江苏", city: "无锡市", … }
 *
 * `province` is the short province-level name the portal groups regions by ("广东", "新疆"), or
 * "中央" for the central government; `city` and `county` are printed names in full. Divisions are
 * the 2023 statistical division list (data/divisions-2023.ts).
 */
import { DIVISIONS_2023 } from "./data/divisions-2023.ts";

export const CENTRAL = "中央";

export interface Government {
  /** short province-level name ("广东", "上海"), or 中央 */
  province: string;
  /** prefecture-level division in full ("广州市"); absent for a province's or municipality's own */
  city?: string;
  /** county-level division in full ("轮台县", "普陀区") */
  county?: string;
  level: "central" | "province" | "city" | "county";
}

interface Division {
  name: string;
  province: string;
  city?: string;
}

interface Index {
  provinces: { short: string; full: string }[];
  /** prefecture-level divisions by every name they are printed under (full, short, usual abbreviation) */
  cities: Map<string, Division>;
  /** county-level divisions by full name (a name may belong to several provinces) */
  counties: Map<string, Division[]>;
}

const shortProvince = (full: string) => full.replace(/(?:维吾尔|壮族|回族)?自治区$/, "").replace(/[省市]$/, "");

/** Usual abbreviations of autonomous prefectures that do not follow from their names. */
const CITY_ALIASES: Record<string, string> = {
  巴州: "巴音郭楞蒙古自治州",
  博州: "博尔塔拉蒙古自治州",
  克州: "克孜勒苏柯尔克孜自治州",
  伊犁州: "伊犁哈萨克自治州",
};

let index: Index | undefined;
function divisions(): Index {
  if (index) return index;
  const provinces: Index["provinces"] = [];
  const cities = new Map<string, Division>();
  const counties = new Map<string, Division[]>();
  const byCode = new Map<string, string>();
  for (const line of DIVISIONS_2023.trim().split("\n")) {
    const f = line.split("|");
    if (f.length === 2) {
      const short = shortProvince(f[1] ?? "");
      byCode.set(f[0] ?? "", short);
      provinces.push({ short, full: f[1] ?? "" });
      continue;
    }
    const province = byCode.get(f[0] ?? "") ?? "";
    const name = f[2] ?? "";
    // municipalities' 市辖区/县 and 省直辖县级行政区划 are groupings, not governments
    const real = !/^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name);
    const city: Division = { name, province };
    if (real) {
      cities.set(name, city);
      const short = name.replace(/(?:市|地区|盟)$/, "");
      if (short !== name && short.length >= 2 && !cities.has(short)) cities.set(short, city);
      // 昌吉回族自治州 → 昌吉州
      const m = /^(.{2,4}?)(?:[^\s]{0,6}族)*自治州$/.exec(name);
      if (m?.[1]) cities.set(`${m[1]}州`, city);
    }
    for (const c of (f[3] ?? "").split(" ").filter(Boolean)) {
      const list = counties.get(c) ?? [];
      list.push({ name: c, province, ...(real ? { city: name } : {}) });
      counties.set(c, list);
    }
  }
  for (const [alias, full] of Object.entries(CITY_ALIASES)) {
    const c = cities.get(full);
    if (c) cities.set(alias, c);
  }
  index = { provinces, cities, counties };
  return index;
}

/** Earliest occurrence of any of the names in `s` (longest first at one position). */
function earliest<T>(
  s: string,
  names: Iterable<[string, T]>,
  from = 0,
): { at: number; name: string; value: T } | undefined {
  let best: { at: number; name: string; value: T } | undefined;
  for (const [name, value] of names) {
    const at = s.indexOf(name, from);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && name.length > best.name.length)) best = { at, name, value };
  }
  return best;
}

const CENTRAL_PREFIX = /^(?:国家|中华人民共和国|中共中央|中国共产党中央|中央|全国|最高人民|国务院)/;

/** The government named in one text (a department name or a cover), if any. */
function named(text: string): Government | undefined {
  const s = text.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
  if (!s) return undefined;
  const ix = divisions();
  const province = earliest(
    s,
    ix.provinces.flatMap((p): [string, string][] => [
      [p.full, p.short],
      [p.short, p.short],
    ]),
  );
  // A city's short name ("广州") counts only where a government's name starts: at the beginning
  // or right after the province; its full name ("广州市") anywhere.
  const starts = new Set([0, province ? province.at + province.name.length : 0]);
  let city: { at: number; name: string; value: Division } | undefined;
  for (const [name, value] of ix.cities) {
    const full = name === value.name || name.endsWith("州");
    let at = s.indexOf(name);
    // (a short name where the province's own name stands is the province: 吉林省 is not 吉林市)
    const fits = (i: number) => full || (starts.has(i) && !(province && i === province.at));
    while (at >= 0 && !fits(at)) at = s.indexOf(name, at + 1);
    if (at < 0) continue;
    if (province && value.province !== province.value && at > province.at) continue;
    if (!city || at < city.at || (at === city.at && name.length > city.name.length)) city = { at, name, value };
  }
  const prov = city?.value.province ?? province?.value;
  // counties: within the city or province found; or, with neither, a name that is unique in China
  // and starts the text ("轮台县水利局")
  const after = city ? city.at + city.name.length : province ? province.at + province.name.length : 0;
  let county: Division | undefined;
  const candidates = earliest(
    s,
    [...ix.counties].filter(([n, list]) =>
      prov ? list.some((d) => d.province === prov && (!city || d.city === city.value.name)) : n.length >= 3,
    ),
    after,
  );
  if (candidates) {
    const list = ix.counties.get(candidates.name) ?? [];
    const mine = list.filter((d) => (!prov || d.province === prov) && (!city || d.city === city.value.name));
    if (mine.length === 1 && (prov || candidates.at === 0)) county = mine[0];
  }
  const p = prov ?? county?.province;
  if (!p) return undefined;
  const c = city?.value.name ?? county?.city;
  return {
    province: p,
    ...(c ? { city: c } : {}),
    ...(county ? { county: county.name } : {}),
    level: county ? "county" : c ? "city" : "province",
  };
}

/**
 * The issuing government from the department's name, else from the cover text (a department
 * printed as "教育局" under a cover that names 无锡市). A name that names a government decides
 * alone: a cover also carries addresses and other places. A central department ("国家信访局") is
 * 中央. Undefined when neither names one.
 */
export function governmentOf(department: string, cover = ""): Government | undefined {
  const fromName = named(department);
  if (fromName) return fromName;
  if (CENTRAL_PREFIX.test(department.trim())) return { province: CENTRAL, level: "central" };
  const c = cover.slice(0, 2000);
  const fromCover = c ? named(c) : undefined;
  if (fromCover) return fromCover;
  if (CENTRAL_PREFIX.test(c.replace(/\s+/g, ""))) return { province: CENTRAL, level: "central" };
  return undefined;
}

/** The province-level region of a department ("上海市普陀区财政局" → 上海), or undefined. */
export function regionOf(department: string): string | undefined {
  return governmentOf(department)?.province;
}
