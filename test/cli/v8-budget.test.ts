/**
 * bin/yusuan.js raises V8's optimisation budget before any of yusuan's code loads (the comment
 * there says why). Checked by what V8 does: reading three real PDFs, a process with the raised budget
 * compiles far fewer functions with TurboFan than one left at V8's defaults (YUSUAN_V8_DEFAULTS=1).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./run.ts";

const PDFS = [
  "test/fixtures/regions/hangzhou-qixiangju-2026-yusuan.pdf",
  "test/fixtures/regions/xian-jiaotongju-2022-yusuan.pdf",
  "test/fixtures/corpus/jiangsu-gaoyuan-2017-yusuan.pdf",
].map((f) => join(ROOT, f));

/** TurboFan compilations while `yusuan check` reads the PDFs, from V8's own trace */
function turbofanCompiles(env: Record<string, string>, nodeFlags: string[] = []): number {
  const r = spawnSync(process.execPath, ["--trace-opt", ...nodeFlags, join(ROOT, "bin/yusuan.js"), "check", ...PDFS], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.error).toBeUndefined();
  // the document's own findings decide the exit code; what matters is that it was read
  expect(r.status === 0 || r.status === 1).toBe(true);
  return r.stdout.split("\n").filter((l) => l.startsWith("[completed compiling") && l.includes("TURBOFAN")).length;
}

describe("V8's optimisation budget", () => {
  it("is raised for every yusuan process, unless YUSUAN_V8_DEFAULTS=1 or node's command line sets one", () => {
    const raised = turbofanCompiles({});
    const defaults = turbofanCompiles({ YUSUAN_V8_DEFAULTS: "1" });
    const given = turbofanCompiles({}, ["--interrupt-budget=67584"]); // V8's default, given by hand
    expect(defaults).toBeGreaterThan(100);
    // about a third as many (93 against 290 when written)
    expect(raised).toBeLessThan(defaults * 0.6);
    expect(given).toBeGreaterThan(raised / 0.6);
  }, 120_000);
});
