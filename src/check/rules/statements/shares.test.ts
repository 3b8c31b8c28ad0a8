import { describe, expect, it } from "vitest";
import { w } from "../text/testing.ts";
import { S08 } from "./shares.ts";
import { amountTable, doc, run, runRegional } from "./testing.ts";

/** Documents with a table read (S-08 needs one: a share's whole may be printed only in a table). */
const any = amountTable("summary", 1, "收支总表", [{ label: "合计", total: 1 }]);
const findings = (...texts: string[]) => run(S08, doc(texts, { tables: [any] }));

describe("S-08 shares against a printed whole", () => {
  it("accepts shares of a whole printed in the sentence or the sentences before (杭州, 北京)", () => {
    expect(
      findings(
        "2026年支出预算5,876.67万元,比上年执行数增加48.92万元。2.按支出用途分类,包括人员支出2,906.80万元,占49.4%;日常公用支出838.27万元,占14.3%;项目支出2,131.61万元,占36.3%。",
        // 北京人社 2026: 本年支出预算 = 基本 + 项目 = 131,905.90, not the 134,133.33 with 结转 printed before
        "2026 年支出预算134133.33万元。(一)基本支出。基本支出预算70692.09万元,占本年支出预算 53.59%。(二)项目支出。项目支出预算61213.81万元,占本年支出预算 46.41%。",
      ),
    ).toEqual([]);
  });

  it("accepts a share adjusted by one last digit so that the shares add up to 100% (杭州公安)", () => {
    // 250,110.65 ÷ 404,415.23 = 61.85%, printed 61.9% (61.9 + 11.8 + 26.3 = 100.0)
    expect(
      findings(
        "2026 年支出预算 404,415.23 万元。包括人员支出 250,110.65 万元，占 61.9%；日常公用支出 47,792.58 万元，占 11.8%。",
      ),
    ).toEqual([]);
  });

  it("takes the whole from a table's total row (江苏省检察院 2017: 26.72% for 26.79%)", () => {
    const t = amountTable("threePublic", 11, "“三公”经费表", [{ label: "合计", total: w("584.35") }]);
    const d = (share: string) =>
      doc([`“三公”经费预算支出中，公务接待费支出 156.55 万元，占“三\n公”经费的 ${share} %。具体情况如下：`], {
        tables: [t],
      });
    expect(run(S08, d("26.79"))).toEqual([]);
    expect(run(S08, d("26.72"))).toMatchObject([{ rule: "S-08", severity: "warning", actual: "26.72%" }]);
    // printed to whole 万元, 110 万元 stands for 109.5 … 111: 18.95% is within reach
    const whole = doc(["因公出国（境）费支出 110 万元，占“三公”经费的 18.95 %。"], { tables: [t] });
    expect(run(S08, whole)).toEqual([]);
  });

  it("reports a share no printed whole gives (上海普陀 2024 决算: 71.73% for 71.65%)", () => {
    const f = findings(
      "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；",
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("71.65%");
  });

  it("says it cannot check a document whose tables were not read", () => {
    expect(() => run(S08, doc(["基本支出 10 万元，占 99%。"]))).toThrow(/没有读取到表格/);
  });

  it("leaves regional documents to T-03 and T-10", () => {
    expect(runRegional(S08, doc(["基本支出 10 万元，占 99%。"]))).toMatchObject({ notChecked: expect.any(String) });
  });
});
