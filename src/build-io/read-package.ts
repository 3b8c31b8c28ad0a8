/**
 * Reading a budget package from disk (the I/O edge of build): a folder with line-items.csv and
 * meta.yaml / meta.yml / meta.json, or one .xlsx workbook with sheets `line-items` and `meta`.
 * Every problem names the file, the line and the field.
 *
 * Encoding: line-items.csv must be UTF-8 (with or without BOM). A GBK/GB18030 file (what Excel
 * writes for "CSV" on a Chinese Windows) is REJECTED with a precise message rather than guessed:
 * a wrong guess would silently turn names into mojibake that then fail catalog and unit matching.
 */
import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type ExcelJS from "exceljs";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { parseCsv } from "../build/csv.ts";
import { checkHeader, parseLineItems, type RawRow } from "../build/line-items.ts";
import { type BudgetPackage, LINE_ITEM_COLUMNS, metaSchema, type PackageProblem } from "../build/package.ts";
import { type CatalogSet, catalogSetFromCsv } from "../catalog/catalog-set.ts";
import { decodeText } from "../import/decode.ts";
import { readInputFile } from "../import/read-input.ts";
import { loadWorkbook } from "../import/xlsx/load-workbook.ts";
import { catalogCsvFromXlsx } from "./catalog-xlsx.ts";

export interface ReadResult {
  pkg?: BudgetPackage;
  problems: PackageProblem[];
  /** metadata field path → line, for build() messages */
  lineOf: (path: string) => number | undefined;
}

const none = () => undefined;

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

function decode(buf: Uint8Array, file: string): { text?: string; problem?: PackageProblem } {
  const d = decodeText(buf);
  if (!d.ok) return { problem: { file, severity: "error", message: `${d.reason}；应为 UTF-8 编码的文本` } };
  if (d.encoding === "gb18030")
    return {
      problem: {
        file,
        line: 1,
        severity: "error",
        message:
          "文件是 GBK/GB18030 编码，不是 UTF-8；为避免把中文读成乱码，yusuan 不猜测编码。请另存为 UTF-8（Excel：另存为“CSV UTF-8（逗号分隔）”；或 iconv -f GBK -t UTF-8）",
      },
    };
  if (d.encoding.startsWith("utf-16"))
    return { problem: { file, severity: "error", message: "文件是 UTF-16 编码；请另存为 UTF-8" } };
  return { text: d.text };
}

/** Parses metadata text (YAML or JSON) with line numbers for every field path. */
export function parseMeta(
  text: string,
  file: string,
): { meta?: BudgetPackage["meta"]; problems: PackageProblem[]; lineOf: (path: string) => number | undefined } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const problems: PackageProblem[] = [];
  for (const e of doc.errors)
    problems.push({
      file,
      line: e.linePos?.[0]?.line,
      severity: "error",
      message: `YAML/JSON 语法错误：${e.message.split("\n")[0]}`,
    });
  const lineOf = (path: string): number | undefined => {
    const parts = path.split(".").filter(Boolean);
    for (let n = parts.length; n >= 0; n--) {
      const keys = parts.slice(0, n).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const node = n === 0 ? doc.contents : doc.getIn(keys, true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lc.linePos(range[0]).line;
    }
    return undefined;
  };
  if (problems.length) return { problems, lineOf };
  if (!isMap(doc.contents) && !isSeq(doc.contents) && doc.contents !== null) {
    problems.push({ file, line: 1, severity: "error", message: "元数据应为键值映射（department、year、overview …）" });
    return { problems, lineOf };
  }
  const r = metaSchema.safeParse(doc.toJS() ?? {});
  if (!r.success) {
    for (const i of r.error.issues) {
      const field = i.path.join(".");
      problems.push({
        file,
        line: lineOf(field),
        field: field || undefined,
        severity: "error",
        message: zodMessage(i),
      });
    }
    return { problems, lineOf };
  }
  return { meta: r.data, problems, lineOf };
}

function zodMessage(i: { code: string; message: string; expected?: unknown; keys?: string[] }): string {
  if (i.code === "invalid_type") return `类型不对或缺失（应为 ${String(i.expected)}）`;
  if (i.code === "unrecognized_keys") return `未知字段 ${(i.keys ?? []).join("、")}（字段名见 docs/package.md）`;
  if (i.code === "invalid_value") return `取值无效：${i.message}`;
  return i.message;
}

