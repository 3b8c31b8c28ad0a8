import { describe, expect, it } from "vitest";
import { auditDocument } from "./document.ts";
import { reportHtml } from "./html.ts";
import { scorecardRows } from "./outputs.ts";
import { assembleReport } from "./report.ts";

const SEED = new URL("../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url).pathname;
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

describe("report.html", () => {
  it("escapes every text from a document (names, messages, files, reasons), in tables and charts alike", async () => {
    const seed = await auditDocument({ file: SEED });
    const hostile = {
      ...seed,
      file: `a${HOSTILE}.txt`,
      department: `局${HOSTILE}`,
      government: HOSTILE,
      findings: seed.findings.map((f) => ({ ...f, message: HOSTILE, id: `${f.id}${HOSTILE}` })),
    };
    const broken = { ...seed, file: `b${HOSTILE}.pdf`, status: "unreadable" as const, reason: HOSTILE };
    const html = reportHtml(assembleReport([seed, hostile, broken], { inputs: [HOSTILE] }));
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
    // offline: nothing is fetched (the only URL is the SVG namespace)
    expect(html.match(/https?:\/\/[^"' )]+/g)?.filter((u) => !u.startsWith("http://www.w3.org/")) ?? []).toEqual([]);
    // three charts: distribution, common problems, ranking
    expect(html.match(/<svg/g)?.length).toBe(3);
  });

  it("says on a half of a two-file document read alone what it is, in its scorecard and its summary row", async () => {
    const seed = await auditDocument({ file: SEED });
    const half = { ...seed, file: "说明.pdf", half: "text" as const };
    const report = assembleReport([seed, half], { inputs: ["."] });
    const html = reportHtml(report);
    expect(html.match(/只有文字部分：预算表在另一份文件中/g)).toHaveLength(1);
    const rows = scorecardRows(report);
    expect(rows.map((r) => r[3])).toEqual(["", "只有文字部分：预算表在另一份文件中，同一目录下没有找到"]);
  });
});
