import { describe, expect, it } from "vitest";
import { w } from "../text/testing.ts";
import { S06 } from "./empty-tables.ts";
import { amountTable, doc, run, runRegional } from "./testing.ts";

const fund = (amount: number | null, extra = {}) =>
  amountTable(
    "governmentFundExpenditure",
    8,
    "政府性基金预算支出表",
    [
      { label: "合计", total: amount },
      { label: "城乡社区支出", code: "212", total: amount },
    ],
    extra,
  );
const capital = (amount: number | null) =>
  amountTable("stateCapitalExpenditure", 9, "国有资本经营预算支出表", [{ label: "合计", total: amount }]);

describe("S-06 tables said to be empty", () => {
  it("reports a table said to be empty that has amounts (杭州, 重庆 wordings)", () => {
    const f = run(
      S06,
      doc(["本部门2026年没有使用政府性基金预算拨款安排的支出,与上年持平。"], { tables: [fund(w("579.89"))] }),
    );
    expect(f).toMatchObject([{ rule: "S-06", severity: "error" }]);
    const sz = doc(["备注：本单位无政府性基金预算安排的支出，故此表无数据。"], { tables: [fund(w("1.00"))] });
    expect(run(S06, sz)).toHaveLength(1);
    const cq = run(
      S06,
      doc(["政府性基金拨款支出预算为0;国有资本经营预算拨款支出预算为0。"], {
        tables: [fund(null), capital(w("12.00"))],
      }),
    );
    expect(cq).toHaveLength(1);
    expect(cq[0]!.message).toContain("国有资本经营");
  });

  it("accepts empty tables explained as empty, and amounts stated for full tables (北京, 重庆)", () => {
    expect(
      run(
        S06,
        doc(["2.政府性基金预算拨款收入 0 万元。\n3.国有资本经营预算拨款收入 0 万元。"], {
          tables: [fund(null), capital(null)],
        }),
      ),
    ).toEqual([]);
    expect(
      run(
        S06,
        doc(["2026年政府性基金预算财政拨款收入579.89万元,政府性基金预算支出 579 .89 万 元,主要用于人工影响天气。"], {
          tables: [fund(w("579.89"))],
        }),
      ),
    ).toEqual([]);
    // a zero printed in an empty table is still empty
    expect(run(S06, doc(["本单位无政府性基金预算安排的支出，故此表无数据。"], { tables: [fund(0)] }))).toEqual([]);
  });

  it("warns when the 说明 gives an amount for a table printed empty", () => {
    const f = run(S06, doc(["政府性基金预算支出 579.89 万元，主要用于人工影响天气。"], { tables: [fund(null)] }));
    expect(f).toMatchObject([{ severity: "warning", actual: "579.89万元" }]);
  });

  it("reports an 空表 note printed with a table that has amounts", () => {
    const t = fund(w("3.00"), { emptyNote: "备注：本部门没有政府性基金预算拨款安排的支出，故本表无数据。" });
    expect(run(S06, doc([], { tables: [t] }))).toMatchObject([{ severity: "error", location: { table: 8 } }]);
  });

  it("leaves regional documents to T-19", () => {
    expect(runRegional(S06, doc([], { tables: [fund(w("3.00"))] }))).toMatchObject({ notChecked: expect.any(String) });
  });
});

describe("S-06 near misses", () => {
  it("does not read a zero income as an empty spending table (spending may come from 结转)", () => {
    const t = amountTable("governmentFundExpenditure", 8, "政府性基金预算支出表", [{ label: "合计", total: 500_000 }]);
    expect(run(S06, doc(["2.政府性基金预算拨款收入 0 万元。"], { tables: [t] }))).toEqual([]);
  });
});
