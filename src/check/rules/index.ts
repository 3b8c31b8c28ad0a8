import type { Rule } from "../rule.ts";
import { RULES as arithmetic } from "./arithmetic/index.ts";
import { RULES as completeness } from "./completeness/index.ts";
import { RULES as crossTable } from "./cross-table/index.ts";
import { RULES as finalAccounts } from "./final-accounts/final-accounts.ts";
import { RULES as performance } from "./performance/index.ts";
import { RULES as statements } from "./statements/index.ts";
import { RULES as text } from "./text/index.ts";

/** The whole rule catalogue. Ids are unique (a test asserts it). */
export const ALL_RULES: readonly Rule[] = [
  ...arithmetic,
  ...crossTable,
  ...finalAccounts,
  ...text,
  ...statements,
  ...completeness,
  ...performance,
];
