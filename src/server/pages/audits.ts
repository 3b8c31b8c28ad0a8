/**
 * Data quality (as USAspending and Vulekamali publish theirs): the audits saved with
 * `yusuan audit … --save`, each on a page of its own (/audits/:id) — totals, score distribution,
 * the most common problems, every document's score with what it lost — and, on each
 * department-year's page, the latest audit's status and score (qualityLine).
 */
import type { Hono } from "hono";
import { html, raw } from "hono/html";
import { distributionSvg, problemsSvg } from "../../audit/html.ts";
import type { AuditReport } from "../../audit/report.ts";
import { getAudit, latestQuality, listAuditDocuments, listAudits, type Store } from "../../store/index.ts";
import { httpError } from "../errors.ts";
import { KIND_SHORT } from "../format.ts";
import { page } from "../layout.ts";

function auditId(v: string | undefined): number {
  const n = Number(v);
  if (!v || !/^\d{1,12}$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw httpError(404, "审计编号应为正整数");
  return n;
}

const STATUS_ZH = { running: "进行中", done: "已完成" } as const;

function level(score: number | null): "good" | "fair" | "poor" {
  if (score === null) return "fair";
  return score >= 90 ? "good" : score >= 70 ? "fair" : "poor";
}

/** The department-year's data-quality status from the latest audit that holds it, or "" when none does. */
export async function qualityLine(
  store: Store,
  who: { government: string; department: string; year: number; kind: string },
): Promise<ReturnType<typeof html> | string> {
  const q = await latestQuality(store, who);
  if (!q) return "";
  const status = q.errors > 0 ? "有错误" : q.warnings > 0 ? "有警告" : "未发现问题";
  return html`<span class="badge ${level(q.score)}" title="审计 #${q.auditId}：得分 ${q.score ?? "—"}（评分覆盖 ${q.coverage ?? 0}/100），错误 ${q.errors}，警告 ${q.warnings}">数据质量 ${q.score ?? "—"} 分 · ${status}</span> <a href="/audits/${q.auditId}">审计 #${q.auditId}</a>`;
}

export function registerAudits(app: Hono, store: Store): void {
  app.get("/audits", async (c) => {
    const audits = await listAudits(store);
    return c.html(
      page({
        title: "数据质量",
        description: "批量审计：各部门预算公开文档的数据质量评分、排名和问题清单。",
        body: html`<h1>数据质量：审计</h1>
          <p class="muted">每次审计读取并检查一批公开文档，按检查清单评分（满分 100，每项扣分注明来源问题）。用 <code>yusuan audit … --save</code> 保存审计。</p>
          ${
            audits.length === 0
              ? html`<p role="note">还没有保存的审计。</p>`
              : html`<table><thead><tr><th>编号</th><th>名称</th><th>状态</th><th>文档</th><th>平均得分</th><th>错误</th><th>时间</th></tr></thead><tbody>${audits.map(
                  (a) => {
                    const s = (a.summary?.summary ?? {}) as { meanScore?: number | null; errors?: number };
                    return html`<tr><td><a href="/audits/${a.id}">#${a.id}</a></td><td><a href="/audits/${a.id}">${a.title}</a></td><td>${STATUS_ZH[a.status]}${a.status === "running" ? html`（${a.written}/${a.documents}）` : ""}</td><td class="num">${a.documents}</td><td class="num">${s.meanScore ?? "—"}</td><td class="num">${s.errors ?? "—"}</td><td>${a.createdAt.slice(0, 16).replace("T", " ")}</td></tr>`;
                  },
                )}</tbody></table>`
          }`,
      }),
    );
  });

  app.get("/audits/:id", async (c) => {
    const id = auditId(c.req.param("id"));
    const a = await getAudit(store, id);
    if (!a) throw httpError(404, `没有编号为 ${id} 的审计`);
    const docs = await listAuditDocuments(store, id);
    const report = a.summary as unknown as Omit<AuditReport, "documents"> | null;
    const s = report?.summary;
    const ranked = [...docs].sort(
      (x, y) => (y.score ?? -1) - (x.score ?? -1) || (y.coverage ?? 0) - (x.coverage ?? 0) || x.seq - y.seq,
    );
    const charts = report
      ? html`<div class="charts">${raw(distributionSvg({ ...report, documents: [] }))}${
          report.commonProblems.length > 0 ? raw(problemsSvg({ ...report, documents: [] })) : ""
        }</div>`
      : "";
    return c.html(
      page({
        title: `审计 #${a.id}`,
        description: `${a.title}：数据质量评分和问题清单。`,
        body: html`<h1>审计 #${a.id}：${a.title}</h1>
          <p class="muted">${STATUS_ZH[a.status]}${a.status === "running" ? `（已完成 ${a.written}/${a.documents} 份）` : ""} · 开始于 ${a.createdAt.slice(0, 16).replace("T", " ")}${a.finishedAt ? ` · 完成于 ${a.finishedAt.slice(0, 16).replace("T", " ")}` : ""} · 输入 ${a.inputs.join("、")}</p>
          ${
            s
              ? html`<p>文档 ${s.documents} 份：已读取 ${s.read}，无法读取 ${s.unreadable}；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.notices}；平均得分 <strong>${s.meanScore ?? "—"}</strong></p>`
              : ""
          }
          ${charts}
          <h2>各文档得分</h2>
          <table><thead><tr><th>名次</th><th>政府</th><th>部门</th><th>年度</th><th>数据质量</th><th>评分覆盖</th><th>错误</th><th>警告</th><th>不合格项</th></tr></thead><tbody>${ranked.map(
            (d, i) => {
              const items = (
                (d.result.score as { items?: { title: string; status: string; weight: number; points: number }[] })
                  ?.items ?? []
              ).filter((x) => x.status === "不合格");
              return d.status === "ok"
                ? html`<tr><td class="num">${i + 1}</td><td>${d.government ?? ""}</td><td><a href="/?q=${encodeURIComponent(d.department ?? "")}">${d.department ?? ""}</a></td><td>${d.year ?? ""} ${d.kind === "finalAccounts" ? KIND_SHORT.finalAccounts : KIND_SHORT.budget}</td><td><span class="badge ${level(d.score)}">${d.score ?? "—"}</span></td><td class="num">${d.coverage ?? 0}</td><td class="num">${d.errors}</td><td class="num">${d.warnings}</td><td>${items.map((x) => `${x.title} -${x.weight - x.points}`).join("；")}</td></tr>`
                : html`<tr><td></td><td colspan="3">${d.file}</td><td><span class="badge poor">无法读取</span></td><td colspan="4">${String(d.result.reason ?? "")}</td></tr>`;
            },
          )}</tbody></table>
          ${
            report && report.commonProblems.length > 0
              ? html`<h2>最常见的问题</h2><table><thead><tr><th>规则</th><th>问题</th><th>文档数</th><th>处数</th></tr></thead><tbody>${report.commonProblems
                  .slice(0, 20)
                  .map(
                    (p) =>
                      html`<tr><td>${p.rule}</td><td>${p.title}</td><td class="num">${p.documents}</td><td class="num">${p.findings}</td></tr>`,
                  )}</tbody></table>`
              : ""
          }`,
      }),
    );
  });
}
