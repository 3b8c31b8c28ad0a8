import { describe, expect, it } from "vitest";
import { regionOf } from "./regions.ts";

describe("regionOf", () => {
  it("finds the province in a department's name", () => {
    expect(regionOf("上海市普陀区财政局")).toBe("上海");
    expect(regionOf("江苏省高级人民法院")).toBe("江苏");
    expect(regionOf("中国共产党江苏省委员会办公厅")).toBe("江苏");
    expect(regionOf("新疆巴州人力资源和社会保障局")).toBe("新疆");
    expect(regionOf("内蒙古自治区财政厅")).toBe("内蒙古");
    expect(regionOf("某某部门")).toBeUndefined();
  });
});
