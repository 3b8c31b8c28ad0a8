/**
 * The yusuan CLI: thin over the library. One file per command group; exit codes mean something:
 * 0 ok, 1 findings of severity error (check) or a failed build, 2 unusable input or usage error.
 */
import { Command, CommanderError } from "commander";
import { InputError } from "../errors.ts";
import { registerAudit } from "./audit.ts";
import { registerBuild } from "./build.ts";
import { registerCheck } from "./check.ts";
import { registerDiff } from "./diff.ts";
import { registerImport } from "./import.ts";
import { chineseCommander } from "./options.ts";
import { registerRender } from "./render.ts";
import { registerRules } from "./rules.ts";
import { registerServe } from "./serve.ts";

export function createProgram(): Command {
  // settings made here are inherited by every command registered below
  const program = chineseCommander(
    new Command("yusuan")
      .description(
        "部门预算公开：读取、检查、编制、发布与浏览\nRead, check, build, publish and explore department budget disclosures.",
      )
      .version("0.1.0", "-V, --version", "显示版本号")
      .exitOverride(),
  );
  registerImport(program);
  registerCheck(program);
  registerRules(program);
  registerBuild(program);
  registerDiff(program);
  registerRender(program);
  registerServe(program);
  registerAudit(program);
  return program;
}

/** Runs the CLI; returns the exit code. */
/**
 * A reader that stops early (`yusuan rules | head`) closes the pipe: that ends the output, quietly,
 * instead of an EPIPE stack trace.
 */
const quieted = new WeakSet<NodeJS.WriteStream>();
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (quieted.has(stream)) continue;
    quieted.add(stream);
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      // any other failure to write the output: nothing more can be said on it
      process.exitCode = 70;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
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
