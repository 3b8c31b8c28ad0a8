/**
 * Office files turned by LibreOffice, where it is installed, into what yusuan reads: old spreadsheets
 * (Excel 97–2003 .xls, WPS 表格 .et) into .xlsx, read by the workbook reader (docs/STACK.md: exceljs
 * cannot read the old binary format, and no maintained npm package can); Word documents (.docx, .doc,
 * WPS 文字 .wps) into PDF, read by the PDF reader. Many counties publish their tables as .xls and
 * their whole disclosure as a Word file. Without LibreOffice (or without its part for the kind:
 * Calc, Writer) the file stays unreadable, and the message says how to convert it or what to install.
 *
 * Each conversion runs in a folder of its own, with a LibreOffice profile of its own (two readers
 * converting at once never share one), is given a time limit, and leaves nothing behind.
 * `YUSUAN_SOFFICE` names the program to run (a path), or turns conversion off when set to "" or "none".
 */
import { spawn } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, extname, join } from "node:path";
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

/**
 * Whether the LibreOffice at `program` lacks the part that reads `to`'s sources (Calc for
 * spreadsheets, Writer for documents): told by the part's library beside the program, where the
 * program's folder holds any such library (Debian's layout); undefined when that cannot be told.
 */
export function lacksPart(program: string, to: "xlsx" | "pdf"): boolean | undefined {
  let dir: string;
  try {
    dir = dirname(realpathSync(program));
  } catch {
    return undefined;
  }
  const has = (lib: string) => existsSync(join(dir, lib));
  if (!has("libsclo.so") && !has("libswlo.so")) return undefined;
  return !has(to === "xlsx" ? "libsclo.so" : "libswlo.so");
}

export type Converted = { bytes: Uint8Array; program: string } | { error: string };

/** The extensions LibreOffice is given, by what a file is (its own, where it is one of them). */
const INPUT_EXT = new Set([".xls", ".et", ".doc", ".docx", ".wps"]);

/**
 * Converts an Office file's bytes with LibreOffice: to "xlsx" (a spreadsheet) or "pdf" (a document).
 * @example const c = await convertWithOffice(bytes, "2026年部门预算公开表.xls", "xlsx"); "bytes" in c // true where LibreOffice is installed
 */
export async function convertWithOffice(
  buf: Uint8Array,
  source: string,
  to: "xlsx" | "pdf",
  timeoutMs = CONVERT_TIMEOUT_MS,
): Promise<Converted> {
  const program = officeProgram();
  if (!program) return { error: "本机没有安装 LibreOffice" };
  if (lacksPart(program, to))
    return {
      error: `本机的 LibreOffice 没有${to === "xlsx" ? "电子表格组件 Calc（apt-get install libreoffice-calc-nogui）" : "文字处理组件 Writer（apt-get install libreoffice-writer-nogui）"}`,
    };
  const dir = mkdtempSync(join(tmpdir(), "yusuan-office-"));
  try {
    // a plain ASCII name: what the file is called is the source's business, not LibreOffice's
    const own = extname(source).toLowerCase();
    const ext = INPUT_EXT.has(own) ? own : to === "xlsx" ? ".xls" : ".doc";
    const input = join(dir, `input${ext}`);
    const out = join(dir, "out");
    writeFileSync(input, buf);
    const args = [
      "--headless",
      "--norestore",
      "--nolockcheck",
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--convert-to",
      to,
      "--outdir",
      out,
      input,
    ];
    const run = await runFor(program, args, timeoutMs);
    if (run.timedOut) return { error: `LibreOffice 转换超过 ${timeoutMs / 1000} 秒未完成` };
    if (run.error) return { error: `无法运行 LibreOffice（${program}）：${run.error}` };
    let produced: string[] = [];
    try {
      produced = readdirSync(out).filter((f) => f.endsWith(`.${to}`));
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
