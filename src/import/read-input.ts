/**
 * The one way yusuan reads an input file (import, check, render, diff, build, the examples):
 * regular files only, at most `maxBytes`, and the cap holds whatever size the file reports. `/dev/zero`, a `.txt` symlink to it, a FIFO or a socket is refused before a byte is
 * read (opening a FIFO does not wait for a writer), and a file that grows while it is read, or a
 * /proc file that reports size 0, stops at the cap.
 *
 * @example
 *   const r = await readInputFile("doc.pdf");
 *   if ("error" in r) fail(r.error); else use(r.bytes);
 */
import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";

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

type InputError = Extract<InputRead, { error: string }>;

/**
 * Opens `path` for reading with every check done (a regular file, within the cap by its size) and
 * runs `body` on it, closing it after; an error reading is input.unreadable.
 */
async function withInputFile<T>(
  path: string,
  maxBytes: number,
  body: (fh: FileHandle, size: number, tooLarge: (n: string) => InputError) => Promise<T | InputError>,
): Promise<T | InputError> {
  let fh: FileHandle;
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
    const tooLarge = (n: string): InputError => ({
      code: "input.tooLarge",
      error: `${path} 太大（${n}，上限 ${mb(maxBytes)}）`,
    });
    if (st.size > maxBytes) return tooLarge(mb(st.size));
    return await body(fh, st.size, tooLarge);
  } catch (e) {
    return {
      code: "input.unreadable",
      error: `读取 ${path} 失败（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`,
    };
  } finally {
    await fh.close();
  }
}

const GROWING = (maxBytes: number) => `超过 ${mb(maxBytes)}，且仍在增长`;

export async function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<InputRead> {
  return withInputFile(path, maxBytes, async (fh, size, tooLarge) => {
    // one buffer of the size the file reports and a byte more (a file that grew shows it), filled
    // in place; past it (a growing file, a /proc file that reports 0) it grows in chunks to the cap
    let buf = Buffer.allocUnsafe(Math.min(size + 1, maxBytes + 1));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        const more = Buffer.allocUnsafe(Math.min(total + CHUNK, maxBytes + 1));
        buf.copy(more, 0, 0, total);
        buf = more;
      }
      const { bytesRead } = await fh.read(buf, total, buf.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return tooLarge(GROWING(maxBytes));
    }
    return { bytes: buf.subarray(0, total) };
  });
}

/**
 * Reads a file as readInputFile does (the same checks and cap) without holding it: `start` gets the
 * size the file reports, then `each` every chunk in order (one buffer, reused: a chunk is only valid
 * during its call). Resolves to the bytes read, which differ from the reported size only for a file
 * that changed meanwhile.
 */
export async function streamInputFile(
  path: string,
  start: (size: number) => void,
  each: (chunk: Uint8Array) => void,
  maxBytes = MAX_INPUT_BYTES,
): Promise<{ bytesRead: number } | InputError> {
  return withInputFile(path, maxBytes, async (fh, size, tooLarge) => {
    start(size);
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1));
    let total = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, maxBytes + 1 - total), null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return tooLarge(GROWING(maxBytes));
      each(buf.subarray(0, bytesRead));
    }
    return { bytesRead: total };
  });
}
