/**
 * The department-year page: headline figures, charts, all tables as published, the 说明, the
 * performance targets, the findings with a data-quality badge, and downloads. Also the per-version
 * downloads (CSV, JSON, source) and the chart SVGs, which address disclosures by id only.
 */
import type { Context, Hono } from "hono";
import { html, raw } from "hono/html";
import { amountAt, tableById, totalRow } from "../../model/access.ts";
import type { Disclosure } from "../../model/disclosure.ts";
import type { Finding } from "../../model/finding.ts";
import { INSTALL_CHROMIUM } from "../../render/chromium-path.ts";
import { renderTableXlsxBuffer, renderXlsxBuffer } from "../../render/xlsx.ts";
import {
  type DisclosureRecord,
  diffDisclosures,
  findCurrent,
  getCurrentContent,
  getDepartment,
  getRecord,
  getRendition,
  getSourceFile,
  getTable,
  listFindings,
  putRendition,
  type Store,
  THREE_PUBLIC_NAMES,
} from "../../store/index.ts";
import {
  CHART_HEIGHT,
  CHART_NAMES,
  CHART_TITLES,
  CHART_WIDTH,
  type ChartName,
  chartOption,
  economicSlices,
  functionSlices,
  incomeSlices,
  natureSlices,
  threePublicOf,
  threePublicTotal,
} from "../charts.ts";
import { tableCsv } from "../csv.ts";
import type { PortalData } from "../data.ts";
import { attachment, MIME, type PdfService } from "../downloads.ts";
import { type Encoded, sendEncoded } from "../encoding.ts";
import { httpError } from "../errors.ts";
import { disclosurePath, int, KIND_NAMES, KIND_SHORT, type Kind, pct, wan } from "../format.ts";
import { type Html, page } from "../layout.ts";
import { qualityLine } from "./audits.ts";
import { qualityBadges, readingOf } from "./reading.ts";
import { findingsList, performanceTable, printedTable } from "./tables.ts";

export function idParam(v: string | undefined, what = "编号"): number {
  if (!v || !/^\d{1,12}$/.test(v)) throw httpError(404, `${what}无效`);
  return Number(v);
}

/** A published record or 404 (drafts are not public). */
export async function publishedRecord(store: Store, id: number): Promise<DisclosureRecord> {
  const r = await getRecord(store, id);
  if (r?.status !== "published") throw httpError(404, `没有编号为 ${id} 的已发布公开文件`);
  return r;
}

/**
 * The headline figures, null where the document's tables do not give them. Jiangsu's 支出预算总表
 * (expenditureUses) prints the same 合计/基本支出/项目支出 as the others' 部门支出总体情况表; the 三公
 * total is read as the template prints it (its 小计 where 合计 also holds 会议费 and 培训费).
 */
export function headline(d: Disclosure): { label: string; value: number | null }[] {
  const t3 = tableById(d, "expenditure") ?? tableById(d, "expenditureUses");
  const r3 = t3 && (totalRow(t3) ?? t3.rows.find((r) => r.cells.some((c) => typeof c === "number")));
  const t2 = tableById(d, "income");
  const r2 = t2 && totalRow(t2);
  const at = (t: typeof t3, r: typeof r3, k: string) => (t && r ? amountAt(t, r, k) : null);
  return [
    { label: "收入", value: at(t2, r2, "total") },
    { label: "支出", value: at(t3, r3, "total") },
    { label: "基本支出", value: at(t3, r3, "basic") },
    { label: "项目支出", value: at(t3, r3, "project") },
    { label: "“三公”经费", value: threePublicTotal(d) },
  ];
}

function altText(name: ChartName, d: Disclosure): string {
  const slices =
    name === "function"
      ? functionSlices(d)
      : name === "nature"
        ? natureSlices(d)
        : name === "economic"
          ? economicSlices(d)
          : name === "income"
            ? incomeSlices(d)
            : Object.entries(threePublicOf(d).items).map(([k, value]) => ({ name: THREE_PUBLIC_NAMES[k] ?? k, value }));
  const parts = slices.map((x) => `${x.name} ${wan(x.value)}万元`);
  return `${CHART_TITLES[name]}${parts.length ? `：${parts.join("，")}` : ""}`;
}

