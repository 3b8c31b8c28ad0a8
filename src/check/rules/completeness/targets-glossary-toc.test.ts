import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { explanation, findings, perfTable } from "../text/testing.ts";
import { C31, C32, C33 } from "./targets-glossary-toc.ts";

describe("C-31 绩效目标表", () => {
  it("requires the 整体 table and project tables when there are projects", () => {
    const d = miniDisclosure();
    expect(findings(C31, d)).toHaveLength(2);
    d.performance = [perfTable({ kind: "overall" }), perfTable({ project: "x" })];
    expect(findings(C31, d)).toEqual([]);
  });
});

describe("C-32 名词解释", () => {
  it("errors without a glossary and warns on missing core terms", () => {
    const d = miniDisclosure();
    expect(findings(C32, d)[0]!.severity).toBe("error");
    d.glossary = ["财政拨款", "基本支出", "项目支出", "“三公”经费"].map((term) => ({ term, definition: "…" }));
    const f = findings(C32, d);
    expect(f[0]).toMatchObject({ severity: "warning" });
    expect(f[0]!.message).toContain("机关运行经费");
  });
});

describe("C-33 目录", () => {
  function doc() {
    const d = miniDisclosure();
    d.explanations = [explanation(1, [])];
    d.toc = [
      "第二部分 2025 年部门预算公开表",
      ...d.tables.map((t, i) => `${i + 1}、 ${t.title}`),
      "一、 关于测试局 2025 年收支预算情况的总体",
      "说明",
    ];
    return d;
  }
  it("passes when every table and section is listed (titles may wrap)", () => expect(findings(C33, doc())).toEqual([]));
  it("warns on a table missing from the 目录 and a 目录 table not in the body", () => {
    const d = doc();
    d.toc = d.toc.filter((l) => !l.includes("上年结转结余"));
    d.toc.push("十二、 机关运行经费支出情况表");
    const f = findings(C33, d);
    expect(f.map((x) => x.severity)).toEqual(["warning", "warning"]);
  });
});
