import type { Rule } from "../../rule.ts";

/** The arithmetic rules, in id order. */
export const RULES: readonly Rule[] = [];
