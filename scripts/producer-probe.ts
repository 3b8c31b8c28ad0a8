/**
 * Other producers, with known figures: every corpus and region PDF is read, its disclosure written
 * out and printed to PDF by another program, and that PDF read again. The second reading should give
 * the first one's tables back, and since the first one's tables add up, every error finding on the
 * print that the written disclosure does not have is a misreading.
 *
 *   npx tsx scripts/producer-probe.ts [--via calc|xlsx|chromium|writer|pdftotext|tabbed|glyphs|turned|watermark] [--split bare|cols] [--repeat] [--yuan] [--wrap] [--align left|center] [--head top|bottom|left] [--rules none|rows] [--tagged] [--json] [--keep DIR]
 *
 * --via calc (the default): yusuan's workbook exported to PDF by LibreOffice Calc, as a county's
 *   budget system exports its sheets (needs soffice: Debian's libreoffice-calc);
 * --via xlsx: yusuan's workbook itself, read as a workbook (the general reader, sheet by sheet, for a
 *   document read in another layout than its template's);
 * --via chromium: yusuan's HTML document printed by Chromium (Skia's PDF, as web-made documents are),
 *   without a structure tree, so it is read back by the general reader as another web tool's print
 *   would be (--tagged: tagged as yusuan publishes, which its own-PDF reader may read instead);
 * --via writer: yusuan's HTML document opened and exported to PDF by LibreOffice Writer, as a
 *   document typeset in a word processor prints: its own table layout (columns as wide as their
 *   words, headings and names wrapped within narrow cells, a table's header repeated on each page)
 *   and its own PDF writer (needs soffice: Debian's libreoffice-writer), its tables ruled (--rules none: not);
 * --via pdftotext: nothing written; the original's text as `pdftotext -layout` extracts it (what a
 *   user who has only the text brings), read as text;
 * --via tabbed: the first reading written out as text with its tables tab-separated, a row a line,
 *   a merged header cell once (scripts/tabbed-text.ts: the form of text the seed came in, as
 *   converters that find a PDF's tables write it), read as text;
 *   --repeat: merged header cells written in every column and row they span, as converters that
 *   fill a grid from the table's cells write them;
 * --via glyphs: nothing written; the original printed again with every glyph drawn apart, in
 *   one font (scripts/glyphs.py, Debian python3-fitz), as virtual printers and report servers write
 *   PDFs: no text run keeps a word or an amount together;
 * --via turned: nothing written; the original with its landscape pages laid sideways on portrait
 *   sheets and no /Rotate to set them upright (scripts/turned.py, Debian python3-fitz), as some print
 *   drivers and merging tools write them;
 * --via watermark: nothing written; the original with "仅供公开使用" stamped at a slant a dozen times
 *   over every page (scripts/watermark.py, Debian python3-fitz);
 * --split bare|cols (calc): the workbook printed at 100 %, portrait, not fitted to the page, so a
 *   table wider than the sheet runs on onto further pages side by side ("down, then over"), as a
 *   workbook exported without "fit to width" prints; cols: its label column printed again on every page;
 * --yuan: every table in 元 (two decimals) instead of its printed unit, as many counties and units
 *   publish: the same figures, printed ten thousand times larger;
 * --wrap (chromium): amount columns too narrow for their amounts, which wrap onto a second line
 *   ("12,437.3" / "6"), as in documents typeset in a word processor;
 * --align left|center (chromium): amounts set flush left or centred in their cells, as a word
 *   processor's tables print them by default;
 * --head top|bottom|left (chromium): headings set at the top or bottom of their cells (a word
 *   processor's default is the top), or flush left, instead of centred;
 * --rules none|rows (chromium; writer: none): tables printed without ruled lines, or with only the lines between
 *   rows, as report servers and plain table styles print them.
 *
 * --keep DIR: the prints (and the workbooks or texts they came from) written to DIR and left there.
 *
 * Per document: tables of the first reading that come back different (a row's label or amounts, the
 * number of rows or of columns), and the error findings on the print that the written disclosure does not have
 * (same rule and table). The first reading is the reference, not the truth: where it is wrong (a table
 * it reads unreliably) the comparison says nothing about the reader. Exit code 0 whatever the
 * figures: a measurement, for the README's "Measuring the reader on real documents".
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { check } from "../src/check/index.ts";
import { importFile } from "../src/import/index.ts";
import { matchKey } from "../src/import/pdf/titles.ts";
import type { Disclosure, PrintedTable } from "../src/model/disclosure.ts";
import type { Finding } from "../src/model/finding.ts";
import { renderHtml } from "../src/render/html.ts";
import { PdfRenderer } from "../src/render/pdf.ts";
import { renderXlsx } from "../src/render/xlsx.ts";
import { tabbedText } from "./tabbed-text.ts";

const root = new URL("..", import.meta.url).pathname;
const dirs = ["test/fixtures/corpus", "test/fixtures/regions"];
// (a two-file document's text half has no tables)
const files = dirs.flatMap((d) =>
  readdirSync(join(root, d))
    .filter((f) => f.endsWith(".pdf") && !f.endsWith("-text.pdf"))
    .sort()
    .map((f) => join(root, d, f)),
);

/** A label as printed, whatever the producer's brackets, colons, spaces and codes before it. */
const label = (s: string | undefined) => matchKey(s ?? "").replace(/^\d{3,7}(?=\D)/, "");
const rowKey = (t: PrintedTable) =>
  t.rows.map((r) => `${label(r.label)}|${r.cells.filter((c) => typeof c === "number").join(",")}`);
