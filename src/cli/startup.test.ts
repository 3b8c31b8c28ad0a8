import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { BUILD_OPTIONS } from "../../bin/sources.js";

const root = join(import.meta.dirname, "../..");

/**
 * The packages a module loads before it runs (its static imports, followed through every module
 * of this package), compiled with scripts/build.mjs's options (BUILD_OPTIONS): code split at each
 * dynamic import(), which loads later, when its line runs.
 */
async function loadedAtStart(entries: Record<string, string>): Promise<Record<string, string[]>> {
  const r = await build({
    ...BUILD_OPTIONS,
    entryPoints: entries,
    outdir: join(root, ".startup-test-out"),
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = (r.metafile as Metafile).outputs;
  const packagesOf = (out: string, seen = new Set<string>()): Set<string> => {
    const found = new Set<string>();
    if (seen.has(out)) return found;
    seen.add(out);
    for (const i of outputs[out]?.imports ?? []) {
      if (i.kind !== "import-statement") continue;
      if (i.external) found.add(i.path);
      else for (const p of packagesOf(i.path, seen)) found.add(p);
    }
    return found;
  };
  const result: Record<string, string[]> = {};
  for (const [out, o] of Object.entries(outputs))
    for (const [name, path] of Object.entries(entries))
      if (o.entryPoint === path) result[name] = [...packagesOf(out)].filter((p) => !p.startsWith("node:")).sort();
  return result;
}

describe("what a yusuan process loads before it reads", () => {
  it("the CLI, the audit's reader and the PDF, workbook and text readers load no zod (the schema loads with a JSON import)", async () => {
    const loaded = await loadedAtStart({
      cli: "src/cli/main.ts",
      reader: "src/audit/document.ts",
      pdf: "src/import/pdf/import-pdf.ts",
      xlsx: "src/import/xlsx/import-xlsx.ts",
      imports: "src/import/index.ts",
      schema: "src/model/disclosure-schema.ts",
    });
    for (const name of ["cli", "reader", "pdf", "xlsx", "imports"]) expect(loaded[name], name).not.toContain("zod");
    // the probe sees a static import of zod where there is one
    expect(loaded.schema).toContain("zod");
    // and the packages that reading does need
    expect(loaded.cli).toContain("commander");
    expect(loaded.xlsx).toContain("exceljs/lib/doc/workbook.js");
  });
});
