import type { Rule } from "../../rule.ts";

/** The text rules, in id order. */
export const RULES: readonly Rule[] = [];
