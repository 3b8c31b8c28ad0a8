import { describe, expect, it } from "vitest";
import { S05 } from "./placeholders.ts";
import { doc, run, runRegional } from "./testing.ts";

const findings = (...texts: string[]) => run(S05, doc(texts));

describe("S-05 placeholders left in the 说明", () => {
  it("finds XX, ××, 。。, 【待填写】, ＊＊ and formatting marks, one finding per section", () => {
    const f = findings("上海市XX局2024年度收入支出总计XXX万元。主要原因:XXXXXXXX。");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: "S-05", severity: "warning", actual: "XX XXX XXXXXXXX" });
    expect(findings("公务接待费××万元。")).toMatchObject([{ actual: "××" }]);
    expect(findings("主要原因是【待填写：原因】。")).toMatchObject([{ actual: "【待填写:原因】" }]);
    expect(findings("主要用于办公设备购置。。")).toMatchObject([{ actual: "。。" }]);
    expect(findings("政府采购预算＊＊万元。")).toMatchObject([{ actual: "＊＊" }]);
    expect(findings("**财政拨款**:指由一般公共预算安排的拨款。")).toHaveLength(1);
  });

  it("leaves ordinary text alone", () => {
    expect(
      findings("采购XXL号防护服200套。", "【注】本表无数据。", "第X条规定的情形除外。", "绩效目标:服务满意度≥90%。"),
    ).toEqual([]);
  });

  it("on a regional document reports only what C-34 does not (XX there is C-34's)", () => {
    const d = doc(["上海市XX局预算。", "主要用于办公设备购置。。"]);
    const r = runRegional(S05, d);
    expect(r).toMatchObject([{ actual: "。。" }]);
  });
});

describe("S-05 near misses from reading", () => {
  it("does not take a wrapped cell's lone 。 for a doubled one (西安 绩效自评表 read as prose)", () => {
    expect(findings("顺利通过中省对\n我市进行的工作考核。\n  。\n发现的问题及原因：无。")).toEqual([]);
  });
});
