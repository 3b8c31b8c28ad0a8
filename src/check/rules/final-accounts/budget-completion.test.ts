/**
 * F-11 … F-13 on the real 决算 (上海市普陀区财政局 2024, test/fixtures/corpus) and small mutations of its
 * 说明 statements. By hand (pdftotext -layout): 说明五（三）"年初预算为2993.92万元，支出决算为2940.05万元，
 * 完成年初预算的98.20%" (2,940.05 ÷ 2,993.92 = 98.20%), eleven 项 each with 年初预算 and 决算 (表5 项
 * 合计), a 原因 wherever they differ; 说明七 三公 年初预算 0.95, 决算 0.00, 完成预算的 0%.
 *
 * The rules read the 说明 by the 决算 template's sections (说明五 and 七 by number, with their
 * statements), so the document is imported with that template asked for (`--template
 * national-final-accounts`); on the general reading they are not checked (final-accounts.test.ts).
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../../import/index.ts";
import type { Disclosure, Statement } from "../../../model/disclosure.ts";
import { nationalFinalAccounts } from "../../../templates/index.ts";
import { runRule, wan } from "../../testing.ts";
import { F11, F12, F13 } from "./budget-completion.ts";

const FILE = fileURLToPath(
  new URL("../../../../test/fixtures/corpus/shanghai-putuo-caizhengju-2024-juesuan.pdf", import.meta.url),
);
const run = (rule: Parameters<typeof runRule>[0], d: Disclosure) => runRule(rule, d, nationalFinalAccounts);

let d: Disclosure;
beforeAll(async () => {
  const r = await importFile(FILE, { template: nationalFinalAccounts.id });
  if (!r.disclosure) throw new Error(r.problems.map((p) => p.message).join("; "));
  expect(r.report?.template).toEqual({ id: nationalFinalAccounts.id, how: "forced", confidence: 1 });
  d = r.disclosure;
});

/** The document with one statement of a section changed. */
function mutate(no: number, pick: (s: Statement) => boolean, change: Partial<Statement>): Disclosure {
  let done = false;
  const explanations = d.explanations.map((e) =>
    e.no !== no
      ? e
      : {
          ...e,
          statements: e.statements.map((s) => {
            if (done || !pick(s)) return s;
            done = true;
            return { ...s, ...change };
          }),
        },
  );
  if (!done) throw new Error("no statement to mutate");
  return { ...d, explanations };
}
const item = (code: string) => (s: Statement) => s.code === code;

describe("决算 说明 against 年初预算: F-11 … F-13", () => {
  it("read the comparisons and hold on the real 决算", () => {
    const gb = d.explanations.find((e) => e.no === 5)!;
    expect(gb.statements.filter((s) => s.budget !== undefined)).toHaveLength(12);
    expect(gb.statements.find((s) => s.completion !== undefined)).toMatchObject({
      budget: wan("2993.92"),
      amount: wan("2940.05"),
      completion: 9820,
    });
    for (const rule of [F11, F12, F13]) expect(run(rule, d)).toEqual([]);
  });

  it("F-11: a 完成率 that is not 决算 ÷ 年初预算", () => {
    const m = mutate(5, (s) => s.completion !== undefined, { completion: 9830 });
    expect(run(F11, m)).toMatchObject([
      { rule: "F-11", severity: "error", expected: "98.20%", actual: "98.30%", difference: "0.10 个百分点" },
    ]);
  });

  it("F-11: 三公 完成预算的 rate uses 表7 预算数 when the sentence gives none", () => {
    const m = mutate(7, (s) => s.subject.includes("公务接待费"), { amount: wan("0.50"), completion: 5000 });
    // 0.50 ÷ 0.95 = 52.63%
    expect(run(F11, m)).toMatchObject([{ rule: "F-11", expected: "52.63%", actual: "50.00%" }]);
  });

  it("F-12: an item's 决算 that differs from 表5 (the 450.52 / 449.52 of 项 2010608 swapped)", () => {
    const m = mutate(5, item("2010608"), { amount: wan("450.52"), budget: wan("449.52") });
    expect(run(F12, m)).toMatchObject([
      {
        rule: "F-12",
        severity: "error",
        expected: "449.52",
        actual: "450.52",
        location: { table: 5, row: "2010608 财政委托业务支出" },
      },
    ]);
  });

  it("F-12: the 三公 年初预算 against 表7 预算数", () => {
    const m = mutate(7, (s) => s.budget !== undefined, { budget: wan("1.95") });
    expect(run(F12, m)).toMatchObject([{ rule: "F-12", expected: "0.95", actual: "1.95", location: { table: 7 } }]);
  });

  it("F-13: a 决算 below its 年初预算 without a reason is a warning", () => {
    const m = mutate(5, item("2010601"), { reason: undefined });
    expect(run(F13, m)).toMatchObject([
      { rule: "F-13", severity: "warning", expected: "1,560.05", actual: "1,511.89", difference: "-48.16" },
    ]);
  });

  it("are not checked where the 说明 has no 年初预算 comparison", () => {
    const m = { ...d, explanations: d.explanations.map((e) => ({ ...e, statements: [] })) };
    for (const rule of [F11, F12, F13]) expect(run(rule, m)).toHaveProperty("notChecked");
  });
});
