import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultCatalogSet, describeNearest } from "../catalog/catalog-set.ts";
import { check } from "../check/index.ts";
import { disclosureSchema } from "../model/disclosure-schema.ts";
import { build } from "./build.ts";
import { diffDisclosures, withinRounding } from "./diff.ts";
import { REASON_PLACEHOLDER } from "./phrase.ts";
import { packageArbitrary, randomItems, sampleMeta } from "./testing.ts";

const catalog = defaultCatalogSet(2025);

describe("build (pure)", () => {
  it("random valid packages always build into disclosures with zero check errors", () => {
    fc.assert(
      fc.property(packageArbitrary(catalog), (pkg) => {
        const r = build(pkg, catalog);
        expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
        const d = r.disclosure!;
        expect(disclosureSchema.safeParse(d).success).toBe(true);
        const rep = check(d);
        const errors = rep.findings.filter((f) => f.severity === "error");
        expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("a missing reason becomes the visible placeholder", () => {
    const items = randomItems(catalog, ["测试局"], 20, 7);
    const meta = sampleMeta(["测试局"]);
    const d = build({ source: "t", meta, items }, catalog).disclosure!;
    expect(d.explanations.find((e) => e.no === 2)?.text).toContain(REASON_PLACEHOLDER);
  });

  it("a project shared by two units is an error naming both lines", () => {
    const base = randomItems(catalog, ["甲"], 1, 3)[0]!;
    const a = { ...base, nature: "project" as const, basicKind: undefined, project: "同名项目", unit: "甲", line: 2 };
    const b = { ...a, unit: "乙", line: 3 };
    const r = build({ source: "t", meta: sampleMeta(["甲", "乙"]), items: [a, b] }, catalog);
    expect(r.disclosure).toBeUndefined();
    expect(r.problems[0]?.message).toMatch(/项目“同名项目”重复：已在第 2 行属于“甲”/);
    expect(r.problems[0]).toMatchObject({ file: "line-items.csv", line: 3, field: "project" });
  });

  it("suggests the nearest codes for an unknown one", () => {
    expect(describeNearest(catalog, "2080110")).toMatch(/^2080101 行政运行/);
    expect(describeNearest(catalog, "30198")).toMatch(/^30199|301/);
  });

  it("diff: identical disclosures have no differences; a changed cell is reported", () => {
    const items = randomItems(catalog, ["测试局"], 30, 11);
    const d = build({ source: "t", meta: sampleMeta(["测试局"]), items }, catalog).disclosure!;
    expect(diffDisclosures(d, d).differences).toEqual([]);
    const e = structuredClone(d);
    const t2 = e.tables.find((t) => t.id === "income")!;
    const row = t2.rows[0]!;
    row.cells[4] = (row.cells[4] as number) + 10_000; // +0.01 万元: rounding
    expect(withinRounding(diffDisclosures(d, e))).toBe(true);
    row.cells[4] = (row.cells[4] as number) + 10_000; // +0.02 万元: beyond
    const r = diffDisclosures(d, e);
    expect(withinRounding(r)).toBe(false);
    expect(r.differences[0]).toMatchObject({ table: 2, row: "总计", column: "total", rounding: false });
  });
});

describe("package JSON Schema", () => {
  it("schema/package.schema.json is generated from the zod schemas (regenerate when this fails)", async () => {
    const { readFileSync } = await import("node:fs");
    const { packageJsonSchema } = await import("./package-json-schema.ts");
    const onDisk = JSON.parse(readFileSync("schema/package.schema.json", "utf8"));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(packageJsonSchema())));
  });
});
