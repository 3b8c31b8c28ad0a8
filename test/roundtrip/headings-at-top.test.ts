/**
 * Real documents printed again with every heading set at the top of its cell (a word processor's
 * default, as county documents typeset in Word or WPS print their tables), untagged so the general
 * reader reads them as it would another producer's PDF. Their columns must come back under the
 * headings the originals print (src/import/grid/header.ts): a wrapped heading's next line stands a
 * row's pitch below its first, as the next row's headings do ("因公出国(境)" / "费用"), and a tall
 * cell's heading starts level with the group heading beside it, not half way down.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { PdfRenderer } from "../../src/render/pdf.ts";
import { errorKeys } from "./compare.ts";

const TOP = "table.data th { vertical-align: top; }";
const DOCS = {
  // 表2: 一般公共预算拨款 over 小计 | 其中…项目 beside tall 合计, 政府性基金拨款 …; 表13: three year groups
  // over 合计, a 三公 group and 会议费 | 培训费, the 三公 group over 公务用车购置及运行维护费's three
  xian: "regions/xian-jiaotongju-2022-yusuan.pdf",
  // 表5: 2026年预算数 over 总计 | 基本支出 (小计 人员经费 公用经费) | 项目支出
  chongqing: "regions/chongqing-zhengfuban-2026-yusuan.pdf",
  // 表7: “三公”经费 合计, 因公出国(境) / 费用, 公务用车购置及运行费 over three, 公务接待 / 费
  hangzhou: "regions/hangzhou-qixiangju-2026-yusuan.pdf",
} as const;
type Name = keyof typeof DOCS;

const dir = mkdtempSync(join(tmpdir(), "yusuan-headings-top-"));
const original = new Map<Name, Disclosure>();
const back = new Map<Name, Disclosure>();

beforeAll(async () => {
  const pdf = new PdfRenderer({ css: TOP, tagged: false });
  await pdf.open();
  try {
    for (const [name, file] of Object.entries(DOCS) as [Name, string][]) {
      const d = (await importFile(new URL(`../fixtures/${file}`, import.meta.url).pathname)).disclosure;
      if (!d) throw new Error(`${file} not read`);
      original.set(name, d);
      await pdf.render(d, join(dir, `${name}.pdf`));
    }
  } finally {
    await pdf.close();
  }
  for (const name of Object.keys(DOCS) as Name[]) {
    const d = (await importFile(join(dir, `${name}.pdf`))).disclosure;
    if (!d) throw new Error(`${name}.pdf not read back`);
    back.set(name, d);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns = (d: Disclosure | undefined, no: number) =>
  d?.tables
    .find((t) => t.no === no)
    ?.columns.filter((c) => c.type === "amount")
    .map((c) => `${c.key} ${c.path.join("/")}`);

describe("headings set at the top of their cells", () => {
  it("西安市交通运输局 2022 表2 and 表13: every column under its groups, as the original prints them", () => {
    for (const no of [2, 13])
      expect(columns(back.get("xian"), no), `表${no}`).toEqual(columns(original.get("xian"), no));
    expect(columns(back.get("xian"), 2)).toContain("generalBudget 部门预算/一般公共预算拨款/小计");
  });

  it("重庆市人民政府办公厅 2026 表5: 总计 and 项目支出 under 2026年预算数, 小计 under 基本支出", () => {
    expect(columns(back.get("chongqing"), 5)).toEqual(columns(original.get("chongqing"), 5));
    expect(columns(back.get("chongqing"), 5)).toContain("basic 2026年预算数/基本支出/小计");
  });

  it("杭州市气象局 2026 表7: 因公出国(境) / 费用 is one heading", () => {
    expect(columns(back.get("hangzhou"), 7)).toEqual(columns(original.get("hangzhou"), 7));
  });

  it("no error the originals do not have", () => {
    for (const name of Object.keys(DOCS) as Name[])
      expect(errorKeys(back.get(name)!), name).toEqual(errorKeys(original.get(name)!));
  });
});