const errorKey = (f: Finding) => `${f.rule}|${f.location.table ?? ""}`;
const errorsOf = (d: Disclosure) => check(d).findings.filter((f) => f.severity === "error");

interface Probe {
  file: string;
  tables: number;
  differing: { no: number; title: string; rows: number }[];
  rows: number;
  rowsDiffering: number;
  /** tables read back with their columns under other headings (column keys), whatever their rows */
  keysDiffering: { no: number; first: string[]; again: string[] }[];
  /** error findings on the export that the first reading does not have */
  newErrors: string[];
  note?: string;
}

function compare(
  first: Disclosure,
  again: Disclosure,
): Pick<Probe, "differing" | "rows" | "rowsDiffering" | "keysDiffering"> {
  const differing: Probe["differing"] = [];
  const keysDiffering: Probe["keysDiffering"] = [];
  let rows = 0;
  let rowsDiffering = 0;
  for (const t of first.tables) {
    const back = again.tables.find((x) => x.id === t.id && x.no === t.no) ?? again.tables.find((x) => x.id === t.id);
    const a = rowKey(t);
    const b = back ? rowKey(back) : [];
    const n = Math.max(a.length, b.length);
    let bad = 0;
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) bad++;
    rows += n;
    rowsDiffering += bad;
    // (a column read that was not printed, or one lost, is a difference even where the amounts agree)
    if (bad > 0 || !back || back.columns.length !== t.columns.length)
      differing.push({ no: t.no, title: t.title, rows: bad });
    // (the same amounts under another heading: 基本支出's 小计 read as a column of its own)
    const keys = (x: PrintedTable) => x.columns.filter((c) => c.type === "amount").map((c) => c.key);
    if (back && keys(back).join() !== keys(t).join())
      keysDiffering.push({ no: t.no, first: keys(t), again: keys(back) });
  }
  return { differing, rows, rowsDiffering, keysDiffering };
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const yuan = args.includes("--yuan");
const wrap = args.includes("--wrap");
const via = args.includes("--via") ? args[args.indexOf("--via") + 1] : "calc";
const align = args.includes("--align") ? args[args.indexOf("--align") + 1] : undefined;
if (align !== undefined && align !== "left" && align !== "center") {
  console.error(`--align 只能是 left 或 center（收到 ${align}）`);
  process.exit(2);
}
const head = args.includes("--head") ? args[args.indexOf("--head") + 1] : undefined;
if (head !== undefined && head !== "top" && head !== "bottom" && head !== "left") {
  console.error(`--head 只能是 top、bottom 或 left（收到 ${head}）`);
  process.exit(2);
}
// headings set at the top (or bottom) of their cells, as word processors' tables set them by
// default, or flush left: tall cells and group headings no longer centred
const HEAD_CSS =
  head === "left" ? "table.data th { text-align: left; }" : head ? `table.data th { vertical-align: ${head}; }` : "";
