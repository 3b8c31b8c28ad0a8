import { describe, expect, it } from "vitest";
import { miniDisclosure } from "../../testing.ts";
import { explanation, findings } from "../text/testing.ts";
import { C16, C17, TABLE_RULES } from "./tables.ts";

describe("C-05 … C-15 every template table is published", () => {
  it("has one rule per table, C-05 … C-15", () =>
    expect(TABLE_RULES.map((r) => r.id)).toEqual(
      Array.from({ length: 11 }, (_, i) => `C-${String(i + 5).padStart(2, "0")}`),
    ));
  it("passes when all eleven tables are there", () => {
    for (const r of TABLE_RULES) expect(findings(r, miniDisclosure())).toEqual([]);
  });
  it("names a missing table", () => {
    const d = miniDisclosure();
    d.tables = d.tables.filter((t) => t.no !== 9);
    const f = TABLE_RULES.flatMap((r) => findings(r, d));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: "C-13", severity: "error", location: { table: 9 } });
    expect(f[0]!.message).toContain("国有资本经营预算支出情况表");
  });
  it("each table missing gives exactly one error, from its own rule, at that table", () => {
    const hit: string[] = [];
    for (let no = 1; no <= 11; no++) {
      const d = miniDisclosure();
      d.tables = d.tables.filter((t) => t.no !== no);
      const f = TABLE_RULES.flatMap((r) => findings(r, d));
      expect(
        f.map((x) => [x.severity, x.location.table]),
        `表${no}`,
      ).toEqual([["error", no]]);
      hit.push(f[0]!.rule);
    }
    // C-05 … C-15 each fire for exactly one table (C-11 is 三公 表10, C-14 is 项目支出 表7 …).
    expect([...hit].sort()).toEqual(TABLE_RULES.map((r) => r.id).sort());
  });
  it("C-10 requires 款-level rows in 表6", () => {
    const d = miniDisclosure();
    const t6 = d.tables.find((t) => t.no === 6)!;
    t6.rows = t6.rows.filter((r) => (r.code?.length ?? 0) < 5);
    expect(findings(TABLE_RULES[5]!, d).length).toBeGreaterThan(0);
  });
  it("C-09 requires 项-level rows in 表5", () => {
    const d = miniDisclosure();
    const t5 = d.tables.find((t) => t.no === 5)!;
    t5.rows = t5.rows.filter((r) => (r.code?.length ?? 0) < 7);
    expect(findings(TABLE_RULES[4]!, d)[0]!.message).toContain("项级");
  });
});

describe("C-16 空表说明", () => {
  it("accepts a note at the table or in the 说明 section", () => {
    const d = miniDisclosure();
    expect(findings(C16, d)).toEqual([]);
    delete d.tables.find((t) => t.no === 8)!.emptyNote;
    d.explanations = [explanation(8, [], "本部门没有政府性基金预算拨款安排的支出，本表为空表。")];
    expect(findings(C16, d)).toEqual([]);
  });
  it("reports an empty table without any note", () => {
    const d = miniDisclosure();
    delete d.tables.find((t) => t.no === 9)!.emptyNote;
    expect(findings(C16, d)[0]).toMatchObject({ severity: "error", location: { table: 9 } });
  });
});

describe("C-17 编制部门", () => {
  it("warns on a table without 编制部门", () => {
    const d = miniDisclosure();
    expect(findings(C17, d)).toHaveLength(11);
    for (const t of d.tables) t.preparedBy = "测试局";
    expect(findings(C17, d)).toEqual([]);
  });
});
