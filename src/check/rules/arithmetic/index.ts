import type { Rule } from "../../rule.ts";
import { HIERARCHY_RULES } from "./code-hierarchy.ts";
import { ACODES, ANEG } from "./code-structure.ts";
import { K05, LINE_SUM_RULES } from "./line-sums.ts";
import { ROW_SUM_RULES } from "./row-sums.ts";
import { ACOL, AROW } from "./table-sums.ts";
import { K01, K06, K16 } from "./two-sided.ts";
import { K29, K33 } from "./unit-blocks.ts";

/**
 * The arithmetic rules: generic ones generated from the template spec (A-T{n}-ROW, A-T{n}-HIER,
 * A-T{n}-LINES, A-CODES, A-NEG) and the within-table K identities that are not plain spec sums.
 */
export const RULES: readonly Rule[] = [
  AROW,
  ACOL,
  ...ROW_SUM_RULES,
  ...HIERARCHY_RULES,
  ...LINE_SUM_RULES,
  ACODES,
  ANEG,
  K01,
  K05,
  K06,
  K16,
  K29,
  K33,
];
