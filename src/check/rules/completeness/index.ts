import { type Rule, reading } from "../../rule.ts";
import { NATIONAL_SUBJECT_RULES } from "./national.ts";
import { C01, C02, C03, C04 } from "./overview.ts";
import { C34 } from "./placeholders.ts";
import { C28, C29, C30, SECTION_RULES } from "./sections.ts";
import { C16, C17, TABLE_RULES } from "./tables.ts";
import { C31, C32, C33 } from "./targets-glossary-toc.ts";

/** The completeness rules (C-01 … C-34), in id order. */
export const RULES: readonly Rule[] = [
  ...reading(["text"], [C01, C02, C03, C04]),
  ...TABLE_RULES,
  C16,
  C17,
  ...reading(["text"], [...SECTION_RULES, C28, C29, C30]),
  ...reading(["performance"], [C31]),
  ...reading(["text"], [C32, C33]),
  ...reading(["text", "performance"], [C34]),
  ...reading(["text"], NATIONAL_SUBJECT_RULES),
];
