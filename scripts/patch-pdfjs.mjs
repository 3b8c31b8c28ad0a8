// Run after `npm ci` (the postinstall script): checked changes to pdf.js that make reading faster and
// leave every result as it was (`npx tsx scripts/equivalence.ts record` with the original pdf.js,
// `compare` with the changed one: all 433 documents give the same results).
//
// 1. The worker (pdf.worker.mjs): reading a PDF's text no longer makes V8 build a new object shape
//    for every graphics state it saves. pdf.js copies its text state at every `q` (save) operator,
//    and on every change of font, with `Object.assign(Object.create(this), this)`: each copy has the
//    state it was copied from as its prototype. Every state then has a hidden class of its own, so
//    the property reads of the text loop (getTextContent, buildTextContentItem) never settle and V8
//    keeps recompiling them. PDFs printed from Word or WPS save and restore the state around every
//    table cell, thousands of times a page. The change copies into a fresh TextState instead: the
//    same fields with the same values (all of a TextState's fields are its own, set by the class),
//    one hidden class for all states. Measured in BENCHMARKS.md (2026-12-06): the copy fell from
//    about 1.5 s to 0.1 s of CPU a pass over the corpus.
// 2. The display layer (pdf.mjs): in Node, pdf.js loads the native canvas package (@napi-rs/canvas)
//    as soon as it is imported, to stand in for the browser's DOMMatrix, ImageData and Path2D, and
//    builds one DOMMatrix at load. Only drawing pages uses them; reading text never does. The change
//    loads the package the first time one of the three is used (the same classes, the same warning
//    when it cannot be loaded) and builds the matrix on first use: every process that reads a PDF
//    (`yusuan check`, each audit reader) starts about 0.15 s sooner (BENCHMARKS.md, 2026-12-07).
// 3. Both files: pdf.js gives Node's `Response` a `bytes()` method where it has none, at import. Node
//    makes `Response` on its first use, and makes it by loading its fetch library (undici): about
//    27 ms of CPU at every start, for a class that only fetching a PDF by its address, or saving one,
//    uses. The change gives `bytes()` the first time `Response` is used (the same method, only where
//    it is missing); reading a PDF from its bytes never uses it.
//
// A file is changed only where every original text of its changes is found exactly once; a file
// that is already changed is left as it is, and any other pdf.js (a new version) is left alone with
// a warning: yusuan then reads the same, only slower. A test (src/import/pdf/pdfjs-patch.test.ts)
// fails when the installed pdf.js does not carry the changes.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ORIGINAL =
  "    const clone = Object.assign(Object.create(this), this);\n    clone.textMatrix = this.textMatrix.slice();";
export const PATCHED =
  "    const clone = Object.assign(new TextState(), this);\n    clone.textMatrix = this.textMatrix.slice();";

/** pdf.mjs's Node set-up as published (pdfjs-dist 5.6.205): the canvas package loaded at import. */
const CANVAS_ORIGINAL = [
  "  let canvas;",
  "  try {",
  '    const require = process.getBuiltinModule("module").createRequire(import.meta.url);',
  "    try {",
  '      canvas = require("@napi-rs/canvas");',
  "    } catch (ex) {",
  '      warn(`Cannot load "@napi-rs/canvas" package: "${ex}".`);',
  "    }",
  "  } catch (ex) {",
  '    warn(`Cannot access the \\`require\\` function: "${ex}".`);',
  "  }",
  "  if (!globalThis.DOMMatrix) {",
  "    if (canvas?.DOMMatrix) {",
  "      globalThis.DOMMatrix = canvas.DOMMatrix;",
  "    } else {",
  '      warn("Cannot polyfill `DOMMatrix`, rendering may be broken.");',
  "    }",
  "  }",
  "  if (!globalThis.ImageData) {",
  "    if (canvas?.ImageData) {",
  "      globalThis.ImageData = canvas.ImageData;",
  "    } else {",
  '      warn("Cannot polyfill `ImageData`, rendering may be broken.");',
  "    }",
  "  }",
  "  if (!globalThis.Path2D) {",
  "    if (canvas?.Path2D) {",
  "      globalThis.Path2D = canvas.Path2D;",
  "    } else {",
  '      warn("Cannot polyfill `Path2D`, rendering may be broken.");',
  "    }",
  "  }",
].join("\n");
/** The same, loading the package the first time DOMMatrix, ImageData or Path2D is used. */
const CANVAS_PATCHED = [
  "  let canvas;",
  "  const loadCanvas = () => {",
  "    if (canvas === undefined) {",
  "      canvas = null;",
  "      try {",
  '        const require = process.getBuiltinModule("module").createRequire(import.meta.url);',
  "        try {",
  '          canvas = require("@napi-rs/canvas");',
  "        } catch (ex) {",
  '          warn(`Cannot load "@napi-rs/canvas" package: "${ex}".`);',
  "        }",
  "      } catch (ex) {",
  '        warn(`Cannot access the \\`require\\` function: "${ex}".`);',
  "      }",
  "    }",
  "    return canvas;",
  "  };",
  '  for (const name of ["DOMMatrix", "ImageData", "Path2D"]) {',
  "    if (globalThis[name]) continue;",
  "    const settle = value => {",
  "      Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });",
  "      return value;",
  "    };",
  "    Object.defineProperty(globalThis, name, {",
  "      configurable: true,",
  "      get() {",
  "        const value = loadCanvas()?.[name];",
  "        if (!value) warn(`Cannot polyfill \\`${name}\\`, rendering may be broken.`);",
  "        return settle(value);",
  "      },",
  "      set: settle",
  "    });",
  "  }",
].join("\n");

