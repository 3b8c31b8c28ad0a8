/**
 * Downloads of a published version: file names for Content-Disposition (an ASCII fallback plus
 * the RFC 5987 UTF-8 name) and the shared PDF service.
 *
 * PDFs are rendered on demand through one PdfRenderer (one Chromium) per app, opened on the first
 * request and closed with the server. Published versions never change, so each PDF is rendered
 * once and its bytes are kept in the store (`renditions`). Without Chromium the portal hides the
 * PDF link and the route answers 503 saying what to install; Chromium is looked for at each request.
 */

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context } from "hono";
import type { Disclosure } from "../model/disclosure.ts";
import { chromiumInstalled, DEFAULT_CHROMIUM } from "../render/chromium-path.ts";
import type { PdfRenderer } from "../render/pdf.ts";
import { getRendition, putRendition, type Store } from "../store/index.ts";

/** RFC 5987 ext-value characters: encodeURIComponent leaves ' ( ) * unescaped, which attr-char forbids. */
const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** A download name from user-supplied parts: no path separators, control or reserved characters. */
export function safeName(s: string): string {
  return (
    [...s]
      .filter((ch) => ch >= " " && ch !== "\u007f")
      .join("")
      .replace(/[\\/:*?"<>|]+/g, "_")
      .replace(/^\.+/, "")
      .slice(0, 120) || "download"
  );
}

/** Sets Content-Disposition: attachment with an ASCII `filename` and a UTF-8 `filename*`. */
export function attachment(c: Context, ascii: string, utf8: string): void {
  c.header("Content-Disposition", `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(safeName(utf8))}`);
}

export const MIME = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export interface PdfServiceOptions {
  /** Chromium binary (default /usr/bin/chromium) */
  executablePath?: string | undefined;
}

export class PdfService {
  private renderer: PdfRenderer | undefined;
  private opening: Promise<PdfRenderer> | undefined;
  private dir: string | undefined;
  private readonly pending = new Map<number, Promise<Uint8Array>>();
  /** renders one at a time: each needs a browser page and a few hundred MB at worst */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly executablePath: string;
  private found = false;

  constructor(
    private readonly store: Store,
    opts: PdfServiceOptions = {},
  ) {
    this.executablePath = opts.executablePath ?? DEFAULT_CHROMIUM;
  }

  /**
   * Whether Chromium is there, looked for again at each request until it is found: a server
   * started before Chromium was installed serves PDFs once it is, without a restart.
   */
  get available(): boolean {
    if (!this.found) this.found = chromiumInstalled(this.executablePath);
    return this.found;
  }

  private open(): Promise<PdfRenderer> {
    this.opening ??= (async () => {
      this.dir = await mkdtemp(join(tmpdir(), "yusuan-portal-pdf-"));
      // playwright-core loads only when the first PDF is asked for
      const { PdfRenderer } = await import("../render/pdf.ts");
      const r = new PdfRenderer({ executablePath: this.executablePath });
      await r.open();
      this.renderer = r;
      return r;
    })().catch((err) => {
      this.opening = undefined;
      throw err;
    });
    return this.opening;
  }

  /** The PDF of published version `id`: from the store, else rendered once and stored. */
  async pdf(id: number, load: () => Promise<Disclosure>): Promise<Uint8Array> {
    const stored = await getRendition(this.store, id, "pdf");
    if (stored) return stored;
    let p = this.pending.get(id);
    if (!p) {
      p = this.render(id, load).finally(() => this.pending.delete(id));
      this.pending.set(id, p);
    }
    return p;
  }

  private async render(id: number, load: () => Promise<Disclosure>): Promise<Uint8Array> {
    const run = this.queue.then(async () => {
      if (this.closed) throw new Error("PDF service closed");
      const [renderer, d] = await Promise.all([this.open(), load()]);
      const file = join(this.dir ?? tmpdir(), `disclosure-${id}.pdf`);
      try {
        await renderer.render(d, file);
        return new Uint8Array(await readFile(file));
      } finally {
        await rm(file, { force: true });
      }
    });
    this.queue = run.catch(() => {});
    const bytes = await run;
    await putRendition(this.store, id, "pdf", bytes);
    return bytes;
  }

  /** Closes the browser (if it was ever opened). */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => {});
    const r = this.renderer ?? (this.opening ? await this.opening.catch(() => undefined) : undefined);
    await r?.close();
    this.renderer = undefined;
    this.opening = undefined;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
