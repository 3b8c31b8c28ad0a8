import type { Command } from "commander";

/** Registers the `build` command group (not yet implemented in this file). */
export function registerBuild(_program: Command): void {}
