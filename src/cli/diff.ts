/**
 * `yusuan diff A B [--format json]`: compares two disclosures (documents, disclosure.json files or
 * budget packages) table by table and cell by cell. Exit 0 when nothing differs beyond rounding.
 */
import type { Command } from "commander";
import { diffDisclosures, withinRounding } from "../build/diff.ts";
import { InputError } from "../errors.ts";
import type { Disclosure } from "../model/disclosure.ts";
import { formatPercent, formatWanyuan } from "../model/money.ts";
import { loadDisclosure } from "./load.ts";
import { choice } from "./options.ts";

async function load(path: string, catalog: string[]): Promise<Disclosure> {
  // the package reader (and its spreadsheet library) loads only for this command
  const [{ buildPackage, isPackagePath }, { formatProblem }] = await Promise.all([
    import("../build-io/build-package.ts"),
    import("../build/package.ts"),
  ]);
  if (await isPackagePath(path)) {
    const r = await buildPackage(path, catalog);
    if (!r.disclosure)
      throw new InputError(
        r.problems
          .filter((p) => p.severity === "error")
          .map(formatProblem)
          .join("；"),
        path,
      );
    return r.disclosure;
  }
  return loadDisclosure(path);
}

const fmt = (column: string, v: number | string | null) =>
  v === null
    ? "（空）"
    : typeof v === "string"
      ? v
      : column === "share" || column === "growth"
        ? formatPercent(v)
        : formatWanyuan(v);

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("逐表逐格比较两份文档（文本、disclosure.json 或预算包），以及说明中的数字")
    .argument("<a>", "文档或预算包 A")
    .argument("<b>", "文档或预算包 B")
    .option("--format <format>", "text 或 json", choice("--format", ["text", "json"]), "text")
    .option(
      "--catalog <file>",
      "编制预算包时使用的分类目录（CSV 或 .xlsx），可重复",
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .addHelpText(
      "after",
      "\n四舍五入：差额不超过 0.01 万元（0.005 × (n + 1)，n = 1）记为 rounding。\n退出码：0 没有超出四舍五入的差异；1 有差异；2 输入无法使用。\n示例：\n  yusuan diff test/fixtures/bazhou-hrss-2025-budget.txt examples/bazhou-hrss-2025\n  yusuan diff out/2024/disclosure.json out/2025/disclosure.json --format json\n",
    )
    .action(async (a: string, b: string, o: { format: string; catalog: string[] }) => {
      const r = diffDisclosures(await load(a, o.catalog), await load(b, o.catalog));
      if (o.format === "json") process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else {
        const lines = r.differences.map(
          (d) =>
            `${typeof d.table === "number" ? `表${d.table}` : d.table} · ${d.row} · ${d.column}：${fmt(d.column, d.a)} → ${fmt(d.column, d.b)}${d.rounding ? "（四舍五入）" : ""}`,
        );
        const beyond = r.differences.filter((d) => !d.rounding).length;
        lines.push(`差异 ${r.differences.length} 处，其中超出四舍五入 ${beyond} 处。`);
        process.stdout.write(`${lines.join("\n")}\n`);
      }
      process.exitCode = withinRounding(r) ? 0 : 1;
    });
}
