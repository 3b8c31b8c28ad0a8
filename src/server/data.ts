/**
 * Read-through caches for the portal. Saved versions never change, so a parsed Disclosure or a
 * rendered chart keyed by disclosure id stays valid until evicted.
 */
import type { Disclosure } from "../model/disclosure.ts";
import { LruCache } from "../store/cache.ts";
import { type DisclosureRecord, getDisclosure, listHistory, type Store } from "../store/index.ts";
import {
  type ChartName,
  chartOption,
  compactSvg,
  NARROW_HEIGHT,
  NARROW_WIDTH,
  renderSvg,
  type ThreePublicYear,
  threePublicOf,
} from "./charts.ts";
import { Encoded } from "./encoding.ts";
import { httpError } from "./errors.ts";

const ONE_DAY = 24 * 3600_000;
const encoder = new TextEncoder();

/** A cache of Encoded bodies bounded by their bytes, compressed forms included. */
function encodedCache(max: number, ttlMs: number, bytes: number): LruCache<Encoded> {
  return new LruCache<Encoded>(max, ttlMs, { max: bytes, weigh: (e) => e.size });
}

/** Puts an Encoded made by `make` in `cache` under `key`, re-weighed as its compressed forms are made. */
function wrapEncoded(cache: LruCache<Encoded>, key: string, make: () => Promise<Encoded>): Promise<Encoded> {
  return cache.wrap(key, async () => {
    const e = await make();
    e.onGrow = () => cache.reweigh(key);
    return e;
  });
}

const SVG = "image/svg+xml; charset=utf-8";

export class PortalData {
  private readonly disclosures = new LruCache<Disclosure>(300, ONE_DAY);
  /** chart SVGs (an empty body: the version has no data for that chart), ~32 MB with their compressed forms */
  private readonly charts = encodedCache(4000, ONE_DAY, 32 * 1024 * 1024);
  private readonly histories = new LruCache<DisclosureRecord[]>(10_000, 30_000);
  /**
   * Rendered, immutable parts of department pages by version id, as UTF-8 bytes, bounded to ~64 MB.
   * Bytes, not strings: a rendered fragment is a string of thousands of joined pieces, which the
   * garbage collector copied piece by piece while it was young (15–25 ms per scavenge when every
   * request rendered a new page); bytes live outside the JavaScript heap and are never copied.
   */
  private readonly fragments = new LruCache<{ bytes: Uint8Array; badges: string }>(20_000, ONE_DAY, {
    max: 64 * 1024 * 1024,
    weigh: (f) => f.bytes.byteLength + 2 * f.badges.length,
  });
  /**
   * Downloads of published versions (per-table XLSX and CSV, the workbook, the JSON), made once
   * per version: published versions never change. Bounded to ~64 MB, compressed forms included.
   */
  private readonly renditions = encodedCache(5000, ONE_DAY, 64 * 1024 * 1024);
  /**
   * Whole department pages by generation, department, year and version (see pages/department.ts),
   * as sent: the bytes and their compressed forms, bounded to ~64 MB in all.
   */
  private readonly pages = encodedCache(2000, 30_000, 64 * 1024 * 1024);
  /**
   * JSON answers of the API that repeat (search, aggregates), as sent, by store generation and
   * request: serialised and compressed once per result, for as long as the store caches the
   * result itself (30 s; another process's writes show within it). Bounded to ~16 MB.
   */
  private readonly answers = encodedCache(5000, 30_000, 16 * 1024 * 1024);
  constructor(readonly store: Store) {}

  /** An API answer for `key` (the request's path and query), made once by `make` per generation. */
  answer(key: string, make: () => Promise<unknown>): Promise<Encoded> {
    return wrapEncoded(
      this.answers,
      `${this.store.generation}:${key}`,
      async () => new Encoded(encoder.encode(JSON.stringify(await make())), "application/json"),
    );
  }

