/**
 * One way to start Debian's Chromium for every use (PDF rendering, screenshots, browser tests).
 * The flags keep it off the network: on this machine's closed network, background services would
 * otherwise try many connections at every start.
 */
import { type Browser, chromium } from "playwright-core";
import { DEFAULT_CHROMIUM } from "./chromium-path.ts";

export { DEFAULT_CHROMIUM };

export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchChromium(executablePath: string = DEFAULT_CHROMIUM): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}
