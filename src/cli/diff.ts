import type { Command } from "commander";

/** Registers the `diff` command group (not yet implemented in this file). */
export function registerDiff(_program: Command): void {}
