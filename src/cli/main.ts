/**
 * The yusuan CLI: thin over the library. One file per command group; exit codes mean something:
 * 0 ok, 1 findings of severity error (check) or a failed build, 2 unusable input or usage error.
 */
import { Command, CommanderError } from "commander";
import { InputError } from "../errors.ts";
import { registerBuild } from "./build.ts";
import { registerCheck } from "./check.ts";
import { registerDiff } from "./diff.ts";
import { registerImport } from "./import.ts";
import { registerRender } from "./render.ts";
import { registerRules } from "./rules.ts";
import { registerServe } from "./serve.ts";

export function createProgram(): Command {
  const program = new Command("yusuan")
    .description(
      "部门预算公开：读取、检查、编制、发布与浏览\nRead, check, build, publish and explore department budget disclosures.",
    )
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerImport(program);
  registerCheck(program);
  registerRules(program);
  registerBuild(program);
  registerDiff(program);
  registerRender(program);
  registerServe(program);
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`错误：${e.describe()}\n`);
      return 2;
    }
    process.stderr.write(`内部错误（请报告此问题）：${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.YUSUAN_DEBUG) console.error(e);
    return 70;
  }
}
