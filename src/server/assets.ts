/**
 * Self-hosted static assets: the Noto Sans SC woff2 subsets from @fontsource (so Chinese renders
 * the same on every device, with no external font service) and the @font-face stylesheet that
 * points at them. Browsers fetch only the subsets whose unicode-range a page uses. Both are
 * immutable for a given package version, so they are served with a year-long cache lifetime; the
 * stylesheet URL carries a content hash.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Hono } from "hono";
import { fontFaceCss, fontPackage } from "../render/fonts.ts";
import { Encoded, sendEncoded } from "./encoding.ts";
import { httpError } from "./errors.ts";

const YEAR = "public, max-age=31536000, immutable";

let css: { text: string; href: string } | undefined;
let cssEncoded: Encoded | undefined;

/** The @font-face stylesheet and its versioned URL (built once). */
export function fontStylesheet(): { text: string; href: string } {
  if (!css) {
    const text = fontFaceCss(fontPackage().faces, (f) => `/assets/fonts/${f}`).replaceAll(
      "font-display:block",
      "font-display:swap",
    );
    const hash = createHash("sha256").update(text).digest("hex").slice(0, 12);
    css = { text, href: `/assets/fonts.css?v=${hash}` };
  }
  return css;
}

export function registerAssets(app: Hono): void {
  const files = new Set(fontPackage().faces.map((f) => f.file));
  app.get("/assets/fonts.css", (c) => {
    // 187 KB of @font-face rules: compressed once per process, at brotli's best (18 KB)
    cssEncoded ??= new Encoded(new TextEncoder().encode(fontStylesheet().text), "text/css; charset=utf-8", {
      effort: "best",
    });
    c.header("Cache-Control", YEAR);
    return sendEncoded(c, cssEncoded);
  });
  app.get("/assets/fonts/:file", async (c) => {
    const file = c.req.param("file");
    // only the package's own subset files, by exact name: never a path
    if (!files.has(file)) throw httpError(404, "没有这个字体文件");
    const bytes = await readFile(join(fontPackage().dir, file));
    c.header("Content-Type", "font/woff2");
    c.header("Cache-Control", YEAR);
    return c.body(new Uint8Array(bytes));
  });
}