const VIAS = ["calc", "xlsx", "chromium", "writer", "pdftotext", "tabbed", "glyphs", "turned", "watermark"];
if (via === undefined || !VIAS.includes(via)) {
  console.error(`--via 只能是 ${VIAS.join("、")}（收到 ${via}）`);
  process.exit(2);
}
const rules = args.includes("--rules") ? args[args.indexOf("--rules") + 1] : undefined;
if (rules !== undefined && rules !== "none" && rules !== "rows") {
  console.error(`--rules 只能是 none 或 rows（收到 ${rules}）`);
  process.exit(2);
}
// tables without ruled lines (none), or with only the lines between rows (rows), as report servers and
// word processors' plain table styles print them
const RULES_CSS =
  rules === "none"
    ? "table.data th, table.data td { border: none; }"
    : rules === "rows"
      ? "table.data th, table.data td { border-left: none; border-right: none; }"
      : "";
// amounts wrap: every amount column a quarter of its width, and a number may break anywhere
const WRAP_CSS = `table.data col.c-amount { width: 3.2em; }
table.data td.num { white-space: normal; overflow-wrap: anywhere; word-break: break-all; }`;

const split = args.includes("--split") ? args[args.indexOf("--split") + 1] : undefined;
if (split !== undefined && ((split !== "bare" && split !== "cols") || via !== "calc")) {
  console.error(`--split 只能是 bare 或 cols，且只用于 --via calc（收到 ${split}）`);
  process.exit(2);
}
/**
 * A workbook printed at 100 %, portrait, not fitted to the page: a wide table's columns run on onto
 * further pages, as a sheet exported without "fit to width" prints (cols: with the label column
 * repeated on every page).
 */
async function unfit(file: string, repeatLabels: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) {
    ws.pageSetup.fitToPage = false;
    ws.pageSetup.scale = 100;
    ws.pageSetup.orientation = "portrait";
    if (repeatLabels) ws.pageSetup.printTitlesColumn = "A:A";
  }
  await wb.xlsx.writeFile(file);
}

/**
 * The HTML document as Writer is given it: Writer takes little of the page's style sheet, so the
 * tables' cells are set in a small size of their own (as a word processor's wide tables are), for
 * the widest tables to fit the portrait page's width instead of running off its edge.
 */
