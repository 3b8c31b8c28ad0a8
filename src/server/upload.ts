/**
 * The one upload path for the portal form and the API: type and size checks, import, check, and
 * a draft saved in one transaction with its source file. Editors may only upload their own
 * department's documents.
 */
import { extname } from "node:path";
import { type CheckReport, check } from "../check/index.ts";
import { importBufferAsync, sniffFormat } from "../import/index.ts";
import { unsupportedFormat } from "../import/unsupported.ts";
import { unusableReason } from "../model/validity.ts";
import { getDepartment, type Principal, type Saved, type Store, saveDisclosure } from "../store/index.ts";
import { httpError } from "./errors.ts";

/** Declared types we accept; the bytes are sniffed as well. */
const ACCEPTED_TYPES = new Set([
  "text/plain",
  "application/json",
  "text/json",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/octet-stream",
  "",
]);
const UNSUPPORTED: Record<string, string> = {
  xls: "旧版 Excel（.xls）不受支持：请用 Excel 或 LibreOffice 另存为 .xlsx 后上传",
};
/** File extensions allowed for each sniffed content format (the name must not lie about the bytes). */
const EXTENSIONS: Record<string, readonly string[]> = {
  pdf: [".pdf"],
  xlsx: [".xlsx"],
  json: [".json", ".txt", ".text", ""],
  text: [".txt", ".text", ".json", ""],
};
const ACCEPTED_HINT = "请上传 PDF（.pdf）、Excel（.xlsx）、从 PDF 提取的文本（.txt）或 JSON（.json）";

export interface UploadInput {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface UploadResult {
  saved: Saved;
  report: CheckReport;
  department: string;
  year: number;
}

/** Only a base name, without control or path characters, is kept from a client's file name. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => ch >= " " && ch !== "\u007f")
    .join("")
    .replace(/^\.+/, "")
    .trim();
  return clean.slice(0, 200) || "upload.txt";
}

export function checkUploadType(input: UploadInput, maxBytes: number): void {
  if (input.bytes.length > maxBytes)
    throw httpError(413, `文件太大：${input.bytes.length} 字节，上限 ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  if (input.bytes.length === 0) throw httpError(400, "文件是空的");
  const ext = extname(input.name).toLowerCase();
  const sniffed = sniffFormat(input.bytes, input.name);
  const unsupported = unsupportedFormat(input.bytes, input.name) ?? UNSUPPORTED[sniffed] ?? UNSUPPORTED[ext.slice(1)];
  if (unsupported) throw httpError(415, unsupported);
  const type = (input.type.split(";")[0] ?? "").trim().toLowerCase();
  if (!ACCEPTED_TYPES.has(type)) throw httpError(415, `不支持的文件类型 ${type}：${ACCEPTED_HINT}`);
  const allowed = EXTENSIONS[sniffed];
  if (!allowed) throw httpError(415, `不支持的文件内容：${ACCEPTED_HINT}`);
  if (!allowed.includes(ext))
    throw httpError(415, `扩展名 ${ext || "（无）"} 与文件内容（${sniffed}）不符：${ACCEPTED_HINT}`);
}

export async function uploadDocument(
  store: Store,
  principal: Principal,
  input: UploadInput,
  maxBytes: number,
): Promise<UploadResult> {
  const name = safeFileName(input.name);
  checkUploadType({ ...input, name }, maxBytes);
  const r = await importBufferAsync(input.bytes, name);
  if (!r.disclosure) {
    const msgs = r.problems.filter((p) => p.severity === "error").map((p) => p.message);
    throw httpError(422, `无法读取文件：${msgs.join("；") || "未知原因"}`);
  }
  const d = r.disclosure;
  const empty = unusableReason(d);
  if (empty) throw httpError(422, `无法使用此文件：${empty}`);
  let departmentId: number | undefined;
  if (principal.role === "editor") {
    const own = principal.departmentId === null ? undefined : await getDepartment(store, principal.departmentId);
    if (!own || own.name !== d.meta.department)
      throw httpError(403, `编辑只能上传本部门的公开文件（文件中的部门为“${d.meta.department}”）`);
    departmentId = own.id;
  }
  const report = check(d);
  const saved = await saveDisclosure(store, {
    disclosure: d,
    report,
    source: { name, bytes: input.bytes },
    status: "draft",
    createdBy: principal.name,
    departmentId,
    importReport: r.report,
  });
  return { saved, report, department: d.meta.department, year: d.meta.year };
}
