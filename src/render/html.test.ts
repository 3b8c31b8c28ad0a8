import { describe, expect, it } from "vitest";
import { disclosureSchema } from "../model/disclosure-schema.ts";
import { escapeHtml } from "./escape.ts";
import { renderHtml } from "./html.ts";
import { printedTableHtml } from "./html-table.ts";
import { HOSTILE, LONG_NAME, sampleDisclosure } from "./testing.ts";

const d = sampleDisclosure({ hostile: true });
const { html } = renderHtml(d, { fontUrl: (f) => `assets/${f}` });

describe("renderHtml", () => {
  it("the fixture is a valid Disclosure", () => {
    expect(disclosureSchema.safeParse(d).success).toBe(true);
  });

  it("escapes hostile department and project names everywhere", () => {
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    // the only <script or onerror text is escaped
    expect(html.match(/<script/gi)).toBeNull();
    expect(html).toContain(escapeHtml(LONG_NAME));
  });

  it("prints merged header cells from the column paths", () => {
    const t11 = d.tables.find((t) => t.no === 11)!;
    const h = printedTableHtml(t11);
    expect(h).toContain('<th scope="col" rowspan="3">项目</th>');
    expect(h).toContain('<th scope="col" colspan="4">财政拨款</th>');
    expect(h).toContain('<th scope="col" rowspan="2">小计</th>');
    expect(h).toContain('<th scope="col" colspan="2">基本支出</th>');
    const t3 = d.tables.find((t) => t.no === 3)!;
    expect(printedTableHtml(t3)).toContain('<th scope="col" colspan="3">功能分类科目编码</th>');
  });

  it("prints thousands separators, a printed 0.00 as 0.00 and a blank cell as blank", () => {
    const t3 = printedTableHtml(d.tables.find((t) => t.no === 3)!);
    expect(t3).toContain('<td class="num">5,219.30</td>');
    expect(t3).toContain('<td class="num">0.00</td>'); // 行政运行 项目支出 printed 0.00
    // 职业教育 基本支出 is blank: an empty amount cell, not 0.00
    expect(t3).toMatch(/职业教育<\/td><td class="num">808\.49<\/td><td class="num"><\/td>/);
  });

  it("has the parts in official order, an empty-table note, wide tables on landscape pages", () => {
    const order = [
      'class="cover"',
      'class="toc"',
      'id="part1"',
      'id="part2"',
      'id="table-1"',
      'id="table-3"',
      'id="table-11"',
      'id="part3"',
      'class="ptitle">部门整体绩效目标表',
      'id="part4"',
    ];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain("政府性基金预算支出情况表为空表");
    expect(html).toMatch(/<section class="ptable wide" id="table-7">/);
    expect(html).toMatch(/<section class="ptable" id="table-3">/);
    expect(html).toContain("@page wide { size: A4 landscape;");
    expect(html).toContain("counter(page)");
  });

  it("references only the font subsets the text needs", () => {
    const r = renderHtml(d, { fontUrl: (f) => `assets/${f}` });
    expect(r.fontFiles.length).toBeGreaterThan(2);
    expect(r.fontFiles.length).toBeLessThan(80);
    expect(r.html).toContain("font-family:'Noto Sans SC'");
    expect(renderHtml(d).fontFiles).toEqual([]);
  });
});
