/**
 * The text, completeness and performance rules on the seed (domain-rules §9): no error, exactly the
 * expected warnings and notices; and mutations of 说明 statements and 绩效 weights that must give an
 * error at the right place, while wording, names, dates and whitespace changes give none.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Disclosure } from "../../../model/disclosure.ts";
import type { Finding } from "../../../model/finding.ts";
import { check } from "../../index.ts";
import type { Rule } from "../../rule.ts";
import { trySeedDisclosure } from "../../testing.ts";
import { RULES as COMPLETENESS } from "../completeness/index.ts";
import { RULES as PERFORMANCE } from "../performance/index.ts";
import { RULES as TEXT } from "./index.ts";
import { clone, withStatement } from "./testing.ts";

const MINE: readonly Rule[] = [...TEXT, ...COMPLETENESS, ...PERFORMANCE];
const seed = await trySeedDisclosure();
const hasPerformance = (seed?.performance.length ?? 0) > 0;

const run = (d: Disclosure) => check(d, MINE);
const errors = (d: Disclosure) => run(d).findings.filter((f) => f.severity === "error");
const key = (f: Finding) => `${f.severity} ${f.rule} ${f.location.section ?? ""}`;

describe.skipIf(!seed || !hasPerformance)("seed: text, completeness and performance rules", () => {
  let d: Disclosure;
  beforeAll(() => {
    d = seed!;
  });

  it("has no error and exactly the expected warnings and notices", () => {
    const r = run(d);
    expect(r.summary.errors).toBe(0);
    expect(r.findings.map(key).sort()).toEqual(
      [
        // §9.2: growth "100.00%" from a zero base, one per item.
        "warning T-12 说明五（三）第 1 项",
        "warning T-12 说明五（三）第 6 项",
        "warning T-12 说明五（三）第 7 项",
        // §9.3: 购买社保经办 4.16 × 12 = 49.92 < 50.00 (reported once; P-10 checks single ceilings).
        "warning T-32 2025 年购买社会保险经办服务项目",
        // §9.4: "按月发放 2024 年…" in the 2025 description.
        "warning T-34 说明七（2025年中央就业补助项目）",
        // §9.6: "*" placeholder, unit mismatch, 3 headers without 指标赋分规则.
        "warning C-34 2025 年社会保险经办服务和中心运行项目",
        "warning P-08 2024-2025 年中央就业补助项目",
        "warning P-09 2025 年人社系统专项业务及党建活动项目（自有资金）",
        "warning P-09 2025 年人事考试及初任培训项目",
        "warning P-09 2025 年社会保险经办服务和中心运行项目",
        // §9.5: 教育强国 has no 满意度指标.
        "warning P-04 教育强国推进工程（公共实训基地建设方向）",
        // §9.1 / T-07: rounding-level differences.
        "notice T-07 说明二",
        "notice T-30 全部项目支出绩效目标表",
        "notice T-31 部门整体绩效目标表",
      ].sort(),
    );
  });

  it("says which rules could not check, and why", () => {
    const r = run(d);
    // N-01 … N-09 look for the national minimum's subjects in any region's wording; the seed's 说明
    // follows the Xinjiang template, whose sections C-18 … C-32 check by its structure
    const prose = "地区模板 xinjiang-2025-budget 的说明部分由 C-18 … C-32 按其结构检查";
    const national = ["N-01", "N-02", "N-03", "N-04", "N-05", "N-06", "N-07", "N-08", "N-09"];
    expect(r.notChecked).toEqual([
      {
        rule: "T-22",
        reason:
          "机关运行经费等于全部公用经费 116.76 万元，但部门含事业单位；只有该事业单位参公或没有一般公共预算公用经费时才正确，文件未说明，无法判断",
      },
      {
        rule: "C-01",
        reason: "文件落款日期为 2025-02-12，但没有财政部门批复日期，无法判断是否在批复后 20 日内公开；请提供批复日期",
      },
      ...national.map((rule) => ({ rule, reason: prose })),
    ]);
    expect(r.notApplicable).toEqual([]);
    const skipped = new Set(["T-22", "C-01", ...national]);
    expect(r.ran).toEqual(MINE.map((x) => x.id).filter((id) => !skipped.has(id)));
  });

  it("names the T-12 items by code", () => {
    const rows = run(d)
      .findings.filter((f) => f.rule === "T-12")
      .map((f) => f.location.row?.slice(0, 7));
    expect(rows).toEqual(["2050303", "2080104", "2080106"]);
  });

  describe("mutations that must give an error where they are", () => {
    const errorAt = (m: Disclosure, rule: string, section: string) =>
      expect(errors(m).filter((f) => f.rule === rule && (f.location.section ?? "").includes(section))).not.toEqual([]);

    it("说明二: a share", () => errorAt(withStatement(d, 2, "单位资金", { share: 617 }), "T-03", "说明二（单位资金）"));
    it("说明二: a change amount", () =>
      errorAt(withStatement(d, 2, "一般公共预算", { change: 719_630_000 }), "T-04", "说明二（一般公共预算）"));
    it("说明二: an amount against 表1", () =>
      errorAt(withStatement(d, 2, "单位资金", { amount: 321_540_000 }), "T-02", "说明二（单位资金）"));
    it("说明三: a growth rate", () =>
      errorAt(withStatement(d, 3, "基本支出", { growth: -354 }), "T-04", "说明三（基本支出）"));
    it("说明三: a share", () =>
      errorAt(withStatement(d, 3, "项目支出", { share: 5887 }), "T-03", "说明三（项目支出）"));
    it("说明三: the sign of a change against its wording", () =>
      errorAt(withStatement(d, 3, "基本支出", { change: 78_610_000 }), "T-04", "说明三（基本支出）"));
    it("说明五（二）: a class share", () =>
      errorAt(withStatement(d, 5, "卫生健康支出（类）", { share: 237 }), "T-10", "说明五（二）第 3 项"));
    it("说明五（三）: a growth rate", () =>
      errorAt(
        withStatement(d, 5, "其他人力资源和社会保障管理事务支出", { growth: -9000 }),
        "T-12",
        "说明五（三）第 9 项",
      ));
    it("说明五（三）: a change amount", () => {
      // +1.00 万元: T-13 compares 21 printed changes, whose rounding bound is 0.005 × 22 = 0.11 万元.
      const m = withStatement(d, 5, "行政运行（项）", { change: 56_460_000 });
      errorAt(m, "T-12", "说明五（三）第 3 项");
      errorAt(m, "T-13", "说明五（三）");
    });
    it("说明五（三）: an amount against 表5", () =>
      errorAt(withStatement(d, 5, "住房公积金（项）", { amount: 160_910_000, change: 5_800_000 }), "T-11", "第 21 项"));
    it("说明十: a 三公 change", () =>
      errorAt(withStatement(d, 10, "公务接待费", { change: 100_000 }), "T-04", "说明十（公务接待费）"));
    it("说明十: a 三公 growth rate", () =>
      errorAt(withStatement(d, 10, "公务用车运行费", { growth: 100 }), "T-04", "说明十（公务用车运行费）"));
    it("说明十: the 三公 total's change", () =>
      errorAt(withStatement(d, 10, "三公", { change: 100_000 }), "T-04", "说明十（财政拨款“三公”经费）"));
    it("机关运行经费: a change amount", () => {
      const m = clone(d);
      m.otherMatters.officeOperatingCost!.change = -5_310_000;
      errorAt(m, "T-04", "说明十二（一）机关运行经费");
    });
    it("说明十: a 三公 amount against 表10", () =>
      errorAt(withStatement(d, 10, "公务用车运行费", { amount: 24_100_000 }), "T-20", "说明十（公务用车运行费）"));
    it("机关运行经费: a growth rate", () => {
      const m = clone(d);
      m.otherMatters.officeOperatingCost!.growth = -300;
      errorAt(m, "T-04", "说明十二（一）机关运行经费");
    });
    it("机关运行经费 above 公用经费", () => {
      const m = clone(d);
      m.otherMatters.officeOperatingCost!.amount = 116_770_000;
      errorAt(m, "T-22", "说明十二（一）");
    });
    it("an indicator weight", () => {
      const m = clone(d);
      const t = m.performance.find((x) => x.project?.includes("购买社会保险"))!;
      t.indicators[0]!.weight = 11;
      const f = errors(m).filter((x) => x.rule === "P-05");
      expect(f).toHaveLength(1);
      expect(f[0]!.location).toMatchObject({ part: "绩效目标表", section: "2025 年购买社会保险经办服务项目" });
      expect(f[0]!.actual).toBe("91");
    });
    it("the 整体 table's weights", () => {
      const m = clone(d);
      m.performance.find((x) => x.kind === "overall")!.indicators[0]!.weight = 5;
      expect(errors(m).map((f) => f.rule)).toContain("P-06");
    });
    it("a missing table", () => {
      const m = clone(d);
      m.tables = m.tables.filter((t) => t.no !== 8);
      const f = errors(m).filter((x) => x.rule === "C-12");
      expect(f).toHaveLength(1);
      expect(f[0]!.message).toContain("政府性基金预算支出情况表");
    });
  });

  describe("changes that must not give an error", () => {
    it("rewording a reason", () =>
      expect(errors(withStatement(d, 2, "单位资金", { reason: "单位资金来源调整" }))).toEqual([]));
    it("whitespace in subjects and text", () => {
      const m = clone(d);
      for (const e of m.explanations) {
        e.text = e.text.replace(/，/g, " ， ");
        for (const s of e.statements) s.subject = s.subject.split("").join(" ");
      }
      expect(errors(m)).toEqual([]);
    });
    it("names and dates", () => {
      const m = clone(d);
      m.meta.department = "某某局";
      m.meta.publishedOn = "2025-03-01";
      for (const p of m.projects) p.name = p.name.replace(/\s/g, "");
      for (const t of m.performance) if (t.project) t.project = ` ${t.project} `;
      expect(errors(m)).toEqual([]);
    });
    it("a missing or placeholder reason is a warning", () => {
      for (const reason of [undefined, "【待填写：原因】"]) {
        const m = withStatement(d, 2, "单位资金", { reason });
        const r = run(m);
        expect(r.summary.errors).toBe(0);
        const w = r.findings.filter((f) => f.rule === "C-19");
        expect(w).toHaveLength(1);
        expect(w[0]!.severity).toBe("warning");
        // Reported once: C-34 leaves placeholder reasons to the section rules.
        expect(r.findings.filter((f) => f.rule === "C-34")).toHaveLength(1);
      }
    });
  });
});
