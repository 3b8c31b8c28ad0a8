import { type Rule, reading } from "../../rule.ts";
import { S07 } from "./amounts.ts";
import { S03 } from "./differences.ts";
import { S02 } from "./directions.ts";
import { S06 } from "./empty-tables.ts";
import { S05 } from "./placeholders.ts";
import { S01 } from "./rates.ts";
import { S08 } from "./shares.ts";
import { S04 } from "./years.ts";

/** The general 说明 rules (any region's wording), in id order. */
export const RULES: readonly Rule[] = reading(["text"], [S01, S02, S03, S04, S05, S06, S07, S08]);
