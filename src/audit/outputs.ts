/**
 * The files of an audit in OUT: audit.json (schema/audit.schema.json), findings.csv and
 * scorecards.csv (UTF-8 with BOM, for Excel), audit.xlsx (汇总, 问题清单 with filters, 评分明细,
 * 排名) and report.html (offline, self-contained; audit/html.ts). Each written whole or not at all.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { BOM, csvLine, defuseFormula } from "../render/csv.ts";
import type { DocumentResult } from "./document.ts";
import { reportHtml } from "./html.ts";
import { CATEGORY_ZH, HALF_ZH, imagePagesNote, KIND_ZH, SEVERITY_ZH, whereOf } from "./labels.ts";
import type { AuditReport } from "./report.ts";
import { writeAtomic } from "./run.ts";

export const FINDING_COLUMNS = [
  "文件",
  "政府",
  "部门",
  "年度",
  "类型",
  "问题编号",
  "规则",
  "严重程度",
  "类别",
  "问题",
  "位置",
  "页码",
  "应为",
  "实为",
  "差额",
  "扣分项",
] as const;

export function findingRows(report: AuditReport): string[][] {
  const rows: string[][] = [];
  for (const d of report.documents) {
    if (d.status !== "ok") continue;
    const itemOf = new Map<string, string>();
    for (const i of d.score?.items ?? [])
      for (const x of i.deductions) for (const id of x.findings) itemOf.set(id, `${i.title}（-${x.points}）`);
    for (const f of d.findings)
      rows.push([
        d.file,
        d.government ?? "",
        d.department ?? "",
        String(d.year ?? ""),
        d.kind ? KIND_ZH[d.kind] : "",
        f.id,
        f.rule,
        SEVERITY_ZH[f.severity],
        CATEGORY_ZH[f.category] ?? f.category,
        f.message,
        whereOf(f),
        f.pages.join("、"),
        f.expected ?? "",
        f.actual ?? "",
        f.difference ?? "",
        itemOf.get(f.id) ?? "",
      ]);
  }
  return rows;
}

export const SCORECARD_COLUMNS = [
  "排名",
  "文件",
  "状态",
  "原因",
  "政府",
  "部门",
  "年度",
  "类型",
  "页数",
  "表格数",
  "缺少的表",
  "读取可靠的表",
  "读取置信度",
  "错误",
  "警告",
  "提示",
  "得分",
  "评分覆盖",
  "不合格项",
  "未能检查项",
] as const;

export function scorecardRows(report: AuditReport): string[][] {
  const rank = new Map(report.ranking.map((r) => [r.file, r.rank]));
  return report.documents.map((d: DocumentResult) => [
    d.status === "ok" ? String(rank.get(d.file) ?? "") : "",
    d.text ? `${d.file} + ${d.text}` : d.file,
    d.status === "ok" ? "已读取" : "无法读取",
    d.reason ?? (d.half ? HALF_ZH[d.half] : d.imagePages ? imagePagesNote(d.imagePages) : ""),
    d.government ?? "",
    d.department ?? "",
    d.year !== undefined ? String(d.year) : "",
    d.kind ? KIND_ZH[d.kind] : "",
    d.pages !== undefined ? String(d.pages) : "",
    d.tables ? String(d.tables.found) : "",
    d.tables ? d.tables.missing.map((m) => `表${m.no} ${m.title}`).join("；") : "",
    d.tables ? String(d.tables.reliable) : "",
    d.tables?.confidence !== null && d.tables?.confidence !== undefined
      ? `${Math.round(d.tables.confidence * 100)}%`
      : "",
    d.status === "ok" ? String(d.summary.errors) : "",
    d.status === "ok" ? String(d.summary.warnings) : "",
    d.status === "ok" ? String(d.summary.notices) : "",
    d.score ? String(d.score.total) : "",
    d.score ? `${d.score.points}/${d.score.coverage}` : "",
    (d.score?.items ?? [])
      .filter((i) => i.status === "不合格")
      .map((i) => `${i.title} -${i.weight - i.points}`)
      .join("；"),
    (d.score?.items ?? [])
      .filter((i) => i.status === "未能检查")
      .map((i) => i.title)
      .join("；"),
  ]);
}

function csv(header: readonly string[], rows: string[][]): string {
  return `${BOM}${[csvLine(header), ...rows.map((r) => csvLine(r.map(defuseFormula)))].join("\r\n")}\r\n`;
}

export async function auditWorkbook(report: AuditReport): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "yusuan";
  const s = report.summary;
  const summary = wb.addWorksheet("汇总", { views: [{ state: "frozen", ySplit: 8 }] });
  summary.addRow(["部门预算公开审计 汇总"]).font = { bold: true, size: 14 };
  summary.addRow([
    `文档 ${s.documents} 份：已读取 ${s.read}，无法读取 ${s.unreadable}；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.notices}；平均得分 ${s.meanScore ?? "—"}`,
  ]);
  summary.addRow([`生成时间 ${report.generatedAt}`]);
  summary.addRow([]);
  summary.addRow(["得分分布", ...report.distribution.map((b) => `${b.band}：${b.documents} 份`)]);
  summary.addRow([]);
  summary.addRow([]);
  const head = summary.addRow([...SCORECARD_COLUMNS]);
  head.font = { bold: true };
  for (const r of scorecardRows(report)) {
    const row = summary.addRow(
      r.map((v, i) =>
        /^(排名|年度|页数|表格数|读取可靠的表|错误|警告|提示|得分)$/.test(SCORECARD_COLUMNS[i] ?? "") && /^\d+$/.test(v)
          ? Number(v)
          : v,
      ),
    );
    if (r[2] === "无法读取") row.font = { color: { argb: "FFB00020" } };
  }
  summary.autoFilter = {
    from: { row: 8, column: 1 },
    to: { row: 8 + report.documents.length, column: SCORECARD_COLUMNS.length },
  };
  summary.columns.forEach((c, i) => {
    c.width = [6, 48, 8, 40, 16, 28, 6, 6, 6, 6, 30, 8, 8, 6, 6, 6, 6, 9, 40, 30][i] ?? 12;
  });

  const findings = wb.addWorksheet("问题清单", { views: [{ state: "frozen", ySplit: 1 }] });
  findings.addRow([...FINDING_COLUMNS]).font = { bold: true };
  // a sheet holds 1,048,576 rows: beyond, the findings are in findings.csv and audit.json only
  const rows = findingRows(report).slice(0, 1_048_575);
  for (const r of rows)
    findings.addRow(r.map((v, i) => (FINDING_COLUMNS[i] === "年度" && /^\d+$/.test(v) ? Number(v) : v)));
  findings.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: FINDING_COLUMNS.length },
  };
  findings.columns.forEach((c, i) => {
    c.width = [40, 16, 28, 6, 6, 10, 7, 8, 10, 60, 36, 8, 14, 14, 12, 30][i] ?? 12;
  });

  const items = wb.addWorksheet("评分明细", { views: [{ state: "frozen", ySplit: 1 }] });
  items.addRow([
    "文件",
    "部门",
    "年度",
    "检查项",
    "分值",
    "得分",
    "结论",
    "扣分",
    "扣分依据（问题编号）",
    "说明",
  ]).font = {
    bold: true,
  };
  for (const d of report.documents) {
    for (const i of d.score?.items ?? []) {
      const base = [d.file, d.department ?? "", d.year ?? "", i.title, i.weight, i.points, i.status];
      if (i.deductions.length === 0)
        items.addRow([...base, 0, "", i.notChecked.length > 0 ? `未能检查：${i.notChecked.join("、")}` : ""]);
      for (const x of i.deductions) items.addRow([...base, x.points, x.findings.join("、"), x.reason]);
    }
  }
  items.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, items.rowCount), column: 10 } };

  const ranking = wb.addWorksheet("排名");
  ranking.addRow(["名次", "政府", "部门", "年度", "类型", "得分", "评分覆盖", "错误", "文件"]).font = { bold: true };
  for (const r of report.ranking)
    ranking.addRow([
      r.rank,
      r.government,
      r.department,
      r.year,
      KIND_ZH[r.kind],
      r.score,
      r.coverage,
      r.errors,
      r.file,
    ]);
  if (report.yearOverYear.length > 0) {
    ranking.addRow([]);
    ranking.addRow(["逐年比较"]).font = { bold: true };
    ranking.addRow(["政府", "部门", "类型", "年度", "得分", "比上年", "错误"]).font = { bold: true };
    for (const y of report.yearOverYear)
      for (const r of y.years)
        ranking.addRow([y.government, y.department, KIND_ZH[y.kind], r.year, r.score, r.change ?? "", r.errors]);
  }
  for (const ws of [summary, findings, items, ranking]) {
    ws.pageSetup = { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    for (const row of ws.getRows(1, ws.rowCount) ?? [])
      row.eachCell((cell) => {
        if (typeof cell.value === "string") cell.value = defuseFormula(cell.value);
      });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function writeOutputs(report: AuditReport, out: string): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const files: [string, string | Uint8Array][] = [
    ["audit.json", `${JSON.stringify(report, null, 2)}\n`],
    ["findings.csv", csv(FINDING_COLUMNS, findingRows(report))],
    ["scorecards.csv", csv(SCORECARD_COLUMNS, scorecardRows(report))],
    ["audit.xlsx", await auditWorkbook(report)],
    ["report.html", reportHtml(report)],
  ];
  for (const [name, data] of files) await writeAtomic(join(out, name), data);
  return files.map(([name]) => join(out, name));
}
