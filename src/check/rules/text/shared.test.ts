import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coded, makeTable, total } from "../../testing.ts";
import {
  checkChange,
  checkShare,
  hasText,
  incomeLineKey,
  isPlaceholder,
  projectCore,
  resolveItemCode,
  squash,
} from "./shared.ts";
import { stmt, w } from "./testing.ts";

describe("checkShare", () => {
  it("accepts the exact 2-decimal share and reports any difference as an error", () => {
    expect(checkShare(6465, w("3,374.27"), w("5,219.30"))).toBeUndefined();
    const c = checkShare(6466, w("3,374.27"), w("5,219.30"));
    expect(c).toMatchObject({ severity: "error", expected: "64.65%", actual: "64.66%" });
  });
});

describe("checkChange", () => {
  const s = (amount: string, change: string, growth: number, text: string) =>
    stmt(2, { subject: "x", amount: w(amount), change: w(change), growth, text });
  it("accepts growth = change / (amount − change)", () => {
    expect(checkChange(s("3,374.27", "719.53", 2710, "比上年增加 719.53 万元，增长 27.10%"))).toEqual([]);
    expect(checkChange(s("0.00", "-120.00", -10000, "比上年减少 120.00 万元，下降 100.00%"))).toEqual([]);
  });
  it("reports a wrong rate", () => {
    const r = checkChange(s("3,374.27", "719.53", 2711, "比上年增加 719.53 万元，增长 27.11%"));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ severity: "error", expected: "27.10%", actual: "27.11%" });
  });
  it("reports a change whose sign contradicts 增加/减少 and a rate contradicting 增长/下降", () => {
    const r = checkChange(s("2,146.13", "78.61", -353, "比上年预算减少 78.61 万元，下降 3.53%"));
    expect(r.map((x) => x.severity)).toContain("error");
    expect(r.some((x) => x.message.includes("减少"))).toBe(true);
  });
  it("does not read the reason's wording as the change wording", () => {
    const x = stmt(3, {
      subject: "基本支出",
      amount: w("2,146.13"),
      change: w("78.61"),
      growth: 380,
      reason: "在职人数减少 2 人",
      text: "比上年增加 78.61 万元，增长 3.80%，主要原因是在职人数减少 2 人",
    });
    expect(checkChange(x)).toEqual([]);
  });
  it("treats 100.00% from a zero base as a warning and 0 → 0 as 0.00%", () => {
    expect(checkChange(s("808.49", "808.49", 10000, "增加 808.49 万元，增长 100.00%"))[0]?.severity).toBe("warning");
    expect(checkChange(s("808.49", "808.49", 5000, "增加 808.49 万元，增长 50.00%"))[0]?.severity).toBe("error");
    expect(checkChange(s("0.00", "0.00", 0, "增加 0.00 万元，增长 0.00%"))).toEqual([]);
    expect(checkChange(s("0.00", "0.00", 100, "增加 0.00 万元，增长 1.00%"))[0]?.severity).toBe("error");
  });
});

describe("matching helpers", () => {
  it("maps 说明二 subjects to 表1 lines, 上级 first", () => {
    expect(incomeLineKey("上级一般公共预算安排的转移支付资金")).toBe("upperTransferGeneral");
    expect(incomeLineKey("一般公共预算")).toBe("generalBudget");
    expect(incomeLineKey("财政拨款结转")).toBe("fiscalCarryover");
    expect(incomeLineKey("单 位 资 金")).toBe("unitFunds");
    expect(incomeLineKey("部门收入预算")).toBe("total");
  });
  it("reduces project names spelled differently to one core", () => {
    const core = projectCore("2025年中央就业补助项目");
    expect(projectCore("2024 年中央就业补助资金项目")).toBe(core);
    expect(projectCore("2024-2025 年中央就业补助项目")).toBe(core);
    expect(projectCore("2025 年失业保险宣传项目（自有资金）")).toBe("失业保险宣传");
  });
  it("resolves a 说明五（三）item by its printed 类/款/项 names when it has no code", () => {
    const t5 = makeTable("generalBudgetExpenditure", [
      total({ total: "1.00" }),
      coded("208", "社会保障和就业支出", { total: "1.00" }),
      coded("20801", "人力资源和社会保障管理事务", { total: "1.00" }),
      coded("2080101", "行政运行", { total: "1.00" }),
      coded("20802", "民政管理事务", {}),
      coded("2080201", "行政运行", {}),
    ]);
    const s = stmt(5, { subject: "社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）" });
    expect(resolveItemCode(t5, s)).toBe("2080101");
    expect(resolveItemCode(t5, stmt(5, { subject: "教育支出（类）职业教育（款）技校教育（项）" }))).toBeUndefined();
  });
  it("recognises placeholders", () => {
    for (const p of ["【待填写：原因】", "XX", "××", "*"]) expect(isPlaceholder(p)).toBe(true);
    expect(isPlaceholder("厉行节约")).toBe(false);
  });
});

describe("hasText", () => {
  it("is s.trim() !== '' for every first character and for mixed strings", () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      expect(hasText(s)).toBe(s.trim() !== "");
      expect(hasText(`${s} `)).toBe(`${s} `.trim() !== "");
    }
    const ch = fc.constantFrom(..." \t\n\u00a0\u3000\u2003\ufeff\u200b*a1成本（");
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 6 }), (cs) => {
        expect(hasText(cs.join(""))).toBe(cs.join("").trim() !== "");
      }),
    );
    expect(hasText(undefined)).toBe(false);
  });
});

describe("squash", () => {
  it("removes white space and turns ASCII brackets full-width (the reference replace chain)", () => {
    const ref = (s: string) =>
      s
        .replace(/[\s\u00a0\u3000]+/g, "")
        .replace(/\(/g, "（")
        .replace(/\)/g, "）");
    const ch = fc.constantFrom(..." \t\n\u00a0\u3000()（）a成本1");
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 10 }), (cs) => {
        expect(squash(cs.join(""))).toBe(ref(cs.join("")));
      }),
    );
  });
});
