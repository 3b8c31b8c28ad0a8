/**
 * The general 说明 rules (S-01 … S-08) on every real document of the corpus (shared/corpus: 20
 * documents from nine regions, the Jiangsu and Shanghai documents, the blank 财政部 决算 template,
 * and the Xinjiang seed), read from test/fixtures/statements/corpus-text.json (their 说明 as the
 * reader gives it and the tables the rules compare with; see make.ts there). The rules must report
 * nothing false on published originals. Every finding below was checked by hand against
 * `pdftotext -layout FILE -`:
 *
 * - 国家信访局 2026 (central-xinfangju), p. 25 "（三）委托业务费情况": "国家信访局 2026 年委托业务费财政拨款
 *   预算 1,391.68 万元，比 2025 年预算增加 333.83 万元，增长 31.35%" — 333.83 ÷ (1,391.68 − 333.83) =
 *   31.56%: S-01 error, real.
 * - 国家信访局 2026, p. 18 "四、关于财政拨款收支总表的说明": "财政拨款收支总预算 18,728.91 万元" — 表4 prints 收入总计
 *   and 支出总计 18,728.94: S-07 warning, real.
 * - 江苏省检察院 2017 (jiangsu-jianchayuan), p. 22 说明十: "机关运行经费预算支出 6032.55 万元，比 2016 年增加
 *   3401.59 万元，增长 129.97 %" — 3,401.59 ÷ 2,630.96 = 129.29% (digits swapped): S-01 error, real.
 * - 江苏省高级人民法院 2017 (jiangsu-gaoyuan), p. 22 "（三）住房保障支出（类）": "提租补贴（项）支出 1959.99 万元，
 *   与上年相比增加 865.57 万元，增长 79.05%" — 865.57 ÷ 1,094.42 = 79.09%: S-01 error, real.
 * - 江苏省委办公厅 2017 (jiangsu-shengweiban, text file p. 8) "（一）一般公共服务（类）": "行政运行（项）支出
 *   6106.99 万元，与上年相比增加 101.48 万元，增长 1.66%" — 101.48 ÷ 6,005.51 = 1.69%: S-01 error, real.
 * - 江苏省检察院 2017, p. 22 说明十一: "公务接待费支出 156.55 万元，占“三公”经费的 26.72 %" — 表11 prints the
 *   三公 total 584.35; 156.55 ÷ 584.35 = 26.79%: S-08 warning, real (its 54.43% for 317.8 is 54.38%
 *   too, but the section's parts add to a whole that explains it, so it is not reported).
 * - 上海市普陀区财政局 2024 决算 (shanghai-putuo-caizhengju-2024-juesuan), p. 21: "一般公共预算财政拨款支出
 *   2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%" — 2,106.66 ÷ 2,940.05 = 71.65%:
 *   S-08 warning, real (corpus-findings.test.ts has it as T-10 under the Shanghai template).
 * - the blank 财政部 决算 template (national-juesuan-template): its 说明 is placeholders ("上海市 XX 局…
 *   收入支出总计 XXX 万元", "主要原因：XXXXXXXX"): S-05 warnings, one per section that holds them.
 * Nothing else: the other year-on-year clauses (386 read, 327 of them in documents read by the national
 * standard; 205 with amount, change and rate), the 57
 * 决算 completion clauses and every total the rules read agree at their printed precision.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check/index.ts";
import { RULES } from "../../src/check/rules/statements/index.ts";
import type { Disclosure } from "../../src/model/disclosure.ts";

const FIXTURE = fileURLToPath(new URL("../fixtures/statements/corpus-text.json", import.meta.url));
const DOCS = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, Disclosure>;

type Key = [rule: string, severity: string, section: string | undefined];

const EXPECTED: Record<string, Key[]> = {
  "central-xinfangju-2026-yusuan": [
    ["S-01", "error", "(三)委托业务费情况"],
    ["S-07", "warning", "四、关于财政拨款收支总表的说明"],
  ],
  "jiangsu-gaoyuan-2017-yusuan": [["S-01", "error", "(三)住房保障支出(类)"]],
  "jiangsu-shengweiban-2017-yusuan-tables": [["S-01", "error", "(一)一般公共服务(类)"]],
  "jiangsu-jianchayuan-2017-yusuan": [
    ["S-01", "error", "十、一般公共预算机关运行经费支出预算表情况说明"],
    ["S-08", "warning", "十一、一般公共预算“三公”经费、会议费、培训费支出预算表情况说明"],
  ],
  "shanghai-putuo-caizhengju-2024-juesuan": [["S-08", "warning", "(二)一般公共预算财政拨款支出决算结构情况"]],
};

const sections = (name: string) => new Set(DOCS[name]!.explanations.map((e) => e.title));

describe("the general 说明 rules on the real corpus", () => {
  it("has every corpus document, each with its 说明", () => {
    expect(Object.keys(DOCS).length).toBe(27);
    for (const [name, d] of Object.entries(DOCS)) {
      expect(d.explanations.length, name).toBeGreaterThan(0);
      expect(d.meta.year, name).toBeGreaterThan(2000);
    }
  });

  for (const name of Object.keys(DOCS)) {
    it(`${name}: exactly the hand-checked findings`, () => {
      const r = check(DOCS[name]!, RULES);
      const got = r.findings.map((f): Key => [f.rule, f.severity, f.location.section]);
      if (name === "national-juesuan-template") {
        expect(got.length).toBe(18);
        expect(new Set(got.map((k) => `${k[0]} ${k[1]}`))).toEqual(new Set(["S-05 warning"]));
        for (const k of got) expect(sections(name).has(k[2] ?? "") || k[2]?.startsWith("说明第")).toBe(true);
        return;
      }
      expect(got).toEqual(EXPECTED[name] ?? []);
    });
  }

  it("the findings say what the document prints and what it should", () => {
    const central = check(DOCS["central-xinfangju-2026-yusuan"]!, RULES).findings;
    expect(central[0]).toMatchObject({ expected: "31.56%", actual: "31.35%" });
    expect(central[1]).toMatchObject({ expected: "18,728.94 万元", actual: "18,728.91万元", difference: "-0.03" });
    const jiangsu = check(DOCS["jiangsu-jianchayuan-2017-yusuan"]!, RULES).findings;
    expect(jiangsu[0]).toMatchObject({ expected: "129.29%", actual: "129.97%" });
    const court = check(DOCS["jiangsu-gaoyuan-2017-yusuan"]!, RULES).findings;
    expect(court[0]).toMatchObject({ expected: "79.09%", actual: "79.05%" });
    expect(court[0]!.message).toContain("1,094.42");
  });
});

/** A copy of a corpus document with one 说明 text edit (a planted slip). */
function planted(name: string, from: string, to: string): Disclosure {
  const d = structuredClone(DOCS[name]!);
  const e = d.explanations.find((x) => x.text.includes(from));
  if (!e) throw new Error(`${name}: no 说明 holds "${from}"`);
  e.text = e.text.replace(from, to);
  return d;
}

