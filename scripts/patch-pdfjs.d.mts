export const ORIGINAL: string;
export const PATCHED: string;
export function workerPath(): string;
export function patchSource(source: string): { state: "patched"; source: string } | { state: "already" | "unknown" };
export function patchInstalled(path?: string): "patched" | "already" | "unknown";
