export const ORIGINAL: string;
export const PATCHED: string;
export interface Change {
  original: string;
  patched: string;
}
export const CHANGES: { "pdf.worker.mjs": [Change, Change]; "pdf.mjs": [Change, Change, Change, Change] };
export function buildPath(file: string): string;
export function workerPath(): string;
export function patchSource(
  source: string,
  changes?: readonly Change[],
): { state: "patched"; source: string } | { state: "already" | "unknown" };
export function patchInstalled(path?: string, changes?: readonly Change[]): "patched" | "already" | "unknown";
