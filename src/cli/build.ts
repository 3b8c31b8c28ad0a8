/**
 * `yusuan build PACKAGE -o OUT`, `yusuan init DIR`, `yusuan template --xlsx FILE`.
 * build writes OUT/disclosure.json only when the package has no errors and the checker finds none
 * (exit 1 otherwise, and nothing is written); 2 for unusable input.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { InputError } from "../errors.ts";
import { choice } from "./options.ts";

// The package readers and the spreadsheet library load only when one of these commands runs.
const lib = async () => {
  const [pkg, build, read, scaffold, catalogs] = await Promise.all([
    import("../build/package.ts"),
    import("../build-io/build-package.ts"),
    import("../build-io/read-package.ts"),
    import("../build-io/scaffold.ts"),
    import("../catalog/catalog-set.ts"),
  ]);
  return { ...pkg, ...build, ...read, ...scaffold, ...catalogs };
};

const collect = (v: string, prev: string[]) => [...prev, v];
const SEVERITY_ZH = { error: "错误", warning: "警告", notice: "提示" } as const;

export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("由预算包（line-items.csv + meta.yaml，或 .xlsx 工作簿）编制完整的部门预算公开文档")
    .argument("<package>", "预算包目录或 .xlsx 工作簿")
    .requiredOption("-o, --out <dir>", "输出目录（写入 disclosure.json）")
    .option(
      "--catalog <file>",
      "分类目录：CSV（code,name,level,parent）或财政部发布的 .xlsx（编码/名称 或 类/款/项/名称 列），可重复；默认内置的不完整 2025 目录",
      collect,
      [],
    )
    .option("--format <format>", "摘要格式：text 或 json", choice("--format", ["text", "json"]), "text")
    .addHelpText(
      "after",
      "\n退出码：0 成功；1 预算包或检查有错误（不写任何文件）；2 输入无法使用。\n示例：\n  yusuan build examples/bazhou-hrss-2025 -o out/bazhou\n  yusuan build budget.xlsx -o out --catalog 2025-function.csv --catalog econ.csv\n",
    )
    .action(async (pkg: string, o: { out: string; catalog: string[]; format: string }) => {
      const { buildPackage, formatProblem } = await lib();
      const r = await buildPackage(pkg, o.catalog);
      const errors = r.problems.filter((p) => p.severity === "error");
      const findingErrors = r.report?.summary.errors ?? 0;
      const ok = r.disclosure !== undefined && errors.length === 0 && findingErrors === 0;
      const file = join(o.out, "disclosure.json");
      if (ok && r.disclosure) {
        await mkdir(o.out, { recursive: true });
        await writeFile(file, `${JSON.stringify(r.disclosure, null, 2)}\n`);
      }
      if (o.format === "json") {
        process.stdout.write(
          `${JSON.stringify({ ok, written: ok ? file : null, problems: r.problems, summary: r.report?.summary ?? null, findings: r.report?.findings ?? [] }, null, 2)}\n`,
        );
      } else {
        const lines: string[] = [];
        for (const p of r.problems) lines.push(`${SEVERITY_ZH[p.severity]} ${formatProblem(p)}`);
        if (r.report) {
          for (const f of r.report.findings.filter((x) => x.severity !== "notice")) {
            const l = f.location;
            const where = [l.part, l.table ? `表${l.table}` : undefined, l.section, l.row, l.column]
              .filter(Boolean)
              .join(" · ");
            lines.push(`${SEVERITY_ZH[f.severity]} ${f.rule} [${where}] ${f.message}`);
          }
          const d = r.disclosure;
          const t1 = d?.tables.find((t) => t.id === "summary");
          lines.push(
            `${d?.meta.department} ${d?.meta.year} 年：${d?.tables.length} 张表（${d?.tables.filter((t) => t.rows.length === 0).length} 张空表），${d?.explanations.length} 部分说明，${d?.performance.length} 张绩效目标表，${d?.facts.length} 条事实；${t1 ? "" : ""}`,
          );
          const s = r.report.summary;
          lines.push(
            `检查：错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.notices}（四舍五入差异）；未检查规则 ${r.report.notChecked.length} 条`,
          );
        }
        if (r.catalog?.partial)
          lines.push("注意：使用的是内置的不完整分类目录；正式编制请用 --catalog 指定当年官方目录。");
        lines.push(ok ? `已写入 ${file}` : "编制失败：有错误，未写入任何文件。");
        process.stdout.write(`${lines.join("\n")}\n`);
      }
      process.exitCode = ok ? 0 : 1;
    });

  program
    .command("init")
    .description("生成一个新部门的预算包模板（line-items.csv + meta.yaml）")
    .argument("<dir>", "新目录（须为空）")
    .action(async (dir: string) => {
      const { initPackage } = await lib();
      const files = await initPackage(dir);
      process.stdout.write(
        `已生成：\n${files.map((f) => `  ${f}`).join("\n")}\n填写后运行：yusuan build ${dir} -o out\n`,
      );
    });

  program
    .command("template")
    .description("生成供填写的 Excel 工作簿（line-items、meta、lists 三张表，带编码和资金来源下拉列表）")
    .requiredOption("--xlsx <file>", "输出的 .xlsx 文件")
    .option("--catalog <file>", "分类目录 CSV 或 .xlsx，可重复；默认内置目录", collect, [])
    .option("--year <year>", "预算年度（选择内置目录）", "2025")
    .action(async (o: { xlsx: string; catalog: string[]; year: string }) => {
      const { defaultCatalogSet, formatProblem, loadCatalogFiles, writeTemplateWorkbook } = await lib();
      let catalog = defaultCatalogSet(Number(o.year));
      if (o.catalog.length) {
        const c = await loadCatalogFiles(o.catalog);
        if (!c.catalog) throw new InputError(c.problems.map(formatProblem).join("；"), "--catalog");
        catalog = c.catalog;
      }
      await writeTemplateWorkbook(o.xlsx, catalog);
      process.stdout.write(`已写入 ${o.xlsx}；填写后运行：yusuan build ${o.xlsx} -o out\n`);
    });
}