  /**
   * The immutable part of a version's page, rendered once per key (version id and variant), as
   * UTF-8, with its data-quality badges (also fixed per version) as HTML for the page's status line.
   */
  fragment(
    key: string,
    render: () => Promise<{ html: string; badges: string }>,
  ): Promise<{ bytes: Uint8Array; badges: string }> {
    return this.fragments.wrap(key, async () => {
      const r = await render();
      return { bytes: encoder.encode(r.html), badges: r.badges };
    });
  }

  /**
   * A download of published version `id` (number `version`), made once by `make`; its ETag names
   * the version and the file.
   */
  rendition(
    id: number,
    version: number,
    file: string,
    type: string,
    make: () => Promise<Uint8Array>,
  ): Promise<Encoded> {
    return wrapEncoded(
      this.renditions,
      `${id}@${version}:${file}`,
      async () => new Encoded(await make(), type, { etag: `${id}-${version}-${file}` }),
    );
  }

  /**
   * A rendered page, keyed on the store's write generation too: it shows the history and years,
   * which another write changes (another process's writes show within the 30 s lifetime).
   */
  page(key: string, render: () => Promise<Uint8Array>): Promise<Encoded> {
    return wrapEncoded(
      this.pages,
      `${this.store.generation}:${key}`,
      async () => new Encoded(await render(), "text/html; charset=UTF-8"),
    );
  }

  /** A Disclosure, parsed once and kept (the charts of one page ask for it five times). */
  disclosure(id: number): Promise<Disclosure> {
    return this.disclosures.wrap(`${id}`, () => this.read(id));
  }

  /** A Disclosure for one use: the cached one if a chart request parsed it, else read and not kept. */
  disclosureOnce(id: number): Promise<Disclosure> {
    return Promise.resolve(this.disclosures.get(`${id}`) ?? this.read(id));
  }

  private async read(id: number): Promise<Disclosure> {
    const x = await getDisclosure(this.store, id);
    if (!x) throw httpError(404, `没有编号为 ${id} 的公开文件`);
    return x;
  }

  /** Whether the department's history is cached (a page then needs no record lookup). */
  hasHistory(departmentId: number): boolean {
    return this.histories.get(`${this.store.generation}:${departmentId}`) !== undefined;
  }

  /** A department's versions, newest first (cached briefly; keyed on the store's generation). */
  history(departmentId: number): Promise<DisclosureRecord[]> {
    return this.histories.wrap(`${this.store.generation}:${departmentId}`, () => listHistory(this.store, departmentId));
  }

  /** 三公 by year over the department's current budget disclosures up to `year`. */
  async threePublicYears(departmentId: number, year: number): Promise<ThreePublicYear[]> {
    const current = (await this.history(departmentId)).filter(
      (r) => r.isCurrent && r.kind === "budget" && r.year <= year,
    );
    const out: ThreePublicYear[] = [];
    for (const r of current.slice(0, 6).reverse()) out.push(threePublicOf(await this.disclosure(r.id)));
    return out;
  }

  /** A chart's SVG as sent (with its compressed forms), or undefined when the version has no data for it. */
  async chartSvg(
    id: number,
    name: ChartName,
    departmentId: number,
    year: number,
    narrow = false,
  ): Promise<Encoded | undefined> {
    const key = `${id}:${name}:${name === "threePublic" ? this.store.generation : 0}:${narrow ? "n" : "w"}`;
    const svg = await wrapEncoded(this.charts, key, async () => {
      const d = await this.disclosure(id);
      const years = name === "threePublic" ? await this.threePublicYears(departmentId, year) : undefined;
      const option = chartOption(name, d, years);
      const text = option ? (narrow ? renderSvg(option, NARROW_WIDTH, NARROW_HEIGHT) : renderSvg(option)) : "";
      // a file shown by <img>: without what only an interactive chart uses (half the bytes)
      return new Encoded(encoder.encode(compactSvg(text)), SVG);
    });
    return svg.identity.byteLength > 0 ? svg : undefined;
  }
}
