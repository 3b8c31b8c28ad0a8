/**
 * The logical structure of a tagged PDF page (pdf.js `getStructTree()` plus marked content from
 * `getTextContent({ includeMarkedContent: true })`), flattened into blocks in reading order:
 * headings, runs of text, and table rows whose cells carry their text and x extent. Chromium
 * tags what it prints (`page.pdf({ tagged: true })`), so yusuan's own PDFs say which text is a
 * heading and which cells form one table row, even when a label wraps onto two lines and the
 * row's amounts sit vertically centred between them.
 *
 * Text is taken as printed (no NFKC: yusuan's fonts map every glyph to the right character, and
 * NFKC would turn （） and ： into ASCII). Whitespace items wider than half an em are the gaps
 * pdf.js reports between positioned runs, not printed spaces, and are dropped.
 */

export interface TaggedCell {
  /** a TH cell (header), as opposed to TD */
  header: boolean;
  text: string;
  x0: number;
  x1: number;
}

export type TaggedBlock =
  | { kind: "heading"; level: number; text: string }
  | { kind: "text"; role: string; text: string }
  | { kind: "row"; cells: TaggedCell[] };

/** What pdf.js returns from getStructTree(): nested roles with marked-content leaves. */
export interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** The subset of pdf.js text-content items used here. */
export type MarkedItem =
  | { str: string; transform: number[]; width: number; height?: number }
  | { type: string; id?: string };

interface Content {
  text: string;
  x0: number;
  x1: number;
}

/** Marked-content id → its text and x extent. */
export function markedContent(items: readonly MarkedItem[]): Map<string, Content> {
  const out = new Map<string, Content>();
  const stack: (Content | undefined)[] = [];
  let cur: Content | undefined;
  for (const it of items) {
    if ("type" in it) {
      if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
        let c: Content | undefined;
        if (it.id) {
          c = out.get(it.id);
          if (!c) {
            c = { text: "", x0: Number.POSITIVE_INFINITY, x1: Number.NEGATIVE_INFINITY };
            out.set(it.id, c);
          }
        }
        stack.push(cur);
        cur = c;
      } else if (it.type === "endMarkedContent") cur = stack.pop();
      continue;
    }
    if (!cur || it.str === "") continue;
    const t = it.transform;
    const size = Math.hypot(t[0] ?? 0, t[1] ?? 0) || Math.abs(t[3] ?? 0) || 10;
    if (it.str.trim() === "") {
      if (it.width <= size * 0.5) cur.text += it.str;
      continue;
    }
    cur.text += it.str;
    const x = t[4] ?? 0;
    if (x < cur.x0) cur.x0 = x;
    if (x + it.width > cur.x1) cur.x1 = x + it.width;
  }
  return out;
}

const HEADING = /^H(\d)$/;
/** Deeper structure than this is not from a browser's print; it is ignored rather than recursed into. */
const MAX_DEPTH = 64;

/** The page's blocks in reading order. */
export function taggedBlocks(tree: StructNode | null | undefined, items: readonly MarkedItem[]): TaggedBlock[] {
  if (!tree) return [];
  const content = markedContent(items);
  const blocks: TaggedBlock[] = [];
  const gather = (n: StructNode, acc: Content, depth = 0): void => {
    if (depth > MAX_DEPTH) return;
    if (n.type === "content" && n.id) {
      const c = content.get(n.id);
      if (!c) return;
      acc.text += c.text;
      if (c.x0 < acc.x0) acc.x0 = c.x0;
      if (c.x1 > acc.x1) acc.x1 = c.x1;
      return;
    }
    for (const ch of n.children ?? []) gather(ch, acc, depth + 1);
  };
  const all = (n: StructNode): Content => {
    const acc = { text: "", x0: Number.POSITIVE_INFINITY, x1: Number.NEGATIVE_INFINITY };
    gather(n, acc);
    return acc;
  };
  const walk = (n: StructNode, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const role = n.role ?? "";
    const h = HEADING.exec(role);
    if (h) {
      const text = all(n).text.trim();
      if (text) blocks.push({ kind: "heading", level: Number(h[1]), text });
      return;
    }
    if (role === "TR") {
      const cells: TaggedCell[] = [];
      for (const ch of n.children ?? []) {
        if (ch.role !== "TH" && ch.role !== "TD") continue;
        const c = all(ch);
        const text = c.text.trim();
        if (text) cells.push({ header: ch.role === "TH", text, x0: c.x0, x1: c.x1 });
      }
      if (cells.length > 0) blocks.push({ kind: "row", cells });
      return;
    }
    if (role === "P") {
      const text = all(n).text.trim();
      if (text) blocks.push({ kind: "text", role, text });
      return;
    }
    if (n.type === "content" && n.id) {
      const text = content.get(n.id)?.text.trim();
      if (text) blocks.push({ kind: "text", role: "", text });
      return;
    }
    for (const ch of n.children ?? []) walk(ch, depth + 1);
  };
  walk(tree, 0);
  return blocks;
}
