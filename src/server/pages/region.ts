/** Region roll-up: totals across a region's departments, e.g. 三公 by department, ranked. */
import type { Hono } from "hono";
import { html } from "hono/html";
import { LruCache } from "../../store/cache.ts";
import { aggregate, listDepartments, listRegions, type Store } from "../../store/index.ts";
import { rankedBarSvg } from "../charts.ts";
import { httpError } from "../errors.ts";
import { disclosurePath, int, KIND_SHORT, pct, wan } from "../format.ts";
import { page } from "../layout.ts";

const svgs = new LruCache<string>(200, 60_000);

export function registerRegion(app: Hono, store: Store): void {
  app.get("/regions", async (c) => {
    const regions = await listRegions(store);
    return c.html(
      page({
        title: "地区",
        body: html`<h1>地区汇总</h1><ul class="cards">${regions.map(
          (r) =>
            html`<li class="card"><a href="/regions/${encodeURIComponent(r.region)}">${r.region}</a> <span class="muted">${r.departments} 个部门</span></li>`,
        )}</ul>`,
      }),
    );
  });

  app.get("/regions/:region", async (c) => {
    const region = c.req.param("region").slice(0, 100);
    // no region has a NUL in its name (and PostgreSQL cannot compare one)
    if (region.includes("\u0000")) throw httpError(404, "没有这个地区");
    const depts = await listDepartments(store, { region, limit: 500 });
    if (depts.total === 0) throw httpError(404, `没有“${region}”地区的部门`);
    // the region's own years (the newest year of another region would leave this one empty)
    const years = [...new Set(depts.items.flatMap((d) => d.years))].sort((a, b) => b - a);
    const year = int(c.req.query("year"), years[0] ?? 0, 0, 2100);
    const [tp, spend, byClass] = await Promise.all([
      aggregate(store, { by: "department", metric: "threePublic", region, year, limit: 100 }),
      aggregate(store, { by: "department", metric: "expenditure", region, year, limit: 100 }),
      aggregate(store, { by: "functionClass", region, year, limit: 40 }),
    ]);
    const inYear = depts.items.filter((d) => d.years.includes(year));
    if (spend.total === 0 && tp.total === 0)
      return c.html(
        page({
          title: `${region} ${year} 年`,
          body: html`<h1>${region} ${year} 年部门预算</h1>
            <p>年度：${years.map((y) => html`<a href="/regions/${encodeURIComponent(region)}?year=${y}">${y}</a> `)}</p>
            <p role="note">这些部门 ${year} 年的公开表中没有读出可汇总的支出和“三公”经费，暂无地区汇总；各部门的页面显示读出的内容。</p>
            <ul class="cards">${inYear.map(
              (d) =>
                html`<li class="card">${d.name}<br><span class="muted">${d.current
                  .filter((x) => x.year === year)
                  .map(
                    (x) => html`<a href="${disclosurePath(d.id, x.year, x.kind)}">${x.year} ${KIND_SHORT[x.kind]}</a> `,
                  )}</span></li>`,
            )}</ul>`,
        }),
      );
    const svg = await svgs.wrap(`${store.generation}:${region}:${year}`, async () =>
      rankedBarSvg(
        `${year} 年“三公”经费（按部门）`,
        tp.items.slice(0, 20).map((i) => ({ name: i.label, value: i.amountFen })),
      ),
    );
    const link = (key: string) => `/departments/${key}/${year}`;
    return c.html(
      page({
        title: `${region} ${year} 年汇总`,
        body: html`<h1>${region} ${year} 年部门预算汇总</h1>
          <p>年度：${years.map((y) => html`<a href="/regions/${encodeURIComponent(region)}?year=${y}">${y}</a> `)}</p>
          <ul class="cards">
            <li class="card"><div class="muted">部门数</div><div class="figure">${spend.total}</div></li>
            <li class="card"><div class="muted">支出合计（万元）</div><div class="figure">${wan(spend.totalAmountFen)}</div></li>
            <li class="card"><div class="muted">“三公”经费合计（万元）</div><div class="figure">${wan(tp.totalAmountFen)}</div></li>
          </ul>
          <h2>“三公”经费按部门排名</h2>
          <figure><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" alt="${year} 年“三公”经费按部门排名"><figcaption>前 20 个部门</figcaption></figure>
          <div class="table-wrap"><table><caption>单位：万元</caption>
            <thead><tr><th scope="col">排名</th><th scope="col">部门</th><th scope="col">“三公”经费</th><th scope="col">占地区合计</th></tr></thead>
            <tbody>${tp.items.map(
              (i, n) =>
                html`<tr><td class="num">${n + 1}</td><td><a href="${link(i.key)}">${i.label}</a></td><td class="num">${wan(i.amountFen)}</td><td class="num">${pct(i.amountFen, tp.totalAmountFen)}</td></tr>`,
            )}</tbody></table></div>
          <h2>支出按部门排名</h2>
          <div class="table-wrap"><table><caption>单位：万元</caption>
            <thead><tr><th scope="col">排名</th><th scope="col">部门</th><th scope="col">支出预算</th></tr></thead>
            <tbody>${spend.items.map(
              (i, n) =>
                html`<tr><td class="num">${n + 1}</td><td><a href="${link(i.key)}">${i.label}</a></td><td class="num">${wan(i.amountFen)}</td></tr>`,
            )}</tbody></table></div>
          <h2>支出按功能分类</h2>
          <div class="table-wrap"><table><caption>单位：万元</caption>
            <thead><tr><th scope="col">功能分类（类）</th><th scope="col">金额</th><th scope="col">占比</th></tr></thead>
            <tbody>${byClass.items.map(
              (i) =>
                html`<tr><td>${i.key} ${i.label}</td><td class="num">${wan(i.amountFen)}</td><td class="num">${pct(i.amountFen, byClass.totalAmountFen)}</td></tr>`,
            )}</tbody></table></div>`,
      }),
    );
  });
}
