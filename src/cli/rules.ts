import type { Command } from "commander";
import { ALL_RULES } from "../check/rules/index.ts";
import { choice } from "./options.ts";

/** The categories the catalogue has, in catalogue order. */
const CATEGORIES = [...new Set(ALL_RULES.map((r) => r.category))];

export function registerRules(program: Command): void {
  program
    .command("rules")
    .description("列出规则目录（编号、严重程度、类别、标题、依据）")
    .option("--format <format>", "text 或 json", choice("--format", ["text", "json"]), "text")
    .option("--category <category>", `只列出一类：${CATEGORIES.join("、")}`, choice("--category", CATEGORIES))
    .addHelpText("after", "\n示例：\n  yusuan rules\n  yusuan rules --category cross-table --format json\n")
    .action((o: { format: string; category?: string }) => {
      const rules = ALL_RULES.filter((r) => !o.category || r.category === o.category);
      if (o.format === "json") {
        const out = rules.map(({ run: _run, ...r }) => r);
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      for (const r of rules) process.stdout.write(`${r.id}\t${r.severity}\t${r.category}\t${r.title}\t${r.source}\n`);
      process.stdout.write(`共 ${rules.length} 条规则\n`);
    });
}
