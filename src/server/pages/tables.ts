/** Printed tables as HTML, faithful to the document: multi-level headers, blank ≠ 0. */
import { html } from "hono/html";
import type { PerformanceTable, PrintedTable } from "../../model/disclosure.ts";
import type { Finding } from "../../model/finding.ts";
import { formatPrinted } from "../../model/money.ts";
import type { Html } from "../layout.ts";

interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
}

/** Header rows from column paths: equal neighbouring prefixes merge across, short paths span down. */
export function headerRows(paths: string[][]): HeaderCell[][] {
  const depth = Math.max(1, ...paths.map((p) => p.length));
  const rows: HeaderCell[][] = [];
  for (let level = 0; level < depth; level++) {
    const row: HeaderCell[] = [];
    for (let i = 0; i < paths.length; ) {
      const p = paths[i] ?? [];
      if (level >= p.length) {
        i++;
        continue;
      }
      const prefix = p.slice(0, level + 1).join("\u0000");
      let j = i + 1;
      while (
        j < paths.length &&
        (paths[j] ?? []).slice(0, level + 1).join("\u0000") === prefix &&
        level < (paths[j]?.length ?? 0) - 1
      )
        j++;
      const isLeaf = level === p.length - 1;
      if (isLeaf) j = i + 1;
      row.push({ text: p[level] ?? "", colspan: j - i, rowspan: isLeaf ? depth - level : 1 });
      i = j;
    }
    rows.push(row);
  }
  return rows;
}

export function printedTable(t: PrintedTable, links?: { csv: string; xlsx?: string }): Html {
  const unit = t.unit === "yuan" ? "元" : "万元";
  const heads = headerRows(t.columns.map((c) => c.path));
  return html`<section aria-labelledby="t${t.no}">
    <h3 id="t${t.no}">表${t.no} ${t.title}</h3>
    <p class="muted">单位：${unit}${t.preparedBy ? html` · 编制部门：${t.preparedBy}` : ""}${links ? html` · <a href="${links.csv}" download>下载 CSV</a>` : ""}${links?.xlsx ? html` · <a href="${links.xlsx}" download>下载 XLSX</a>` : ""}</p>
    ${t.emptyNote ? html`<p>${t.emptyNote}</p>` : ""}
    <div class="table-wrap"><table>
      <caption class="muted">表${t.no} ${t.title}（${unit}）</caption>
      <thead>${heads.map(
        (r) =>
          html`<tr>${r.map((h) => html`<th scope="col" colspan="${h.colspan}" rowspan="${h.rowspan}">${h.text}</th>`)}</tr>`,
      )}</thead>
      <tbody>${t.rows.map(
        (r) =>
          html`<tr class="${r.kind === "total" ? "total" : `l${Math.min(r.level, 3)}`}">${r.cells.map((cell, i) =>
            typeof cell === "number" && t.columns[i]?.type === "amount"
              ? html`<td class="num">${formatPrinted(cell, t.unit === "yuan" ? "yuan" : "wanyuan", t.precision)}</td>`
              : html`<td>${cell ?? ""}</td>`,
          )}</tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}

export function performanceTable(p: PerformanceTable): Html {
  return html`<section>
    <h3>${p.title}${p.project ? html`：${p.project}` : ""}</h3>
    ${p.goal ? html`<p><strong>绩效目标：</strong>${p.goal}</p>` : ""}
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">一级指标</th><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">指标值</th><th scope="col">权重</th></tr></thead>
      <tbody>${p.indicators.map(
        (i) =>
          html`<tr><td>${i.level1}</td><td>${i.level2}</td><td>${i.name}</td><td>${i.target.raw}</td><td class="num">${i.weight ?? ""}</td></tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}

const SEV = { error: "错误", warning: "警告", notice: "提示" } as const;

export function qualityBadge(s: { errors: number; warnings: number }): Html {
  const [cls, text] =
    s.errors > 0 ? ["poor", "数据存疑"] : s.warnings > 0 ? ["fair", "基本一致"] : ["good", "数据一致"];
  return html`<span class="badge ${cls}" title="检查结果：错误 ${s.errors}，警告 ${s.warnings}">${text}</span>`;
}

export function findingsList(findings: readonly Finding[]): Html {
  if (findings.length === 0) return html`<p>检查未发现问题。</p>`;
  return html`<ol class="findings">${findings.map((f) => {
    const l = f.location;
    const where = [l.part, l.table ? `表${l.table}` : undefined, l.section, l.row, l.column]
      .filter(Boolean)
      .join(" · ");
    return html`<li><strong class="sev-${f.severity}">${SEV[f.severity]}</strong> <code>${f.rule}</code> ${where ? html`[${where}] ` : ""}${f.message}${
      f.expected !== undefined ? html`（应为 ${f.expected}，实为 ${f.actual ?? ""}，差 ${f.difference ?? ""}）` : ""
    }</li>`;
  })}</ol>`;
}
