import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Indicator, PerformanceTable } from "../../model/disclosure.ts";
import { performanceTableSchema } from "../../model/disclosure-schema.ts";
import { parsePerformance } from "./performance.ts";

const FIXTURE = new URL("../../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url);
const ALL = readFileSync(FIXTURE, "utf8").split("\n");
const START = ALL.findIndex((l) => l.trim() === "部门整体绩效目标表");
const END = ALL.findIndex((l) => l.startsWith("(五) 其他需说明的事项"));
const LINES = ALL.slice(START, END);
const parsed = parsePerformance(LINES, { year: 2025, lineOffset: START + 1 });
const { tables } = parsed;

const W = 1_000_000; // 分 per 万元
const byProject = (part: string): PerformanceTable => {
  const t = tables.find((x) => x.project?.includes(part));
  if (!t) throw new Error(`no table for ${part}`);
  return t;
};
const indicator = (t: PerformanceTable, name: string): Indicator => {
  const i = t.indicators.find((x) => x.name === name);
  if (!i) throw new Error(`no indicator ${name}`);
  return i;
};

describe("parsePerformance on the seed", () => {
  it("finds the slice and reads it without problems", () => {
    expect(START).toBeGreaterThan(700);
    expect(END).toBeGreaterThan(START);
    expect(parsed.problems).toEqual([]);
    for (const t of tables) expect(() => performanceTableSchema.parse(t)).not.toThrow();
  });

  it("reads 1 overall and 10 project tables with every indicator", () => {
    expect(tables.map((t) => t.kind)).toEqual(["overall", ...Array(10).fill("project")]);
    expect(tables.map((t) => t.indicators.length)).toEqual([6, 9, 41, 7, 17, 21, 18, 13, 36, 13, 9]);
    expect(tables.slice(1).reduce((n, t) => n + t.indicators.length, 0)).toBe(184); // P-07
    for (const t of tables) {
      expect(t.year).toBe(2025);
      expect(t.indicators.reduce((s, i) => s + (i.weight ?? Number.NaN), 0)).toBe(90);
    }
  });

  it("reads the project headers: amounts, unit, manager, goal", () => {
    const projects = tables.slice(1);
    expect(projects.map((t) => (t.total ?? 0) / W)).toEqual([
      892.88, 630.72, 50, 106, 104.65, 316.46, 65, 94, 4.98, 808.49,
    ]);
    for (const t of projects) {
      expect(t.total).toBe((t.fiscal ?? Number.NaN) + (t.other ?? Number.NaN));
      expect(t.budgetUnit).toMatch(/^巴音郭楞蒙古自治州/);
      expect(t.manager).toMatch(/^(秦建|艾尼瓦尔·塔依尔)$/);
      expect(t.goal.length).toBeGreaterThan(40);
      expect(t.goal).not.toMatch(/<\/?p>/);
    }
    expect(projects[0]!.project).toBe("2024-2025 年中央就业补助项目");
    const own = byProject("人社系统专项业务");
    expect(own.project).toBe("2025 年人社系统专项业务及党建活动项目（自有资金）");
    expect([own.fiscal, own.other]).toEqual([0, 316.46 * W]);
    expect(byProject("社会保险经办服务和中心运行").budgetUnit).toBe("巴音郭楞蒙古自治州社会保险中心");
  });

  it("reads the 部门整体 table: department, contact, sources and derived totals", () => {
    const o = tables[0]!;
    expect(o.title).toBe("部门整体绩效目标表");
    expect(o.budgetUnit).toBe("巴音郭楞蒙古自治州人力资源和社会保障局");
    expect([o.contact, o.phone]).toEqual(["何敏", "0996-2023652"]);
    expect(o.sources).toEqual({ upper: 1523.59 * W, local: 3374.27 * W, other: 321.44 * W });
    expect(o.total).toBe(5219.3 * W); // 资金总额 is blank in print: Σ 资金来源, matching the text's 5,219.30
    expect(o.fiscal).toBe(4897.86 * W);
    expect(o.other).toBe(321.44 * W);
    expect(o.goal).toMatch(/^促进各类群体稳定就业/);
    expect(o.goal).toMatch(/深度融合。$/);
    expect(o.headers).toEqual(["一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重"]);
    expect(o.indicators.map((i) => i.weight)).toEqual([10, 10, 15, 15, 20, 20]);
    expect(new Set(o.indicators.map((i) => i.level1))).toEqual(new Set(["履职效能"]));
    // "…工作谋" + next page "划情况汇报"
    expect(indicator(o, "拖欠农民工工资举报投诉案件结案率").basis).toBe(
      "巴州人社局 2024 年特色亮点工作暨 2025 年重点工作谋划情况汇报",
    );
    expect(indicator(o, "劳动人事争议仲裁结案率").target).toEqual({
      raw: ">= 92%",
      operator: ">=",
      value: "92",
      unit: "%",
    });
  });

  it("normalises the printed targets", () => {
    const combo = byProject("就业创业及职业技能综合");
    expect(indicator(combo, "参加活动人数").target).toEqual({
      raw: ">= 35200 人",
      operator: ">=",
      value: "35200",
      unit: "人",
    });
    expect(indicator(combo, "招聘会活动成本").target).toMatchObject({ raw: "<= 32.50 万元", value: "32.50" });
    expect(indicator(combo, "职业技能大赛活动成本").target).toMatchObject({ raw: "<= 43.50 万元", unit: "万元" });
    // "<=30" with "万元" on the continuation line below
    expect(indicator(combo, "创新创业大赛活动成本").target).toMatchObject({ raw: "<= 30 万元", value: "30" });
    expect(indicator(combo, "提高我州就业创业水平").target).toEqual({ raw: "有效提高", qualitative: "有效提高" });

    const build = byProject("教育强国");
    const area = indicator(build, "建设项目工程建筑面积");
    expect(area.target).toEqual({ raw: ">= 8013.56 平方米", operator: ">=", value: "8013.56", unit: "平方米" });
    expect(area.lastYear).toBe("8013.56 平方米");
    expect(indicator(build, "建设项目按计划完工时间").target).toEqual({ raw: "2025年11月", date: "2025-11" });

    const hr = byProject("人力资源和劳动保障业务");
    expect(indicator(hr, "专项业务支付完成时间").target.date).toBe("2025-12-10");
    // "2025 年 12 月 10" with "日" on the next line
    expect(indicator(hr, "政府采购支付完成时间").target).toEqual({ raw: "2025年12月10日", date: "2025-12-10" });
    expect(indicator(hr, "提高巴州就业水平").target.qualitative).toBe("有效提高");

    const zizhiqu = byProject("自治区就业补助资金");
    expect(indicator(zizhiqu, "促进社会就业，维护社会稳定").target.qualitative).toBe("有效促进");
    expect(indicator(zizhiqu, "培训工作完成时间").target.date).toBe("2025-12-10");
    expect(indicator(byProject("中央就业补助"), "因就业问题发生重大群体性事件数量").target).toMatchObject({
      operator: "=",
      value: "0",
      unit: "起",
    });
    const purchase = byProject("购买社会保险经办服务");
    expect(indicator(purchase, "平均每月购买社保经办服务费用").target).toMatchObject({ value: "4.16", unit: "万元" });

    const all = tables.flatMap((t) => t.indicators);
    expect(all.filter((i) => i.target.date).length).toBe(5);
    expect(all.filter((i) => i.target.qualitative).length).toBe(12);
    for (const i of all) {
      expect(i.target.raw).not.toMatch(/[$\\≥≤]|[<>] =|\d \d/);
      expect(i.target.value ?? i.target.date ?? i.target.qualitative).toBeDefined();
    }
  });

  it("keeps 上年完成值 as printed: '-', '*' and unit mismatches", () => {
    const central = byProject("中央就业补助");
    const months = indicator(central, "补贴资金发放月数");
    expect(months.target).toMatchObject({ value: "12", unit: "个月" });
    expect(months.lastYear).toBe("12 次");
    expect(indicator(central, "公益性岗位补贴支付及时率").lastYear).toBe("-");
    const center = byProject("社会保险经办服务和中心运行");
    expect(indicator(center, "开展社会保险调研工作成本").lastYear).toBe("*");
    expect(tables.flatMap((t) => t.indicators).filter((i) => i.lastYear === "*").length).toBe(1);
  });

  it("reports the 3 headers without 指标赋分规则 and still reads the rule", () => {
    const missing = tables.filter((t) => t.kind === "project" && !t.headers.includes("指标赋分规则"));
    expect(missing.map((t) => t.project)).toEqual([
      "2025 年人社系统专项业务及党建活动项目（自有资金）",
      "2025 年人事考试及初任培训项目",
      "2025 年社会保险经办服务和中心运行项目",
    ]);
    for (const t of missing) {
      expect(t.headers.at(-1)).toBe("佐证资料");
      for (const i of t.indicators) {
        expect(i.scoring).toMatch(/^(按照完成比例赋分|直接赋分|满意度赋分|按评判等级赋分)$/);
        expect(i.evidence).toMatch(/^(工作资料|原始凭证)$/);
      }
    }
    for (const t of tables.slice(1)) {
      for (const i of t.indicators)
        expect(i.scoring).toMatch(/^(按照完成比例赋分|直接赋分|满意度赋分|按评判等级赋分)$/);
    }
  });

  it("carries 一级/二级 down and joins wrapped labels", () => {
    const L1 = new Set(["产出指标", "成本指标", "效益指标", "满意度指标"]);
    const L2 = /^(数量指标|质量指标|时效指标|经济成本指标|经济效益指标|社会效益指标|满意度指标)$/;
    for (const t of tables.slice(1)) {
      for (const i of t.indicators) {
        expect(L1.has(i.level1), `${t.project} ${i.name} ${i.level1}`).toBe(true);
        expect(i.level2).toMatch(L2);
      }
    }
    const build = byProject("教育强国");
    expect(new Set(build.indicators.map((i) => i.level1))).toEqual(new Set(["产出指标", "成本指标", "效益指标"]));
    // "满意度指" on one row, "标" on the next
    const exam = byProject("人事考试");
    expect(indicator(exam, "参与考试人员满意度")).toMatchObject({ level1: "满意度指标", level2: "满意度指标" });
    expect(indicator(exam, "参加培训人员满意度")).toMatchObject({ level1: "满意度指标", level2: "满意度指标" });
    // rows that lost their empty first cells or had the name shifted left
    const zizhiqu = byProject("自治区就业补助资金");
    expect(indicator(zizhiqu, "每次参加创业服务活动人数")).toMatchObject({ level1: "产出指标", level2: "数量指标" });
    expect(indicator(zizhiqu, "活动完成率")).toMatchObject({ level1: "产出指标", level2: "质量指标" });
    expect(indicator(zizhiqu, "培训工作完成时间").level2).toBe("时效指标");
    const combo = byProject("就业创业及职业技能综合");
    expect(indicator(combo, "招聘会活动按时完成率")).toMatchObject({ level2: "时效指标", weight: 4 });
    expect(indicator(byProject("人社系统专项业务"), "提高资格考试考务管理与服务水平").level1).toBe("效益指标");
    const split = tables.flatMap((t) => t.indicators.map((i) => `${i.level1}${i.level2}${i.name}`));
    expect(split.filter((s) => /\s/.test(s))).toEqual([]);
  });
});

describe("parsePerformance robustness", () => {
  it("handles empty and odd input", () => {
    expect(parsePerformance([], { year: 2025 })).toEqual({ tables: [], problems: [] });
    expect(parsePerformance(["", "\t\t", "   "], { year: 2025 })).toEqual({ tables: [], problems: [] });
    // biome-ignore lint/suspicious/noExplicitAny: callers outside TypeScript
    expect(() => parsePerformance([undefined, null, 3] as any, { year: 2025 })).not.toThrow();
  });

  it("survives every cut of the slice", () => {
    for (let k = 0; k <= LINES.length; k += 3) {
      for (const part of [LINES.slice(0, k), LINES.slice(k)]) {
        const r = parsePerformance(part, { year: 2025 });
        for (const t of r.tables) expect(() => performanceTableSchema.parse(t)).not.toThrow();
      }
    }
    const cut = parsePerformance(LINES.slice(0, 830), { year: 2025 });
    expect(cut.tables.length).toBeGreaterThan(1);
  });

  it("finds the same tables in the whole document, stopping at the next section", () => {
    const whole = parsePerformance(ALL, { year: 2025, lineOffset: 1 });
    expect(whole.problems).toEqual([]);
    expect(whole.tables).toEqual(tables);
  });

  it("reports garbage with its line number", () => {
    const lines = [...LINES.slice(0, 40)];
    lines.splice(33, 0, "某某\t乱码\t没有权重");
    const r = parsePerformance(lines, { year: 2025, lineOffset: 100 });
    expect(r.tables[1]!.indicators.length).toBe(9);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: "text.performance.unrecognised", severity: "warning", line: 133 });
    expect(r.problems[0]!.message).toMatch(/^第 133 行：/);
  });

  it("reports a table cut before its indicators", () => {
    const r = parsePerformance(LINES.slice(0, 30), { year: 2025 });
    expect(r.tables).toHaveLength(2);
    expect(r.problems.map((p) => p.code)).toContain("text.performance.no-indicators");
  });

  it("joins a continuation page (续表) and skips repeated headers", () => {
    const head = LINES.slice(21, 31); // 中央就业补助: title … first indicator row
    const rest = LINES.slice(31, 39);
    const header = LINES[29]!;
    const r = parsePerformance(
      [...head, "", "项目支出绩效目标表", header, ...rest.slice(0, 3), header, ...rest.slice(3)],
      {
        year: 2025,
      },
    );
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0]!.indicators).toHaveLength(9);
    expect(r.problems).toEqual([]);
  });

  it("joins 一级/二级 labels wrapped onto continuation lines", () => {
    const row = (l1: string, l2: string, name: string, w: string) =>
      [l1, l2, name, ">=90%", "计划标准", "-", w, "满意度赋分", "工作资料"].join("\t");
    const r = parsePerformance(
      [
        "项目支出绩效目标表",
        "一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t上年完成值\t指标分值权重\t指标赋分规则\t佐证资料",
        row("效益", "社会效益", "甲", "40"),
        "指标\t指标",
        row("满意", "满意", "乙", "25"),
        "度指\t度指",
        "",
        row("标", "标", "丙", "25"),
      ],
      { year: 2025 },
    );
    const levels = r.tables[0]!.indicators.map((i) => `${i.level1}/${i.level2}/${i.name}`);
    expect(levels).toEqual(["效益指标/社会效益指标/甲", "满意度指标/满意度指标/乙", "满意度指标/满意度指标/丙"]);
    expect(r.problems.map((p) => p.code)).toEqual(["text.performance.no-goal"]);
  });

  it("never throws on random lines", () => {
    const cell = fc.oneof(
      fc.constantFrom("", "产出指标", "一级指标", "项目支出绩效目标表", "部门整体绩效目标表", ">=", "<=30", "分", "10"),
      fc.constantFrom("(2025 年)", "预算单位", "项目名称", "其他资金", "0.00", "有效 提高", "2025 年 12 月", "标"),
      fc.string({ maxLength: 8 }),
    );
    const line = fc.array(cell, { maxLength: 10 }).map((cs) => cs.join("\t"));
    fc.assert(
      fc.property(fc.array(fc.oneof(line, fc.constantFrom(...LINES)), { maxLength: 60 }), (lines) => {
        const r = parsePerformance(lines, { year: 2025 });
        for (const t of r.tables) performanceTableSchema.parse(t);
      }),
      { numRuns: 300 },
    );
  });

  // Speed is measured in `npm run bench`, never asserted on wall-clock time here.
  it("reads many concatenated documents table by table", () => {
    const big = Array.from({ length: 100 }, () => LINES).flat();
    const r = parsePerformance(big, { year: 2025 });
    expect(r.tables).toHaveLength(1100);
  });
});

describe("parsePerformance row layouts", () => {
  const header =
    "一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t上年完成值\t指标分值权重\t指标赋分规则\t佐证资料";
  it("reads a row whose 上年完成值 cell is missing", () => {
    const r = parsePerformance(
      [
        "项目支出绩效目标表",
        header,
        "产出指标\t数量指标\t甲\t>=3 次\t计划标准\t-\t50\t按照完成比例赋分\t工作资料",
        "\t\t乙\t>=4 次\t计划标准\t40\t按照完成比例赋分\t工作资料",
      ],
      { year: 2025 },
    );
    const b = r.tables[0]!.indicators[1]!;
    expect(b).toMatchObject({ level1: "产出指标", level2: "数量指标", name: "乙", basis: "计划标准", weight: 40 });
    expect(b.target.value).toBe("4");
    expect(b.lastYear).toBeUndefined();
  });
});
