import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");

describe("loadWorkbook", () => {
  it("opens a workbook with exceljs's Workbook alone: its streaming reader and writer are never loaded", () => {
    // a fresh process, as a reader or `yusuan check` is, watched at Node's module loader
    const script = `
      const Module = require("node:module");
      const load = Module._load;
      const loaded = new Set();
      Module._load = function (request, ...rest) {
        if (/(^|\\/)(archiver|unzipper|workbook-writer|workbook-reader)$/.test(request)) loaded.add(request);
        return load.call(this, request, ...rest);
      };
      (async () => {
        const { loadWorkbook } = await import(${JSON.stringify(join(root, "src/import/xlsx/load-workbook.ts"))});
        const bytes = require("node:fs").readFileSync(${JSON.stringify(
          join(root, "test/fixtures/corpus/shanghai-department-budget-template.xlsx"),
        )});
        const r = await loadWorkbook(new Uint8Array(bytes));
        console.log(JSON.stringify({ sheets: r.workbook ? r.workbook.worksheets.length : -1, loaded: [...loaded] }));
      })();`;
    const out = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: root, encoding: "utf8" }).trim(),
    );
    expect(out.sheets).toBeGreaterThan(5);
    expect(out.loaded).toEqual([]);
  });
});
