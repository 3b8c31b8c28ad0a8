/** Types of bin/sources.js (plain JavaScript, so the entry point runs before any TypeScript loader). */
export declare const ROOT: string;
export declare function sourceFiles(root?: string): { file: string; mtimeMs: number }[];
export declare function buildIsFresh(root?: string): boolean;
export declare function v8Flags(env?: NodeJS.ProcessEnv, execArgv?: string[]): string[];
/** scripts/build.mjs's esbuild options for dist/, less where it writes. */
export declare const BUILD_OPTIONS: import("esbuild").BuildOptions;
