import { describe, expect, it } from "vitest";
import { exampleFiles } from "../server/seed.ts";
import { dataPackage, dimensionField } from "./datapackage.ts";
import { checkDataPackage, csvRecords } from "./datapackage-check.ts";
import { sampleDisclosure, testDisclosures } from "./testing.ts";

const d = sampleDisclosure({ hostile: true });

describe("dataPackage", () => {
  const { descriptor, csv } = dataPackage(d, "Bazhou HRSS 2025");
  const dp = descriptor as {
    name: string;
    resources: { name: string; path: string; schema: { fields: { name: string; type: string }[] } }[];
    model: {
      measures: Record<string, { source: string; currency: string; factor?: number; phase?: string }>;
      dimensions: Record<
        string,
        {
          attributes: Record<string, { source: string }>;
          primaryKey: string | string[];
          dimensionType?: string;
          classificationType?: string;
        }
      >;
    };
  };

  it("has the Fiscal Data Package shape: resources with schema fields, a model of measures and dimensions", () => {
    expect(dp.name).toMatch(/^[a-z0-9._-]+$/);
    expect(dp.resources).toHaveLength(1);
    const fields = dp.resources[0]!.schema.fields.map((f) => f.name);
    expect(fields).toEqual([
      "department",
      "year",
      "measure",
      "function",
      "fund",
      "line",
      "nature",
      "amount",
      "cellTable",
      "cellRow",
      "cellColumn",
    ]);
    expect(dp.model.measures.amount).toMatchObject({ source: "amount", currency: "CNY", factor: 1, phase: "approved" });
    expect(dp.model.dimensions.function).toMatchObject({
      dimensionType: "classification",
      classificationType: "functional",
    });
    // every attribute source is a field of the resource; every primary key is an attribute
    for (const [k, dim] of Object.entries(dp.model.dimensions)) {
      for (const a of Object.values(dim.attributes)) expect(fields, k).toContain(a.source);
      for (const pk of [dim.primaryKey].flat()) expect(Object.keys(dim.attributes), k).toContain(pk);
    }
    expect(fields).toContain(dp.model.measures.amount!.source);
  });

  it("writes one facts row per fact with exact 元 amounts and no BOM", () => {
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + d.facts.length);
    expect(lines[1]).toContain(",expenditure,2050303,total,,project,8084900.00,3,3,6");
    expect(lines[3]).toContain(",threePublic,,fiscalAppropriation,officialReception,,14000.00,10,2,1");
    expect(lines[1]!.startsWith('"新疆测试局<script>')).toBe(true); // quoted as data, never interpreted
  });

  it("is valid against the official Data Package, Fiscal Data Package and Table Schema profiles", () => {
    expect(checkDataPackage(descriptor, { "facts.csv": csv })).toEqual([]);
  });

  it("names a dimension that shares a fixed field's name apart (facts carry a `column` dimension)", () => {
    expect(dimensionField("column")).toBe("column");
    expect(dimensionField("amount")).toBe("amountDim");
    expect(dimensionField("cellTable")).toBe("cellTableDim");
    const clash = sampleDisclosure();
    clash.facts = clash.facts.map((f) => ({ ...f, dims: { ...f.dims, amount: "x", column: "total" } }));
    const p = dataPackage(clash, "clash");
    expect(checkDataPackage(p.descriptor, { "facts.csv": p.csv })).toEqual([]);
    expect(csvRecords(p.csv)[0]).toContain("amountDim");
  });

  it("the validator catches what was wrong before: two fields named alike, a value of the wrong type", () => {
    const bad = structuredClone(descriptor) as typeof dp;
    const f = bad.resources[0]!.schema.fields;
    f[f.length - 1]!.name = "cellRow";
    expect(checkDataPackage(bad, { "facts.csv": csv }).join("\n")).toMatch(/not unique: cellRow/);
    const badCsv = csv.replace(",8084900.00,", ",8,084,900.00,");
    expect(checkDataPackage(descriptor, { "facts.csv": badCsv }).join("\n")).toMatch(/values for 11 fields/);
    const wrongType = csv.replace(",8084900.00,", ",八百万,");
    expect(checkDataPackage(descriptor, { "facts.csv": wrongType }).join("\n")).toMatch(
      /amount "八百万" is not a number/,
    );
    expect(checkDataPackage({ ...descriptor, profile: "fiscal-data-package" }, { "facts.csv": csv })).not.toEqual([]);
  });

  it("every bundled example's data package is valid (real facts: column and rowKind dimensions)", async () => {
    const { importFile } = await import("../import/index.ts");
    const docs = await testDisclosures();
    for (const f of exampleFiles().filter((x) => /\.(pdf|txt)$/.test(x))) {
      const r = await importFile(f);
      if (r.disclosure) docs.push({ name: f, d: r.disclosure });
    }
    expect(docs.length).toBeGreaterThanOrEqual(8);
    for (const { name, d: x } of docs) {
      const p = dataPackage(x, name);
      expect(checkDataPackage(p.descriptor, { "facts.csv": p.csv }), name).toEqual([]);
      expect(csvRecords(p.csv).length, name).toBe(x.facts.length + 1);
    }
  }, 120_000);
});
