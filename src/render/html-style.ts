/**
 * The document's CSS: screen and A4 print. Wide tables sit on a named landscape page (`@page
 * wide`); page numbers come from @page margin boxes (Chromium ≥ 131), so the browser's own print
 * and our PDF number pages the same way; the cover has none.
 */
import { FONT_STACK } from "./fonts.ts";
import { LABEL_MIN_EM } from "./html-table.ts";

export const DOCUMENT_CSS = `
@page { size: A4; margin: 20mm 16mm 18mm;
  @bottom-center { content: "第 " counter(page) " 页"; font-family: ${FONT_STACK}; font-size: 9pt; color: #333; } }
@page wide { size: A4 landscape; margin: 14mm 12mm 16mm; }
@page cover { @bottom-center { content: none; } }
*, *::before, *::after { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.6; color: #111; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
/* line-height ≥ 1.5: Noto Sans SC's glyph box is ~1.45 em; a tighter line box lets the glyphs of a
   line that starts a page overflow onto the previous page, and Chromium then paints (and
   bookmarks) that text twice. */
h1, h2, h3 { font-weight: 700; line-height: 1.5; margin: 0; break-after: avoid; }
p.subhead, .perf .psub, .tmeta { break-after: avoid; }
h1.part { font-size: 18pt; text-align: center; margin: 0 0 1.2em; }
h2.sec { font-size: 12.5pt; margin: 1em 0 0.5em; }
p { margin: 0 0 0.5em; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
p.subhead { text-indent: 0; font-weight: 700; margin-top: 0.6em; }
.cover { page: cover; display: flex; flex-direction: column; justify-content: center; align-items: center;
  min-height: 250mm; text-align: center; }
.cover .dept { font-size: 24pt; font-weight: 700; margin-bottom: 0.8em; overflow-wrap: anywhere; }
.cover .doc { font-size: 30pt; font-weight: 700; letter-spacing: 0.1em; }
.cover .date { margin-top: 3em; font-size: 13pt; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li.toc-part { font-weight: 700; margin-top: 0.8em; }
nav.toc li.toc-item { padding-left: 2em; }
nav.toc a { color: inherit; text-decoration: none; }
.toc, .part-block, .ptable + .ptable, .perf.wide { break-before: page; }
.wide { page: wide; }
.ttitle { text-align: center; font-size: 15pt; margin: 0 0 0.4em; }
.ttitle .tno { display: block; text-align: left; font-size: 10.5pt; font-weight: 400; }
.tmeta { display: flex; justify-content: space-between; font-size: 9.5pt; margin: 0 0 0.3em; gap: 2em; }
.tmeta span:first-child { overflow-wrap: anywhere; }
table.data { width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 1.5; }
table.data.dense { font-size: 7.5pt; }
table.data th, table.data td { border: 0.6pt solid #222; padding: 1pt 3pt; vertical-align: middle; }
table.data th { font-weight: 700; text-align: center; background: #f1f3f5; }
table.data tr.colno th { font-weight: 400; background: #fff; }
table.data td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td.code { text-align: center; white-space: nowrap; }
table.data td.text { overflow-wrap: anywhere; min-width: ${LABEL_MIN_EM}em; }
table.data col.c-code { width: 2.6em; }
table.data.dense col.c-code { width: 2.4em; }
table.data tr.r-total td, table.data tr.r-unit td { font-weight: 700; }
table.data tr.r-class td.text { font-weight: 700; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.empty-note { margin-top: 0.8em; text-indent: 2em; }
.perf { margin-top: 1.2em; }
.perf .ptitle { text-align: center; font-size: 13pt; }
.perf .ptitle .pname { display: block; font-size: 10.5pt; font-weight: 400; }
.perf .psub { text-align: center; text-indent: 0; margin: 0 0 0.3em; }
table.perf-info th { width: 8em; }
table.perf-info td { text-align: left; overflow-wrap: anywhere; }
table.perf-info .money { white-space: nowrap; }
table.perf-table { margin-top: -0.6pt; }
table.perf-table td { overflow-wrap: anywhere; }
table.perf-table td.mb { border-bottom-style: hidden; }
dl.glossary dt { font-weight: 700; margin-top: 0.5em; }
dl.glossary dd { margin: 0 0 0.3em 2em; }
@media screen {
  body { background: #e9ecef; padding: 12px 0; }
  main { background: #fff; max-width: 290mm; margin: 0 auto; padding: 14mm 12mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  .cover { min-height: 180mm; }
  .toc, .part-block { border-top: 1px dashed #adb5bd; margin-top: 10mm; padding-top: 10mm; }
  .ptable, .perf { margin-top: 10mm; overflow-x: auto; }
}
`;