/** The charts this version has data for (a chart without data is left out, never a broken image). */
export function chartsOf(d: Disclosure): ChartName[] {
  return CHART_NAMES.filter((n) => chartOption(n, d) !== undefined);
}

/** The immutable middle of a version's page: figures, charts, downloads, findings, tables, 说明. */
function versionFragment(rec: DisclosureRecord, d: Disclosure, findings: Finding[], withPdf: boolean): Html {
  const kind = KIND_NAMES[rec.kind];
  const unit = rec.kind === "budget" ? "预算" : "决算";
  const heads = headline(d).filter((h): h is { label: string; value: number } => h.value !== null);
  const total = headline(d)[1]?.value ?? null;
  const charts = chartsOf(d);
  const reading = readingOf(rec, d);
  const base = `/disclosures/${rec.id}`;
  const toc: [string, string][] = [
    ...(heads.length ? [["headline", "主要数据"] as [string, string]] : []),
    ...(charts.length ? [["charts", "图表"] as [string, string]] : []),
    ["downloads", "下载"],
    ["quality", "数据质量"],
    ...(d.tables.length ? [["tables", `${kind}公开表`] as [string, string]] : []),
    ...(d.explanations.length ? [["expl", `${kind}情况说明`] as [string, string]] : []),
    ...(d.performance.length ? [["perf", "绩效目标"] as [string, string]] : []),
    ["history", "版本历史"],
  ];
  return html`<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">目录</h2><ol>${toc.map(
    ([id, title]) =>
      html`<li><a href="#${id}">${title}</a>${
        id === "tables"
          ? html`<ol>${d.tables.map((t) => html`<li><a href="#t${t.no}">表${t.no} ${t.title}</a></li>`)}</ol>`
          : ""
      }</li>`,
  )}</ol></nav>
          ${
            heads.length
              ? html`<section aria-labelledby="headline"><h2 id="headline">主要数据（万元）</h2>
            <ul class="cards figures">${heads.map(
              (h) =>
                html`<li class="card"><div class="muted">${h.label}${h.label === "收入" || h.label === "支出" ? unit : ""}</div><div class="figure">${wan(h.value)}</div>${
                  total && h.label.endsWith("支出") && h.label !== "支出"
                    ? html`<div class="muted">占支出 ${pct(h.value, total)}</div>`
                    : ""
                }</li>`,
            )}</ul>
          </section>`
              : ""
          }
          ${
            charts.length
              ? html`<section aria-labelledby="charts"><h2 id="charts">图表</h2>
            <div class="charts">${charts.map(
              (n) =>
                html`<figure><picture><source media="(max-width: 40rem)" srcset="${base}/charts/${n}-narrow.svg"><img src="${base}/charts/${n}.svg" alt="${altText(n, d)}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" loading="lazy"></picture><figcaption>${CHART_TITLES[n]}</figcaption></figure>`,
            )}</div>
          </section>`
              : ""
          }
          <section aria-labelledby="downloads"><h2 id="downloads">下载</h2>
            <p>完整文件：<a href="${base}/disclosure.json" download>JSON</a>
              · <a href="${base}/disclosure.xlsx" download>XLSX（每表一页）</a>
              ${withPdf ? html`· <a href="${base}/disclosure.pdf" download>PDF</a>` : ""}</p>
            <ul>
              ${d.tables.map(
                (t) =>
                  html`<li>表${t.no} ${t.title}：<a href="${base}/tables/${t.no}.csv" download>CSV</a> · <a href="${base}/tables/${t.no}.xlsx" download>XLSX</a></li>`,
              )}
              ${rec.sourceFile ? html`<li><a href="${base}/source">原始文件：${rec.sourceFile.name}</a> <span class="muted">sha256 ${rec.sourceFile.sha256.slice(0, 12)}…</span></li>` : ""}
            </ul>
          </section>
          <section aria-labelledby="quality"><h2 id="quality">数据质量 ${qualityBadges(rec.summary, reading)}</h2>
            <p>读取：${reading.detail}。${
              reading.missing.length ? html`未读出：${reading.missing.join("、")}（页面不显示这些表的数字）。` : ""
            }</p>
            <p>检查${reading.level === "good" ? "" : "（仅就读出的部分）"}：错误 ${rec.summary.errors} 条，警告 ${rec.summary.warnings} 条，提示 ${rec.summary.notices} 条。</p>
            ${findingsList(findings)}
          </section>
          ${
            d.tables.length
              ? html`<section aria-labelledby="tables"><h2 id="tables">${kind}公开表</h2>
            ${d.tables.map((t) => printedTable(t, { csv: `${base}/tables/${t.no}.csv`, xlsx: `${base}/tables/${t.no}.xlsx` }))}
          </section>`
              : ""
          }
          ${
            d.explanations.length
              ? html`<section aria-labelledby="expl"><h2 id="expl">${kind}情况说明</h2>
            ${d.explanations.map((e) => html`<h3>${e.no}. ${e.title}</h3><p class="prose">${e.text}</p>`)}
          </section>`
              : ""
          }
          ${d.performance.length ? html`<section aria-labelledby="perf"><h2 id="perf">绩效目标</h2>${d.performance.map(performanceTable)}</section>` : ""}`;
}

