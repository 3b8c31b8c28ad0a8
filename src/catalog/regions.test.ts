import { describe, expect, it } from "vitest";
import { governmentOf, regionOf } from "./regions.ts";

describe("governmentOf", () => {
  it("names the issuing government of the corpus' departments, from their names", () => {
    const cases: [string, object | undefined][] = [
      ["广州市应急管理局", { province: "广东", city: "广州市", level: "city" }],
      ["广州市人民政府办公厅", { province: "广东", city: "广州市", level: "city" }],
      ["深圳市财政局(本级)", { province: "广东", city: "深圳市", level: "city" }],
      ["深圳市信访局", { province: "广东", city: "深圳市", level: "city" }],
      ["西安市财政局(汇总)", { province: "陕西", city: "西安市", level: "city" }],
      ["西安市卫生健康委员会(汇总)", { province: "陕西", city: "西安市", level: "city" }],
      ["烟台市财政局", { province: "山东", city: "烟台市", level: "city" }],
      ["杭州市公安局", { province: "浙江", city: "杭州市", level: "city" }],
      ["福州市医疗保障局", { province: "福建", city: "福州市", level: "city" }],
      ["泉州市教育局", { province: "福建", city: "泉州市", level: "city" }],
      ["无锡市教育局", { province: "江苏", city: "无锡市", level: "city" }],
      ["苏州市科学技术局", { province: "江苏", city: "苏州市", level: "city" }],
      ["重庆市气象局", { province: "重庆", level: "province" }],
      ["北京市财政局", { province: "北京", level: "province" }],
      ["上海市审计局", { province: "上海", level: "province" }],
      ["上海市普陀区财政局", { province: "上海", county: "普陀区", level: "county" }],
      ["江苏省高级人民法院", { province: "江苏", level: "province" }],
      ["中国共产党江苏省委员会办公厅", { province: "江苏", level: "province" }],
      ["新疆巴州人力资源和社会保障局", { province: "新疆", city: "巴音郭楞蒙古自治州", level: "city" }],
      ["轮台县水利局", { province: "新疆", city: "巴音郭楞蒙古自治州", county: "轮台县", level: "county" }],
      ["内蒙古自治区财政厅", { province: "内蒙古", level: "province" }],
      ["国家信访局", { province: "中央", level: "central" }],
      ["国家税务总局江苏省税务局", { province: "江苏", level: "province" }],
      // a province's name is not its namesake city's
      ["吉林省财政厅", { province: "吉林", level: "province" }],
      ["吉林市财政局", { province: "吉林", city: "吉林市", level: "city" }],
      ["天津市河北区教育局", { province: "天津", county: "河北区", level: "county" }],
      ["年度", undefined],
      ["", undefined],
    ];
    for (const [name, want] of cases) expect(governmentOf(name), name).toEqual(want);
  });

  it("takes what the name does not say from the cover", () => {
    expect(governmentOf("教育局", "无锡市教育局\n2025 年部门预算")).toEqual({
      province: "江苏",
      city: "无锡市",
      level: "city",
    });
    expect(governmentOf("", "北京市财政局 2026年部门预算")).toEqual({ province: "北京", level: "province" });
    // the name decides: a cover naming another province does not move it
    expect(governmentOf("杭州市气象局", "浙江省气象局 南京路 1 号")?.city).toBe("杭州市");
    expect(governmentOf("", "")).toBeUndefined();
  });

  it("regionOf gives the province-level region", () => {
    expect(regionOf("广州市应急管理局")).toBe("广东");
    expect(regionOf("某某部门")).toBeUndefined();
  });
});
