/** Where Chromium is looked for (no browser code here: commands that need no browser import this). */
import { existsSync } from "node:fs";

/** Where Debian's `chromium` package installs the browser. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** What to tell someone without Chromium. */
export const INSTALL_CHROMIUM =
  "安装 Chromium（Debian/Ubuntu：apt-get install chromium），或用环境变量 CHROMIUM_PATH 指向已安装的浏览器";

export function chromiumInstalled(path: string): boolean {
  return existsSync(path);
}
