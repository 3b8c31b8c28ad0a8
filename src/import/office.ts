/**
 * Old spreadsheets (Excel 97–2003 .xls, WPS 表格 .et) turned into .xlsx by LibreOffice, where it is
 * installed, so the workbook reader reads them as any workbook (docs/STACK.md: exceljs cannot read
 * the old binary format, and no maintained npm package can). Many counties publish their tables as
 * .xls. Without LibreOffice the file stays unreadable, and the message says how to convert it or
 * what to install.
 *
 * Each conversion runs in a folder of its own, with a LibreOffice profile of its own (two readers
 * converting at once never share one), is given a time limit, and leaves nothing behind.
 * `YUSUAN_SOFFICE` names the program to run (a path), or turns conversion off when set to "" or "none".
 */
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** A conversion that takes longer than this is stopped (LibreOffice's own start is 1–2 s). */
export const CONVERT_TIMEOUT_MS = 120_000;

/** The LibreOffice program on this machine, or undefined (not installed, or turned off). */
export function officeProgram(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const asked = env.YUSUAN_SOFFICE;
  if (asked !== undefined) return asked === "" || asked === "none" ? undefined : asked;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of ["soffice", "libreoffice"]) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export type Converted = { bytes: Uint8Array; program: string } | { error: string };

/**
 * Converts an old spreadsheet's bytes to .xlsx with LibreOffice.
 * @example const c = await toXlsx(bytes, "2026年部门预算公开表.xls"); "bytes" in c // true where LibreOffice is installed
 */
export async function toXlsx(buf: Uint8Array, source: string, timeoutMs = CONVERT_TIMEOUT_MS): Promise<Converted> {
  const program = officeProgram();
  if (!program) return { error: "本机没有安装 LibreOffice" };
  const dir = mkdtempSync(join(tmpdir(), "yusuan-office-"));
  try {
    // a plain ASCII name: what the file is called is the source's business, not LibreOffice's
    const ext = extname(source).toLowerCase() === ".et" ? ".et" : ".xls";
    const input = join(dir, `input${ext}`);
    const out = join(dir, "out");
    writeFileSync(input, buf);
    const args = [
      "--headless",
      "--norestore",
      "--nolockcheck",
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--convert-to",
      "xlsx",
      "--outdir",
      out,
      input,
    ];
    const run = await runFor(program, args, timeoutMs);
    if (run.timedOut) return { error: `LibreOffice 转换超过 ${timeoutMs / 1000} 秒未完成` };
    if (run.error) return { error: `无法运行 LibreOffice（${program}）：${run.error}` };
    let produced: string[] = [];
    try {
      produced = readdirSync(out).filter((f) => f.endsWith(".xlsx"));
    } catch {
      // no output folder: nothing was converted
    }
    const first = produced[0];
    if (!first) return { error: `LibreOffice 无法打开该文件${run.stderr ? `（${lastLine(run.stderr)}）` : ""}` };
    return { bytes: new Uint8Array(readFileSync(join(out, first))), program };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lastLine = (s: string) =>
  s
    .trim()
    .split("\n")
    .filter((l) => !/javaldx|java may not/.test(l))
    .pop()
    ?.slice(0, 200) ?? "";

interface Ran {
  timedOut: boolean;
  error?: string;
  stderr: string;
}

/** Runs a program in a process group of its own, killed whole (soffice starts soffice.bin) past the limit. */
function runFor(program: string, args: string[], timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    let stderr = "";
    let timedOut = false;
    const child = spawn(program, args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      if (stderr.length < 4096) stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ timedOut, error: e.message, stderr });
    });
    child.on("close", () => {
      clearTimeout(timer);
      resolve({ timedOut, stderr });
    });
  });
}
