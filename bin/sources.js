// Which compiled build of the CLI is current: shared by bin/yusuan.js and scripts/build.mjs.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");

/** Every source file under src/ (tests aside) with its modification time. */
export function sourceFiles(root = ROOT) {
  const dir = join(root, "src");
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => ({ file: f, mtimeMs: statSync(join(dir, f)).mtimeMs }));
}

/**
 * dist/ was compiled from src/ as it is now: the same number of source files, none modified since
 * the build started. False when there is no build or it cannot be read.
 */
export function buildIsFresh(root = ROOT) {
  try {
    const info = JSON.parse(readFileSync(join(root, "dist", "build.json"), "utf8"));
    const files = sourceFiles(root);
    return files.length === info.sources && files.every((f) => f.mtimeMs < info.builtAt);
  } catch {
    return false;
  }
}
