/**
 * report.html: the audit for people, one self-contained file that works offline (no script, no
 * font or style fetched; charts are inline SVG drawn by ECharts on the server). Every text from a
 * document (names, messages, file names) is escaped.
 */
import * as echarts from "echarts";
import { escapeHtml as e } from "../render/escape.ts";
import type { DocumentResult } from "./document.ts";
import { CATEGORY_ZH, HALF_ZH, imagePagesNote, KIND_ZH, SEVERITY_ZH, whereOf } from "./labels.ts";
import type { AuditReport } from "./report.ts";

/** scorecards shown in the page; a national batch's others are in audit.xlsx and audit.json */
export const MAX_CARDS = 1000;

const FONT = "'Noto Sans SC','WenQuanYi Zen Hei','Microsoft YaHei',sans-serif";
const PALETTE = ["#2f6f9f", "#5b9bd5", "#ed7d31", "#a5a5a5", "#ffc000", "#70ad47"];

function svg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function hbar(title: string, names: string[], values: number[], width: number, suffix: string): string {
  return svg(
    {
      title: { text: title, left: "center", textStyle: { fontFamily: FONT, fontSize: 15 } },
      grid: { left: 8, right: 60, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "value", axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: {
        type: "category",
        data: names,
        inverse: true,
        axisLabel: { fontSize: 12, width: 260, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          data: values,
          barMaxWidth: 22,
          label: {
            show: true,
            position: "right",
            fontSize: 12,
            formatter: (p: { value: number }) => `${p.value}${suffix}`,
          },
        },
      ],
    },
    width,
    Math.max(140, 50 + names.length * 26),
  );
}

export function distributionSvg(r: AuditReport): string {
  const bands = [...r.distribution].reverse();
  return svg(
    {
      title: { text: "得分分布（份）", left: "center", textStyle: { fontFamily: FONT, fontSize: 15 } },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: bands.map((b) => `${b.band} 分`), axisLabel: { fontSize: 12 } },
      yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 12 } },
      series: [
        {
          type: "bar",
          data: bands.map((b) => b.documents),
          barMaxWidth: 48,
          label: { show: true, position: "top", fontSize: 12 },
        },
      ],
    },
    460,
    300,
  );
}

export function problemsSvg(r: AuditReport): string {
  const top = r.commonProblems.slice(0, 10);
  return hbar(
    "最常见的问题（涉及文档数）",
    top.map((p) => `${p.rule} ${p.title}`),
    top.map((p) => p.documents),
    620,
    " 份",
  );
}

export function rankingSvg(r: AuditReport): string {
  const top = r.ranking.slice(0, 30);
  return hbar(
    r.ranking.length > 30 ? "得分排名（前 30）" : "得分排名",
    top.map((x) => `${x.department} ${x.year}${KIND_ZH[x.kind]}`),
    top.map((x) => x.score),
    620,
    " 分",
  );
}

const STYLE = `
body{font-family:${FONT};margin:0;color:#1d2733;background:#f6f7f9;line-height:1.55}
main{max-width:1180px;margin:0 auto;padding:20px 24px 60px}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid #2f6f9f;padding-bottom:4px}
h3{font-size:16px;margin:14px 0 6px}
.meta{color:#56616d;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:24px}.card span{color:#56616d;font-size:13px}
.charts{display:flex;flex-wrap:wrap;gap:14px}.chart{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:6px}
table{border-collapse:collapse;background:#fff;font-size:13px;width:100%;margin:6px 0}
th,td{border:1px solid #d5dbe2;padding:4px 7px;text-align:left;vertical-align:top}
th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
.bad{color:#b00020}.ok{color:#23733a}.nc{color:#8a6d00}
details{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:8px 0;padding:6px 12px}
summary{cursor:pointer;font-weight:600}
.score{display:inline-block;min-width:44px;text-align:center;border-radius:4px;padding:0 6px;color:#fff;background:#2f6f9f}
.score.low{background:#b00020}.score.mid{background:#c77c00}
@media print{details{break-inside:avoid}body{background:#fff}}
`;

function scoreBadge(s: number): string {
  return `<span class="score${s < 60 ? " low" : s < 80 ? " mid" : ""}">${s}</span>`;
}

