import type { Command } from "commander";

/** Registers the `serve` command group (not yet implemented in this file). */
export function registerServe(_program: Command): void {}
