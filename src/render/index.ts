/**
 * Renderers: any Disclosure (imported or built) → HTML, PDF, XLSX, CSV, JSON, Fiscal Data Package.
 *
 * @example
 * const pdf = new PdfRenderer(); await pdf.open();
 * await renderAll(d, { to: ["html", "pdf", "xlsx"], outDir: "out", name: "bazhou", pdf });
 * await pdf.close();
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Disclosure } from "../model/disclosure.ts";
import { renderCsv } from "./csv.ts";
import { renderDataPackage } from "./datapackage.ts";
import { fontPackage } from "./fonts.ts";
import type { Format } from "./formats.ts";
import { renderHtml } from "./html.ts";
import { renderJson } from "./json.ts";
import { PdfRenderer } from "./pdf.ts";
import { renderXlsx } from "./xlsx.ts";

export { escapeHtml } from "./escape.ts";
export { FORMATS, type Format, isFormat } from "./formats.ts";
export { renderHtml } from "./html.ts";
export { PdfRenderer } from "./pdf.ts";
export { buildWorkbook, renderXlsx, renderXlsxBuffer } from "./xlsx.ts";

export interface RenderAllOptions {
  to: readonly Format[];
  outDir: string;
  /** base name of the outputs: OUT/<name>.html, OUT/<name>-csv/ … */
  name: string;
  /** an open PdfRenderer to reuse across a batch; without one, a browser is launched for this call */
  pdf?: PdfRenderer;
}

/**
 * Writes the HTML with its fonts copied alongside into `<name>-assets/` (only the subsets the
 * document uses), so the HTML is self-contained as a folder and needs no network.
 */
export async function writeHtml(d: Disclosure, outDir: string, name: string): Promise<string[]> {
  const assets = `${name}-assets`;
  const { html, fontFiles } = renderHtml(d, { fontUrl: (f) => `${encodeURIComponent(assets)}/${f}` });
  const file = join(outDir, `${name}.html`);
  await mkdir(join(outDir, assets), { recursive: true });
  const dir = fontPackage().dir;
  await Promise.all(fontFiles.map((f) => copyFile(join(dir, f), join(outDir, assets, f))));
  await writeFile(file, html);
  return [file];
}

/** Renders `d` in every requested format; returns the paths written (files and folders). */
export async function renderAll(d: Disclosure, opts: RenderAllOptions): Promise<string[]> {
  const { outDir, name } = opts;
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const f of new Set(opts.to)) {
    switch (f) {
      case "html":
        written.push(...(await writeHtml(d, outDir, name)));
        break;
      case "pdf": {
        const file = join(outDir, `${name}.pdf`);
        if (opts.pdf) await opts.pdf.render(d, file);
        else {
          const pdf = new PdfRenderer();
          await pdf.open();
          try {
            await pdf.render(d, file);
          } finally {
            await pdf.close();
          }
        }
        written.push(file);
        break;
      }
      case "xlsx": {
        const file = join(outDir, `${name}.xlsx`);
        await renderXlsx(d, file);
        written.push(file);
        break;
      }
      case "csv":
        await renderCsv(d, join(outDir, `${name}-csv`));
        written.push(join(outDir, `${name}-csv`));
        break;
      case "json": {
        const file = join(outDir, `${name}.json`);
        await renderJson(d, file);
        written.push(file);
        break;
      }
      case "datapackage":
        await renderDataPackage(d, join(outDir, `${name}-datapackage`), name);
        written.push(join(outDir, `${name}-datapackage`));
        break;
    }
  }
  return written;
}