function docTitle(d: DocumentResult): string {
  return d.status === "ok"
    ? `${e(d.department)} ${e(d.year)} 年${d.kind ? KIND_ZH[d.kind] : ""}`
    : `${e(d.file)}（无法读取）`;
}

function documentSection(d: DocumentResult): string {
  if (d.status !== "ok")
    return `<details><summary class="bad">${e(d.file)}${d.text ? ` + ${e(d.text)}` : ""}：无法读取</summary><p>${e(d.reason)}</p></details>`;
  const t = d.tables;
  const items = (d.score?.items ?? [])
    .map(
      (i) =>
        `<tr><td>${e(i.title)}</td><td class="n">${i.weight}</td><td class="n">${i.points}</td><td class="${i.status === "合格" ? "ok" : i.status === "不合格" ? "bad" : "nc"}">${e(i.status)}</td><td>${i.deductions
          .map((x) => `-${x.points}：${e(x.reason)}（${x.findings.map(e).join("、")}）`)
          .join("<br>")}${i.notChecked.length > 0 ? `未能检查：${i.notChecked.map(e).join("、")}` : ""}</td></tr>`,
    )
    .join("");
  const findings = d.findings
    .filter((f) => f.severity !== "notice")
    .slice(0, 200)
    .map(
      (f) =>
        `<tr><td>${e(f.id)}</td><td>${SEVERITY_ZH[f.severity]}</td><td>${e(CATEGORY_ZH[f.category] ?? f.category)}</td><td>${e(f.message)}</td><td>${e(whereOf(f))}</td><td class="n">${e(f.pages.join("、"))}</td><td class="n">${e(f.expected)}</td><td class="n">${e(f.actual)}</td></tr>`,
    )
    .join("");
  const more = d.findings.filter((f) => f.severity !== "notice").length - 200;
  return `<details><summary>${scoreBadge(d.score?.total ?? 0)} ${docTitle(d)} · ${e(d.government)} · 错误 ${d.summary.errors}，警告 ${d.summary.warnings}，提示 ${d.summary.notices}</summary>
<p class="meta">得分 ${d.score?.total ?? 0}（已检查项 ${d.score?.points ?? 0}/${d.score?.coverage ?? 0} 分，折算为百分制；未能检查的项不计）· 文件 ${e(d.file)}${d.text ? ` + ${e(d.text)}` : ""} · 模板 ${e(d.template)}${d.pages ? ` · ${d.pages} 页` : ""} · 表格 ${t?.found ?? 0} 张（读取可靠 ${t?.reliable ?? 0}${t?.confidence !== null && t?.confidence !== undefined ? `，平均置信度 ${Math.round(t.confidence * 100)}%` : ""}）${t && t.missing.length > 0 ? ` · 未找到：${t.missing.map((m) => `表${m.no} ${e(m.title)}`).join("、")}` : ""}${d.half ? ` · <strong>${HALF_ZH[d.half]}</strong>` : ""}${d.imagePages ? ` · <strong>${e(imagePagesNote(d.imagePages))}</strong>` : ""}</p>
<table><thead><tr><th>检查项</th><th>分值</th><th>得分</th><th>结论</th><th>扣分依据</th></tr></thead><tbody>${items}</tbody></table>
${findings ? `<table><thead><tr><th>编号</th><th>严重程度</th><th>类别</th><th>问题</th><th>位置</th><th>页码</th><th>应为</th><th>实为</th></tr></thead><tbody>${findings}</tbody></table>${more > 0 ? `<p class="meta">另有 ${more} 条见 audit.xlsx 问题清单。</p>` : ""}` : ""}
</details>`;
}

