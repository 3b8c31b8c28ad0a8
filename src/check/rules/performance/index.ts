import type { Rule } from "../../rule.ts";

/** The performance rules, in id order. */
export const RULES: readonly Rule[] = [];
