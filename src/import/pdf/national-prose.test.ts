import { describe, expect, it } from "vitest";
import { nationalProse } from "./national-prose.ts";

const prose = (page: number, ...texts: string[]) => texts.map((text) => ({ text, page }));

describe("nationalProse", () => {
  it("ends the 目录 where the document prints one of its entries again: its own headings are sections", () => {
    // 杭州市气象局 2026: a part heading without leader dots in the 目录, its sections with them; on the
    // next page the document's own headings and first short lines, no sentence punctuation among them
    const n = nationalProse([
      ...prose(2, "目录", "一、部门概况", "（一）主要职能 ....................2", "（二）机构设置情况 ..............3"),
      ...prose(2, "二、2026年杭州市气象局部门预算安排情况说明", "（一）收支预算情况的总体说明 ......3", "三、名词解释"),
      ...prose(3, "一、部门概况", "（一）主要职能", "1.制定本行政区域气象事业发展规划、计划,并负责"),
      ...prose(
        3,
        "本行政区域内气象事业发展规划、计划及气象业务建设的",
        "组织实施;对本行政区域内的气象活动进行指导、监督和行业管理。",
      ),
    ]);
    expect(n.toc).toEqual([
      "一、部门概况",
      "（一）主要职能",
      "（二）机构设置情况",
      "二、2026年杭州市气象局部门预算安排情况说明",
      "（一）收支预算情况的总体说明",
      "三、名词解释",
    ]);
    expect(n.explanations.map((e) => e.title)).toEqual(["一、部门概况", "（一）主要职能"]);
    expect(n.explanations[1]?.text).toMatch(/^1\.制定本行政区域/);
    expect(n.overview?.text).toMatch(/主要职能/);
  });

  it("keeps a 目录 running on to its next page without leader dots", () => {
    const n = nationalProse([
      ...prose(1, "目录", "第一部分部门概况", "一、主要职能"),
      ...prose(2, "十一、一般公共预算“三公”经费、会议费、培训费支", "出预算表", "第四部分名称解释"),
      ...prose(3, "第一部分部门概况", "一、主要职能", "省人大常委会是省人民代表大会的常设机构，主要职责是："),
    ]);
    expect(n.toc).toEqual([
      "第一部分部门概况",
      "一、主要职能",
      "十一、一般公共预算“三公”经费、会议费、培训费支",
      "出预算表",
      "第四部分名称解释",
    ]);
    expect(n.explanations.map((e) => e.title)).toEqual(["第一部分部门概况", "一、主要职能"]);
  });
});
