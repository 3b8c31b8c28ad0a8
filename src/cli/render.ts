import type { Command } from "commander";

/** Registers the `render` command group (not yet implemented in this file). */
export function registerRender(_program: Command): void {}
