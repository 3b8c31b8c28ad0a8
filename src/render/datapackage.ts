/**
 * A Frictionless Fiscal Data Package: `datapackage.json` describing one CSV of facts (what each
 * amount cell means, template-independent) with a `model` of measures and dimensions, so budget
 * tools outside China (OpenSpending and other FDP readers) can load it.
 *
 * Amounts are written in 元 as exact decimals ("8084900.00": fen / 100 by string arithmetic),
 * with currency CNY and factor 1. Fields: department, year, measure, one per fact dimension (its
 * key), amount, and where the amount is printed (cellTable, cellRow, cellColumn). Valid against the
 * official Data Package, Fiscal Data Package and Table Schema profiles (datapackage-check.ts).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Disclosure } from "../model/disclosure.ts";
import { formatAmount } from "../model/money.ts";
import { csvLine, defuseFormula } from "./csv.ts";

export const FACTS_FILE = "facts.csv";

interface DimensionKind {
  dimensionType: "classification" | "entity" | "activity" | "datetime" | "fact" | "other";
  classificationType?: "functional" | "economic" | "administrative";
  title: string;
}

/** How a fact dimension key maps onto the Fiscal Data Package's dimension types. */
function dimensionKind(key: string): DimensionKind {
  if (/^function/i.test(key))
    return {
      dimensionType: "classification",
      classificationType: "functional",
      title: "支出功能分类 functional classification",
    };
  if (/^economic/i.test(key))
    return {
      dimensionType: "classification",
      classificationType: "economic",
      title: "支出经济分类 economic classification",
    };
  if (/^(unit|budgetUnit)$/i.test(key))
    return { dimensionType: "classification", classificationType: "administrative", title: "预算单位 budget unit" };
  if (/^project/i.test(key)) return { dimensionType: "activity", title: "项目 project" };
  if (key === "fund") return { dimensionType: "classification", title: "资金来源 fund / source" };
  if (key === "nature") return { dimensionType: "classification", title: "基本支出 / 项目支出 basic or project" };
  if (key === "basicKind")
    return { dimensionType: "classification", title: "人员经费 / 公用经费 personnel or operating" };
  return { dimensionType: "classification", title: key };
}

/** Fields of every facts row besides the fact's dimensions: who, when, what, how much, and where printed. */
const FIXED_FIELDS = ["department", "year", "measure", "amount", "cellTable", "cellRow", "cellColumn"] as const;

/**
 * The facts CSV field of a dimension: its key, unless that is a fixed field's name (facts carry a
 * `column` dimension, the column's key, which once collided with the cell's column index).
 */
export function dimensionField(key: string): string {
  let name = key;
  while ((FIXED_FIELDS as readonly string[]).includes(name) || name === "cell") name = `${name}Dim`;
  return name;
}

/** The descriptor and the facts CSV of a disclosure. */
export function dataPackage(d: Disclosure, name: string): { descriptor: Record<string, unknown>; csv: string } {
  const dimKeys = [...new Set(d.facts.flatMap((f) => Object.keys(f.dims)))].sort();
  const dimFields = dimKeys.map(dimensionField);
  const header = ["department", "year", "measure", ...dimFields, "amount", "cellTable", "cellRow", "cellColumn"];
  const lines = [csvLine(header)];
  for (const f of d.facts) {
    lines.push(
      csvLine([
        defuseFormula(d.meta.department),
        String(d.meta.year),
        f.measure,
        ...dimKeys.map((k) => defuseFormula(f.dims[k] ?? "")),
        formatAmount(f.amount, "yuan", false),
        String(f.cell.table),
        String(f.cell.row),
        String(f.cell.column),
      ]),
    );
  }
  const fields = [
    { name: "department", type: "string", title: "部门 department" },
    { name: "year", type: "year", title: "预算年度 fiscal year" },
    { name: "measure", type: "string", title: "度量 income / expenditure / …", constraints: { required: true } },
    ...dimKeys.map((k, i) => ({ name: dimFields[i], type: "string", title: dimensionKind(k).title })),
    { name: "amount", type: "number", title: "金额（元）amount in CNY", constraints: { required: true } },
    { name: "cellTable", type: "integer", title: "表号 printed table number" },
    { name: "cellRow", type: "integer", title: "行 row index in the printed table (0-based)" },
    { name: "cellColumn", type: "integer", title: "列 column index in the printed table (0-based)" },
  ];
  const resource = "facts";
  const dimensions: Record<string, unknown> = {
    department: {
      attributes: { name: { source: "department", resource } },
      primaryKey: "name",
      dimensionType: "entity",
    },
    year: { attributes: { year: { source: "year", resource } }, primaryKey: "year", dimensionType: "datetime" },
    measure: {
      attributes: { code: { source: "measure", resource } },
      primaryKey: "code",
      dimensionType: "classification",
    },
    cell: {
      attributes: {
        table: { source: "cellTable", resource },
        row: { source: "cellRow", resource },
        column: { source: "cellColumn", resource },
      },
      primaryKey: ["table", "row", "column"],
      dimensionType: "fact",
    },
  };
  dimKeys.forEach((k, i) => {
    const { title: _t, ...kind } = dimensionKind(k);
    dimensions[dimFields[i] as string] = {
      attributes: { code: { source: dimFields[i], resource } },
      primaryKey: "code",
      ...kind,
    };
  });
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "disclosure";
  const descriptor = {
    // The Fiscal Data Package's own JSON Schema requires the tabular profile; the `model` below is
    // what makes it fiscal (tests validate it against both official schemas).
    profile: "tabular-data-package",
    name: slug,
    title: d.meta.title || `${d.meta.department} ${d.meta.year}`,
    description: `${d.meta.department} ${d.meta.year} 年${d.meta.kind === "budget" ? "部门预算" : "部门决算"}公开：每个金额单元格的含义（facts）。`,
    countryCode: "CN",
    granularity: "aggregated",
    fiscalPeriod: { start: `${d.meta.year}-01-01`, end: `${d.meta.year}-12-31` },
    ...(d.meta.region ? { keywords: [d.meta.region, "部门预算公开"] } : {}),
    sources: [{ title: d.provenance.source }],
    resources: [
      {
        name: resource,
        path: FACTS_FILE,
        profile: "tabular-data-resource",
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        dialect: { delimiter: ",", doubleQuote: true, lineTerminator: "\r\n", header: true },
        schema: { fields },
      },
    ],
    model: {
      measures: {
        amount: {
          source: "amount",
          resource,
          currency: "CNY",
          factor: 1,
          phase: d.meta.kind === "budget" ? "approved" : "executed",
        },
      },
      dimensions,
    },
  };
  // no BOM here: this CSV is for machines (a BOM would become part of the first field name)
  return { descriptor, csv: `${lines.join("\r\n")}\r\n` };
}

/** Writes `datapackage.json` and `facts.csv` into `dir`. */
export async function renderDataPackage(d: Disclosure, dir: string, name: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const { descriptor, csv } = dataPackage(d, name);
  const files = [join(dir, "datapackage.json"), join(dir, FACTS_FILE)];
  await writeFile(files[0]!, `${JSON.stringify(descriptor, null, 2)}\n`);
  await writeFile(files[1]!, csv);
  return files;
}
