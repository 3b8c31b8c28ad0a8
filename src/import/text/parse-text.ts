/** Placeholder signature; the text importer is implemented in this folder. */
import type { ImportResult } from "../index.ts";

export interface ParseTextOptions {
  source: string;
  template?: string | undefined;
}

export function parseText(_text: string, opts: ParseTextOptions): ImportResult {
  return { problems: [{ code: "text.unimplemented", severity: "error", message: `${opts.source}：文本导入尚未实现` }] };
}
