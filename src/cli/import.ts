import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Command } from "commander";
import { InputError } from "../errors.ts";
import { loadImport } from "./load.ts";
import { choice, templateOption } from "./options.ts";

interface ImportCliOptions {
  format: string;
  output?: string;
  template?: string;
  text?: string;
  save?: boolean;
  db?: string;
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("读取部门预算公开文档，输出结构化模型 (Disclosure)")
    .argument(
      "<files...>",
      "文档：PDF、Excel（.xlsx）、从 PDF 提取的文本（UTF-8 或 GBK）或 disclosure.json（装有 LibreOffice 时还有 .xls .et .doc .docx .wps）；--save 时可多个",
    )
    .option("--format <format>", "输出格式：json 或 summary", choice("--format", ["json", "summary"]), "summary")
    .option("-o, --output <file>", "写入文件（目录不存在时创建），而不是标准输出")
    .option("--template <id>", "强制使用模板（默认自动识别）", templateOption)
    .option("--text <file>", "文字部分在另一份 PDF 中（如江苏 -text.pdf）：从中读取概况、说明和名词解释")
    .option("--save", "导入、检查并保存（发布）到数据库")
    .option("--db <file>", "与 --save 一起用：SQLite 数据库文件（默认 ./data/yusuan.db；或 DATABASE_URL）")
    .addHelpText(
      "after",
      [
        "",
        "示例：",
        "  yusuan import test/fixtures/bazhou-hrss-2025-budget.txt --format json -o out/disclosure.json",
        "  yusuan import test/fixtures/corpus/shanghai-putuo-caizhengju-2025-yusuan.pdf",
        "  yusuan import test/fixtures/corpus/jiangsu-zhengxie-2017-yusuan-tables.pdf --text test/fixtures/corpus/jiangsu-zhengxie-2017-yusuan-text.pdf",
        "  yusuan import test/fixtures/corpus/*.pdf --save --db out/corpus.db",
        "",
        "--save：每份文件的结果随时打印（已保存 / 未变 / 未保存及原因）；一份读不了不影响其余；",
        "按批保存（每批至多 100 份或半秒内读完的文件，一个事务），每份文件仍然要么全部保存、要么不保存；",
        "同一批文件可原样重新运行，已保存的内容相同者显示“未变”，不会成为新版本。",
        "X-text.pdf 与同一批中的 X-tables.pdf 作为一份文件的两部分一起读取。",
        "退出码：0 全部完成；2 有文件无法读取或保存（其余已保存）。",
        "",
      ].join("\n"),
    )
    .action(async (files: string[], o: ImportCliOptions) => {
      if (o.save) {
        const { importAndSave } = await import("./serve.ts");
        process.exitCode = await importAndSave(files, { db: o.db });
        return;
      }
      if (files.length > 1) throw new InputError("一次只能输出一个文件", "import", "多个文件请加 --save 保存到数据库");
      const file = files[0] ?? "";
      const { disclosure: d, report } = await loadImport(file, { template: o.template, text: o.text });
      const out = async (text: string) => {
        if (!o.output) return void process.stdout.write(text);
        await mkdir(dirname(o.output), { recursive: true });
        await writeFile(o.output, text);
        process.stderr.write(`已写入 ${o.output}\n`);
      };
      if (o.format === "json") {
        await out(`${JSON.stringify(d, null, 2)}\n`);
        return;
      }
      const lines = [
        `${d.meta.department} ${d.meta.year} 年${d.meta.kind === "budget" ? "部门预算" : "部门决算"}（模板 ${d.meta.template}）`,
        `表格 ${d.tables.length} 张：${d.tables.map((t) => `表${t.no} ${t.title}（${t.rows.length} 行）`).join("；")}`,
        `说明 ${d.explanations.length} 节，陈述 ${d.explanations.reduce((n, e) => n + e.statements.length, 0)} 条`,
        `绩效目标表 ${d.performance.length} 张，指标 ${d.performance.reduce((n, p) => n + p.indicators.length, 0)} 个`,
        `名词解释 ${d.glossary.length} 条；事实 ${d.facts.length} 条`,
        ...(report
          ? [
              `${report.format === "pdf" ? `PDF ${report.pages ?? "?"} 页` : report.format === "text" ? `文本${(report.pages ?? 1) > 1 ? ` ${report.pages} 页` : ""}（通用读取）` : `Excel ${report.sheets ?? "?"} 张工作表`}；模板 ${report.template?.id ?? "未识别"}（${report.template?.how === "forced" ? "指定" : "识别"}，置信度 ${Math.round((report.template?.confidence ?? 0) * 100)}%）`,
              ...report.tables.map(
                (t) =>
                  `  表${t.no} ${t.title}：${t.pages.length > 0 && !(report.format === "text" && report.pages === 1) ? `第 ${t.pages.join("、")} ${report.format === "xlsx" ? "表" : "页"}，` : ""}${t.rows} 行，${t.amounts} 个金额，置信度 ${Math.round(t.confidence * 100)}%`,
              ),
              ...report.missing.map((m) => `  未找到：表${m.no} ${m.title}`),
            ]
          : []),
        ...d.provenance.problems.map((p) => `${p.severity === "error" ? "错误" : "提示"}：${p.message}`),
      ];
      await out(`${lines.join("\n")}\n`);
    });
}