/** The UTF-8 download name stem: department, year, kind and version. */
function downloadStem(rec: DisclosureRecord): string {
  return `${rec.department.name}-${rec.year}年${rec.kind === "budget" ? "部门预算" : "部门决算"}-第${rec.version}版`;
}

/** A download of a published version kept in the store (`renditions`), made once. */
async function stored(store: Store, id: number, format: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const hit = await getRendition(store, id, format);
  if (hit) return hit;
  const bytes = await make();
  await putRendition(store, id, format, bytes);
  return bytes;
}

/** Where a page's shell takes its version fragment (control characters: escaped text never holds them). */
const FRAGMENT_SLOT = "\u0000\u0001fragment\u0001\u0000";

/**
 * A department page as bytes: its shell (the layout, the status line, the years, the version
 * history) encoded around the version fragment's bytes, which are kept encoded (PortalData.fragment).
 * The slot is looked for from the end: after it come only the version history's numbers and dates.
 */
function spliceFragment(shell: string, fragment: Uint8Array): Uint8Array {
  const at = shell.lastIndexOf(FRAGMENT_SLOT);
  if (at < 0) throw new Error("department page: the shell has no fragment slot");
  const head = encoder.encode(shell.slice(0, at));
  const tail = encoder.encode(shell.slice(at + FRAGMENT_SLOT.length));
  const out = new Uint8Array(head.byteLength + fragment.byteLength + tail.byteLength);
  out.set(head, 0);
  out.set(fragment, head.byteLength);
  out.set(tail, head.byteLength + fragment.byteLength);
  return out;
}

const body = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const encoder = new TextEncoder();

/**
 * Sends a download of a published version: the bytes made once (PortalData.rendition), compressed
 * when the client accepts it (CSV, JSON), an ETag naming the version, the file and the coding, and
 * 304 to a client that has it already.
 */
function download(c: Context, names: readonly [string, string], enc: Encoded): Promise<Response> {
  c.header("Cache-Control", "public, max-age=86400");
  attachment(c, ...names);
  return sendEncoded(c, enc);
}

