import { describe, expect, it } from "vitest";
import type { Row } from "../../model/disclosure.ts";
import { keyGrandTotal } from "./read-document.ts";

/** Income-side rows of a two-sided 表1 as the general reader keys them from the template's words. */
const rows = (...lines: [string, string?][]): Row[] =>
  lines.map(([label, lineKey]) => ({
    kind: /合计|总计/.test(label) ? "total" : "line",
    label,
    level: /合计|总计/.test(label) ? 0 : 1,
    cells: [label, 1],
    page: 1,
    ...(lineKey ? { lineKey } : {}),
  }));
const total = (rs: Row[]) => rs.filter((r) => r.lineKey === "total").map((r) => r.label);

describe("keyGrandTotal: the 总计 line of a two-sided table printed under another name", () => {
  it("福州: 收入合计 after 本年收入合计 and 上年结转结余", () => {
    const rs = rows(
      ["一、一般公共预算拨款收入", "generalBudgetAppropriation"],
      ["本年收入合计", "currentYear"],
      ["上年结转结余", "carryover"],
      ["收入合计"],
    );
    keyGrandTotal(rs);
    expect(total(rs)).toEqual(["收入合计"]);
    expect(rs.find((r) => r.label === "本年收入合计")?.lineKey).toBe("currentYear");
  });

  it("Jiangsu 2017: 收入合计 after 上年结转资金 (the template's words took it for 本年收入合计) is the total", () => {
    const rs = rows(
      ["一、财政拨款", "fiscalAppropriation"],
      ["三、其他资金", "unitFunds"],
      ["上年结转资金", "carryover"],
      ["收入合计", "currentYear"],
    );
    keyGrandTotal(rs);
    expect(total(rs)).toEqual(["收入合计"]);
    expect(rs.some((r) => r.lineKey === "currentYear")).toBe(false);
  });

  it("重庆: a table without 上年结转 whose one 合计 is printed first", () => {
    const rs = rows(
      ["合计"],
      ["一、一般公共预算资金", "generalBudgetAppropriation"],
      ["九、其他收入资金", "otherIncome"],
    );
    keyGrandTotal(rs);
    expect(total(rs)).toEqual(["合计"]);
  });

  it("西安: a row number printed before the name (37收入总计) when the name itself is the template's", () => {
    const rs = rows(["本年收入合计", "currentYear"], ["上年结转", "carryover"], ["37收入总计"]);
    keyGrandTotal(rs);
    expect(total(rs)).toEqual(["37收入总计"]);
  });

  it("leaves a table alone: a total already keyed, no 合计 after 上年结转, two candidates, 本年…合计 or 小计", () => {
    const keyed = rows(["收入总计", "total"], ["合计"]);
    keyGrandTotal(keyed);
    expect(total(keyed)).toEqual(["收入总计"]);

    const before = rows(["收入合计"], ["上年结转", "carryover"]);
    keyGrandTotal(before);
    expect(total(before)).toEqual([]);

    const two = rows(["合计"], ["一、财政拨款"], ["合计"]);
    keyGrandTotal(two);
    expect(total(two)).toEqual([]);

    const current = rows(["本年收入合计", "currentYear"], ["小计"], ["本年合计"]);
    keyGrandTotal(current);
    expect(total(current)).toEqual([]);
  });
});