const forWriter = (html: string) => {
  const small = html.replace("</head>", "<style>td, th { font-size: 7pt; }</style></head>");
  // ruled as a word processor's tables are by default (Writer draws no rule of the style sheet's);
  // --rules none: without
  return rules === "none"
    ? small
    : small.replace(/<table class="data/g, '<table border="1" cellspacing="0" cellpadding="2" class="data');
};

// --keep DIR: the prints are written to DIR and left there, to be looked at
const keep = args.includes("--keep") ? args[args.indexOf("--keep") + 1] : undefined;
if (keep !== undefined) mkdirSync(keep, { recursive: true });
const dir = keep ?? mkdtempSync(join(tmpdir(), "yusuan-producer-probe-"));
try {
  const firsts = new Map<string, Disclosure>();
  const pdfOf = (f: string) => join(dir, f.split("/").pop() as string);
  const css = `${wrap ? WRAP_CSS : ""}${align ? `\ntable.data td.num { text-align: ${align}; }` : ""}\n${HEAD_CSS}\n${RULES_CSS}`;
  const chromium = via === "chromium" ? new PdfRenderer({ css, tagged: args.includes("--tagged") }) : undefined;
  await chromium?.open();
  try {
    for (const f of files) {
      const d = (await importFile(f)).disclosure;
      if (!d) continue;
      // (in 元 a 万元 table's rounding shows: 0.01 万元 is 100 元, more than a 元 table's tolerance;
      // so the reference for the findings is what was written, checked as it stands)
      const written = yuan ? { ...d, tables: d.tables.map((t) => ({ ...t, unit: "yuan" as const, precision: 2 })) } : d;
      firsts.set(f, written);
      if (via === "pdftotext") {
        const t = spawnSync("pdftotext", ["-layout", f, pdfOf(f).replace(/\.pdf$/, ".txt")]);
        if (t.status !== 0 || t.error) {
          console.error(`pdftotext 未能读取 ${f}（${t.error?.message ?? t.stderr}）；请安装 poppler-utils`);
          process.exit(2);
        }
      } else if (via === "tabbed") {
        writeFileSync(pdfOf(f).replace(/\.pdf$/, ".txt"), tabbedText(written, { repeat: args.includes("--repeat") }));
      } else if (via === "glyphs" || via === "turned" || via === "watermark") {
        const script = join(root, `scripts/${via}.py`);
        const g = spawnSync("/usr/bin/python3", [script, f, pdfOf(f)], { encoding: "utf8" });
        if (g.status !== 0 || g.error) {
          console.error(`${via}.py 未能重印 ${f}（${g.error?.message ?? g.stderr}）；请安装 python3-fitz`);
          process.exit(2);
        }
      } else if (via === "writer")
        writeFileSync(pdfOf(f).replace(/\.pdf$/, ".html"), forWriter(renderHtml(written).html));
      else if (chromium) await chromium.render(written, pdfOf(f));
      else {
        const x = pdfOf(f).replace(/\.pdf$/, ".xlsx");
        await renderXlsx(written, x);
        if (split) await unfit(x, split === "cols");
      }
    }
  } finally {
    await chromium?.close();
  }
  if (via === "calc" || via === "writer") {
    const writer = via === "writer";
    const inputs = readdirSync(dir).filter((f) => f.endsWith(writer ? ".html" : ".xlsx"));
    const to = writer ? "pdf:writer_web_pdf_Export" : "pdf";
    const lo = spawnSync("soffice", ["--headless", "--convert-to", to, "--outdir", dir, ...inputs], {
      cwd: dir,
      encoding: "utf8",
    });
    if (lo.status !== 0 || lo.error) {
      console.error(
        `soffice 未能导出 PDF（${lo.error?.message ?? lo.stderr}）；请安装 libreoffice-${writer ? "writer" : "calc"}`,
      );
      process.exit(2);
    }
  }
  const out: Probe[] = [];
  for (const [f, first] of firsts) {
    const name = f.split("/").pop() as string;
    const text = via === "pdftotext" || via === "tabbed";
    const read = text
      ? pdfOf(f).replace(/\.pdf$/, ".txt")
      : via === "xlsx"
        ? pdfOf(f).replace(/\.pdf$/, ".xlsx")
        : pdfOf(f);
    const again = (await importFile(read)).disclosure;
    if (!again) {
      out.push({
        file: name,
        tables: first.tables.length,
        differing: [],
        rows: 0,
        rowsDiffering: 0,
        keysDiffering: [],
        newErrors: [],
        note: "not read",
      });
      continue;
    }
    const before = new Set(errorsOf(first).map(errorKey));
    const newErrors = errorsOf(again)
      .filter((e) => !before.has(errorKey(e)))
      .map((e) => `${e.rule}${e.location.table ? ` 表${e.location.table}` : ""}`);
    out.push({ file: name, tables: first.tables.length, ...compare(first, again), newErrors });
  }
  if (json) console.log(JSON.stringify(out, null, 2));
  else {
    for (const p of out)
      console.log(
        `${p.file}: ${p.differing.length}/${p.tables} tables differ (${p.rowsDiffering}/${p.rows} rows; ${p.keysDiffering.length} with columns under other headings${p.keysDiffering.length ? `: 表${p.keysDiffering.map((k) => k.no).join(", 表")}` : ""}); ${p.newErrors.length} new errors${p.newErrors.length ? ` (${p.newErrors.join(", ")})` : ""}${p.note ? `; ${p.note}` : ""}`,
      );
    const sum = (f: (p: Probe) => number) => out.reduce((n, p) => n + f(p), 0);
    console.log(
      `\n${out.length} documents: ${sum((p) => p.differing.length)} of ${sum((p) => p.tables)} tables differ, ${sum((p) => p.rowsDiffering)} of ${sum((p) => p.rows)} rows, ${sum((p) => p.keysDiffering.length)} tables with columns under other headings; ${sum((p) => p.newErrors.length)} error findings the first reading does not have`,
    );
  }
} finally {
  if (keep === undefined) rmSync(dir, { recursive: true, force: true });
}
