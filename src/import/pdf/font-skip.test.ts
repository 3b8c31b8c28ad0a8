import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, extractPdf } from "./extract.ts";
import { hideLargeFontPrograms } from "./font-skip.ts";

const corpus = (f: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/corpus/${f}`, import.meta.url)));

/** A minimal object layout: Type0 → CIDFont → FontDescriptor → font program with /Length1. */
const pdf = (opts: { length1: number; toUnicode?: boolean; encoding?: string }) =>
  new TextEncoder().encode(
    [
      "%PDF-1.4",
      `8 0 obj << /Subtype /Type0 /DescendantFonts [ 9 0 R ] /Encoding /${opts.encoding ?? "Identity-H"}${opts.toUnicode === false ? "" : " /ToUnicode 10 0 R"} /Type /Font >> endobj`,
      "9 0 obj << /CIDSystemInfo << /Ordering (Identity) >> /FontDescriptor 12 0 R /Subtype /CIDFontType2 /Type /Font >> endobj",
      "12 0 obj << /Flags 4 /FontFile2 13 0 R /FontName /X /Type /FontDescriptor >> endobj",
      `13 0 obj << /Filter [ /FlateDecode ] /Length 5 /Length1 ${opts.length1} >> stream\nxxxxx endstream endobj`,
      "%%EOF",
    ].join("\n"),
  );
const text = (b: Uint8Array) => new TextDecoder("latin1").decode(b);

describe("hideLargeFontPrograms", () => {
  it("hides a large font program of an Identity-H composite font with ToUnicode, keeping every offset", () => {
    const b = pdf({ length1: 4_383_664 });
    const before = b.length;
    expect(hideLargeFontPrograms(b)).toBe(1);
    expect(b.length).toBe(before);
    expect(text(b)).toContain("/FontFileX 13 0 R");
  });

  it("leaves small fonts, fonts without ToUnicode and other encodings alone", () => {
    for (const b of [
      pdf({ length1: 366_856 }),
      pdf({ length1: 4_383_664, toUnicode: false }),
      pdf({ length1: 4_383_664, encoding: "UniGB-UCS2-H" }),
    ]) {
      expect(hideLargeFontPrograms(b)).toBe(0);
      expect(text(b)).toContain("/FontFile2 13 0 R");
    }
  });

  it("the 2024 决算 reads the same text at the same positions without its 4.4 MB font program", async () => {
    const buf = corpus("shanghai-putuo-caizhengju-2024-juesuan.pdf");
    expect(hideLargeFontPrograms(new Uint8Array(buf))).toBe(1);
    const keep = await extractPdf(buf, "a.pdf", { ...DEFAULT_LIMITS, hideLargeFonts: false });
    const hide = await extractPdf(buf, "a.pdf");
    expect(hide.pages.length).toBe(25);
    expect(hide.pages).toEqual(keep.pages);
  });
});
