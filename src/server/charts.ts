/**
 * Charts as server-rendered SVG (ECharts SSR). Each chart is a pure function from data to an
 * ECharts option; `renderSvg` turns it into an SVG string. Labels come from uploaded documents,
 * so they are treated as hostile: ECharts escapes text in its SVG output and tests check it.
 * Font names use single quotes: double quotes would cut ECharts' style attribute (STACK.md §7).
 */
import * as echarts from "echarts";
import { amountAt, hasColumn, lineCell, tableById, totalRow } from "../model/access.ts";
import type { Disclosure, PrintedTable } from "../model/disclosure.ts";
import { formatAmount } from "../model/money.ts";
import { ECONOMIC_CLASS_NAMES, FUND_NAMES, THREE_PUBLIC_NAMES } from "../store/index.ts";
import { getTemplate } from "../templates/index.ts";

const FONT = "'Noto Sans SC','WenQuanYi Zen Hei',sans-serif";
const PALETTE = ["#0b5cad", "#e07b00", "#2e8540", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#d4ac0d", "#2c3e50"];

export const CHART_NAMES = ["function", "nature", "economic", "threePublic", "income"] as const;
export type ChartName = (typeof CHART_NAMES)[number];

export const CHART_TITLES: Record<ChartName, string> = {
  function: "支出功能分类（类）",
  nature: "基本支出与项目支出",
  economic: "支出经济分类（类）",
  threePublic: "“三公”经费（历年）",
  income: "收入来源",
};

export interface Slice {
  name: string;
  value: number;
}

const wan = (fen: number) => `${formatAmount(fen, "wanyuan")}万元`;

/** 表3 class rows, total column. */
export function functionSlices(d: Disclosure): Slice[] {
  const t = tableById(d, "expenditure");
  if (!t) return [];
  return t.rows
    .filter((r) => r.kind === "class")
    .map((r) => ({ name: r.label, value: amountAt(t, r, "total") ?? 0 }))
    .filter((s) => s.value !== 0);
}

export function natureSlices(d: Disclosure): Slice[] {
  const t = tableById(d, "expenditure");
  const r = t && totalRow(t);
  if (!t || !r) return [];
  return [
    { name: "基本支出", value: amountAt(t, r, "basic") ?? 0 },
    { name: "项目支出", value: amountAt(t, r, "project") ?? 0 },
  ].filter((s) => s.value !== 0);
}

/** Basic expenditure by economic class (表6) plus project expenditure by class (表7 total row). */
export function economicSlices(d: Disclosure): Slice[] {
  const sums = new Map<string, number>();
  const t6 = tableById(d, "basicExpenditure");
  for (const r of t6?.rows ?? []) {
    if (r.kind !== "class" || !r.code || !t6) continue;
    sums.set(r.code.slice(0, 3), (sums.get(r.code.slice(0, 3)) ?? 0) + (amountAt(t6, r, "total") ?? 0));
  }
  const t7 = tableById(d, "projectExpenditure");
  const tr = t7 && totalRow(t7);
  if (t7 && tr) {
    for (const c of t7.columns) {
      const m = /^e(\d{3})$/.exec(c.key);
      if (!m?.[1]) continue;
      const v = amountAt(t7, tr, c.key) ?? 0;
      sums.set(m[1], (sums.get(m[1]) ?? 0) + v);
    }
  }
  return [...sums.entries()]
    .filter(([, v]) => v !== 0)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([code, value]) => ({ name: `${code} ${ECONOMIC_CLASS_NAMES[code] ?? ""}`.trim(), value }));
}

/** 表2 total row by fund column. */
export function incomeSlices(d: Disclosure): Slice[] {
  const t = tableById(d, "income");
  const r = t && totalRow(t);
  if (!t || !r) return [];
  return t.columns
    .filter((c) => c.type === "amount" && c.key !== "total" && c.key !== "fiscalSubtotal")
    .map((c) => ({ name: FUND_NAMES[c.key] ?? c.path.join("/"), value: amountAt(t, r, c.key) ?? 0 }))
    .filter((s) => s.value !== 0);
}

export interface ThreePublicYear {
  year: number;
  items: Record<string, number>;
}

/**
 * The 三公 items of a disclosure, read the way its template prints them: one row per item (Xinjiang)
 * or one row with a column per item (Shanghai, Jiangsu, 决算: the spec's lineColumns); a document
 * read by the national standard, the way the general reader found them (`generalThreePublic`).
 */
export function threePublicOf(d: Disclosure): ThreePublicYear {
  const t = tableById(d, "threePublic");
  const items: Record<string, number> = {};
  if (!t) return { year: d.meta.year, items };
  const template = getTemplate(d.meta.template);
  if (template?.national) return { year: d.meta.year, items: generalThreePublic(t).items };
  const spec = template?.tables.find((x) => x.id === "threePublic");
  for (const key of Object.keys(THREE_PUBLIC_NAMES)) {
    const v = lineCell(t, spec, key)?.amount;
    if (typeof v === "number") items[key] = v;
  }
  return { year: d.meta.year, items };
}