export function registerDepartment(app: Hono, store: Store, data: PortalData, pdf: PdfService): void {
  app.get("/departments/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    const dept = await getDepartment(store, id);
    if (!dept) throw httpError(404, `没有编号为 ${id} 的部门`);
    const latest = (await data.history(id)).find((r) => r.isCurrent);
    if (!latest) throw httpError(404, `${dept.name} 还没有已发布的公开文件`);
    return c.redirect(disclosurePath(id, latest.year, latest.kind), 302);
  });

  app.get("/departments/:id/:year", async (c) => {
    const deptId = idParam(c.req.param("id"));
    const year = idParam(c.req.param("year"), "年度");
    const asked = c.req.query("version");
    const version = asked === undefined ? undefined : String(int(asked, -1));
    const kindParam = c.req.query("kind");
    if (kindParam !== undefined && kindParam !== "budget" && kindParam !== "finalAccounts")
      throw httpError(400, "参数 kind 应为 budget（预算）或 finalAccounts（决算）");
    // The whole page, made once per version and write generation (PortalData.page): a request
    // then costs a cache look-up and a write of bytes encoded once.
    // (the PDF link depends on whether Chromium is there now, looked up again per request)
    const pdfKey = pdf.available ? "pdf" : "nopdf";
    // Its compressed forms are made once too, on the first request that accepts each (encoding.ts).
    const page = await data.page(`${deptId}:${year}:${kindParam ?? ""}:${version ?? "current"}:${pdfKey}`, async () => {
      const { shell, fragment } = await departmentPage(deptId, year, version, kindParam);
      return spliceFragment(String(shell), fragment.bytes);
    });
    return sendEncoded(c, page);
  });

  // the latest saved audit's data quality for this department-year (pages/audits.ts)
  const auditLine = async (government: string, department: string, year: number, kind: Kind) => {
    const line = await qualityLine(store, { government, department, year, kind });
    return line ? html` · ${line}` : "";
  };

  const departmentPage = async (
    deptId: number,
    year: number,
    version: string | undefined,
    kindParam: Kind | undefined,
  ) => {
    // A cold page: read the current version's content alongside the history instead of after it
    // (one round trip to the database instead of two).
    const early =
      version === undefined && !data.hasHistory(deptId)
        ? getCurrentContent(store, deptId, year, kindParam ?? "budget").catch(() => undefined)
        : undefined;
    const history = await data.history(deptId);
    // without ?kind: the year's 预算, else whatever is published for the year (a 决算)
    const kind: Kind =
      kindParam ??
      (history.some((r) => r.year === year && r.kind === "budget" && r.status === "published")
        ? "budget"
        : (history.find((r) => r.year === year && r.isCurrent)?.kind ?? "budget"));
    const rec =
      version !== undefined
        ? history.find(
            (r) => r.year === year && r.kind === kind && r.version === int(version, -1) && r.status === "published",
          )
        : (history.find((r) => r.year === year && r.kind === kind && r.isCurrent) ??
          (await findCurrent(store, deptId, year, kind)));
    if (!rec) throw httpError(404, `没有该部门 ${year} 年已发布的${KIND_NAMES[kind]}`);
    // Published versions never change: everything but the status line, the year links and the
    // version history is rendered once per version and reused (PortalData.fragment).
    const withPdf = pdf.available;
    // The parsed Disclosure is used here and dropped: the chart cache (PortalData.disclosure) is
    // left to the chart requests, so a page view adds no object graph for the GC to copy.
    const fragment = await data.fragment(`${rec.id}:${withPdf ? "pdf" : "nopdf"}`, async () => {
      const got = await early;
      const [d, findings] =
        got?.id === rec.id
          ? [got.disclosure, got.findings]
          : await Promise.all([data.disclosureOnce(rec.id), listFindings(store, rec.id)]);
      return {
        html: String(await versionFragment(rec, d, findings, withPdf)),
        badges: String(qualityBadges(rec.summary, readingOf(rec, d))),
      };
    });
    const versions = history.filter((r) => r.year === year && r.kind === rec.kind && r.status === "published");
    const others = history.filter((r) => r.isCurrent).sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind));
    const name = `${rec.department.name} ${year} 年${KIND_NAMES[rec.kind]}`;
    const gov = [rec.department.region, rec.department.city, rec.department.county].filter(Boolean).join(" · ");
    const shell = page({
      title: name,
      description: `${rec.department.name}${year}年${KIND_NAMES[rec.kind]}公开：收支、图表、全部公开表和说明。`,
      body: html`<h1>${name}</h1>
          <p class="muted">${gov} · 第 ${rec.version} 版${rec.isCurrent ? "（现行）" : "（已被更正）"} · 发布于 ${rec.publishedAt?.slice(0, 10) ?? ""} · ${raw(fragment.badges)}${await auditLine(gov, rec.department.name, year, rec.kind)}</p>
          <p>年度：${others.map((r) =>
            r.year === year && r.kind === rec.kind
              ? html`<strong>${r.year} ${KIND_SHORT[r.kind]}</strong> `
              : html`<a href="${disclosurePath(deptId, r.year, r.kind)}">${r.year} ${KIND_SHORT[r.kind]}</a> `,
          )}
            · <a href="/compare?department=${deptId}${rec.kind === "finalAccounts" ? "&kind=finalAccounts" : ""}">历年比较</a></p>
          ${raw(FRAGMENT_SLOT)}
          <section aria-labelledby="history"><h2 id="history">版本历史</h2>
            <ol>${versions.map(
              (v, i) =>
                html`<li><a href="${disclosurePath(deptId, year, v.kind, v.version)}">第 ${v.version} 版</a> ${v.isCurrent ? "（现行）" : ""} ${v.publishedAt?.slice(0, 10) ?? ""}${
                  versions[i + 1]
                    ? html` · <a href="/disclosures/${versions[i + 1]?.id}/diff/${v.id}">与上一版比较</a>`
                    : ""
                }</li>`,
            )}</ol>
          </section>`,
    });
    return { shell, fragment };
  };

  app.get("/disclosures/:id", async (c) => {
    const rec = await publishedRecord(store, idParam(c.req.param("id")));
    return c.redirect(disclosurePath(rec.department.id, rec.year, rec.kind, rec.version), 302);
  });

  app.get("/disclosures/:id/disclosure.json", async (c) => {
    const rec = await publishedRecord(store, idParam(c.req.param("id")));
    const json = await data.rendition(rec.id, rec.version, "json", MIME.json, async () =>
      encoder.encode(JSON.stringify(await data.disclosure(rec.id))),
    );
    return download(c, [`disclosure-${rec.id}.json`, `${downloadStem(rec)}.json`], json);
  });

  app.get("/disclosures/:id/disclosure.xlsx", async (c) => {
    const rec = await publishedRecord(store, idParam(c.req.param("id")));
    // kept in the store too (renditions), so a restart does not build it again
    const xlsx = await data.rendition(rec.id, rec.version, "xlsx", MIME.xlsx, () =>
      stored(store, rec.id, "xlsx", async () => renderXlsxBuffer(await data.disclosure(rec.id))),
    );
    return download(c, [`disclosure-${rec.id}.xlsx`, `${downloadStem(rec)}.xlsx`], xlsx);
  });

  app.get("/disclosures/:id/disclosure.pdf", async (c) => {
    const rec = await publishedRecord(store, idParam(c.req.param("id")));
    if (!pdf.available)
      throw httpError(503, `本服务器未安装 Chromium，暂不能生成 PDF；请下载 XLSX 或 JSON。管理员：${INSTALL_CHROMIUM}`);
    const bytes = await pdf.pdf(rec.id, () => data.disclosure(rec.id));
    c.header("Content-Type", MIME.pdf);
    attachment(c, `disclosure-${rec.id}.pdf`, `${downloadStem(rec)}.pdf`);
    return c.body(body(bytes));
  });

  app.get("/disclosures/:id/tables/:file", async (c) => {
    const m = /^(\d{1,3})\.(csv|xlsx)$/.exec(c.req.param("file"));
    if (!m) throw httpError(404, "表格编号无效");
    const rec = await publishedRecord(store, idParam(c.req.param("id")));
    const no = Number(m[1]);
    const ext = m[2] as "csv" | "xlsx";
    const name = (title: string) =>
      [`disclosure-${rec.id}-table-${no}.${ext}`, `${downloadStem(rec)}-表${no}${title}.${ext}`] as const;
    const d = await data.disclosure(rec.id);
    const printed = d.tables.find((x) => x.no === no);
    if (!printed) throw httpError(404, `该公开文件没有表${no}`);
    const type = ext === "xlsx" ? MIME.xlsx : MIME.csv;
    const file = await data.rendition(rec.id, rec.version, `table-${no}.${ext}`, type, async () => {
      if (ext === "xlsx")
        return renderTableXlsxBuffer(printed, {
          title: `${rec.department.name} ${rec.year} 年 表${no} ${printed.title}`,
        });
      const t = await getTable(store, rec.id, no);
      if (!t) throw httpError(404, `该公开文件没有表${no}`);
      return encoder.encode(tableCsv(t));
    });
    return download(c, name(printed.title), file);
  });

  app.get("/disclosures/:id/source", async (c) => {
    const rec = await publishedRecord(store, idParam(c.req.param("id")));
    if (!rec.sourceFile) throw httpError(404, "没有保存原始文件");
    const f = await getSourceFile(store, rec.sourceFile.id);
    if (!f) throw httpError(404, "没有保存原始文件");
    // The stored name is user input: only ever a download name, never a path; ASCII fallback + RFC 5987.
    const ascii = `source-${rec.id}${/\.(txt|json)$/i.exec(f.name)?.[0] ?? ""}`;
    c.header("Content-Type", "application/octet-stream");
    attachment(c, ascii, f.name);
    c.header("X-Content-Type-Options", "nosniff");
    return c.body(f.bytes.buffer.slice(f.bytes.byteOffset, f.bytes.byteOffset + f.bytes.byteLength) as ArrayBuffer);
  });

  app.get("/disclosures/:id/charts/:file", async (c) => {
    // NAME.svg for a page's width, NAME-narrow.svg for a phone's (drawn narrow, so text stays ~13 px)
    const m = /^([a-zA-Z]+)(-narrow)?\.svg$/.exec(c.req.param("file"));
    const name = m?.[1] as ChartName | undefined;
    if (!name || !CHART_NAMES.includes(name)) throw httpError(404, "没有这个图表");
    const rec = await publishedRecord(store, idParam(c.req.param("id")));
    const svg = await data.chartSvg(rec.id, name, rec.department.id, rec.year, m?.[2] !== undefined);
    if (!svg) throw httpError(404, "该公开文件没有绘制此图表所需的数据");
    c.header("Cache-Control", name === "threePublic" ? "public, max-age=300" : "public, max-age=86400, immutable");
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return sendEncoded(c, svg);
  });

  app.get("/disclosures/:a/diff/:b", async (c) => {
    const a = await publishedRecord(store, idParam(c.req.param("a")));
    const b = await publishedRecord(store, idParam(c.req.param("b")));
    const diff = diffDisclosures(await data.disclosure(a.id), await data.disclosure(b.id));
    const fmt = (v: number | string | null) => (typeof v === "number" ? wan(v) : (v ?? ""));
    return c.html(
      page({
        title: `版本比较 ${a.department.name}`,
        body: html`<h1>${a.department.name}：第 ${a.version} 版（${a.year}）→ 第 ${b.version} 版（${b.year}）</h1>
          ${diff.meta.length ? html`<h2>基本信息</h2><ul>${diff.meta.map((m) => html`<li>${m.field}：${String(m.before ?? "")} → ${String(m.after ?? "")}</li>`)}</ul>` : ""}
          <h2>变动的数字（${diff.cells.length} 处）</h2>
          <div class="table-wrap"><table><thead><tr><th scope="col">表</th><th scope="col">行</th><th scope="col">列</th><th scope="col">原</th><th scope="col">新</th></tr></thead>
          <tbody>${diff.cells.map(
            (x) =>
              html`<tr class="changed"><td>表${x.table}</td><td>${x.row}</td><td>${x.column}</td><td class="num">${fmt(x.before)}</td><td class="num">${fmt(x.after)}</td></tr>`,
          )}</tbody></table></div>
          ${diff.explanationsChanged.length ? html`<p>说明中改动的节：${diff.explanationsChanged.join("、")}</p>` : ""}`,
      }),
    );
  });
}
