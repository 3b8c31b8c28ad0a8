import type { Command } from "commander";
import { type CheckReport, check } from "../check/index.ts";
import { ALL_RULES } from "../check/rules/index.ts";
import { toSarif } from "../check/sarif.ts";
import { InputError } from "../errors.ts";
import { type TableReport, tableReport } from "../import/pdf/import-pdf.ts";
import { loadDisclosure } from "./load.ts";
import { choice, templateOption } from "./options.ts";

export interface FileReport {
  file: string;
  department: string;
  year: number;
  findings: CheckReport["findings"];
  summary: CheckReport["summary"];
  notChecked: CheckReport["notChecked"];
  notApplicable: CheckReport["notApplicable"];
  /** per table: how confidently it was read (confidence 0–1, status reliable/unreliable/empty, why) */
  tables: TableReport[];
  /**
   * what the reading says of the document (its import warnings, but the unreliable tables listed in
   * `tables`): pages printed as pictures, a spreadsheet converted, pages read as one, a table without
   * amounts
   */
  reading: string[];
}

const SEVERITY_ZH = { error: "错误", warning: "警告", notice: "提示" } as const;

function formatText(r: FileReport): string {
  const out = [`== ${r.file}：${r.department} ${r.year} 年 ==`];
  for (const m of r.reading) out.push(`读取 ${m}`);
  for (const f of r.findings) {
    const l = f.location;
    const where = [l.part, l.table ? `表${l.table}` : undefined, l.section, l.row, l.column]
      .filter(Boolean)
      .join(" · ");
    const parts = [
      f.expected !== undefined ? `应为 ${f.expected}` : "",
      f.actual !== undefined ? `实为 ${f.actual}` : "",
      f.difference !== undefined ? `差 ${f.difference}` : "",
    ].filter(Boolean);
    const nums = parts.length > 0 ? `（${parts.join("，")}）` : "";
    out.push(`${SEVERITY_ZH[f.severity]} ${f.rule} [${where}] ${f.message}${nums}`);
  }
  for (const t of r.tables.filter((x) => x.status === "unreliable"))
    out.push(
      `未能可靠读取 表${t.no}“${t.title}”（第 ${t.pages.join("、")} 页）：${t.note ?? ""}；不报告该表的运算错误`,
    );
  for (const n of r.notChecked) out.push(`未检查 ${n.rule}：${n.reason}`);
  out.push(
    `合计：错误 ${r.summary.errors}，警告 ${r.summary.warnings}，提示 ${r.summary.notices}；未检查规则 ${r.notChecked.length} 条`,
  );
  return out.join("\n");
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("按规则目录检查文档：表内运算、表间一致、文表一致、完整性、绩效目标")
    .argument("<files...>", "一个或多个文档")
    .option("--format <format>", "text、json 或 sarif", choice("--format", ["text", "json", "sarif"]), "text")
    .option("--template <id>", "按地区模板的读表器读取（默认按全国通用标准读取）", templateOption)
    .option("--text <file>", "文字部分在另一份 PDF 中（如江苏 -text.pdf）；只能与一个文档一起用")
    .addHelpText(
      "after",
      "\n退出码：0 无错误；1 有错误；2 输入无法使用（多个文件时：全部无法读取）。\n多个文件中有读不了的：在标准错误上说明原因并跳过，其余照常检查。\n示例：\n  yusuan check test/fixtures/bazhou-hrss-2025-budget.txt\n  yusuan check a.txt b.txt --format json\n",
    )
    .action(async (files: string[], o: { format: string; template?: string; text?: string }) => {
      if (o.text && files.length > 1) throw new InputError("--text 只能与一个文档一起用", "--text");
      const reports: FileReport[] = [];
      // a file that cannot be read is said on stderr (what, why, what to do) and the batch goes on
      const unreadable: string[] = [];
      for (const file of files) {
        let d: Awaited<ReturnType<typeof loadDisclosure>>;
        try {
          d = await loadDisclosure(file, { template: o.template, text: o.text });
        } catch (e) {
          if (!(e instanceof InputError) || files.length === 1) throw e;
          unreadable.push(file);
          process.stderr.write(`错误：${e.describe()}（已跳过，继续检查其余文件）\n`);
          continue;
        }
        const r = check(d);
        reports.push({
          file,
          department: d.meta.department,
          year: d.meta.year,
          findings: r.findings,
          summary: r.summary,
          notChecked: r.notChecked,
          notApplicable: r.notApplicable,
          tables: d.tables.map(tableReport),
          reading: d.provenance.problems
            .filter((p) => p.severity === "warning" && p.code !== "table.unreliable")
            .map((p) => p.message),
        });
      }
      if (reports.length === 0)
        throw new InputError(
          `${files.length} 个文件都无法读取`,
          "check",
          "请确认文件是部门预算公开文档（PDF、Excel、从 PDF 提取的文本或 disclosure.json）",
        );
      if (o.format === "json") {
        // the contract: file, department, year, findings, summary; then the rules that could not
        // run on this document (notChecked) and those about another kind of document (notApplicable);
        // then how confidently each table was read (tables), and what the reading said (reading)
        process.stdout.write(`${JSON.stringify(files.length === 1 ? reports[0] : reports, null, 2)}\n`);
      } else if (o.format === "sarif") {
        process.stdout.write(`${JSON.stringify(toSarif(reports, ALL_RULES), null, 2)}\n`);
      } else {
        process.stdout.write(`${reports.map(formatText).join("\n\n")}\n`);
      }
      if (unreadable.length > 0)
        process.stderr.write(
          `无法读取 ${unreadable.length} 个文件（${unreadable.join("、")}），其余 ${reports.length} 个已检查；退出码按已检查文件的结果\n`,
        );
      process.exitCode = reports.some((r) => r.summary.errors > 0) ? 1 : 0;
    });
}
