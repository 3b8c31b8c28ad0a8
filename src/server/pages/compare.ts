/**
 * Compare: one department across years (changes against the year before highlighted), or several
 * departments in one year (the largest of each row highlighted). Plain GET forms; no JavaScript.
 */
import type { Hono } from "hono";
import { html } from "hono/html";
import type { Disclosure } from "../../model/disclosure.ts";
import { findCurrent, getDepartment, listDepartments, listYears, type Store } from "../../store/index.ts";
import { functionSlices } from "../charts.ts";
import type { PortalData } from "../data.ts";
import { httpError } from "../errors.ts";
import { disclosurePath, growthText, int, KIND_NAMES, KIND_SHORT, type Kind, wan } from "../format.ts";
import { type Html, page } from "../layout.ts";
import { headline, idParam } from "./department.ts";

interface Column {
  heading: string;
  href: string;
  d: Disclosure;
}

/** Rows: headline figures, then each function class present in any column. */
function rowsOf(cols: Column[]): { label: string; values: (number | null)[] }[] {
  const rows = headline(cols[0]?.d ?? ({ tables: [] } as unknown as Disclosure)).map((h, i) => ({
    label: h.label,
    values: cols.map((c) => headline(c.d)[i]?.value ?? null),
  }));
  const classes = new Map<string, (number | null)[]>();
  cols.forEach((c, ci) => {
    for (const s of functionSlices(c.d)) {
      const v = classes.get(s.name) ?? cols.map(() => null);
      v[ci] = s.value;
      classes.set(s.name, v);
    }
  });
  for (const [label, values] of classes) rows.push({ label: `其中：${label}`, values });
  // a figure no document gave is no row (a row of "—" says nothing)
  return rows.filter((r) => r.values.some((v) => v !== null));
}

function compareTable(cols: Column[], mode: "years" | "departments"): Html {
  const rows = rowsOf(cols);
  return html`<div class="table-wrap"><table>
    <caption>单位：万元${mode === "years" ? "；括号内为比上年增减" : "；加粗为该行最大值"}</caption>
    <thead><tr><th scope="col">项目</th>${cols.map((c) => html`<th scope="col"><a href="${c.href}">${c.heading}</a></th>`)}</tr></thead>
    <tbody>${rows.map((r) => {
      const max = Math.max(...r.values.map((v) => v ?? Number.NEGATIVE_INFINITY));
      return html`<tr><th scope="row">${r.label}</th>${r.values.map((v, i) => {
        if (v === null) return html`<td class="num">—</td>`;
        if (mode === "departments")
          return html`<td class="num">${v === max && r.values.length > 1 ? html`<strong>${wan(v)}</strong>` : wan(v)}</td>`;
        const prior = i > 0 ? (r.values[i - 1] ?? undefined) : undefined;
        const g = growthText(v, prior ?? undefined);
        const cls = prior === undefined || v === prior ? "" : v > prior ? "up changed" : "down changed";
        return html`<td class="num ${cls}">${wan(v)}${g ? html`<br><small>(${v > (prior ?? 0) ? "↑" : "↓"}${g})</small>` : ""}</td>`;
      })}</tr>`;
    })}</tbody></table></div>`;
}

const kindOf = (v: string | undefined): Kind => {
  if (v === undefined || v === "" || v === "budget") return "budget";
  if (v === "finalAccounts") return "finalAccounts";
  throw httpError(400, "参数 kind 应为 budget（预算）或 finalAccounts（决算）");
};
const OTHER: Record<Kind, Kind> = { budget: "finalAccounts", finalAccounts: "budget" };

