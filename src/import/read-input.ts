/**
 * The one way yusuan reads an input file (import, check, render, diff, build, the examples):
 * regular files only, at most `maxBytes`, read in chunks so the cap holds whatever size the file
 * reports. `/dev/zero`, a `.txt` symlink to it, a FIFO or a socket is refused before a byte is
 * read (opening a FIFO does not wait for a writer), and a file that grows while it is read, or a
 * /proc file that reports size 0, stops at the cap.
 *
 * @example
 *   const r = await readInputFile("doc.pdf");
 *   if ("error" in r) fail(r.error); else use(r.bytes);
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";

/** Largest input accepted (bytes): disclosures are a few MB at most; refuse obvious mistakes. */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

const CHUNK = 1024 * 1024;

export type InputRead =
  | { bytes: Uint8Array }
  | {
      error: string;
      code: "input.missing" | "input.directory" | "input.notFile" | "input.tooLarge" | "input.unreadable";
    };

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export async function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<InputRead> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { code: "input.missing", error: `找不到文件 ${path}；请检查路径` };
    if (code === "EISDIR") return { code: "input.directory", error: `${path} 是目录，不是文件` };
    if (code === "EACCES" || code === "EPERM")
      return { code: "input.unreadable", error: `无权读取 ${path}；请检查文件权限` };
    return { code: "input.unreadable", error: `无法打开 ${path}（${code ?? (e as Error).message}）` };
  }
  try {
    // fstat on the open file: what a symlink points to, with no window to swap it meanwhile
    const st = await fh.stat();
    if (st.isDirectory()) return { code: "input.directory", error: `${path} 是目录，不是文件` };
    if (!st.isFile())
      return {
        code: "input.notFile",
        error: `${path} 不是普通文件（设备、管道或套接字，或指向它们的链接）：只读取普通文件`,
      };
    const tooLarge = (n: string) =>
      ({ code: "input.tooLarge", error: `${path} 太大（${n}，上限 ${mb(maxBytes)}）` }) as const;
    if (st.size > maxBytes) return tooLarge(mb(st.size));
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return tooLarge(`超过 ${mb(maxBytes)}，且仍在增长`);
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
    }
    return { bytes: chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, total) };
  } catch (e) {
    return {
      code: "input.unreadable",
      error: `读取 ${path} 失败（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`,
    };
  } finally {
    await fh.close();
  }
}