/** The 三公 total as printed (the 小计 where the table's 合计 also holds 会议费 and 培训费). */
export function threePublicTotal(d: Disclosure): number | null {
  const t = tableById(d, "threePublic");
  if (!t) return null;
  const template = getTemplate(d.meta.template);
  if (template?.national) return generalThreePublic(t).total;
  const spec = template?.tables.find((x) => x.id === "threePublic");
  return lineCell(t, spec, "total")?.amount ?? null;
}

/** The words of a 三公 item printed as a row (广州 "其中：（一）因公出国（境）支出"). */
const ITEM_WORDS: Record<string, RegExp> = {
  overseasTravel: /因公出国/,
  officialReception: /公务接待/,
  officialVehicles: /公务用车购置及运行|公务用车费/,
};

/**
 * The 三公 items and total of a table read by the general reader, which names columns by their
 * words but declares no template lines. Either one row (the 合计 row when units are listed) with a
 * column per item, the 三公 total being the column the reader verified as the items' sum (Jiangsu's
 * “三公”经费/小计, its 合计 also holding 会议费 and 培训费); or a row per item under a “三公”经费 row,
 * in the 合计 column. Blank cells are left out, never read as 0; no total is made up from the items.
 */
export function generalThreePublic(t: PrintedTable): { items: Record<string, number>; total: number | null } {
  const keys = Object.keys(THREE_PUBLIC_NAMES);
  const items: Record<string, number> = {};
  if (keys.some((k) => hasColumn(t, k))) {
    const row = totalRow(t) ?? t.rows.find((r) => r.cells.some((c) => typeof c === "number"));
    if (!row) return { items, total: null };
    for (const k of keys) {
      const v = amountAt(t, row, k);
      if (v !== null) items[k] = v;
    }
    const sum = t.sums?.across.find((s) => keys.every((k) => s.parts.includes(k)));
    return { items, total: sum ? amountAt(t, row, sum.total) : null };
  }
  if (!hasColumn(t, "total")) return { items, total: null };
  let total: number | null = null;
  for (const r of t.rows) {
    const label = r.label.replace(/\s+/g, "");
    const key = keys.find((k) => ITEM_WORDS[k]?.test(label));
    const v = amountAt(t, r, "total");
    if (v === null) continue;
    if (key) {
      if (!(key in items)) items[key] = v;
    } else if (total === null && /三公/.test(label)) total = v;
  }
  return { items, total };
}

function pie(title: string, slices: Slice[]): echarts.EChartsCoreOption {
  return {
    animation: false,
    color: PALETTE,
    title: { text: title, left: "center", textStyle: { fontFamily: FONT, fontSize: 16 } },
    textStyle: { fontFamily: FONT },
    legend: { bottom: 0, type: "plain", textStyle: { fontFamily: FONT, fontSize: 13 } },
    series: [
      {
        type: "pie",
        radius: ["35%", "62%"],
        center: ["50%", "48%"],
        label: {
          formatter: (p: { name: string; percent: number }) => `${p.name}\n${p.percent.toFixed(2)}%`,
          fontSize: 13,
        },
        data: slices,
      },
    ],
  };
}