/** Both files' polyfill as published: it touches Node's lazily made `Response` at import. */
const RESPONSE_ORIGINAL = [
  'if (typeof Response.prototype.bytes !== "function") {',
  "  Response.prototype.bytes = async function () {",
  "    return new Uint8Array(await this.arrayBuffer());",
  "  };",
  "}",
].join("\n");
/** The same, made the first time `Response` is used (Node's own getter still makes it). */
const RESPONSE_PATCHED = [
  "{",
  "  const withBytes = R => {",
  '    if (R && typeof R.prototype.bytes !== "function") {',
  "      R.prototype.bytes = async function () {",
  "        return new Uint8Array(await this.arrayBuffer());",
  "      };",
  "    }",
  "    return R;",
  "  };",
  '  const lazy = Object.getOwnPropertyDescriptor(globalThis, "Response");',
  "  if (lazy?.get && lazy.configurable) {",
  '    Object.defineProperty(globalThis, "Response", {',
  "      configurable: true,",
  "      enumerable: lazy.enumerable,",
  "      get() {",
  "        return withBytes(lazy.get.call(globalThis));",
  "      },",
  "      set: lazy.set",
  "    });",
  "  } else {",
  "    withBytes(globalThis.Response);",
  "  }",
  "}",
].join("\n");
const RESPONSE = { original: RESPONSE_ORIGINAL, patched: RESPONSE_PATCHED };

/**
 * The changes, by file (in pdfjs-dist/legacy/build/). A file's changes are made together or not at
 * all: each `original` is found exactly once, or the file is not touched.
 */
export const CHANGES = {
  "pdf.worker.mjs": [{ original: ORIGINAL, patched: PATCHED }, RESPONSE],
  "pdf.mjs": [
    { original: CANVAS_ORIGINAL, patched: CANVAS_PATCHED },
    { original: "const SCALE_MATRIX = new DOMMatrix();", patched: "let SCALE_MATRIX;" },
    {
      original: "    SCALE_MATRIX.a = 1 / scaleX;",
      patched: "    SCALE_MATRIX ??= new DOMMatrix();\n    SCALE_MATRIX.a = 1 / scaleX;",
    },
    RESPONSE,
  ],
};

/** A pdf.js build file as installed beside this package (hoisted or not). */
export function buildPath(file) {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("pdfjs-dist/package.json")), "legacy", "build", file);
}

/** pdf.js's worker module as installed. */
export function workerPath() {
  return buildPath("pdf.worker.mjs");
}

const count = (source, text) => source.split(text).length - 1;

/**
 * The source with the changes made: `{ state: "patched", source }`, `{ state: "already" }` when
 * they are all there, `{ state: "unknown" }` when an original text is not found exactly once.
 */
export function patchSource(source, changes = CHANGES["pdf.worker.mjs"]) {
  // a change's text may hold its original (a line put before it): look for the original elsewhere
  const changed = (c) => count(source, c.patched) === 1 && !source.replace(c.patched, "").includes(c.original);
  if (changes.every(changed)) return { state: "already" };
  // a file changed by an earlier yusuan (fewer changes): the others are made, or none
  if (!changes.every((c) => changed(c) || count(source, c.original) === 1)) return { state: "unknown" };
  let out = source;
  for (const c of changes) if (!changed(c)) out = out.replace(c.original, () => c.patched);
  return { state: "patched", source: out };
}

/** Applies the changes to one installed file (whole or not at all: written beside it and renamed). */
export function patchInstalled(path = workerPath(), changes = CHANGES["pdf.worker.mjs"]) {
  const r = patchSource(readFileSync(path, "utf8"), changes);
  if (r.state === "patched") {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, r.source);
    renameSync(tmp, path);
  }
  return r.state;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [file, changes] of Object.entries(CHANGES)) {
    try {
      if (patchInstalled(buildPath(file), changes) === "unknown")
        console.warn(
          `yusuan: 这一版 pdfjs-dist 的 ${file} 与预期不同，未作修改（读取结果不变，只是较慢）。` +
            `pdfjs-dist's ${file} is not the expected text; left unchanged (reading is the same, only slower).`,
        );
    } catch (e) {
      // never fail an install over a speed-up
      console.warn(
        `yusuan: 未能修改 pdfjs-dist 的 ${file}（${e instanceof Error ? e.message : String(e)}），读取结果不变，只是较慢。`,
      );
    }
  }
}
