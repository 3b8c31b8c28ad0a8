/** Runs the real CLI (bin/yusuan.js) in a child process, as a user would. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SEED = fileURLToPath(new URL("../fixtures/bazhou-hrss-2025-budget.txt", import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function yusuan(args: string[], opts: { cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [`${ROOT}bin/yusuan.js`, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
