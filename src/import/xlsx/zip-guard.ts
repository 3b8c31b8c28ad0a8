/**
 * Zip-bomb guard for XLSX (a zip): reads the central directory and refuses archives whose declared
 * uncompressed sizes or compression ratios are absurd, before any decompression happens.
 */

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
