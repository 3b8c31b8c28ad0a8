import { describe, expect, it } from "vitest";
import type { AuditInput } from "./discover.ts";
import type { DocumentResult } from "./document.ts";
import { contentPairs, shortDepartment } from "./pairs.ts";

/** A document read alone: its file, and what its reading found. */
function read(file: string, r: Partial<DocumentResult>): [AuditInput, DocumentResult] {
  const result: DocumentResult = {
    file,
    status: "ok",
    year: 2026,
    kind: "budget",
    findings: [],
    summary: { errors: 0, warnings: 0, notices: 0 },
    byCategory: {},
    notChecked: [],
    ms: 0,
    ...r,
  };
  return [{ file }, result];
}

const pairsOf = (entries: [AuditInput, DocumentResult][]) =>
  contentPairs(
    entries.map((e) => e[0]),
    new Map(entries),
  ).map((p) => [p.tables.file, p.text.file, p.merged]);

describe("the halves of a two-file document found by content (contentPairs)", () => {
  it("pairs a 说明 with no tables and tables with next to no text in one folder, whatever their names", () => {
    const entries = [
      read("/b/2026年北京市财政局部门预算报表.pdf", { half: "tables" }),
      read("/b/xian-caizhengju-2026-yusuan.pdf", { department: "西安市财政局" }),
      read("/b/2026年北京市财政局部门预算情况说明.pdf", { half: "text", department: "北京市财政局" }),
    ];
    expect(pairsOf(entries)).toEqual([
      [
        "/b/2026年北京市财政局部门预算报表.pdf",
        "/b/2026年北京市财政局部门预算情况说明.pdf",
        { file: "/b/2026年北京市财政局部门预算报表.pdf", text: "/b/2026年北京市财政局部门预算情况说明.pdf" },
      ],
    ]);
  });

  it("never pairs across folders, years, kinds or two departments named", () => {
    const text = read("/b/说明.pdf", { half: "text", department: "甲局" });
    expect(pairsOf([text, read("/c/甲局报表.pdf", { half: "tables" })])).toEqual([]);
    expect(pairsOf([text, read("/b/甲局报表.pdf", { half: "tables", year: 2025 })])).toEqual([]);
    expect(pairsOf([text, read("/b/甲局报表.pdf", { half: "tables", kind: "finalAccounts" })])).toEqual([]);
    expect(pairsOf([text, read("/b/甲局报表.pdf", { half: "tables", department: "乙局" })])).toEqual([]);
    // a whole document, an unreadable file, or a pair already made by name is no half
    expect(pairsOf([text, read("/b/甲局全文.pdf", { department: "甲局" })])).toEqual([]);
    expect(pairsOf([text, read("/b/甲局坏.pdf", { half: "tables", status: "unreadable" })])).toEqual([]);
  });

  it("matches by the department both name first, then by the longest shared start of the names", () => {
    const entries = [
      read("/b/甲局预算表.pdf", { half: "tables", department: "甲局" }),
      read("/b/2026年乙局预算表.pdf", { half: "tables" }),
      read("/b/2026年乙局部门预算表.pdf", { half: "tables" }),
      read("/b/说明一.pdf", { half: "text", department: "甲局" }),
      read("/b/2026年乙局部门预算说明.pdf", { half: "text", department: "乙局" }),
    ];
    expect(pairsOf(entries).map(([t, x]) => [t, x])).toEqual([
      ["/b/甲局预算表.pdf", "/b/说明一.pdf"],
      ["/b/2026年乙局部门预算表.pdf", "/b/2026年乙局部门预算说明.pdf"],
    ]);
  });

  it("needs the department named: in both halves, or in one and the other's file name", () => {
    // the tables read no department and their file names none: a shared year is no evidence
    const text = read("/b/2026年甲局预算说明.pdf", { half: "text", department: "甲局" });
    expect(pairsOf([text, read("/b/2026年乙局预算表.pdf", { half: "tables" })])).toEqual([]);
    expect(pairsOf([text, read("/b/附件1.pdf", { half: "tables" })])).toEqual([]);
    expect(pairsOf([read("/b/附件2.pdf", { half: "text" }), read("/b/附件1.pdf", { half: "tables" })])).toEqual([]);
    // the department in the text's file name, read in the tables
    expect(
      pairsOf([
        read("/b/附件2甲局.pdf", { half: "text" }),
        read("/b/附件1.pdf", { half: "tables", department: "甲局" }),
      ]),
    ).toHaveLength(1);
  });

  it("knows a department by its long name and its short one", () => {
    expect(shortDepartment("中国共产党江苏省委员会办公厅")).toBe("江苏省委办公厅");
    expect(shortDepartment("中国人民政治协商会议江苏省委员会办公厅")).toBe("江苏省政协办公厅");
    expect(shortDepartment("江苏省人民代表大会常务委员会办公厅")).toBe("江苏省人大常委会办公厅");
    expect(shortDepartment("北京市人民政府办公厅")).toBe("北京市政府办公厅");
    const pairs = pairsOf([
      read("/b/省委办公厅预算报表.pdf", { half: "tables", department: "中国共产党江苏省委员会办公厅" }),
      read("/b/省委办公厅预算公开.pdf", { half: "text", department: "江苏省委办公厅" }),
      read("/b/政协预算公开.pdf", { half: "text", department: "江苏省政协办公厅" }),
    ]);
    expect(pairs.map(([t, x]) => [t, x])).toEqual([["/b/省委办公厅预算报表.pdf", "/b/省委办公厅预算公开.pdf"]]);
  });

  it("leaves both as read when the best match is a tie", () => {
    const entries = [
      read("/b/甲局表A.pdf", { half: "tables" }),
      read("/b/甲局表B.pdf", { half: "tables" }),
      read("/b/说明.pdf", { half: "text", department: "甲局" }),
    ];
    expect(pairsOf(entries)).toEqual([]);
  });
});
