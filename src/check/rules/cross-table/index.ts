import type { Rule } from "../../rule.ts";
import { K25, K26, K32 } from "./basic-economic.ts";
import { catalogRules } from "./catalog-codes.ts";
import { K07, K13, K15 } from "./function-tables.ts";
import { K18, K19, K20, K21, K24 } from "./general-budget.ts";
import { K12, K17, K34 } from "./income-lines.ts";
import { K30, K35 } from "./projects.ts";

const [K08, K36] = catalogRules() as [Rule, Rule];

/**
 * The cross-table rules (domain-rules §3), in id order. K-01…K-06, K-09…K-11, K-14, K-16, K-22,
 * K-23, K-28, K-29, K-31 and K-33 are within one table and live in ../arithmetic; K-27 is not a
 * rule (the seed shows it does not hold).
 */
export const RULES: readonly Rule[] = [
  K07,
  K08,
  K12,
  K13,
  K15,
  K17,
  K18,
  K19,
  K20,
  K21,
  K24,
  K25,
  K26,
  K30,
  K32,
  K34,
  K35,
  K36,
];
