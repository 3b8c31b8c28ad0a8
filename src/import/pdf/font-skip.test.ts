import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, extractPdf } from "./extract.ts";
import { hideFontPrograms } from "./font-skip.ts";

const corpus = (f: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/corpus/${f}`, import.meta.url)));

/** A minimal object layout: Type0 → CIDFont → FontDescriptor → font program with /Length1. */
const pdf = (opts: { length1: number; toUnicode?: boolean; encoding?: string; sharedWithSimpleFont?: boolean }) =>
  new TextEncoder().encode(
    [
      "%PDF-1.4",
      `8 0 obj << /Subtype /Type0 /DescendantFonts [ 9 0 R ] /Encoding /${opts.encoding ?? "Identity-H"}${opts.toUnicode === false ? "" : " /ToUnicode 10 0 R"} /Type /Font >> endobj`,
      "9 0 obj << /CIDSystemInfo << /Ordering (Identity) >> /FontDescriptor 12 0 R /Subtype /CIDFontType2 /Type /Font >> endobj",
      "12 0 obj << /Flags 4 /FontFile2 13 0 R /FontName /X /Type /FontDescriptor >> endobj",
      `13 0 obj << /Filter [ /FlateDecode ] /Length 5 /Length1 ${opts.length1} >> stream\nxxxxx endstream endobj`,
      ...(opts.sharedWithSimpleFont
        ? ["14 0 obj << /Subtype /TrueType /FontDescriptor 12 0 R /Encoding /WinAnsiEncoding /Type /Font >> endobj"]
        : []),
      "15 0 obj << /Length 20 >> stream\n/FontFile2 13 0 R\nendstream endobj",
      "%%EOF",
    ].join("\n"),
  );
const text = (b: Uint8Array) => new TextDecoder("latin1").decode(b);

describe("hideFontPrograms", () => {
  it("hides the font program of an Identity-H composite font with ToUnicode, of any size, keeping every offset", () => {
    for (const length1 of [4_383_664, 36_856]) {
      const b = pdf({ length1 });
      const before = b.length;
      expect(hideFontPrograms(b)).toBe(1);
      expect(b.length).toBe(before);
      expect(text(b)).toContain("/FontFileX 13 0 R");
      // the same words inside a stream's data are not a dictionary and stay as they are
      expect(text(b)).toContain("stream\n/FontFile2 13 0 R\nendstream");
    }
  });

  it("leaves fonts without ToUnicode, other encodings and a program shared with a simple font alone", () => {
    for (const b of [
      pdf({ length1: 4_383_664, toUnicode: false }),
      pdf({ length1: 4_383_664, encoding: "UniGB-UCS2-H" }),
      pdf({ length1: 36_856, sharedWithSimpleFont: true }),
    ]) {
      expect(hideFontPrograms(b)).toBe(0);
      expect(text(b)).toContain("/FontFile2 13 0 R");
    }
  });

  it("the 2024 决算 reads the same text at the same positions without its font programs (one of 4.4 MB)", async () => {
    const buf = corpus("shanghai-putuo-caizhengju-2024-juesuan.pdf");
    expect(hideFontPrograms(new Uint8Array(buf))).toBe(6);
    const keep = await extractPdf(buf, "a.pdf", { ...DEFAULT_LIMITS, hideFontPrograms: false });
    const hide = await extractPdf(buf, "a.pdf");
    expect(hide.pages.length).toBe(25);
    expect(hide.pages).toEqual(keep.pages);
  });

  it.each([
    ["regions/xian-weijianwei-2022-juesuan.pdf", 49],
    ["corpus/jiangsu-renda-2017-yusuan.pdf", 7],
  ])("%s reads the same chunks without its %i small font programs", async (file, count) => {
    const buf = new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${file}`, import.meta.url)));
    expect(hideFontPrograms(new Uint8Array(buf))).toBe(count);
    const keep = await extractPdf(buf, "a.pdf", { ...DEFAULT_LIMITS, hideFontPrograms: false });
    const hide = await extractPdf(buf, "a.pdf");
    expect(hide.pages.length).toBeGreaterThan(10);
    expect(hide.pages).toEqual(keep.pages);
  });
});