export function reportHtml(r: AuditReport): string {
  const s = r.summary;
  const ranking = r.ranking
    .map(
      (x) =>
        `<tr><td class="n">${x.rank}</td><td>${e(x.government)}</td><td>${e(x.department)}</td><td class="n">${x.year}</td><td>${KIND_ZH[x.kind]}</td><td class="n">${scoreBadge(x.score)}</td><td class="n">${x.coverage}</td><td class="n">${x.errors}</td></tr>`,
    )
    .join("");
  const yoy = r.yearOverYear
    .flatMap((y) =>
      y.years.map(
        (x) =>
          `<tr><td>${e(y.government)}</td><td>${e(y.department)}</td><td>${KIND_ZH[y.kind]}</td><td class="n">${x.year}</td><td class="n">${x.score}</td><td class="n">${x.change === null ? "—" : x.change > 0 ? `+${x.change}` : x.change}</td><td class="n">${x.errors}</td></tr>`,
      ),
    )
    .join("");
  const checklist = r.checklist
    .map(
      (c) =>
        `<tr><td>${e(c.title)}</td><td class="n">${c.weight}</td><td class="n">${c.failed}</td><td class="n">${c.notChecked}</td></tr>`,
    )
    .join("");
  const unreadable = r.documents.filter((d) => d.status !== "ok");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>部门预算公开审计报告</title><style>${STYLE}</style></head>
<body><main>
<h1>部门预算公开审计报告</h1>
<p class="meta">生成时间 ${e(r.generatedAt)} · 输入 ${r.inputs.map(e).join("、")} · 评分方法见 docs/audit.md（满分 100，每项扣分注明来源问题编号）</p>
<div class="cards">
<div class="card"><b>${s.documents}</b><span>文档</span></div>
<div class="card"><b>${s.read}</b><span>已读取</span></div>
<div class="card"><b class="${s.unreadable > 0 ? "bad" : ""}">${s.unreadable}</b><span>无法读取</span></div>
<div class="card"><b>${s.meanScore ?? "—"}</b><span>平均得分</span></div>
<div class="card"><b>${s.errors}</b><span>错误</span></div>
<div class="card"><b>${s.warnings}</b><span>警告</span></div>
<div class="card"><b>${s.pages}</b><span>页</span></div>
</div>
<h2>图表</h2>
<div class="charts">
<div class="chart">${distributionSvg(r)}</div>
${r.commonProblems.length > 0 ? `<div class="chart">${problemsSvg(r)}</div>` : ""}
${r.ranking.length > 0 ? `<div class="chart">${rankingSvg(r)}</div>` : ""}
</div>
<h2>排名</h2>
<table><thead><tr><th>名次</th><th>政府</th><th>部门</th><th>年度</th><th>类型</th><th>得分</th><th>评分覆盖</th><th>错误</th></tr></thead><tbody>${ranking}</tbody></table>
${yoy ? `<h2>逐年比较</h2><table><thead><tr><th>政府</th><th>部门</th><th>类型</th><th>年度</th><th>得分</th><th>比上年</th><th>错误</th></tr></thead><tbody>${yoy}</tbody></table>` : ""}
<h2>检查项（不合格文档数）</h2>
<table><thead><tr><th>检查项</th><th>分值</th><th>不合格</th><th>未能检查</th></tr></thead><tbody>${checklist}</tbody></table>
${
  r.commonProblems.length > 0
    ? `<h2>最常见的问题</h2><table><thead><tr><th>规则</th><th>问题</th><th>严重程度</th><th>类别</th><th>文档数</th><th>处数</th></tr></thead><tbody>${r.commonProblems
        .slice(0, 30)
        .map(
          (p) =>
            `<tr><td>${e(p.rule)}</td><td>${e(p.title)}</td><td>${SEVERITY_ZH[p.severity as "error"] ?? e(p.severity)}</td><td>${e(CATEGORY_ZH[p.category] ?? p.category)}</td><td class="n">${p.documents}</td><td class="n">${p.findings}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : ""
}
${unreadable.length > 0 ? `<h2>无法读取的文件（${unreadable.length}）</h2><table><thead><tr><th>文件</th><th>原因</th></tr></thead><tbody>${unreadable.map((d) => `<tr><td>${e(d.file)}${d.text ? ` + ${e(d.text)}` : ""}</td><td>${e(d.reason)}</td></tr>`).join("")}</tbody></table>` : ""}
<h2>各文档评分卡</h2>
${r.documents.slice(0, MAX_CARDS).map(documentSection).join("\n")}
${r.documents.length > MAX_CARDS ? `<p class="meta">另有 ${r.documents.length - MAX_CARDS} 份文档的评分卡见 audit.xlsx（汇总、评分明细）和 audit.json。</p>` : ""}
</main></body></html>
`;
}
