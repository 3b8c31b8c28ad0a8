/**
 * Hostile and broken inputs give one clear problem, never a stack trace: encrypted (made with
 * `qpdf --encrypt`), truncated (a corpus PDF cut in half), scanned (a page with an image and no
 * text operators, hand-made here), a text layer that decodes to gibberish (a real PDF's fonts
 * without their ToUnicode maps), 1,000 pages, and a zip-bomb XLSX (a zip whose directory declares
 * a 3 GB sheet).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importBufferAsync } from "../index.ts";
import { checkZip } from "../xlsx/zip-guard.ts";

const FIX = join(import.meta.dirname, "../../../test/fixtures");

/** A minimal PDF with the given page content streams (one per page), correct xref offsets. */
function makePdf(contents: readonly string[]): Uint8Array {
  const objs: string[] = [];
  const n = contents.length;
  // 1 catalog, 2 pages, then per page: page object, content stream
  objs.push("<< /Type /Catalog /Pages 2 0 R >>");
  const kids = contents.map((_, i) => `${3 + i * 2} 0 R`).join(" ");
  objs.push(`<< /Type /Pages /Kids [${kids}] /Count ${n} >>`);
  contents.forEach((c, i) => {
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + i * 2} 0 R /Resources << >> >>`);
    objs.push(`<< /Length ${c.length} >>\nstream\n${c}\nendstream`);
  });
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A zip with one entry whose directory declares `size` uncompressed bytes (no real data). */
function zipBomb(size: number): Uint8Array {
  const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
  const local = new Uint8Array(30 + name.length + 16);
  const ldv = new DataView(local.buffer);
  ldv.setUint32(0, 0x04034b50, true);
  ldv.setUint16(8, 8, true); // deflate
  ldv.setUint32(18, 16, true);
  ldv.setUint32(22, size, true);
  ldv.setUint16(26, name.length, true);
  local.set(name, 30);
  const cd = new Uint8Array(46 + name.length);
  const cdv = new DataView(cd.buffer);
  cdv.setUint32(0, 0x02014b50, true);
  cdv.setUint16(10, 8, true);
  cdv.setUint32(20, 16, true);
  cdv.setUint32(24, size, true);
  cdv.setUint16(28, name.length, true);
  cd.set(name, 46);
  const eocd = new Uint8Array(22);
  const edv = new DataView(eocd.buffer);
  edv.setUint32(0, 0x06054b50, true);
  edv.setUint16(8, 1, true);
  edv.setUint16(10, 1, true);
  edv.setUint32(12, cd.length, true);
  edv.setUint32(16, local.length, true);
  const out = new Uint8Array(local.length + cd.length + eocd.length);
  out.set(local, 0);
  out.set(cd, local.length);
  out.set(eocd, local.length + cd.length);
  return out;
}

const errorCodes = async (buf: Uint8Array, name: string) => {
  const r = await importBufferAsync(buf, name);
  expect(r.disclosure).toBeUndefined();
  for (const p of r.problems) expect(p.message).not.toMatch(/\n\s+at /); // no stack traces
  return r.problems.filter((p) => p.severity === "error").map((p) => p.code);
};

describe("broken and hostile inputs", () => {
  it("encrypted PDF", async () => {
    const codes = await errorCodes(new Uint8Array(readFileSync(join(FIX, "broken/encrypted.pdf"))), "encrypted.pdf");
    expect(codes).toEqual(["pdf.encrypted"]);
  });

  it("truncated PDF (a corpus file cut in half)", async () => {
    const full = readFileSync(join(FIX, "corpus/shanghai-putuo-caizhengju-2025-yusuan.pdf"));
    const r = await importBufferAsync(new Uint8Array(full.subarray(0, full.length >> 1)), "half.pdf");
    expect(r.problems.some((p) => p.code === "pdf.truncated")).toBe(true);
    for (const p of r.problems) expect(p.message).not.toMatch(/\n\s+at /);
  });

  it("garbage after the PDF header", async () => {
    const codes = await errorCodes(new TextEncoder().encode("%PDF-1.7\n\u0000\u0001 not really a pdf"), "junk.pdf");
    expect(codes.length).toBe(1);
    expect(codes[0]).toMatch(/^pdf\.(damaged|unreadable|noPages)$/);
  });

  it("scanned PDF: pages without any text", async () => {
    const codes = await errorCodes(
      makePdf(["0 0 1 rg 10 10 500 800 re f", "0 0 0 RG 20 20 m 500 700 l S"]),
      "scan.pdf",
    );
    expect(codes).toEqual(["pdf.noText"]);
  });

  it("a text layer that decodes to no language (fonts without ToUnicode) is refused as such, not as 'no tables'", async () => {
    // two pages of a real PDF (重庆市气象局) with every font's ToUnicode map taken out (Debian python3-fitz)
    const dir = mkdtempSync(join(tmpdir(), "yusuan-garbled-"));
    try {
      const out = join(dir, "garbled.pdf");
      const py = `import fitz, sys
d = fitz.open(sys.argv[1]); d.select([0, 1])
for x in range(1, d.xref_length()):
    try:
        if d.xref_get_key(x, "ToUnicode")[0] != "null": d.xref_set_key(x, "ToUnicode", "null")
    except RuntimeError:
        pass  # (objects of the pages left out)
d.save(sys.argv[2])`;
      const r = spawnSync(
        "/usr/bin/python3",
        ["-c", py, join(FIX, "regions/chongqing-qixiangju-2026-yusuan.pdf"), out],
        {
          encoding: "utf8",
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const result = await importBufferAsync(new Uint8Array(readFileSync(out)), "garbled.pdf");
      expect(result.problems.filter((p) => p.severity === "error").map((p) => p.code)).toEqual(["pdf.garbledText"]);
      expect(result.problems[0]?.message).toMatch(/乱码.*ToUnicode.*OCR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("1,000 pages are refused before reading them", async () => {
    const codes = await errorCodes(makePdf(Array.from({ length: 1000 }, () => "")), "big.pdf");
    expect(codes).toEqual(["pdf.tooManyPages"]);
  });

  it("zip-bomb XLSX is refused before decompression", async () => {
    const bomb = zipBomb(3_000_000_000);
    expect(checkZip(bomb)).toMatch(/压缩炸弹/);
    expect(await errorCodes(bomb, "bomb.xlsx")).toEqual(["xlsx.refused"]);
  });

  it("truncated XLSX", async () => {
    const full = readFileSync(join(FIX, "corpus/shanghai-unit-budget-template.xlsx"));
    const codes = await errorCodes(new Uint8Array(full.subarray(0, full.length >> 1)), "half.xlsx");
    expect(codes).toEqual(["xlsx.refused"]);
  });
});
