import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ORIGINAL, PATCHED, patchInstalled, patchSource, workerPath } from "../../../scripts/patch-pdfjs.mjs";

describe("pdf.js TextState copies (scripts/patch-pdfjs.mjs, run after npm ci)", () => {
  it("the installed pdf.js carries the change: one hidden class for every text state", () => {
    const source = readFileSync(workerPath(), "utf8");
    expect(source).toContain(PATCHED);
    expect(source).not.toContain(ORIGINAL);
  });

  it("changes the original text once, leaves a changed or unknown worker alone", () => {
    const original = `class TextState {\n  clone() {\n${ORIGINAL}\n    return clone;\n  }\n}\n`;
    const r = patchSource(original);
    expect(r.state).toBe("patched");
    const patched = r.state === "patched" ? r.source : "";
    expect(patched).toBe(`class TextState {\n  clone() {\n${PATCHED}\n    return clone;\n  }\n}\n`);
    expect(patchSource(patched).state).toBe("already");
    // a different pdf.js (the text moved or appears twice): not touched
    expect(patchSource("class TextState { clone() { return structuredClone(this); } }").state).toBe("unknown");
    expect(patchSource(`${original}${original}`).state).toBe("unknown");
  });

  it("patches a worker file in place, whole, and only once", () => {
    const dir = mkdtempSync(join(tmpdir(), "yusuan-pdfjs-"));
    try {
      const file = join(dir, "pdf.worker.mjs");
      writeFileSync(file, `// head\n${ORIGINAL}\n// tail\n`);
      expect(patchInstalled(file)).toBe("patched");
      expect(readFileSync(file, "utf8")).toBe(`// head\n${PATCHED}\n// tail\n`);
      expect(patchInstalled(file)).toBe("already");
      copyFileSync(file, `${file}.copy`);
      writeFileSync(file, "// another pdf.js\n");
      expect(patchInstalled(file)).toBe("unknown");
      expect(readFileSync(file, "utf8")).toBe("// another pdf.js\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
