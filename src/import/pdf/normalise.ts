/**
 * Text normalisation for PDF-extracted strings. Some PDF producers (Chromium with CFF CJK fonts,
 * some WPS exports) map glyphs to the Kangxi/CJK radical code points (U+2F00–U+2FDF,
 * U+2E80–U+2EFF) instead of the unified ideographs: 支 comes out as ⽀, 门 as ⻔. NFKC folds the
 * Kangxi radicals; the supplement block (⻔, ⻚ …) has no compatibility mapping, hence the table.
 * NFKC also turns full-width digits, commas and brackets into ASCII, which the amount and label
 * parsers expect; we map ASCII brackets back to full-width in labels elsewhere (normaliseLabel).
 */

/** CJK Radicals Supplement code points seen in real documents → unified ideographs. */
const RADICALS: Readonly<Record<string, string>> = {
  "⺠": "民",
  "⺟": "母",
  "⺢": "水",
  "⺣": "火",
  "⺩": "王",
  "⺬": "示",
  "⺮": "竹",
  "⺶": "羊",
  "⺻": "聿",
  "⻀": "艸",
  "⻄": "西",
  "⻅": "见",
  "⻆": "角",
  "⻉": "贝",
  "⻋": "车",
  "⻓": "长",
  "⻔": "门",
  "⻘": "青",
  "⻙": "韦",
  "⻚": "页",
  "⻛": "风",
  "⻜": "飞",
  "⻝": "食",
  "⻢": "马",
  "⻣": "骨",
  "⻤": "鬼",
  "⻥": "鱼",
  "⻦": "鸟",
  "⻧": "卤",
  "⻨": "麦",
  "⻩": "黄",
  "⻬": "齐",
  "⻮": "齿",
  "⻰": "龙",
  "⻳": "龟",
};

const RADICAL_RE = /[\u2e80-\u2eff]/g;

/** NFKC plus the radicals map; keeps CJK punctuation (，。：“”) as printed apart from NFKC's folds. */
export function normaliseText(s: string): string {
  let t = s.normalize("NFKC");
  if (/[\u2e80-\u2eff]/.test(t)) t = t.replace(RADICAL_RE, (c) => RADICALS[c] ?? c);
  return t;
}