/** CSV text → raw rows keyed by header, plus header problems. */
export function csvRows(text: string, file: string): { rows: RawRow[]; problems: PackageProblem[] } {
  const recs = parseCsv(text);
  const head = recs[0];
  if (!head)
    return { rows: [], problems: [{ file, line: 1, severity: "error", message: "文件为空：没有表头和明细行" }] };
  const header = head.cells.map((c) => c.trim());
  const problems = checkHeader(header, file, head.line);
  const rows: RawRow[] = recs.slice(1).map((r) => {
    const cells: Record<string, string> = {};
    header.forEach((h, i) => {
      cells[h] = r.cells[i] ?? "";
    });
    if (r.cells.length > header.length)
      problems.push({
        file,
        line: r.line,
        severity: "error",
        message: `本行有 ${r.cells.length} 列，表头只有 ${header.length} 列（金额中的千位逗号请去掉或加引号）`,
      });
    return { line: r.line, cells };
  });
  return { rows, problems };
}

function cellValue(v: ExcelJS.CellValue): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "object") {
    if (v instanceof Date) return v.toISOString();
    if ("result" in v) return (v.result as string | number) ?? null;
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
    return null;
  }
  return v;
}

async function readWorkbook(path: string, catalog: CatalogSet): Promise<ReadResult> {
  const file = basename(path);
  const read = await readInputFile(path);
  if ("error" in read) return { problems: [{ file, severity: "error", message: read.error }], lineOf: none };
  const loaded = await loadWorkbook(read.bytes);
  if (!("workbook" in loaded)) {
    const why = "refused" in loaded ? loaded.refused : loaded.error;
    return { problems: [{ file, severity: "error", message: `无法读取 Excel 工作簿：${why}` }], lineOf: none };
  }
  const wb = loaded.workbook;
  const problems: PackageProblem[] = [];
  const li = wb.getWorksheet("line-items");
  const ms = wb.getWorksheet("meta");
  if (!li)
    problems.push({
      file,
      severity: "error",
      message: "缺少工作表 line-items（明细）；工作表名须为 line-items 和 meta",
    });
  if (!ms) problems.push({ file, severity: "error", message: "缺少工作表 meta（元数据，A 列每行一行 YAML）" });
  if (!li || !ms) return { problems, lineOf: none };
  const metaText: string[] = [];
  ms.eachRow({ includeEmpty: true }, (row, n) => {
    metaText[n - 1] = String(cellValue(row.getCell(1).value) ?? "");
  });
  const metaFile = `${file} 的 meta 表`;
  const m = parseMeta(metaText.join("\n"), metaFile);
  problems.push(...m.problems);
  const sheet = `${file} 的 line-items 表`;
  const header = (li.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => String(cellValue(v) ?? "").trim());
  problems.push(...checkHeader(header, sheet, 1));
  const rows: RawRow[] = [];
  li.eachRow((row, n) => {
    if (n === 1) return;
    const cells: Record<string, string | number | boolean | null> = {};
    header.forEach((h, i) => {
      cells[h] = cellValue(row.getCell(i + 1).value);
    });
    if (Object.values(cells).every((v) => v === null || v === "")) return;
    rows.push({ line: n, cells });
  });
  if (!m.meta || problems.some((p) => p.severity === "error")) return { problems, lineOf: m.lineOf };
  const r = parseLineItems(
    rows,
    sheet,
    catalog,
    m.meta.overview.units.map((u) => u.name),
  );
  problems.push(...r.problems);
  if (problems.some((p) => p.severity === "error")) return { problems, lineOf: m.lineOf };
  return { pkg: { source: path, metaFile, meta: m.meta, items: r.items }, problems, lineOf: m.lineOf };
}

