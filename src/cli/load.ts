/** Loads a document for a command: import it, and turn unusable input into an InputError (exit 2). */
import { InputError } from "../errors.ts";
import { type ImportOptions, importFile } from "../import/index.ts";
import type { Disclosure } from "../model/disclosure.ts";

export async function loadDisclosure(path: string, opts: ImportOptions = {}): Promise<Disclosure> {
  const r = await importFile(path, opts);
  if (!r.disclosure) {
    const msgs = r.problems.filter((p) => p.severity === "error").map((p) => p.message);
    throw new InputError(msgs.join("；") || "无法读取", path, "请确认文件是部门预算公开文档（文本、JSON）");
  }
  return r.disclosure;
}
