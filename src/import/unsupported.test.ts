import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importBufferAsync } from "./index.ts";
import { unsupportedFormat } from "./unsupported.ts";

const OLE = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
/** A ZIP's first entry header naming `entry` (all a format is told by). */
const zipWith = (entry: string) =>
  Uint8Array.from([...Buffer.from([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0)]), ...Buffer.from(entry)]);
const XLSX = readFileSync(new URL("../../test/fixtures/corpus/shanghai-unit-budget-template.xlsx", import.meta.url));

describe("formats disclosures come in that yusuan does not read (unsupportedFormat)", () => {
  it("names the format and what to do, whatever the extension says", () => {
    expect(unsupportedFormat(zipWith("word/document.xml"), "a/说明.xlsx")).toMatch(
      /^说明\.xlsx 是 Word 文档（\.docx）.*另存为 PDF/,
    );
    expect(unsupportedFormat(zipWith("Doc_0/Document.xml OFD.xml"), "预算.ofd")).toMatch(/OFD 版式文件.*PDF 版/);
    expect(unsupportedFormat(zipWith("ppt/presentation.xml"), "x.pptx")).toMatch(/PowerPoint/);
    expect(unsupportedFormat(zipWith("部门预算.pdf"), "batch.zip")).toMatch(/ZIP 压缩包.*解压/);
    // the old Office container is one for all: the extension tells which program made it
    expect(unsupportedFormat(OLE, "表.xls")).toMatch(/旧版 Excel（\.xls）.*另存为 \.xlsx/);
    expect(unsupportedFormat(OLE, "表.et")).toMatch(/WPS 表格/);
    expect(unsupportedFormat(OLE, "说明.doc")).toMatch(/旧版 Word.*PDF 版/);
    expect(unsupportedFormat(OLE, "说明.wps")).toMatch(/WPS 文字/);
  });

  it("leaves alone what yusuan reads: a workbook, a PDF, text", () => {
    expect(unsupportedFormat(XLSX, "template.xlsx")).toBeUndefined();
    expect(unsupportedFormat(Buffer.from("%PDF-1.7\n"), "a.pdf")).toBeUndefined();
    expect(unsupportedFormat(Buffer.from("部门预算"), "a.docx")).toBeUndefined();
    // a damaged workbook is left to the workbook reader, which says it cannot read it
    expect(unsupportedFormat(zipWith("[Content_Types].xml"), "book.xlsx")).toBeUndefined();
  });

  it("is what an import of such a file says (an error, no Disclosure)", async () => {
    const before = process.env.YUSUAN_SOFFICE;
    process.env.YUSUAN_SOFFICE = "none"; // (with LibreOffice a Word file is converted: test/import/office-files.test.ts)
    try {
      const r = await importBufferAsync(zipWith("word/document.xml"), "2026年部门预算.docx");
      expect(r.disclosure).toBeUndefined();
      expect(r.problems).toEqual([expect.objectContaining({ code: "input.unsupported", severity: "error" })]);
      expect(r.problems[0]?.message).toContain("2026年部门预算.docx 是 Word 文档");
    } finally {
      if (before === undefined) delete process.env.YUSUAN_SOFFICE;
      else process.env.YUSUAN_SOFFICE = before;
    }
  });
});
