import { type Rule, reading } from "../../rule.ts";
import { P04, P05, P06, P07, P08, P09, P10 } from "./indicators.ts";
import { P01, P02, P03 } from "./project-tables.ts";

/** The performance-target rules (P-01 … P-10), in id order. */
export const RULES: readonly Rule[] = reading(["performance"], [P01, P02, P03, P04, P05, P06, P07, P08, P09, P10]);