const rulesOf = (d: Disclosure) => check(d, RULES).findings.map((f) => `${f.rule} ${f.severity}`);

describe("slips planted in the real 说明 texts are reported", () => {
  it("a rate with a digit changed (杭州): S-01", () => {
    const d = planted("hangzhou-qixiangju-2026-yusuan", "增加48.92万元,增长0.8%", "增加48.92万元,增长8.0%");
    expect(rulesOf(d)).toEqual(["S-01 error"]);
  });

  it("a rate going the other way (广州): S-02", () => {
    const d = planted("guangzhou-zhengfuban-2026-yusuan", "下降40.6%", "增长40.6%");
    expect(rulesOf(d)).toContain("S-02 error");
  });

  it("a stated difference that the two amounts contradict (北京): S-03", () => {
    const d = planted("beijing-renshe-2026-yusuan-tables", "增加8670.86万元", "增加8760.86万元");
    expect(rulesOf(d)).toContain("S-03 error");
  });

  it("a year left over from an older budget (深圳): S-04", () => {
    const d = planted(
      "shenzhen-xinfangju-2026-yusuan",
      "支出4,684.30万元,较2025年年初预算减少",
      "支出4,684.30万元,较2024年年初预算减少",
    );
    expect(rulesOf(d)).toContain("S-04 warning");
  });

  it("a total with a digit changed (杭州): S-07", () => {
    const d = planted("hangzhou-qixiangju-2026-yusuan", "“三公”经费预算数为24.02万元", "“三公”经费预算数为24.20万元");
    expect(rulesOf(d)).toContain("S-07 warning");
  });

  it("a share with its digits swapped (杭州): S-08", () => {
    const d = planted("hangzhou-qixiangju-2026-yusuan", "人员支出2,906.80万元,占49.4%", "人员支出2,906.80万元,占44.9%");
    expect(rulesOf(d)).toEqual(["S-08 warning"]);
  });
});
