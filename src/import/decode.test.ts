import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, looksBinary } from "./decode.ts";

const text = "新疆巴州人力资源和社会保障局\n表 1\t部门收支总体情况表\t5,219.30\n";

describe("decodeText", () => {
  it("reads UTF-8, UTF-8 with BOM, GB18030/GBK and UTF-16 the same", () => {
    const utf8 = new TextEncoder().encode(text);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const gbk = iconv.encode(text, "gbk");
    const gb18030 = iconv.encode(text, "gb18030");
    const utf16 = new Uint8Array([0xff, 0xfe, ...iconv.encode(text, "utf-16le")]);
    for (const buf of [utf8, bom, gbk, gb18030, utf16]) {
      const r = decodeText(new Uint8Array(buf));
      expect(r.ok && r.text).toBe(text);
    }
  });
  it("refuses binary content", () => {
    const bin = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]);
    expect(looksBinary(bin)).toBe(true);
    expect(decodeText(bin).ok).toBe(false);
  });
});
