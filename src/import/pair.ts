/**
 * A batch's documents: a Jiangsu-style "X-text.pdf" beside its "X-tables.pdf" is the text half of
 * that document, read with it (as `import X-tables.pdf --text X-text.pdf`), not a file of its own.
 * The same for their text extracted from the PDFs ("X-text.txt" beside "X-tables.txt"); halves of
 * two formats are not paired by name (the audit pairs halves by what they read, src/audit/pairs.ts).
 */
export function pairHalves(files: readonly string[]): { file: string; text?: string }[] {
  const set = new Set(files);
  const out: { file: string; text?: string }[] = [];
  for (const f of files) {
    const m = /^(.*)-text(\.pdf|\.txt)$/i.exec(f);
    if (m && set.has(`${m[1]}-tables${m[2]}`)) continue;
    const t = /^(.*)-tables(\.pdf|\.txt)$/i.exec(f);
    const text = t ? `${t[1]}-text${t[2]}` : undefined;
    out.push(text && set.has(text) ? { file: f, text } : { file: f });
  }
  return out;
}
