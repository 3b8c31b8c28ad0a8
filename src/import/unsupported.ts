/**
 * Formats disclosures are published in that yusuan does not read, told apart by their bytes (the
 * old Office files share one container, so for them the extension says which program made it):
 * what the file is and what to do, in Chinese. Undefined for anything else (a format yusuan reads,
 * or text).
 *
 * @example unsupportedFormat(bytes, "2026年部门预算.docx") // "2026年部门预算.docx 是 Word 文档（.docx）：…"
 */
import { basename, extname } from "node:path";

const has = (buf: Uint8Array, name: string) => Buffer.from(buf.buffer, buf.byteOffset, buf.length).includes(name);

export function unsupportedFormat(buf: Uint8Array, source: string): string | undefined {
  const name = basename(source);
  const zip = buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
  // the entries' names are stored as they are, in each entry's header and in the directory at the end
  if (zip && !has(buf, "xl/workbook.xml")) {
    if (has(buf, "word/document.xml"))
      return `${name} 是 Word 文档（.docx）：yusuan 读取 PDF、Excel（.xlsx）、从 PDF 提取的文本和 JSON；请用该文档的 PDF 版（在 Word 或 WPS 中“另存为 PDF”）`;
    if (has(buf, "OFD.xml"))
      return `${name} 是 OFD 版式文件：请用该文档的 PDF 版（在 OFD 阅读器或 WPS 中“另存为 PDF”）`;
    if (has(buf, "ppt/presentation.xml")) return `${name} 是 PowerPoint 演示文稿，不是部门预算公开文档`;
    // a damaged workbook: the workbook reader says what it could not read
    if (extname(source).toLowerCase() === ".xlsx") return undefined;
    return `${name} 是 ZIP 压缩包（或不是 Excel 工作簿的 Office 文件）：请解压后审计其中的 PDF 或 Excel 文件`;
  }
  const ole = buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;
  if (ole) {
    const ext = extname(source).toLowerCase();
    if (ext === ".doc" || ext === ".wps")
      return `${name} 是旧版 Word（.doc）或 WPS 文字文件：请用该文档的 PDF 版（在 Word 或 WPS 中“另存为 PDF”）`;
    if (ext === ".ppt" || ext === ".dps") return `${name} 是演示文稿，不是部门预算公开文档`;
    return `${name} 是${legacySheetKind(source)}文件：请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 后再读取`;
  }
  return undefined;
}

/** What an old spreadsheet is called, by its extension. */
export function legacySheetKind(source: string): string {
  return extname(source).toLowerCase() === ".et" ? "WPS 表格（.et）" : "旧版 Excel（.xls）";
}

/** An Office file LibreOffice can turn into what yusuan reads (src/import/office.ts), and into what. */
export interface OfficeConversion {
  /** what the file is, in words */
  kind: string;
  to: "xlsx" | "pdf";
  /** LibreOffice's part that reads it (a Debian package name) */
  needs: "libreoffice-calc-nogui" | "libreoffice-writer-nogui";
}

/**
 * An Office file that LibreOffice can convert: an old spreadsheet (Excel 97–2003 .xls, WPS 表格 .et) to
 * .xlsx; a Word document (.docx, .doc, WPS 文字 .wps) to PDF. The old files share one container, so the
 * extension says which program made one; one with none that says otherwise is taken for a
 * spreadsheet. Presentations, OFD and ZIP archives are not disclosures LibreOffice makes readable.
 */
export function officeConversion(buf: Uint8Array, source: string): OfficeConversion | undefined {
  const ext = extname(source).toLowerCase();
  const ole = buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;
  if (ole) {
    if (ext === ".ppt" || ext === ".dps") return undefined;
    if (ext === ".doc" || ext === ".wps")
      return { kind: "旧版 Word（.doc）或 WPS 文字文件", to: "pdf", needs: "libreoffice-writer-nogui" };
    return { kind: `${legacySheetKind(source)}文件`, to: "xlsx", needs: "libreoffice-calc-nogui" };
  }
  const zip = buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
  if (zip && !has(buf, "xl/workbook.xml") && has(buf, "word/document.xml"))
    return { kind: "Word 文档（.docx）", to: "pdf", needs: "libreoffice-writer-nogui" };
  return undefined;
}
