/**
 * The one way yusuan opens a .xlsx: the zip-bomb guard first (declared sizes, then the bytes that
 * actually inflate; zip-guard.ts), exceljs only after it. Used by the XLSX importer, budget
 * packages given as a workbook and `--catalog` workbooks.
 *
 * @example
 *   const r = await loadWorkbook(bytes);
 *   if ("refused" in r) fail(r.refused); else if ("error" in r) fail(r.error); else read(r.workbook);
 */
import type ExcelJS from "exceljs";
// exceljs's Workbook alone (its xlsx reader with it), not the package's index, which also loads the
// streaming reader and writer and their zip libraries: a process's first workbook opens about 0.1 s
// sooner (BENCHMARKS.md, 2026-12-07)
import Workbook from "exceljs/lib/doc/workbook.js";
import { guardZip } from "./zip-guard.ts";

export type LoadedWorkbook = { workbook: ExcelJS.Workbook } | { refused: string } | { error: string };

export async function loadWorkbook(buf: Uint8Array): Promise<LoadedWorkbook> {
  const refused = await guardZip(buf);
  if (refused) return { refused };
  const workbook: ExcelJS.Workbook = new Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { workbook };
}
