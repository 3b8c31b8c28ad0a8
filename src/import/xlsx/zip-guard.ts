/**
 * Zip-bomb guard for XLSX (a zip), in two steps before the workbook is handed to exceljs:
 *
 * 1. `checkZip` reads the central directory and refuses archives whose declared uncompressed
 *    sizes or compression ratios are absurd, before any decompression happens.
 * 2. `inflateZip` inflates every entry, counting the bytes that actually come out and keeping
 *    none of them, and stops as soon as an entry gives more than it declared (the declared sizes
 *    passed step 1) or the total passes the cap. An entry that declares 1,000 bytes and inflates
 *    to gigabytes is refused after 1,001 bytes. exceljs (JSZip) then inflates the same bytes of
 *    the same entries, which are now known to fit.
 *
 * @example
 *   const why = await guardZip(bytes);
 *   if (why) refuse(why);
 */
import { createInflateRaw } from "node:zlib";

export interface ZipLimits {
  /** largest uncompressed entry (bytes) */
  maxEntry: number;
  /** largest total uncompressed size (bytes) */
  maxTotal: number;
  maxEntries: number;
  /** largest compression ratio of any entry over 1 MB */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntry: 100 * 1024 * 1024,
  maxTotal: 300 * 1024 * 1024,
  maxEntries: 5000,
  maxRatio: 200,
};

/** Returns a reason when the archive must not be opened, undefined when it looks sane. */
export function checkZip(buf: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): string | undefined {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "不是完整的 XLSX（zip）文件：找不到目录结尾，文件可能被截断";
  const entries = dv.getUint16(eocd + 10, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (entries > limits.maxEntries) return `压缩包含 ${entries} 个条目，超过上限 ${limits.maxEntries}`;
  if (cdOffset >= buf.length) return "XLSX 目录位置超出文件范围，文件损坏或被截断";
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || dv.getUint32(p, true) !== 0x02014b50) return "XLSX 目录损坏";
    const compressed = dv.getUint32(p + 20, true);
    const size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const name = Buffer.from(buf.subarray(p + 46, p + 46 + nameLen)).toString("utf8");
    // 0xFFFFFFFF means ZIP64 sizes follow: treat as over the limit (no real workbook needs it).
    if (size === 0xffffffff || size > limits.maxEntry) {
      return `工作簿中的 ${name} 解压后有 ${size === 0xffffffff ? "超过 4 GB" : `${Math.round(size / 1048576)} MB`}，超过上限（疑似压缩炸弹）`;
    }
    if (size > 1024 * 1024 && compressed > 0 && size / compressed > limits.maxRatio) {
      return `工作簿中的 ${name} 压缩比 ${Math.round(size / compressed)}:1 异常（疑似压缩炸弹）`;
    }
    total += size;
    if (total > limits.maxTotal) return `工作簿解压后超过 ${Math.round(limits.maxTotal / 1048576)} MB（疑似压缩炸弹）`;
    p += 46 + nameLen + extraLen + commentLen;
  }
  return undefined;
}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

/** The central directory's entries, or a reason it cannot be read (checkZip has vetted it). */
function entries(buf: Uint8Array): Entry[] | string {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "不是完整的 XLSX（zip）文件：找不到目录结尾，文件可能被截断";
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || dv.getUint32(p, true) !== 0x02014b50) return "XLSX 目录损坏";
    const nameLen = dv.getUint16(p + 28, true);
    out.push({
      name: Buffer.from(buf.subarray(p + 46, p + 46 + nameLen)).toString("utf8"),
      method: dv.getUint16(p + 10, true),
      compressed: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    });
    p += 46 + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return out;
}

/**
 * Inflates `data` (raw deflate), counting and dropping the output; stops once more than `cap`
 * bytes came out. Resolves to the count (cap + something when stopped), rejects on corrupt data.
 */
function inflatedLength(data: Uint8Array, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw();
    let n = 0;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    z.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap) {
        settle(() => resolve(n));
        z.destroy();
      }
    });
    z.on("end", () => settle(() => resolve(n)));
    z.on("error", (e) => settle(() => reject(e)));
    z.end(data);
  });
}

const MB = 1024 * 1024;

/** Step 2 above: a reason to refuse the archive, or undefined when every entry inflates as declared. */
export async function inflateZip(buf: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string | undefined> {
  const list = entries(buf);
  if (typeof list === "string") return list;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let total = 0;
  for (const e of list) {
    const p = e.localOffset;
    if (p + 30 > buf.length || dv.getUint32(p, true) !== 0x04034b50) return `工作簿中的 ${e.name} 位置无效，文件损坏`;
    const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
    if (start + e.compressed > buf.length) return `工作簿中的 ${e.name} 超出文件范围，文件损坏或被截断`;
    const data = buf.subarray(start, start + e.compressed);
    let got: number;
    if (e.method === 0) got = e.compressed;
    else if (e.method === 8) {
      // never more than the entry declared, the entry cap, or what is left of the total cap
      const cap = Math.min(e.size, limits.maxEntry, limits.maxTotal - total);
      try {
        got = await inflatedLength(data, cap);
      } catch {
        return `工作簿中的 ${e.name} 无法解压，文件损坏`;
      }
      if (got > cap && cap < e.size) return `工作簿解压后超过 ${Math.round(limits.maxTotal / MB)} MB（疑似压缩炸弹）`;
    } else return `工作簿中的 ${e.name} 使用了不支持的压缩方式（${e.method}）`;
    if (got !== e.size)
      return `工作簿中的 ${e.name} 声明解压后 ${e.size} 字节，实际${got > e.size ? "超过" : "只有"} ${Math.min(got, e.size)} 字节（文件损坏或疑似压缩炸弹），已停止解压`;
    total += got;
    if (total > limits.maxTotal) return `工作簿解压后超过 ${Math.round(limits.maxTotal / MB)} MB（疑似压缩炸弹）`;
  }
  return undefined;
}

/** Both steps: a reason to refuse the archive (our message), or undefined when it may be opened. */
export async function guardZip(buf: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string | undefined> {
  return checkZip(buf, limits) ?? (await inflateZip(buf, limits));
}
