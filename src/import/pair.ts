/**
 * A batch's documents: a Jiangsu-style "X-text.pdf" beside its "X-tables.pdf" is the text half of
 * that document, read with it (as `import X-tables.pdf --text X-text.pdf`), not a file of its own.
 */
export function pairHalves(files: readonly string[]): { file: string; text?: string }[] {
  const set = new Set(files);
  const out: { file: string; text?: string }[] = [];
  for (const f of files) {
    const m = /^(.*)-text\.pdf$/i.exec(f);
    if (m && set.has(`${m[1]}-tables.pdf`)) continue;
    const t = /^(.*)-tables\.pdf$/i.exec(f);
    const text = t ? `${t[1]}-text.pdf` : undefined;
    out.push(text && set.has(text) ? { file: f, text } : { file: f });
  }
  return out;
}
