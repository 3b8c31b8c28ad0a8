import type { Rule } from "../../rule.ts";

/** The completeness rules, in id order. */
export const RULES: readonly Rule[] = [];
