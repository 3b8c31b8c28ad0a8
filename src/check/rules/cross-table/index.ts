import type { Rule } from "../../rule.ts";

/** The cross-table rules, in id order. */
export const RULES: readonly Rule[] = [];
