/**
 * The two halves of a document published as two files (Beijing, Jiangsu: 情况说明 in one PDF, 报表 in
 * the other), found by what was read in them rather than by their names: discover.ts pairs
 * "X-text.pdf" with "X-tables.pdf", but a bureau's files are named as the bureau names them
 * ("2026年北京市财政局部门预算情况说明.pdf", "…部门预算报表.pdf"). After a first reading, a text half
 * (说明 and no tables) and a tables half (tables with next to no text) are one document when they
 * lie in the same folder, are of the same year and kind, name one department (both, or one of them
 * and the other's file name), and each is the other's one best match: a department named in both
 * first, then the longest common start of their file names. A tie leaves both as read (two rows),
 * never a guess.
 *
 * @example contentPairs(docs, results) // [{ file: "…/报表.pdf", text: "…/情况说明.pdf" }]
 */
import { basename, dirname } from "node:path";
import type { AuditInput } from "./discover.ts";
import type { DocumentResult } from "./document.ts";

/** Characters that two names share at their start. */
function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * A department's name in its short form, as documents print either: 中国共产党X委员会 → X委,
 * 中国人民政治协商会议X委员会 → X政协, X人民代表大会常务委员会 → X人大常委会, X人民政府 → X政府
 * ("中国共产党江苏省委员会办公厅" in the tables, "江苏省委办公厅" in the 说明).
 */
export function shortDepartment(name: string): string {
  return name
    .replace(/\s+/g, "")
    .replace(/^中国共产党(.+?)委员会/, "$1委")
    .replace(/^中国人民政治协商会议(.+?)委员会/, "$1政协")
    .replace(/人民代表大会常务委员会/, "人大常委会")
    .replace(/人民政府/, "政府");
}

/** Both name one department: the same short form, or one short form inside the other (4 characters at least). */
function sameDepartment(a: string, b: string): boolean {
  const x = shortDepartment(a);
  const y = shortDepartment(b);
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 4 && long.includes(short);
}

/**
 * How well a text half and a tables half match, or undefined when they cannot be one document: the
 * department must be named, in both halves or in one half and the other's file name ("北京市财政局"
 * in "2026年北京市财政局部门预算报表.pdf"); files that share only a year say nothing.
 */
function match(text: AuditInput, rx: DocumentResult, tables: AuditInput, rt: DocumentResult): number | undefined {
  if (dirname(text.file) !== dirname(tables.file)) return undefined;
  if (rx.year !== rt.year || rx.kind !== rt.kind) return undefined;
  const named = !!rx.department && !!rt.department && sameDepartment(rx.department, rt.department);
  if (rx.department && rt.department && !named) return undefined;
  const textName = basename(text.file);
  const tablesName = basename(tables.file);
  const inName =
    (rx.department && tablesName.includes(shortDepartment(rx.department))) ||
    (rt.department && textName.includes(shortDepartment(rt.department)));
  if (!named && !inName) return undefined;
  return (named ? 1_000_000 : 0) + sharedStart(textName, tablesName);
}

/** The documents read alone that are halves of one document: each pair as one AuditInput. */
export function contentPairs(
  docs: readonly AuditInput[],
  results: ReadonlyMap<AuditInput, DocumentResult>,
): { tables: AuditInput; text: AuditInput; merged: AuditInput }[] {
  const halves = (h: "text" | "tables") =>
    docs.filter((d) => !d.text && results.get(d)?.status === "ok" && results.get(d)?.half === h);
  const texts = halves("text");
  const tables = halves("tables");
  const score = new Map<AuditInput, Map<AuditInput, number>>();
  for (const x of texts)
    for (const t of tables) {
      const m = match(x, results.get(x) as DocumentResult, t, results.get(t) as DocumentResult);
      if (m === undefined) continue;
      if (!score.has(x)) score.set(x, new Map());
      if (!score.has(t)) score.set(t, new Map());
      score.get(x)?.set(t, m);
      score.get(t)?.set(x, m);
    }
  /** a half's one best match, or undefined when there is none or a tie */
  const best = (h: AuditInput): AuditInput | undefined => {
    const ranked = [...(score.get(h) ?? [])].sort((a, b) => b[1] - a[1]);
    const [first, second] = ranked;
    return first && (!second || second[1] < first[1]) ? first[0] : undefined;
  };
  const out: { tables: AuditInput; text: AuditInput; merged: AuditInput }[] = [];
  for (const x of texts) {
    const t = best(x);
    if (t && best(t) === x) out.push({ tables: t, text: x, merged: { file: t.file, text: x.file } });
  }
  return out;
}
