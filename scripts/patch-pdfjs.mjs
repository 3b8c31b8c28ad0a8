// Run after `npm ci` (the postinstall script): one change to pdf.js's worker, so that reading a PDF's
// text does not make V8 build a new object shape for every graphics state it saves.
//
// pdf.js copies its text state at every `q` (save) operator, and on every change of font, with
// `Object.assign(Object.create(this), this)`: each copy has the state it was copied from as its
// prototype. Every state then has a hidden class of its own, so the property reads of the text loop
// (getTextContent, buildTextContentItem) never settle and V8 keeps recompiling them. PDFs printed
// from Word or WPS save and restore the state around every table cell, thousands of times a page.
// The change copies into a fresh TextState instead: the same fields with the same values (all of a
// TextState's fields are its own, set by the class), one hidden class for all states.
// Measured in BENCHMARKS.md (2026-12-06): the copy fell from about 1.5 s to 0.1 s of CPU a pass
// over the corpus.
//
// The change is made only where the original text is found exactly once; a pdf.js that is already
// changed is left as it is, and any other pdf.js (a new version) is left alone with a warning:
// yusuan then reads the same, only slower. A test (src/import/pdf/pdfjs-patch.test.ts) fails when
// the installed pdf.js does not carry the change.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ORIGINAL =
  "    const clone = Object.assign(Object.create(this), this);\n    clone.textMatrix = this.textMatrix.slice();";
export const PATCHED =
  "    const clone = Object.assign(new TextState(), this);\n    clone.textMatrix = this.textMatrix.slice();";

/** pdf.js's worker module as installed beside this package (hoisted or not). */
export function workerPath() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("pdfjs-dist/package.json")), "legacy", "build", "pdf.worker.mjs");
}

/**
 * The worker's source with the change made: `{ state: "patched", source }`, `{ state: "already" }`
 * when it is there, `{ state: "unknown" }` when the original text is not found exactly once.
 */
export function patchSource(source) {
  if (source.split(PATCHED).length === 2 && !source.includes(ORIGINAL)) return { state: "already" };
  if (source.split(ORIGINAL).length !== 2) return { state: "unknown" };
  return { state: "patched", source: source.replace(ORIGINAL, PATCHED) };
}

/** Applies the change to the installed worker (whole or not at all: written beside it and renamed). */
export function patchInstalled(path = workerPath()) {
  const r = patchSource(readFileSync(path, "utf8"));
  if (r.state === "patched") {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, r.source);
    renameSync(tmp, path);
  }
  return r.state;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const state = patchInstalled();
    if (state === "unknown")
      console.warn(
        "yusuan: 这一版 pdfjs-dist 的 TextState.clone 与预期不同，未作修改（读取结果不变，只是较慢）。" +
          "pdfjs-dist's TextState.clone is not the expected text; left unchanged (reading is the same, only slower).",
      );
  } catch (e) {
    // never fail an install over a speed-up
    console.warn(
      `yusuan: 未能修改 pdfjs-dist（${e instanceof Error ? e.message : String(e)}），读取结果不变，只是较慢。`,
    );
  }
}