function bar(title: string, slices: Slice[]): echarts.EChartsCoreOption {
  return {
    animation: false,
    color: PALETTE,
    title: { text: title, left: "center", textStyle: { fontFamily: FONT, fontSize: 16 } },
    textStyle: { fontFamily: FONT },
    grid: { left: 8, right: 90, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: "value", axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: { type: "category", data: slices.map((s) => s.name), inverse: true, axisLabel: { fontSize: 13 } },
    series: [
      {
        type: "bar",
        data: slices.map((s) => s.value),
        label: { show: true, position: "right", fontSize: 13, formatter: (p: { value: number }) => wan(p.value) },
      },
    ],
  };
}

function threePublicBars(years: ThreePublicYear[]): echarts.EChartsCoreOption {
  const keys = Object.keys(THREE_PUBLIC_NAMES);
  return {
    animation: false,
    color: PALETTE,
    title: { text: CHART_TITLES.threePublic, left: "center", textStyle: { fontFamily: FONT, fontSize: 16 } },
    textStyle: { fontFamily: FONT },
    legend: { bottom: 0, textStyle: { fontFamily: FONT, fontSize: 13 } },
    grid: { left: 8, right: 8, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: years.map((y) => `${y.year}年`), axisLabel: { fontSize: 13 } },
    // ticks at least 0.01 万元 apart, so no two read alike
    yAxis: {
      type: "value",
      minInterval: 10_000,
      axisLabel: { fontSize: 12, formatter: (v: number) => formatAmount(v, "wanyuan") },
    },
    series: keys.map((k) => ({
      name: THREE_PUBLIC_NAMES[k],
      type: "bar",
      stack: "tp",
      barMaxWidth: 64,
      data: years.map((y) => y.items[k] ?? 0),
    })),
  };
}

export function chartOption(
  name: ChartName,
  d: Disclosure,
  threePublicYears: ThreePublicYear[] = [threePublicOf(d)],
): echarts.EChartsCoreOption | undefined {
  switch (name) {
    case "function": {
      const s = functionSlices(d);
      return s.length ? pie(CHART_TITLES.function, s) : undefined;
    }
    case "nature": {
      const s = natureSlices(d);
      return s.length ? pie(CHART_TITLES.nature, s) : undefined;
    }
    case "economic": {
      const s = economicSlices(d);
      return s.length ? bar(CHART_TITLES.economic, s) : undefined;
    }
    case "income": {
      const s = incomeSlices(d);
      return s.length ? pie(CHART_TITLES.income, s) : undefined;
    }
    case "threePublic":
      // no chart of zeros: an axis reading 0.00 five times says nothing
      return threePublicYears.some((y) => Object.values(y.items).some((v) => v !== 0))
        ? threePublicBars(threePublicYears)
        : undefined;
  }
}

/** The portal's chart size: about the width a chart gets on a desktop page, so text stays legible. */
export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 380;
/** A phone's chart: drawn at about the width it is shown at (~360 px), so labels keep their 13 px. */
export const NARROW_WIDTH = 360;
export const NARROW_HEIGHT = 400;

/** Renders an option to an SVG string (no DOM needed). */
export function renderSvg(option: echarts.EChartsCoreOption, width = CHART_WIDTH, height = CHART_HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const TEXT_STYLE = `style="font-size:13px;font-family:${FONT};"`;
const LABEL_HALO = ' fill="#333" stroke="rgb(255,255,255)" stroke-width="2" paint-order="stroke" stroke-miterlimit="2"';

/**
 * A chart's SVG for a file shown by `<img>`, without what ECharts writes for an interactive chart
 * in a page: `ecmeta_*` attributes, `pointer-events`, the `zr…-cls-…` classes and their `:hover`
 * rules (an image gets no pointer events), the unused xlink namespace; the font and the label halo
 * that every text repeats are said once in a style sheet. What is drawn is the same, pixel for pixel
 * (test/e2e/chart-svg.test.ts; rounding the text positions to 0.01 px was not: it moved antialiasing).
 * The charts drawn into a page (region roll-ups) keep ECharts' output as it is: there they are
 * interactive.
 */
export function compactSvg(svg: string): string {
  let out = svg
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
    .replace(/ pointer-events="visible"/g, "")
    .replace(/ class="zr\d+-cls-\d+"/g, "")
    .replace(/<style ><!\[CDATA\[(?:\s*\.zr\d+-cls-\d+:hover \{[^}]*\})*\s*\]\]>\s*<\/style>\n?/, "")
    .replace(/ version="1\.1" baseProfile="full"/, "");
  if (!out.slice(out.indexOf(">") + 1).includes("xlink:"))
    out = out.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "");
  // what every text says alike is said once in a style sheet; only when every text says it, so
  // no text gains a property it did not have
  const texts = out.match(/<text [^>]*>/g) ?? [];
  if (texts.length === 0) return out;
  const rules: string[] = [];
  if (texts.every((t) => t.includes(' dominant-baseline="central"'))) {
    out = out.replaceAll(' dominant-baseline="central"', "");
    rules.push("dominant-baseline:central");
  }
  if (texts.every((t) => t.includes(`style="font-size:`) && t.includes(`font-family:${FONT};`))) {
    out = out
      .replaceAll(` ${TEXT_STYLE}`, "")
      .replaceAll(
        `style="font-size:16px;font-family:${FONT};font-weight:bold;"`,
        'style="font-size:16px;font-weight:bold"',
      );
    rules.push("font-size:13px", `font-family:${FONT}`);
  }
  const haloed = out.includes(LABEL_HALO);
  out = out.replaceAll(LABEL_HALO, ' class="h"');
  const sheet = [
    rules.length ? `text{${rules.join(";")}}` : "",
    haloed ? ".h{fill:#333;stroke:#fff;stroke-width:2px;paint-order:stroke;stroke-miterlimit:2}" : "",
  ].join("");
  return sheet ? out.replace(/^(<svg[^>]*>)\n?/, `$1\n<style>${sheet}</style>\n`) : out;
}

/** A ranked bar chart of named amounts (region roll-ups). */
export function rankedBarSvg(title: string, slices: Slice[]): string {
  return renderSvg(bar(title, slices), 640, Math.max(160, 40 + slices.length * 26));
}
