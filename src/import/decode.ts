/**
 * Decoding text files: UTF-8 (with or without BOM), UTF-16 with BOM, and GBK/GB18030 read the
 * same. Binary content is refused with a clear problem instead of being parsed as garbage.
 */
import iconv from "iconv-lite";

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** True when the bytes look like a binary file (NUL bytes or many control characters). */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes strict UTF-8 in one pass; undefined when the bytes are not valid UTF-8. */
function tryUtf8(buf: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(buf);
  } catch {
    return undefined;
  }
}

/** Decodes a text document. */
export function decodeText(buf: Uint8Array): DecodeResult {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { ok: true, text: new TextDecoder("utf-8").decode(buf.subarray(3)), encoding: "utf-8-bom" };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { ok: true, text: iconv.decode(Buffer.from(buf.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { ok: true, text: iconv.decode(Buffer.from(buf.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  }
  if (looksBinary(buf)) return { ok: false, reason: "文件是二进制内容，不是文本" };
  const utf8 = tryUtf8(buf);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: "utf-8" };
  const text = iconv.decode(Buffer.from(buf), "gb18030");
  return { ok: true, text, encoding: "gb18030" };
}
