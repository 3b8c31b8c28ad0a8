import { describe, expect, it } from "vitest";
import { parseCatalogCsv } from "../../../catalog/index.ts";
import { findingsOf, makeDisclosure, miniDisclosure, runRule } from "../../testing.ts";
import { catalogRules } from "./catalog-codes.ts";

const [K08, K36] = catalogRules() as [
  NonNullable<ReturnType<typeof catalogRules>[0]>,
  NonNullable<ReturnType<typeof catalogRules>[1]>,
];

function rename(code: string, label: string) {
  const d = miniDisclosure();
  for (const t of d.tables) {
    for (const r of t.rows) {
      if (r.code !== code) continue;
      r.label = label;
      const i = t.columns.findIndex((c) => c.key === "name");
      if (i >= 0) r.cells[i] = label;
    }
  }
  return d;
}

describe("K-08, K-36", () => {
  it("pass a disclosure whose codes are all in the catalogs", () => {
    const d = miniDisclosure();
    expect(findingsOf(K08, d)).toEqual([]);
    expect(findingsOf(K36, d)).toEqual([]);
  });

  it("K-08: a class missing from 表1", () => {
    const d = miniDisclosure();
    d.tables[0]!.rows = d.tables[0]!.rows.filter((r) => r.code !== "233");
    expect(findingsOf(K08, d)).toEqual([
      expect.objectContaining({ severity: "warning", location: expect.objectContaining({ table: 1 }) }),
    ]);
  });

  it("K-36: unknown code and name mismatch are warnings, each once per document", () => {
    const d = rename("2080101", "行政运行经费");
    const f = findingsOf(K36, d);
    // 表2, 表3 and 表5 print the same code and name: reported once
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "warning", expected: "行政运行", actual: "行政运行经费" });
    const d2 = miniDisclosure();
    d2.tables[5]!.rows.find((r) => r.code === "30101")!.code = "30198";
    expect(findingsOf(K36, d2)[0]?.message).toContain("不在");
  });

  it("K-36: outside a full catalogue an unknown code is a notice that says the catalogue is partial", () => {
    const d = miniDisclosure();
    d.tables[5]!.rows.find((r) => r.code === "30101")!.code = "30198";
    const [f] = findingsOf(K36, d);
    expect(f).toMatchObject({ severity: "notice" });
    expect(f?.message).toMatch(/目录不完整，编码可能有效/);
    // with a full catalogue (not partial) it stays a warning
    const { catalog } = parseCatalogCsv("code,name,level,parent\n301,工资福利支出,类,\n30101,基本工资,款,301\n", {
      kind: "economic",
      year: 2025,
    });
    const [, full] = catalogRules({
      function: () => ({ ...catalog, partial: false }),
      economic: () => ({ ...catalog, partial: false }),
    });
    expect(findingsOf(full!, d).find((x) => x.message.includes("30198"))?.severity).toBe("warning");
  });

  it("uses catalogs given to it; not checked without a catalog for the year", () => {
    const { catalog } = parseCatalogCsv("code,name,level,parent\n208,社会保障和就业支出,类,\n", {
      kind: "function",
      year: 2025,
    });
    const [, strict] = catalogRules({ function: () => catalog, economic: () => catalog });
    const f = findingsOf(strict!, miniDisclosure());
    expect(f.length).toBeGreaterThan(0);
    expect(f[0]?.message).not.toContain("目录不完整");
    expect(runRule(K36, makeDisclosure([], { year: 2031 }))).toHaveProperty("notChecked");
    expect(runRule(K08, makeDisclosure([], { year: 2031 }))).toHaveProperty("notChecked");
  });
});
