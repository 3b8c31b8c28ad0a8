/** Types of bin/sources.js (plain JavaScript, so the entry point runs before any TypeScript loader). */
export declare const ROOT: string;
export declare function sourceFiles(root?: string): { file: string; mtimeMs: number }[];
export declare function buildIsFresh(root?: string): boolean;
