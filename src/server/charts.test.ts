/**
 * The 三公 figures of a table read by the national standard (no template lines): the two layouts
 * real documents print, as the general reader gives them. Amounts as printed in the corpus:
 * 江苏省高级人民法院 2017 表11 (合计 2,599.37 = “三公”经费/小计 670.12 + 会议费 228.00 + 培训费
 * 1,701.25; 因公出国 180.00, 公务用车 304.40 with 购置费 blank, 公务接待 185.72) and 广州市应急管理局 2026
 * (“三公”经费 517.50 as a row, its items in rows below: 因公出国 0, 公务用车 447.50, 公务接待 70.00).
 */
import { describe, expect, it } from "vitest";
import { wan } from "../check/testing.ts";
import type { PrintedTable } from "../model/disclosure.ts";
import { generalThreePublic } from "./charts.ts";

const amount = (key: string, ...path: string[]) => ({ key, path, type: "amount" as const });

/** One row, a column per item; the reader verified 小计 (not 合计) as the items' sum. */
function jiangsu(): PrintedTable {
  return {
    no: 11,
    id: "threePublic",
    title: "一般公共预算“三公”经费、会议费、培训费支出预算表",
    unit: "wanyuan",
    columns: [
      { key: "name", path: ["项目"], type: "text" },
      amount("total", "合计"),
      amount("total_2", "“三公”经费", "小计"),
      amount("overseasTravel", "“三公”经费", "因公出国(境)费"),
      amount("officialVehicles", "“三公”经费", "公务用车购置及运行维护费", "小计"),
      amount("vehiclePurchase", "“三公”经费", "公务用车购置及运行维护费", "公务用车购置费"),
      amount("vehicleOperation", "“三公”经费", "公务用车购置及运行维护费", "公务用车运行维护费"),
      amount("officialReception", "“三公”经费", "公务接待费"),
      amount("meetings", "会议费"),
      amount("training", "培训费"),
    ],
    rows: [
      {
        kind: "line",
        label: "",
        level: 1,
        cells: [
          null,
          wan("2,599.37"),
          wan("670.12"),
          wan("180.00"),
          wan("304.40"),
          null,
          wan("304.40"),
          wan("185.72"),
          wan("228.00"),
          wan("1,701.25"),
        ],
      },
    ],
    sums: {
      across: [
        { total: "total_2", parts: ["overseasTravel", "officialReception", "officialVehicles"] },
        { total: "officialVehicles", parts: ["vehiclePurchase", "vehicleOperation"] },
        { total: "total", parts: ["total_2", "meetings", "training"] },
      ],
      down: [],
    },
  };
}

/** A row per item under the “三公”经费 row, amounts in 合计. */
function guangzhou(): PrintedTable {
  const row = (label: string, v: string | null) => ({
    kind: "line" as const,
    label,
    level: 1,
    cells: [label, v === null ? null : wan(v)],
  });
  return {
    no: 9,
    id: "threePublic",
    title: "“三公”经费预算表",
    unit: "wanyuan",
    columns: [{ key: "name", path: ["项目"], type: "text" }, amount("total", "合计")],
    rows: [
      row("行政经费", "24,988.50"),
      row("“三公”经费", "517.50"),
      row("其中:(一)因公出国(境)支出", "0.00"),
      row("(二)公务用车购置及运行维护支出", "447.50"),
      row("1.公务用车购置费", null),
      row("2.公务用车运行维护费", "447.50"),
      row("(三)公务接待费支出", "70.00"),
    ],
  };
}

describe("generalThreePublic", () => {
  it("columns: the items from their columns, the total from the column verified as their sum", () => {
    expect(generalThreePublic(jiangsu())).toEqual({
      items: { overseasTravel: wan("180.00"), officialReception: wan("185.72"), officialVehicles: wan("304.40") },
      total: wan("670.12"),
    });
  });

  it("columns: no total is made up when no column was verified as the items' sum", () => {
    const t = jiangsu();
    t.sums = { across: [], down: [] };
    expect(generalThreePublic(t).total).toBeNull();
  });

  it("columns: a blank item is left out, not read as 0", () => {
    const t = jiangsu();
    t.rows[0]!.cells[7] = null;
    expect(Object.keys(generalThreePublic(t).items).sort()).toEqual(["officialVehicles", "overseasTravel"]);
  });

  it("rows: items by their words, the total from the “三公”经费 row; a printed 0 is kept", () => {
    expect(generalThreePublic(guangzhou())).toEqual({
      items: { overseasTravel: 0, officialVehicles: wan("447.50"), officialReception: wan("70.00") },
      total: wan("517.50"),
    });
  });
});
