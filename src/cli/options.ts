/**
 * One way to validate options for every command, and commander's own words in Chinese.
 *
 * `choice("--format", ["json", "summary"])` is an option parser: a value outside the list is an
 * InputError (exit 2) that lists the valid ones, for every command and input kind alike.
 */
import type { Command } from "commander";
import { InputError } from "../errors.ts";
import { TEMPLATES } from "../templates/index.ts";

export function choice<T extends string>(flag: string, values: readonly T[]): (v: string) => T {
  return (v: string) => {
    if ((values as readonly string[]).includes(v)) return v as T;
    throw new InputError(`值“${v}”无效`, flag, `可用：${values.join("、")}`);
  };
}

/** `--template ID`: a known template, whatever the input (PDF, Excel, text or JSON). */
export function templateOption(v: string): string {
  return choice("--template", [...TEMPLATES.keys()])(v);
}

/** commander's messages (English) → Chinese: what went wrong, and `--help` for what to do. */
const MESSAGES: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '([^']+)'/, (o) => `未知的选项 ${o}`],
  [/^error: unknown command '([^']+)'/, (c) => `未知的命令 ${c}`],
  [/^error: missing required argument '([^']+)'/, (a) => `缺少参数 <${a}>`],
  [/^error: option '([^']+)' argument missing/, (o) => `选项 ${o} 缺少值`],
  [/^error: required option '([^']+)' not specified/, (o) => `缺少必需的选项 ${o}`],
  [
    /^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (c, e, g) => `${c ? `${c} 命令的` : ""}参数太多：应为 ${e} 个，实为 ${g} 个`,
  ],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\.?\s*(.*)/s,
    (o, v, why) => `选项 ${o} 的值“${v}”无效 ${why}`,
  ],
];

export function translateCommanderError(s: string): string {
  let out = s.trim();
  for (const [re, zh] of MESSAGES) {
    const m = re.exec(out);
    if (m) {
      out = zh(...m.slice(1).map((x) => x ?? "")) + out.slice(m[0].length);
      break;
    }
  }
  out = out
    .replace(/\(Did you mean one of ([^?]+)\?\)/, "（是否想用：$1？）")
    .replace(/\(Did you mean ([^?]+)\?\)/, "（是否想用 $1？）")
    .replace(/^error: /, "");
  return `错误：${out.trim()}\n用 --help 查看用法。\n`;
}

const TITLES: Record<string, string> = {
  "Usage:": "用法：",
  "Arguments:": "参数：",
  "Options:": "选项：",
  "Commands:": "命令：",
  "Global Options:": "全局选项：",
};

/** Chinese errors and help headings for a program and every command added to it afterwards. */
export function chineseCommander(program: Command): Command {
  return program
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(translateCommanderError(s)),
    })
    .configureHelp({
      styleTitle: (s) => TITLES[s] ?? s,
      // "(default: "summary")" → "（默认：summary）"
      optionDescription: (o) => {
        const extra = [
          o.defaultValue !== undefined && !o.negate && typeof o.defaultValue !== "boolean"
            ? `默认：${o.defaultValueDescription ?? String(o.defaultValue)}`
            : "",
        ].filter(Boolean);
        return extra.length ? `${o.description}（${extra.join("；")}）` : o.description;
      },
    })
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [command]", "显示命令的帮助");
}
