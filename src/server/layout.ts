/**
 * The page shell: zh-CN, mobile-first CSS, a skip link and landmarks. Everything interpolated
 * through `html` is escaped; only `raw` strings we build ourselves are not.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { fontStylesheet } from "./assets.ts";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const CSS = `
:root{--fg:#1b1f24;--muted:#5b6470;--bg:#fff;--line:#d8dde3;--accent:#0b5cad;--bad:#b3261e;--warn:#8a5a00;--ok:#1e6b34;--up:#b3261e;--down:#1e6b34}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 'Noto Sans SC','WenQuanYi Zen Hei','PingFang SC','Microsoft YaHei',sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #f0b400;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header.site{background:#0b3d73;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header.site a{color:#fff;text-decoration:none}header.site .brand{font-weight:700;font-size:1.1rem}
header.site nav a{margin-right:1rem}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.3}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.25rem;margin-top:2rem}
.muted{color:var(--muted)}.error{color:var(--bad)}
form.search{display:flex;gap:.5rem;flex-wrap:wrap}
input[type=search],input[type=text],input[type=password],input[type=number],select{font:inherit;padding:.4rem .5rem;border:1px solid #8a939e;border-radius:4px;min-width:0}
input[type=search]{flex:1 1 16rem}
button{font:inherit;padding:.4rem 1rem;border:0;border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(12rem,100%),1fr));gap:.75rem;padding:0;list-style:none}
.cards.figures{grid-template-columns:repeat(auto-fit,minmax(min(9.5rem,100%),1fr))}
.card{border:1px solid var(--line);border-radius:6px;padding:.75rem}
.figure{font-size:1.4rem;font-weight:700;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0 1rem}
table{border-collapse:collapse;font-size:.9rem;min-width:100%}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;vertical-align:top}
th{background:#f2f4f7;text-align:center}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:700}tr.l2 td:first-child{padding-left:1.25rem}tr.l3 td:first-child{padding-left:2rem}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(26rem,100%),1fr));gap:1rem}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:.5rem}
figure img{width:100%;height:auto}
figcaption{font-size:.9rem;color:var(--muted)}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:999px;font-size:.85rem;font-weight:700;color:#fff}
.badge.good{background:var(--ok)}.badge.fair{background:var(--warn)}.badge.poor{background:var(--bad)}
.sev-error{color:var(--bad)}.sev-warning{color:var(--warn)}
.up{color:var(--up);font-weight:700}.down{color:var(--down);font-weight:700}
.changed{background:#fff4d6}
.pager{display:flex;gap:1rem;margin:1rem 0}
.prose{white-space:pre-wrap}
nav.toc{border:1px solid var(--line);border-radius:6px;padding:.25rem 1rem;margin:1rem 0;font-size:.95rem}
nav.toc h2{font-size:1rem;border:0;margin:.25rem 0}nav.toc ol{margin:.25rem 0;padding-left:1.25rem}
nav.toc ol ol{columns:2 16rem;font-size:.9rem}
figure picture img{width:100%;height:auto}
section.op{border-top:1px solid var(--line);padding-top:.5rem}code.method{font-weight:700;color:var(--accent)}
pre{background:#f2f4f7;padding:.5rem;overflow-x:auto;border-radius:4px}
footer{max-width:72rem;margin:2rem auto;padding:1rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media (max-width:40rem){main{padding:.5rem}h1{font-size:1.25rem}}
@media print{header.site,form,.pager{display:none}}
`;

export interface PageOptions {
  title: string;
  body: Html;
  description?: string;
}

/** A whole HTML page. */
export function page(o: PageOptions): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · 预算公开</title>
${o.description ? html`<meta name="description" content="${o.description}">` : ""}
<link rel="stylesheet" href="${fontStylesheet().href}">
<style>${raw(CSS)}</style>
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site" role="banner">
<a class="brand" href="/">部门预算公开</a>
<nav aria-label="主导航"><a href="/">首页</a><a href="/compare">比较</a><a href="/regions">地区</a><a href="/audits">审计</a><a href="/upload">上传</a><a href="/api-docs">API</a></nav>
</header>
<main id="main">${o.body}</main>
<footer role="contentinfo">数据来自各部门公开的部门预算；金额单位：万元。机器可读数据见 <a href="/api-docs">API 参考</a>（<a href="/api/openapi.json">OpenAPI</a>）。</footer>
</body>
</html>`;
}
