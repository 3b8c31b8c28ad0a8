/**
 * The whole build at the edge: read the package (and `--catalog` files), build, check. Writing is
 * the CLI's job, and it writes nothing when there are errors.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { build } from "../build/build.ts";
import type { PackageProblem } from "../build/package.ts";
import { type CatalogSet, defaultCatalogSet } from "../catalog/catalog-set.ts";
import { type CheckReport, check } from "../check/index.ts";
import type { Disclosure } from "../model/disclosure.ts";
import { loadCatalogFiles, readPackage } from "./read-package.ts";

export interface PackageBuild {
  disclosure?: Disclosure;
  problems: PackageProblem[];
  report?: CheckReport;
  catalog?: CatalogSet;
}

/** True when the path looks like a package (a folder, or a workbook with sheets line-items/meta). */
export async function isPackagePath(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory() || /\.xlsx$/i.test(path);
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

function mergeSets(a: CatalogSet, b: CatalogSet): CatalogSet {
  const m = (x: CatalogSet["function"], y: CatalogSet["function"]) => ({
    ...x,
    entries: new Map([...x.entries, ...y.entries]),
  });
  return {
    ...a,
    function: m(a.function, b.function),
    economic: m(a.economic, b.economic),
    sources: [...a.sources, ...b.sources],
  };
}

export async function buildPackage(path: string, catalogFiles: readonly string[] = []): Promise<PackageBuild> {
  let catalog: CatalogSet | undefined;
  if (catalogFiles.length) {
    const c = await loadCatalogFiles(catalogFiles);
    if (!c.catalog) return { problems: c.problems };
    catalog = c.catalog;
  }
  // A package folder may carry catalog-additions.csv: codes the (partial) catalog lacks. They are
  // added on top, and the build says so (a warning), so nobody mistakes them for official codes.
  const extra: PackageProblem[] = [];
  const additions = join(path, "catalog-additions.csv");
  if (await isFile(additions)) {
    const a = await loadCatalogFiles([additions]);
    if (!a.catalog) return { problems: a.problems };
    const base = catalog ?? defaultCatalogSet(2025);
    catalog = mergeSets(base, a.catalog);
    extra.push({
      file: "catalog-additions.csv",
      severity: "warning",
      message: `预算包自带分类编码 ${[...a.catalog.function.entries.keys(), ...a.catalog.economic.entries.keys()].join("、")}，未经官方目录核对`,
    });
  }
  const first = await readPackage(path, catalog ?? defaultCatalogSet(2025));
  first.problems.unshift(...extra);
  if (!first.pkg) return { problems: first.problems };
  catalog ??= defaultCatalogSet(first.pkg.meta.year);
  const b = build(first.pkg, catalog, first.lineOf);
  const problems = [...first.problems, ...b.problems];
  if (!b.disclosure) return { problems, catalog };
  return { disclosure: b.disclosure, problems, report: check(b.disclosure), catalog };
}
