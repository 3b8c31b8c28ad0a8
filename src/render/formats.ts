/** The output formats of `render` (a module of its own, so the CLI can list them without loading the renderers). */
export const FORMATS = ["html", "pdf", "xlsx", "csv", "json", "datapackage"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}
