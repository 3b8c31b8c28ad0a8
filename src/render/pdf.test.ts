/**
 * PDF through Chromium: one browser for the whole file. Real readers must agree with the model:
 * pdftotext finds every amount of every table, fonts are embedded (never Type 3), the copied text
 * is the right characters, and the outline has the parts and tables.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Disclosure } from "../model/disclosure.ts";
import { PdfRenderer } from "./pdf.ts";
import { HOSTILE, printedAmounts, testDisclosures } from "./testing.ts";

const dir = mkdtempSync(join(tmpdir(), "yusuan-pdf-test-"));
let docs: { name: string; d: Disclosure; file: string }[] = [];

beforeAll(async () => {
  const pdf = new PdfRenderer();
  await pdf.open();
  try {
    docs = (await testDisclosures()).map((x) => ({ ...x, file: join(dir, `${x.name}.pdf`) }));
    await Promise.all(docs.map((x) => pdf.render(x.d, x.file)));
  } finally {
    await pdf.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("PdfRenderer", () => {
  it("pdftotext finds every amount of every table, in the right characters", () => {
    for (const { name, d, file } of docs) {
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      for (const [amount, n] of printedAmounts(d)) {
        const found = text.match(new RegExp(`(?<![\\d,.])${escapeRe(amount)}(?!\\d)`, "g"))?.length ?? 0;
        expect(found, `${name}: ${amount} printed ${n}× in tables`).toBeGreaterThanOrEqual(n);
      }
      // no Kangxi / CJK radicals supplement code points (the Type 3 Noto CJK failure: 支→⽀, 门→⻔)
      expect(text).not.toMatch(/[\u2e80-\u2fdf]/);
      for (const t of d.tables)
        expect(text.replace(/\s+/g, ""), `${name}: 表${t.no}`).toContain(t.title.replace(/\s+/g, ""));
    }
  });

  it("hostile names are printed as text", () => {
    const { file } = docs.find((x) => x.name === "fixture")!;
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    expect(text).toContain(HOSTILE.replace(/\s+/g, ""));
  });

  it("embeds every font as TrueType (no Type 3) and is tagged", () => {
    for (const { name, file } of docs) {
      const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const line of fonts) {
        expect(line, name).not.toContain("Type 3");
        expect(line, name).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      }
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)/);
    }
  });

  it("has bookmarks for the four parts and every table", async () => {
    for (const { name, d, file } of docs) {
      const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
      type Item = { title: string; items?: Item[] };
      const titles: string[] = [];
      const walk = (items: Item[] | null | undefined) => {
        for (const i of items ?? []) {
          titles.push(i.title);
          walk(i.items);
        }
      };
      walk((await doc.getOutline()) as Item[] | null);
      for (const part of ["第一部分", "第二部分", "第三部分", "第四部分"])
        expect(
          titles.some((t) => t.startsWith(part)),
          `${name}: ${part}`,
        ).toBe(true);
      for (const t of d.tables) expect(titles, `${name}: 表${t.no}`).toContain(`表 ${t.no}　${t.title}`);
      await doc.destroy();
    }
  });
});
