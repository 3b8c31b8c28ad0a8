import { describe, expect, it } from "vitest";
import { dataPackage } from "./datapackage.ts";
import { sampleDisclosure } from "./testing.ts";

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
      "table",
      "row",
      "column",
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
});
