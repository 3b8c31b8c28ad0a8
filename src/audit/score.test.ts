import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditDocument } from "./document.ts";
import { CHECKLIST, checklistItemOf, scoreDocument } from "./score.ts";

const SEED = new URL("../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "yusuan-score-"));
const seedText = readFileSync(SEED, "utf8");

function rulesOf(itemId: string): (rule: string, category: string) => boolean {
  const item = CHECKLIST.find((c) => c.id === itemId);
  if (!item) throw new Error(itemId);
  return (rule, category) =>
    item.rules.some((p) => (p.endsWith("*") ? rule.startsWith(p.slice(0, -1)) : p === rule)) ||
    (item.categories ?? []).includes(category as never);
}

describe("the disclosure-quality score", () => {
  it("the checklist's weights add up to 100, and no rule is claimed by two items", () => {
    expect(CHECKLIST.reduce((n, c) => n + c.weight, 0)).toBe(100);
    const claimed = CHECKLIST.flatMap((c) => c.rules.filter((r) => !r.endsWith("*")));
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it("every deduction names findings of the document that belong to its item, and adds up to the points lost", async () => {
    const r = await auditDocument({ file: SEED });
    expect(r.status).toBe("ok");
    const score = r.score;
    if (!score) throw new Error("no score");
    const byId = new Map(r.findings.map((f) => [f.id, f]));
    let lost = 0;
    for (const item of score.items) {
      const deducted = item.deductions.reduce((n, d) => n + d.points, 0);
      expect(item.points).toBe(item.weight - deducted);
      lost += item.status === "未能检查" ? 0 : deducted;
      for (const d of item.deductions) {
        expect(d.findings.length).toBeGreaterThan(0);
        expect(d.points).toBeGreaterThan(0);
        for (const id of d.findings) {
          const f = byId.get(id);
          expect(f, `${item.id}: ${id}`).toBeDefined();
          expect(rulesOf(item.id)(f?.rule ?? "", f?.category ?? "")).toBe(true);
          expect(checklistItemOf(f as NonNullable<typeof f>)?.id).toBe(item.id);
        }
      }
    }
    expect(score.points).toBe(score.coverage - lost);
    expect(score.total).toBe(Math.round((100 * score.points) / score.coverage));
    // the seed has warnings (P-09 headers, a placeholder), so something is deducted
    expect(lost).toBeGreaterThan(0);
  });

  it("removing the 机关运行经费 paragraph costs that item's points, tied to the new finding", async () => {
    const lines = seedText.split("\n");
    const at = lines.findIndex((l) => l.includes("年的机关运行经费财政拨款预算"));
    expect(at).toBeGreaterThan(0);
    const file = join(tmp, "no-running-costs.txt");
    writeFileSync(file, [...lines.slice(0, at), ...lines.slice(at + 1)].join("\n"));
    const before = await auditDocument({ file: SEED });
    const after = await auditDocument({ file });
    const item = (s: typeof after) => s.score?.items.find((i) => i.id === "running-costs");
    expect(item(before)?.status).toBe("合格");
    expect(item(after)?.status).toBe("不合格");
    const d = item(after)?.deductions ?? [];
    expect(d).toHaveLength(1);
    const ids = d[0]?.findings ?? [];
    const newFindings = after.findings.filter((f) => ids.includes(f.id));
    expect(newFindings.map((f) => f.rule)).toEqual(["C-28"]);
    expect(before.findings.some((f) => f.rule === "C-28")).toBe(false);
    expect((after.score?.points ?? 0) - (before.score?.points ?? 0)).toBe(-(d[0]?.points ?? 0));
    expect(after.score?.total).toBeLessThan(before.score?.total ?? 0);
  });

  it("an item none of whose rules ran is not checked: it counts neither for nor against", () => {
    const none = scoreDocument([], [{ rule: "C-26" }], ["A-ROW"], () => "arithmetic");
    const sangong = none.items.find((i) => i.id === "sangong");
    expect(sangong?.status).toBe("未能检查");
    expect(none.coverage).toBe(CHECKLIST.find((c) => c.id === "consistency")?.weight);
    expect(none.total).toBe(100);
    const f = {
      id: "A-ROW#1",
      rule: "A-ROW",
      severity: "error" as const,
      category: "arithmetic" as const,
      message: "合计不等于各列之和",
      location: { table: 1 },
      pages: [3],
    };
    const one = scoreDocument([f], [], ["A-ROW"], () => "arithmetic");
    const c = one.items.find((i) => i.id === "consistency");
    expect(c?.deductions).toEqual([expect.objectContaining({ findings: ["A-ROW#1"], points: 1 })]);
    expect(one.total).toBe(Math.round((100 * (one.coverage - 1)) / one.coverage));
  });
});
