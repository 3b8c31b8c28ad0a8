import { describe, expect, it } from "vitest";
import { cleanText, joinSplitNumbers, normaliseLastYear, normaliseTarget } from "./performance-target.ts";

const t = (s: string) => normaliseTarget(s).target;

describe("normaliseTarget", () => {
  it("reads the operator spellings of the seed", () => {
    expect(t("$\\geq 92\\%$")).toEqual({ raw: ">= 92%", operator: ">=", value: "92", unit: "%" });
    expect(t("> =90%")).toEqual({ raw: ">= 90%", operator: ">=", value: "90", unit: "%" });
    expect(t("≥2.30 万人")).toEqual({ raw: ">= 2.30 万人", operator: ">=", value: "2.30", unit: "万人" });
    expect(t("≤5%")).toEqual({ raw: "<= 5%", operator: "<=", value: "5", unit: "%" });
    expect(t("=100%")).toMatchObject({ raw: "= 100%", operator: "=" });
    expect(t("=0 起")).toEqual({ raw: "= 0 起", operator: "=", value: "0", unit: "起" });
    expect(t("＞＝3 次")).toMatchObject({ operator: ">=", value: "3", unit: "次" });
    expect(t("$\\leq 4\\%$")).toMatchObject({ operator: "<=", value: "4", unit: "%" });
  });

  it("re-joins digit groups and decimals split by the extraction", () => {
    expect(t(">=3520 0 人")).toEqual({ raw: ">= 35200 人", operator: ">=", value: "35200", unit: "人" });
    expect(t("< =32.5 0万元")).toEqual({ raw: "<= 32.50 万元", operator: "<=", value: "32.50", unit: "万元" });
    expect(t("<=43.5 0 万元")).toMatchObject({ raw: "<= 43.50 万元", value: "43.50" });
    expect(t("> =8013. .56 平 方米")).toEqual({
      raw: ">= 8013.56 平方米",
      operator: ">=",
      value: "8013.56",
      unit: "平方米",
    });
    expect(t("< =502. 04 万 元")).toMatchObject({ raw: "<= 502.04 万元", value: "502.04", unit: "万元" });
    expect(t("<=200元/人/天")).toMatchObject({ value: "200", unit: "元/人/天", raw: "<= 200 元/人/天" });
    expect(t(">=1,000 人")).toMatchObject({ value: "1000", unit: "人" });
  });

  it("reads dates and qualitative targets", () => {
    expect(t("2025年12月10日")).toEqual({ raw: "2025年12月10日", date: "2025-12-10" });
    expect(t("2025 年 12 月 10日")).toEqual({ raw: "2025年12月10日", date: "2025-12-10" });
    expect(t("2025 年 11 月")).toEqual({ raw: "2025年11月", date: "2025-11" });
    expect(t("有效 提高")).toEqual({ raw: "有效提高", qualitative: "有效提高" });
    expect(t("有效促进")).toEqual({ raw: "有效促进", qualitative: "有效促进" });
  });

  it("keeps what it cannot read in raw and says so", () => {
    expect(normaliseTarget("")).toEqual({ target: { raw: "" }, ok: false });
    expect(normaliseTarget("约 3 至 5 次")).toMatchObject({ ok: false });
    expect(normaliseTarget("2025年13月")).toMatchObject({ ok: false });
  });
});

describe("cell clean-up", () => {
  it("drops wrap spaces between CJK characters only", () => {
    expect(cleanText("提高资格考试考务管理与 服务水平")).toBe("提高资格考试考务管理与服务水平");
    expect(cleanText(" 巴州人社局 2024 年特色亮点 ")).toBe("巴州人社局 2024 年特色亮点");
  });
  it("joins split numbers and keeps placeholders", () => {
    expect(joinSplitNumbers("8013. 56 平方米")).toBe("8013.56 平方米");
    expect(normaliseLastYear("8013. 56 平 方米")).toBe("8013.56 平方米");
    expect(normaliseLastYear("-")).toBe("-");
    expect(normaliseLastYear("*")).toBe("*");
    expect(normaliseLastYear("12 次")).toBe("12 次");
  });
});