export function registerCompare(app: Hono, store: Store, data: PortalData): void {
  app.get("/compare", async (c) => {
    const kind = kindOf(c.req.query("kind"));
    const deptParam = c.req.query("department");
    if (deptParam) {
      const id = idParam(deptParam);
      const dept = await getDepartment(store, id);
      if (!dept) throw httpError(404, `没有编号为 ${id} 的部门`);
      const history = (await data.history(id)).filter((r) => r.isCurrent);
      const current = history.filter((r) => r.kind === kind).sort((a, b) => a.year - b.year);
      // the other kind is compared on its own page, and the page says so (never left out silently)
      const other = history.filter((r) => r.kind !== kind).sort((a, b) => a.year - b.year);
      const cols = await Promise.all(
        current.slice(-8).map(async (r) => ({
          heading: `${r.year} 年${KIND_SHORT[r.kind]}`,
          href: disclosurePath(id, r.year, r.kind),
          d: await data.disclosure(r.id),
        })),
      );
      return c.html(
        page({
          title: `${dept.name} 历年比较（${KIND_NAMES[kind]}）`,
          body: html`<h1>${dept.name} 历年比较：${KIND_NAMES[kind]}</h1>
            ${cols.length ? compareTable(cols, "years") : html`<p>没有已发布的${KIND_NAMES[kind]}。</p>`}
            ${
              other.length
                ? html`<p class="muted" role="note">未列入：${other.map((r) => `${r.year} 年${KIND_SHORT[r.kind]}`).join("、")}——${KIND_NAMES[OTHER[kind]]}与${KIND_NAMES[kind]}口径不同（执行数与预算数），不放在同一张表里比较。<a href="/compare?department=${id}&kind=${OTHER[kind]}">比较${KIND_NAMES[OTHER[kind]]}</a></p>`
                : ""
            }`,
        }),
      );
    }
    const ids =
      c.req
        .queries("d")
        ?.slice(0, 10)
        .map((x) => idParam(x)) ?? [];
    const years = await listYears(store);
    const year = int(c.req.query("year"), years[0] ?? new Date().getFullYear(), 1990, 2100);
    const q = (c.req.query("q") ?? "").slice(0, 100);
    const found = q ? await listDepartments(store, { q, limit: 30 }) : undefined;
    const cols: Column[] = [];
    const left: string[] = [];
    for (const id of ids) {
      const r = await findCurrent(store, id, year, kind);
      if (r) {
        cols.push({ heading: r.department.name, href: disclosurePath(id, year, kind), d: await data.disclosure(r.id) });
        continue;
      }
      const dept = await getDepartment(store, id);
      if (!dept) continue;
      const o = await findCurrent(store, id, year, OTHER[kind]);
      left.push(
        `${dept.name}：${year} 年没有已发布的${KIND_NAMES[kind]}${o ? `（有${KIND_NAMES[OTHER[kind]]}，口径不同，不放在一起比较）` : ""}`,
      );
    }
    return c.html(
      page({
        title: "比较",
        body: html`<h1>比较</h1>
          <form method="get" action="/compare" class="search">
            <label for="cq">查找部门</label><input type="search" id="cq" name="q" value="${q}">
            <label for="cy">年度</label><select id="cy" name="year">${years.map((y) => html`<option value="${y}" ${y === year ? "selected" : ""}>${y}</option>`)}</select>
            <label for="ck">类别</label><select id="ck" name="kind">${(["budget", "finalAccounts"] as const).map((k) => html`<option value="${k}" ${k === kind ? "selected" : ""}>${KIND_NAMES[k]}</option>`)}</select>
            ${ids.map((id) => html`<input type="hidden" name="d" value="${id}">`)}
            <button type="submit">查找</button>
          </form>
          ${
            found
              ? html`<form method="get" action="/compare"><input type="hidden" name="year" value="${year}"><input type="hidden" name="kind" value="${kind}">
                <fieldset><legend>选择要比较的部门（${year} 年${KIND_NAMES[kind]}）</legend>
                ${found.items.map(
                  (d) =>
                    html`<label><input type="checkbox" name="d" value="${d.id}" ${ids.includes(d.id) ? "checked" : ""}> ${d.name}（${d.region}）</label> <a href="/compare?department=${d.id}">历年</a><br>`,
                )}</fieldset><button type="submit">比较所选部门</button></form>`
              : ""
          }
          ${cols.length ? html`<h2>${year} 年${KIND_NAMES[kind]}比较</h2>${compareTable(cols, "departments")}` : html`<p class="muted">查找部门后勾选，或在部门页点“历年比较”。</p>`}
          ${left.length ? html`<ul class="muted" role="note">${left.map((l) => html`<li>未列入：${l}</li>`)}</ul>` : ""}`,
      }),
    );
  });
}
