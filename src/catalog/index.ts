/**
 * Built-in classification catalogs (embedded partial CSVs) and the catalog parser. Callers with a
 * full official catalog parse it with `parseCatalogCsv` and pass it to the rules that take one.
 */
import { type Catalog, parseCatalogCsv } from "./catalog.ts";
import { ECONOMIC_CLASSIFICATION_DEPT_PARTIAL_CSV } from "./data/economic-classification-dept-partial.ts";
import { FUNCTION_CLASSIFICATION_2025_PARTIAL_CSV } from "./data/function-classification-2025-partial.ts";

export * from "./catalog.ts";

let fn2025: Catalog | undefined;
let econ: Catalog | undefined;

/** The built-in 支出功能分类 catalog for a budget year (only 2025, partial), or undefined. */
export function builtinFunctionCatalog(year: number): Catalog | undefined {
  if (year !== 2025) return undefined;
  fn2025 ??= parseCatalogCsv(FUNCTION_CLASSIFICATION_2025_PARTIAL_CSV, {
    kind: "function",
    year: 2025,
    partial: true,
    source: "function-classification-2025-partial.csv",
  }).catalog;
  return fn2025;
}

/** The built-in 部门预算支出经济分类 catalog (partial; not year-specific). */
export function builtinEconomicCatalog(): Catalog {
  econ ??= parseCatalogCsv(ECONOMIC_CLASSIFICATION_DEPT_PARTIAL_CSV, {
    kind: "economic",
    partial: true,
    source: "economic-classification-dept-partial.csv",
  }).catalog;
  return econ;
}
