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
    const response = CHANGES["pdf.worker.mjs"][1];
    const original = `${response.original}\nclass TextState {\n  clone() {\n${ORIGINAL}\n    return clone;\n  }\n}\n`;
    const r = patchSource(original);
    expect(r.state).toBe("patched");
    const patched = r.state === "patched" ? r.source : "";
    expect(patched).toBe(
      `${response.patched}\nclass TextState {\n  clone() {\n${PATCHED}\n    return clone;\n  }\n}\n`,
    );
    expect(patchSource(patched).state).toBe("already");
    // a worker changed by an earlier yusuan (the TextState change only): the other change is made
    const earlier = original.replace(ORIGINAL, PATCHED);
    expect(patchSource(earlier)).toEqual({ state: "patched", source: patched });
    // a different pdf.js (the text moved or appears twice): not touched
    expect(patchSource("class TextState { clone() { return structuredClone(this); } }").state).toBe("unknown");
    expect(patchSource(`${original}${original}`).state).toBe("unknown");
  });

  it("patches a worker file in place, whole, and only once", () => {
    const dir = mkdtempSync(join(tmpdir(), "yusuan-pdfjs-"));
    try {
      const file = join(dir, "pdf.worker.mjs");
      const response = CHANGES["pdf.worker.mjs"][1];
      writeFileSync(file, `// head\n${ORIGINAL}\n${response.original}\n// tail\n`);
      expect(patchInstalled(file)).toBe("patched");
      expect(readFileSync(file, "utf8")).toBe(`// head\n${PATCHED}\n${response.patched}\n// tail\n`);
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

  it("importing pdf.js and reading a PDF's text do not make Node's Response; used, it has bytes()", () => {
    // Node makes Response, loading its fetch library (undici), on its first use
    const script = `
      (async () => {
        const pdfjs = await import(${JSON.stringify(buildPath("pdf.mjs"))});
        await import(${JSON.stringify(buildPath("pdf.worker.mjs"))});
        const data = new Uint8Array(require("node:fs").readFileSync(${JSON.stringify(
          join(import.meta.dirname, "../../../test/fixtures/regions/shenzhen-caizhengju-2026-yusuan.pdf"),
        )}));
        const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
        let items = 0;
        for (let n = 1; n <= doc.numPages; n++) items += (await (await doc.getPage(n)).getTextContent()).items.length;
        const undici = () => process.moduleLoadList.some((m) => m.includes("undici"));
        const before = undici();
        const bytes = await new Response(new Uint8Array([1, 2, 3])).bytes();
        console.log(JSON.stringify({ items, before, after: undici(), bytes: [...bytes] }));
        await doc.destroy();
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
    expect(out.items).toBeGreaterThan(1000);
    expect(out.before).toBe(false);
    expect(out.after).toBe(true);
    expect(out.bytes).toEqual([1, 2, 3]);
  });

  it("gives Response bytes() on its first use where Node's has none", () => {
    const response = CHANGES["pdf.mjs"][3];
    // a lazily made Response without bytes(), as older Nodes have
    const script = `
      class R { constructor(b) { this.b = b; } async arrayBuffer() { return this.b.buffer; } }
      let made = 0;
      Object.defineProperty(globalThis, "Response", { configurable: true, enumerable: false,
        get() { made++; Object.defineProperty(globalThis, "Response", { value: R, writable: true, configurable: true }); return R; },
        set(v) { Object.defineProperty(globalThis, "Response", { value: v, writable: true, configurable: true }); } });
      ${response.patched}
      const before = made;
      new Response(new Uint8Array([4, 5])).bytes().then((b) => console.log(JSON.stringify({ before, after: made, bytes: [...b] })));`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
    expect(out).toEqual({ before: 0, after: 1, bytes: [4, 5] });
  });

  it("changes pdf.mjs together or not at all", () => {
    const [canvas, matrix, use, response] = CHANGES["pdf.mjs"];
    const original = `// head\n${canvas.original}\n${matrix.original}\nfunction f() {\n${use.original}\n}\n${response.original}\n`;
    const r = patchSource(original, CHANGES["pdf.mjs"]);
    expect(r.state).toBe("patched");
    const patched = r.state === "patched" ? r.source : "";
    expect(patched).toBe(
      `// head\n${canvas.patched}\n${matrix.patched}\nfunction f() {\n${use.patched}\n}\n${response.patched}\n`,
    );
    // the change of the matrix's use holds its original line: still recognised as made
    expect(patchSource(patched, CHANGES["pdf.mjs"]).state).toBe("already");
    // one of the texts missing (another version): nothing changed
    expect(patchSource(original.replace(matrix.original, "const SCALE_MATRIX = null;"), CHANGES["pdf.mjs"]).state).toBe(
      "unknown",
    );
  });
});
