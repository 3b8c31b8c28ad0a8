/**
 * Synthetic data: realistic departments (region × department type) with N budget disclosures
 * over consecutive years, deterministic for a seed. Amounts drift year to year like real budgets.
 *
 *   tsx bench/generate.ts --n 10000 --db data/synthetic.db      (or DATABASE_URL=…)
 */

import type { Disclosure } from "../src/model/disclosure.ts";
import { FUNCTION_ITEMS, makeDisclosure } from "../src/store/testing.ts";

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFECTURES = [
  "巴州",
  "阿克苏地区",
  "喀什地区",
  "和田地区",
  "伊犁州",
  "塔城地区",
  "阿勒泰地区",
  "博州",
  "昌吉州",
  "哈密市",
  "吐鲁番市",
  "克州",
  "乌鲁木齐市",
  "克拉玛依市",
  "石河子市",
  "五家渠市",
  "北屯市",
  "铁门关市",
  "双河市",
  "可克达拉市",
];
const LEVELS = ["本级", "第一县", "第二县", "第三县"];
const DEPARTMENT_TYPES: readonly [string, string[]][] = [
  ["人力资源和社会保障局", ["2080101", "2080109", "2080505"]],
  ["财政局", ["2010101", "2080505", "2210201"]],
  ["教育局", ["2050201", "2080505", "2210201"]],
  ["卫生健康委员会", ["2100101", "2101101", "2080505"]],
  ["公安局", ["2040201", "2080505", "2101101", "2210201"]],
  ["农业农村局", ["2130101", "2080505", "2210201"]],
  ["住房和城乡建设局", ["2120101", "2210201", "2080505"]],
  ["文化体育广电和旅游局", ["2070101", "2080505", "2101101"]],
  ["民政局", ["2080101", "2080505", "2101101"]],
  ["市场监督管理局", ["2010101", "2080505", "2210201"]],
  ["自然资源局", ["2010101", "2120101", "2080505"]],
  ["生态环境局", ["2120101", "2080505", "2101101"]],
  ["审计局", ["2010101", "2080505"]],
  ["统计局", ["2010101", "2080505"]],
  ["司法局", ["2040201", "2080505", "2101101"]],
  ["交通运输局", ["2120101", "2080505", "2210201"]],
  ["水利局", ["2130101", "2080505"]],
  ["林业和草原局", ["2130101", "2080505", "2101101"]],
  ["应急管理局", ["2040201", "2080505"]],
  ["医疗保障局", ["2101101", "2100101", "2080505"]],
  ["退役军人事务局", ["2080101", "2080505"]],
  ["商务局", ["2010101", "2080505"]],
  ["发展和改革委员会", ["2010101", "2080505", "2210201"]],
  ["科学技术局", ["2010101", "2080505"]],
  ["档案馆", ["2010101", "2080505"]],
];
const PROJECTS = [
  "就业补助资金",
  "信息化运维",
  "专项业务经费",
  "培训补贴",
  "设备购置",
  "基础设施维护",
  "宣传经费",
  "执法专项",
  "监测经费",
  "惠民补贴",
];

export interface GeneratedDisclosure {
  disclosure: Disclosure;
  region: string;
}

/** Yields `n` disclosures: departments × years (years per department = ceil(n / departments), at most 10). */
export function* generateDisclosures(n: number, seed = 42, firstYear = 2021): Generator<GeneratedDisclosure> {
  const random = rng(seed);
  const departments: { name: string; region: string; items: string[] }[] = [];
  for (const p of PREFECTURES)
    for (const l of LEVELS)
      for (const [type, items] of DEPARTMENT_TYPES) {
        const region = l === "本级" ? p : `${p}${l}`;
        departments.push({ name: `${region}${type}`, region, items });
      }
  const years = Math.min(10, Math.max(1, Math.ceil(n / departments.length)));
  const usedDepartments = Math.ceil(n / years);
  let made = 0;
  for (let di = 0; di < usedDepartments && made < n; di++) {
    // Past 2,000 departments × 10 years, more governments of the same shape (片区 2, 3, …), so
    // every disclosure is its own department and year rather than a new version of an old one.
    const base = departments[di % departments.length]!;
    const round = Math.floor(di / departments.length);
    const dep =
      round === 0
        ? base
        : {
            ...base,
            region: `${base.region}第${round + 1}片区`,
            name: `${base.region}第${round + 1}片区${base.name.slice(base.region.length)}`,
          };
    const scale = 0.3 + random() * 5;
    for (let y = 0; y < years && made < n; y++) {
      const drift = 1 + (y - years / 2) * 0.04 + (random() - 0.5) * 0.1;
      const w = (x: number) => Math.round(x * scale * drift) * 10_000; // 0.01 万元 steps
      const lines = dep.items.map((code, i) => ({
        code,
        basic: w(i === 0 ? 40_000 + random() * 60_000 : 5_000 + random() * 20_000),
        project: i === 0 ? w(5_000 + random() * 30_000) : 0,
      }));
      const p1 = lines[0]!.project;
      const half = Math.round(p1 / 2 / 10_000) * 10_000;
      const projects = [
        { name: PROJECTS[Math.floor(random() * PROJECTS.length)]!, code: dep.items[0]!, amount: half },
        {
          name: `${dep.name.slice(-4)}${PROJECTS[Math.floor(random() * PROJECTS.length)]}`,
          code: dep.items[0]!,
          amount: p1 - half,
        },
      ];
      const tp = {
        overseas: random() < 0.1 ? w(100 + random() * 500) : 0,
        reception: w(50 + random() * 400),
        vehiclePurchase: random() < 0.15 ? w(1_000 + random() * 2_000) : 0,
        vehicleOperation: w(200 + random() * 1_500),
      };
      yield {
        region: dep.region,
        disclosure: makeDisclosure({
          department: dep.name,
          region: dep.region,
          year: firstYear + y,
          lines,
          projects,
          threePublic: tp,
        }),
      };
      made++;
    }
  }
}

export { FUNCTION_ITEMS };
