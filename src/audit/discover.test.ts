import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverDocuments, documentHash } from "./discover.ts";

describe("the documents of an audit", () => {
  it("walks folders for .pdf .xlsx .txt .json, pairs the two halves of a document, and skips the output folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yusuan-discover-"));
    mkdirSync(join(dir, "sub", "deeper"), { recursive: true });
    mkdirSync(join(dir, "out", "state"), { recursive: true });
    writeFileSync(join(dir, "a.txt"), "a");
    writeFileSync(join(dir, "notes.md"), "not a document");
    writeFileSync(join(dir, ".hidden.txt"), "hidden");
    writeFileSync(join(dir, "sub", "x-tables.pdf"), "%PDF-tables");
    writeFileSync(join(dir, "sub", "x-text.pdf"), "%PDF-text");
    writeFileSync(join(dir, "sub", "y-text.pdf"), "%PDF-text without its tables");
    writeFileSync(join(dir, "sub", "deeper", "b.XLSX"), "PK");
    writeFileSync(join(dir, "out", "audit.json"), "{}");
    writeFileSync(join(dir, "out", "state", "0.json"), "{}");
    const found = await discoverDocuments([dir, join(dir, "a.txt"), join(dir, "missing.pdf")], [join(dir, "out")]);
    expect(found.documents).toEqual([
      { file: join(dir, "a.txt") },
      { file: join(dir, "sub", "deeper", "b.XLSX") },
      { file: join(dir, "sub", "x-tables.pdf"), text: join(dir, "sub", "x-text.pdf") },
      { file: join(dir, "sub", "y-text.pdf") },
    ]);
    expect(found.missing).toEqual([{ path: join(dir, "missing.pdf"), reason: expect.stringMatching(/^找不到/) }]);
    // the hash is of the content (both halves), not the name
    const h1 = await documentHash({ file: join(dir, "a.txt") }, "v");
    writeFileSync(join(dir, "a-copy.txt"), "a");
    expect(await documentHash({ file: join(dir, "a-copy.txt") }, "v")).toBe(h1);
    expect(await documentHash({ file: join(dir, "a.txt") }, "w")).not.toBe(h1);
    const pair = await documentHash(
      { file: join(dir, "sub", "x-tables.pdf"), text: join(dir, "sub", "x-text.pdf") },
      "v",
    );
    expect(pair).not.toBe(await documentHash({ file: join(dir, "sub", "x-tables.pdf") }, "v"));
    expect(await documentHash({ file: join(dir, "missing.pdf") }, "v")).toBeUndefined();
  });
});
