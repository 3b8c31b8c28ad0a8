/**
 * A 收支总表 row printed blank on one side, its label wrapped over two lines of a tall cell, the
 * other side's row centred beside it (src/import/grid/rows.ts: continuationOf, alignWrappedBlanks).
 * The label's second line is the label's, not a row of its own, and the two sides are one row of
 * the table. Real documents, as published:
 * - 西安市交通运输局 2022 表1 p9: "其中：纳入财政专户管理" / "的收费" around "8、社会保障和就业支出
 *   1983.46"; "3、事业收入" beside "7、文化旅游体育与传媒支" / "出" (read before as rows of their own:
 *   "的收费", "出", and the expenditure side one line off from the income side);
 * - 西安市交通运输局 2022 表4: "3、国有资本经营预算" / "收入" around "4、公共安全支出";
 * - 江苏省人民检察院 2017 表1 p10: "2.政府性基金" / "预算" around "三、国防支出", "二、财政专户管理" /
 *   "资金" around "四、公共安全支出 13,656.34";
 * - 上海市普陀区财政局 2024 决算 表4 p12: "二、政府性基金预算财政拨" / "款" around "二、外交支出", its lines
 *   15.6 pt apart where rows stand 17.2 pt apart; and its amounts printed 7 pt above their labels
 *   ("2,940.05" over "一、一般公共预算财政拨款", the labels level with the other side's row).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/import/index.ts";
import type { PrintedTable } from "../../src/model/disclosure.ts";

const fixture = (dir: string, name: string) => fileURLToPath(new URL(`../fixtures/${dir}/${name}`, import.meta.url));

async function tableOf(file: string, no: number): Promise<PrintedTable> {
  const r = await importFile(file);
  if (!r.disclosure) throw new Error(r.problems.map((p) => p.message).join("; "));
  const t = r.disclosure.tables.find((x) => x.no === no);
  if (!t) throw new Error(`no 表${no}`);
  return t;
}

/** The row whose first cell (the income side's label) is `label`, as [income label, expenditure label]. */
const pairOf = (t: PrintedTable, label: string) => {
  const row = t.rows.find((r) => r.cells[0] === label);
  return row ? [row.cells[0], row.cells[2]] : undefined;
};

describe("a two-sided table's blank label wrapped beside the other side's row", () => {
  it("西安市交通运输局 2022 表1: wrapped labels whole, each on the line the other sides print", async () => {
    const t = await tableOf(fixture("regions", "xian-jiaotongju-2022-yusuan.pdf"), 1);
    expect(pairOf(t, "其中:纳入财政专户管理的收费")).toEqual(["其中:纳入财政专户管理的收费", "8、社会保障和就业支出"]);
    expect(pairOf(t, "3、事业收入")).toEqual(["3、事业收入", "7、文化旅游体育与传媒支出"]);
    const labels = t.rows.flatMap((r) => r.cells.filter((c): c is string => typeof c === "string"));
    for (const piece of ["的收费", "出", "助"]) expect(labels).not.toContain(piece);
    // the third side's wrapped blank label, on the line of its neighbours
    const row = t.rows.find((r) => r.cells[0] === "4、事业单位经营收入");
    expect(row?.cells).toContain("(3)对个人和家庭补助");
  });

  it("西安市交通运输局 2022 表4: 3、国有资本经营预算收入 beside 4、公共安全支出", async () => {
    const t = await tableOf(fixture("regions", "xian-jiaotongju-2022-yusuan.pdf"), 4);
    expect(pairOf(t, "3、国有资本经营预算收入")).toEqual(["3、国有资本经营预算收入", "4、公共安全支出"]);
    expect(t.rows.some((r) => r.cells[0] === "收入")).toBe(false);
  });

  it("江苏省人民检察院 2017 表1: 2.政府性基金预算 and 二、财政专户管理资金 on their rows", async () => {
    const t = await tableOf(fixture("corpus", "jiangsu-jianchayuan-2017-yusuan.pdf"), 1);
    expect(pairOf(t, "2.政府性基金预算")).toEqual(["2.政府性基金预算", "三、国防支出"]);
    const fund = t.rows.find((r) => r.cells[0] === "二、财政专户管理资金");
    expect(fund?.cells.slice(0, 4)).toEqual(["二、财政专户管理资金", null, "四、公共安全支出", 13_656_340_000]);
    expect(t.rows.some((r) => r.cells[0] === "预算")).toBe(false);
  });

  it("上海市普陀区财政局 2024 表4: wrapped lines nearly a row apart are still one label", async () => {
    const t = await tableOf(fixture("corpus", "shanghai-putuo-caizhengju-2024-juesuan.pdf"), 4);
    expect(pairOf(t, "二、政府性基金预算财政拨款")).toEqual(["二、政府性基金预算财政拨款", "二、外交支出"]);
    expect(pairOf(t, "三、国有资本经营预算财政拨款")).toEqual(["三、国有资本经营预算财政拨款", "三、国防支出"]);
    const spent = t.rows.map((r) => r.cells[2]);
    expect(spent).toContain("二十二、灾害防治及应急管理支出");
    expect(spent).not.toContain("理支出");
    expect(pairOf(t, "一、一般公共预算财政拨款")).toEqual(["一、一般公共预算财政拨款", "一、一般公共服务支出"]);
    expect(pairOf(t, "本年收入合计")).toEqual(["本年收入合计", "本年支出合计"]);
  });
});
