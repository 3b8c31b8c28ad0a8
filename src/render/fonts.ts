/**
 * Fonts for HTML and PDF: Noto Sans SC from @fontsource, self-hosted. Chromium must never fall
 * back to Debian's CFF Noto CJK for text: it embeds those as Type 3 fonts whose copied text comes
 * out as radicals (支→⽀). The fontsource woff2 subsets embed as CID TrueType with correct text.
 *
 * The package splits the font into ~100 unicode-range subsets per weight; a document needs only
 * the subsets covering its characters, so we pick those and emit @font-face rules for them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface FontFace {
  /** file name inside the package's files/ folder */
  file: string;
  weight: number;
  /** inclusive code point ranges */
  ranges: [number, number][];
}

export const FONT_FAMILY = "Noto Sans SC";
/** CSS font stack: the webfont, then WenQuanYi (TrueType, correct text) and never a generic CJK family. */
export const FONT_STACK = `'${FONT_FAMILY}', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei'`;
const WEIGHTS = [400, 700] as const;

let cache: { dir: string; faces: FontFace[] } | undefined;

/** The installed package's files/ folder and its faces (parsed once from the package's CSS). */
export function fontPackage(): { dir: string; faces: FontFace[] } {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@fontsource/noto-sans-sc/package.json"));
  const faces: FontFace[] = [];
  for (const w of WEIGHTS) {
    const css = readFileSync(join(root, `${w}.css`), "utf8");
    for (const block of css.split("@font-face").slice(1)) {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!file || !range) continue;
      faces.push({ file, weight: w, ranges: parseRanges(range) });
    }
  }
  cache = { dir: join(root, "files"), faces };
  return cache;
}

/** "U+4e00-4e05,U+4e07" → [[0x4e00, 0x4e05], [0x4e07, 0x4e07]] */
export function parseRanges(text: string): [number, number][] {
  return text
    .split(",")
    .map((s) => s.trim().replace(/^U\+/i, ""))
    .filter(Boolean)
    .map((s) => {
      const [a, b] = s.split("-");
      const lo = Number.parseInt(a!.replace(/\?/g, "0"), 16);
      const hi = b ? Number.parseInt(b, 16) : Number.parseInt(a!.replace(/\?/g, "f"), 16);
      return [lo, hi] as [number, number];
    });
}

/** The faces whose unicode-range covers at least one character of `text`. */
export function facesFor(text: string): FontFace[] {
  const points = new Set<number>();
  for (const ch of text) points.add(ch.codePointAt(0)!);
  const sorted = [...points].sort((a, b) => a - b);
  return fontPackage().faces.filter((f) =>
    f.ranges.some(([lo, hi]) => {
      // binary search for the first point >= lo
      let i = 0;
      let j = sorted.length;
      while (i < j) {
        const m = (i + j) >> 1;
        if (sorted[m]! < lo) i = m + 1;
        else j = m;
      }
      return i < sorted.length && sorted[i]! <= hi;
    }),
  );
}

const hex = (n: number) => n.toString(16);

/** @font-face rules for the faces, each file located by `url(file)`. */
export function fontFaceCss(faces: readonly FontFace[], url: (file: string) => string): string {
  return faces
    .map((f) => {
      const range = f.ranges.map(([lo, hi]) => (lo === hi ? `U+${hex(lo)}` : `U+${hex(lo)}-${hex(hi)}`)).join(",");
      return `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${f.weight};font-display:block;src:url("${url(f.file)}") format("woff2");unicode-range:${range}}`;
    })
    .join("\n");
}
