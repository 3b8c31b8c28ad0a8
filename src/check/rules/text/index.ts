import { type Rule, reading } from "../../rule.ts";
import { T14 } from "./basic-statements.ts";
import { T04, T05, T06, T07, T12, T13 } from "./change-statements.ts";
import { T08, T09, T10, T11 } from "./fiscal-statements.ts";
import { T19, T20, T21 } from "./fund-statements.ts";
import { T01, T02, T03 } from "./income-statements.ts";
import { T22, T23, T24, T25, T26 } from "./other-matters.ts";
import { T27, T28, T29, T30, T31, T32 } from "./performance-text.ts";
import { T15, T16, T17, T34 } from "./project-statements.ts";

/** The text rules (说明 and 绩效 text against the tables), in id order. T-18 and T-33 are not automated. */
export const RULES: readonly Rule[] = reading(
  ["text"],
  [
    T01,
    T02,
    T03,
    T04,
    T05,
    T06,
    T07,
    T08,
    T09,
    T10,
    T11,
    T12,
    T13,
    T14,
    T15,
    T16,
    T17,
    T19,
    T20,
    T21,
    T22,
    T23,
    T24,
    T25,
    T26,
    ...reading(["performance"], [T27, T28, T29, T30, T31, T32]),
    T34,
  ],
);
