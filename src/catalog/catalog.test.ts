import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ECONOMIC_CLASSIFICATION_DEPT_PARTIAL_CSV } from "./data/economic-classification-dept-partial.ts";
import { FUNCTION_CLASSIFICATION_2025_PARTIAL_CSV } from "./data/function-classification-2025-partial.ts";
import { builtinEconomicCatalog, builtinFunctionCatalog, classesOf, lookupCode, parseCatalogCsv } from "./index.ts";

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/catalog/${name}`, import.meta.url), "utf8");

describe("catalog", () => {
  it("embedded CSVs equal the fixture files", () => {
    expect(FUNCTION_CLASSIFICATION_2025_PARTIAL_CSV).toBe(fixture("function-classification-2025-partial.csv"));
    expect(ECONOMIC_CLASSIFICATION_DEPT_PARTIAL_CSV).toBe(fixture("economic-classification-dept-partial.csv"));
  });

  it("parses the built-in catalogs", () => {
    const f = builtinFunctionCatalog(2025)!;
    expect(f.partial).toBe(true);
    expect(f.entries.size).toBe(66);
    expect(classesOf(f)).toHaveLength(29);
    expect(f.entries.get("2080101")).toEqual({ code: "2080101", name: "行政运行", level: "项", parent: "20801" });
    expect(builtinFunctionCatalog(2024)).toBeUndefined();
    expect(builtinEconomicCatalog().entries.size).toBe(77);
  });

  it("looks codes up, comparing names without spaces and bracket width", () => {
    const e = builtinEconomicCatalog();
    expect(lookupCode(e, "30213", "维修(护)费")).toEqual({ kind: "ok" });
    expect(lookupCode(e, "30101", "工资")).toEqual({ kind: "nameMismatch", expected: "基本工资" });
    expect(lookupCode(e, "39999")).toEqual({ kind: "unknown" });
  });

  it("reports bad lines instead of throwing", () => {
    const r = parseCatalogCsv('# c\ncode,name,level,parent\n201,"一般, 公共",类,\nx,bad,类,\n201,dup,类,\n', {
      kind: "function",
    });
    expect(r.catalog.entries.get("201")?.name).toBe("dup");
    expect(r.problems.map((p) => p.line)).toEqual([4, 5]);
  });
});