/** Reads a package folder or workbook. */
export async function readPackage(path: string, catalog: CatalogSet): Promise<ReadResult> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    return {
      problems: [{ file: path, severity: "error", message: "找不到预算包（目录或 .xlsx 工作簿）" }],
      lineOf: none,
    };
  }
  if (!isDir) {
    if (/\.xlsx$/i.test(path)) return readWorkbook(path, catalog);
    return {
      problems: [
        { file: path, severity: "error", message: "预算包应为目录（line-items.csv + meta.yaml）或 .xlsx 工作簿" },
      ],
      lineOf: none,
    };
  }
  const problems: PackageProblem[] = [];
  let metaPath: string | undefined;
  for (const n of ["meta.yaml", "meta.yml", "meta.json"]) {
    if (await exists(join(path, n))) {
      metaPath = join(path, n);
      break;
    }
  }
  const csvPath = join(path, "line-items.csv");
  if (!metaPath)
    problems.push({
      file: join(path, "meta.yaml"),
      severity: "error",
      message: "缺少元数据文件 meta.yaml（或 meta.json）；可用 yusuan init 生成模板",
    });
  if (!(await exists(csvPath)))
    problems.push({
      file: csvPath,
      severity: "error",
      message: `缺少明细文件 line-items.csv（列：${LINE_ITEM_COLUMNS.join(",")}）`,
    });
  if (!metaPath || problems.length) return { problems, lineOf: none };
  const metaFile = basename(metaPath);
  const metaBytes = await readInputFile(metaPath);
  if ("error" in metaBytes)
    return { problems: [{ file: metaPath, severity: "error", message: metaBytes.error }], lineOf: none };
  const md = decode(metaBytes.bytes, metaFile);
  if (md.problem) return { problems: [md.problem], lineOf: none };
  const m = parseMeta(md.text as string, metaFile);
  problems.push(...m.problems);
  const csvBytes = await readInputFile(csvPath);
  if ("error" in csvBytes)
    return { problems: [...problems, { file: csvPath, severity: "error", message: csvBytes.error }], lineOf: m.lineOf };
  const cd = decode(csvBytes.bytes, "line-items.csv");
  if (cd.problem) return { problems: [...problems, cd.problem], lineOf: m.lineOf };
  const c = csvRows(cd.text as string, "line-items.csv");
  problems.push(...c.problems);
  if (!m.meta || problems.some((p) => p.severity === "error")) return { problems, lineOf: m.lineOf };
  const r = parseLineItems(
    c.rows,
    "line-items.csv",
    catalog,
    m.meta.overview.units.map((u) => u.name),
  );
  problems.push(...r.problems);
  if (problems.some((p) => p.severity === "error")) return { problems, lineOf: m.lineOf };
  return { pkg: { source: path, metaFile, meta: m.meta, items: r.items }, problems, lineOf: m.lineOf };
}

/** Loads `--catalog` files (CSV `code,name,level,parent`, or the official .xlsx); problems carry file and line. */
export async function loadCatalogFiles(
  paths: readonly string[],
): Promise<{ catalog?: CatalogSet; problems: PackageProblem[] }> {
  const files: { text: string; source: string }[] = [];
  const problems: PackageProblem[] = [];
  const whereOf = new Map<string, string[]>();
  for (const p of paths) {
    const read = await readInputFile(p);
    if ("error" in read) {
      problems.push({ file: p, severity: "error", message: `分类目录文件：${read.error}` });
      continue;
    }
    const buf = read.bytes;
    if (/\.xlsx$/i.test(p)) {
      // The official catalog is published as a spreadsheet: read it into the same CSV form.
      try {
        const x = await catalogCsvFromXlsx(buf);
        if (x.where.length <= 1) {
          problems.push({ file: p, severity: "error", message: "工作簿中没有找到“编码/名称”或“类/款/项/名称”表头" });
          continue;
        }
        files.push({ text: x.text, source: basename(p) });
        whereOf.set(basename(p), x.where);
      } catch (e) {
        problems.push({ file: p, severity: "error", message: `无法读取 Excel 分类目录：${(e as Error).message}` });
      }
      continue;
    }
    const d = decode(buf, basename(p));
    if (d.problem) problems.push(d.problem);
    else files.push({ text: d.text as string, source: basename(p) });
  }
  if (problems.length) return { problems };
  const r = catalogSetFromCsv(files);
  for (const q of r.problems) {
    const where = q.line ? whereOf.get(q.source)?.[q.line - 1] : undefined;
    problems.push({
      file: q.source,
      line: where ? undefined : q.line || undefined,
      severity: "error",
      message: where ? `${where}：${q.message}` : q.message,
    });
  }
  // A catalog with bad lines is refused whole: codes silently missing would fail later as "unknown".
  if (problems.length) return { problems };
  return { catalog: r.set, problems };
}
