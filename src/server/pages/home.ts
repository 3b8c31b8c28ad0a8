/** Home: search (department, project, function name or code), regions, years, departments. */
import type { Hono } from "hono";
import { html } from "hono/html";
import { listDepartments, listRegions, listYears, type SearchHit, type Store, search } from "../../store/index.ts";
import { disclosurePath, int, KIND_SHORT } from "../format.ts";
import { page } from "../layout.ts";

const KIND = { department: "部门", project: "项目", function: "功能科目" } as const;

const hitLink = (h: SearchHit) => `/departments/${h.department.id}/${h.year}`;

export function registerHome(app: Hono, store: Store): void {
  app.get("/", async (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 100);
    const region = c.req.query("region") || undefined;
    const offset = int(c.req.query("offset"), 0);
    const [regions, years] = await Promise.all([listRegions(store), listYears(store)]);
    const results = q ? await search(store, q, { limit: 20, offset }) : undefined;
    const depts = q ? undefined : await listDepartments(store, { region, limit: 50, offset });
    const pager = (total: number, limit: number) => {
      const base = q ? `/?q=${encodeURIComponent(q)}` : region ? `/?region=${encodeURIComponent(region)}` : "/?";
      const sep = base.endsWith("?") ? "" : "&";
      return html`<nav class="pager" aria-label="分页">
        ${offset > 0 ? html`<a href="${base}${sep}offset=${Math.max(0, offset - limit)}">上一页</a>` : ""}
        ${offset + limit < total ? html`<a href="${base}${sep}offset=${offset + limit}">下一页</a>` : ""}
      </nav>`;
    };
    return c.html(
      page({
        title: q ? `搜索：${q}` : "首页",
        description: "部门预算公开数据：检索、浏览、比较和下载各部门的年度预算。",
        body: html`<h1>部门预算公开</h1>
          <form class="search" role="search" action="/" method="get">
            <label for="q" class="muted">搜索部门、项目、功能科目名称或编码</label>
            <input type="search" id="q" name="q" value="${q}" placeholder="如：人力资源、就业补助、2080101" maxlength="100">
            <button type="submit">搜索</button>
          </form>
          ${
            results
              ? html`<section aria-labelledby="r"><h2 id="r">搜索结果（${results.total} 条）</h2>
                ${
                  results.items.length
                    ? html`<ul class="results">${results.items.map(
                        (h) =>
                          html`<li><span class="muted">[${KIND[h.kind]}]</span> <a href="${hitLink(h)}">${h.term}</a>${h.code ? html` <span class="muted">${h.code}</span>` : ""} — ${h.department.name}（${h.department.region}，${h.year} 年）</li>`,
                      )}</ul>${pager(results.total, results.limit)}`
                    : html`<p>没有找到与“${q}”相关的部门、项目或功能科目。</p>`
                }</section>`
              : ""
          }
          <section aria-labelledby="regions"><h2 id="regions">地区</h2>
            <ul class="cards">${regions.map(
              (r) =>
                html`<li class="card"><a href="/?region=${encodeURIComponent(r.region)}">${r.region}</a> <span class="muted">${r.departments} 个部门</span> · <a href="/regions/${encodeURIComponent(r.region)}">汇总</a></li>`,
            )}</ul>
          </section>
          <section aria-labelledby="years"><h2 id="years">年度</h2>
            <p>${years.map((y) => html`<a href="/compare?year=${y}">${y} 年</a> `)}</p>
          </section>
          ${
            depts
              ? html`<section aria-labelledby="depts"><h2 id="depts">部门${region ? html`（${region}）` : ""}，共 ${depts.total} 个</h2>
                <ul class="cards">${depts.items.map(
                  (d) =>
                    html`<li class="card"><a href="/departments/${d.id}">${d.name}</a><br><span class="muted">${[d.region, d.city, d.county].filter(Boolean).join(" · ")} · ${d.current.map((x) => html`<a href="${disclosurePath(d.id, x.year, x.kind)}">${x.year} ${KIND_SHORT[x.kind]}</a> `)}</span></li>`,
                )}</ul>${pager(depts.total, depts.limit)}</section>`
              : ""
          }`,
      }),
    );
  });
}
