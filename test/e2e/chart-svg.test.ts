/**
 * The chart files the portal serves are ECharts' SVG made smaller (compactSvg: no interaction
 * attributes, the font and the label halo said once): drawn in Chromium as the department page
 * draws them (`<img>`), every chart of the seed and of a document with hostile labels, wide and
 * narrow, gives the same pixels as ECharts' own output, and is at least a third smaller.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { DEFAULT_CHROMIUM, launchChromium } from "../../src/render/chromium.ts";
import {
  CHART_HEIGHT,
  CHART_NAMES,
  CHART_WIDTH,
  chartOption,
  compactSvg,
  NARROW_HEIGHT,
  NARROW_WIDTH,
  renderSvg,
} from "../../src/server/charts.ts";
import { makeDisclosure } from "../../src/store/testing.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
const HOSTILE = `<script>alert("x")</script>&'"`;

describe("compacted chart SVGs", () => {
  let browser: Browser;
  const docs: { name: string; d: Disclosure }[] = [];

  beforeAll(async () => {
    const r = await importFile("test/fixtures/bazhou-hrss-2025-budget.txt");
    if (!r.disclosure) throw new Error("the seed did not import");
    docs.push({ name: "seed", d: r.disclosure });
    const h = makeDisclosure({ department: `恶意${HOSTILE}局` });
    for (const t of h.tables) for (const row of t.rows) if (row.kind === "class") row.label = `${HOSTILE}${row.label}`;
    docs.push({ name: "hostile", d: h });
    browser = await launchChromium(CHROMIUM);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draw the same pixels as ECharts' own SVG, at least a third smaller", async () => {
    const page = await browser.newPage({ viewport: { width: CHART_WIDTH, height: CHART_HEIGHT } });
    const shot = async (svg: string, width: number, height: number) => {
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
      await page.setViewportSize({ width, height });
      await page.setContent(
        `<html><body style="margin:0"><img id="c" src="${src}" width="${width}" height="${height}"></body></html>`,
      );
      await page.waitForFunction('document.getElementById("c")?.complete === true');
      return page.screenshot({ clip: { x: 0, y: 0, width, height } });
    };
    let compared = 0;
    for (const { name, d } of docs) {
      for (const chart of CHART_NAMES) {
        const option = chartOption(chart, d, chart === "threePublic" ? [] : undefined);
        if (!option) continue;
        for (const [w, h] of [
          [CHART_WIDTH, CHART_HEIGHT],
          [NARROW_WIDTH, NARROW_HEIGHT],
        ] as const) {
          const original = renderSvg(option, w, h);
          const compact = compactSvg(original);
          const label = `${name} ${chart} ${w}×${h}`;
          expect(Buffer.byteLength(compact), label).toBeLessThan((Buffer.byteLength(original) * 2) / 3);
          expect(compact, label).not.toMatch(/ecmeta_|zr\d+-cls|pointer-events/);
          expect(compact, label).not.toContain("<script>");
          const [a, b] = [await shot(original, w, h), await shot(compact, w, h)];
          expect(b.equals(a), `${label}: same pixels`).toBe(true);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(12);
  });
});
