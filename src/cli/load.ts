/** Loads a document for a command: import it, and turn unusable input into an InputError (exit 2). */
import { InputError } from "../errors.ts";
import { type ImportOptions, type ImportResult, importFile, mergeDisclosures } from "../import/index.ts";
import type { Disclosure } from "../model/disclosure.ts";
import { unusableReason } from "../model/validity.ts";

/** Imports a file; unusable input becomes an InputError. Keeps the import report (PDF/XLSX). */
export async function loadImport(
  path: string,
  opts: ImportOptions & { text?: string | undefined } = {},
): Promise<ImportResult & { disclosure: Disclosure }> {
  const { text, ...importOpts } = opts;
  const r = await importFile(path, importOpts);
  if (r.disclosure && text) {
    // the text half of a two-file document (Jiangsu "-text.pdf"), read with the tables' template
    const t = await loadImport(text, { template: r.disclosure.meta.template, textOnly: true });
    return { ...r, disclosure: mergeDisclosures(r.disclosure, t.disclosure) };
  }
  if (!r.disclosure) {
    const msgs = r.problems.filter((p) => p.severity === "error").map((p) => p.message);
    throw new InputError(
      msgs.join("；") || "无法读取",
      path,
      "请确认文件是部门预算公开文档（PDF、Excel、从 PDF 提取的文本或 disclosure.json）",
    );
  }
  // A file with neither a department nor a table holds nothing of a disclosure: unusable input,
  // not a page of findings about everything that is missing.
  const empty = unusableReason(r.disclosure);
  if (empty && !opts.textOnly)
    throw new InputError(
      empty,
      path,
      "请确认文件是部门预算公开文档（PDF、Excel、从 PDF 提取的文本或 disclosure.json）",
    );
  return { ...r, disclosure: r.disclosure };
}

export async function loadDisclosure(
  path: string,
  opts: ImportOptions & { text?: string | undefined } = {},
): Promise<Disclosure> {
  return (await loadImport(path, opts)).disclosure;
}
