import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildPath,
  CHANGES,
  ORIGINAL,
  PATCHED,
  patchInstalled,
  patchSource,
  workerPath,
} from "../../../scripts/patch-pdfjs.mjs";

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

describe("pdf.js loads the canvas package only to draw (scripts/patch-pdfjs.mjs)", () => {
  it("the installed pdf.mjs carries the change, and a second run leaves it as it is", () => {
    const source = readFileSync(buildPath("pdf.mjs"), "utf8");
    for (const c of CHANGES["pdf.mjs"]) expect(source).toContain(c.patched);
    expect(patchSource(source, CHANGES["pdf.mjs"]).state).toBe("already");
  });

  it("importing pdf.js and reading a PDF's text load no canvas; DOMMatrix and Path2D still work when used", () => {
    // a child process: what a fresh reader loads, watched at Node's module loader
    const script = `
      const Module = require("node:module");
      const load = Module._load;
      let canvas = 0;
      Module._load = function (request, ...rest) {
        if (request === "@napi-rs/canvas") canvas++;
        return load.call(this, request, ...rest);
      };
      (async () => {
        const pdfjs = await import(${JSON.stringify(buildPath("pdf.mjs"))});
        const data = new Uint8Array(require("node:fs").readFileSync(${JSON.stringify(
          join(import.meta.dirname, "../../../test/fixtures/regions/shenzhen-caizhengju-2026-yusuan.pdf"),
        )}));
        const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
        let items = 0;
        for (let n = 1; n <= doc.numPages; n++) items += (await (await doc.getPage(n)).getTextContent()).items.length;
        const before = canvas;
        const m = new DOMMatrix([2, 0, 0, 2, 0, 0]).inverse();
        const path = new Path2D();
        path.rect(0, 0, 1, 1);
        console.log(JSON.stringify({ items, before, after: canvas, inverse: m.a }));
        await doc.destroy();
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
    expect(out.items).toBeGreaterThan(1000);
    expect(out.before).toBe(0);
    expect(out.after).toBe(1);
    expect(out.inverse).toBe(0.5);
  });

  it("changes pdf.mjs together or not at all", () => {
    const [canvas, matrix, use] = CHANGES["pdf.mjs"];
    const original = `// head\n${canvas.original}\n${matrix.original}\nfunction f() {\n${use.original}\n}\n`;
    const r = patchSource(original, CHANGES["pdf.mjs"]);
    expect(r.state).toBe("patched");
    const patched = r.state === "patched" ? r.source : "";
    expect(patched).toBe(`// head\n${canvas.patched}\n${matrix.patched}\nfunction f() {\n${use.patched}\n}\n`);
    // the change of the matrix's use holds its original line: still recognised as made
    expect(patchSource(patched, CHANGES["pdf.mjs"]).state).toBe("already");
    // one of the texts missing (another version): nothing changed
    expect(patchSource(original.replace(matrix.original, "const SCALE_MATRIX = null;"), CHANGES["pdf.mjs"]).state).toBe(
      "unknown",
    );
  });
});
