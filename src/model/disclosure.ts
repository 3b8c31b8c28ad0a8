/**
 * The Disclosure: one structured, immutable model of a 部门预算公开 (or 决算公开) document.
 * Importers and the builder produce it; the checker, renderers and store consume it.
 *
 * Conventions:
 * - Every amount is an integer number of 分 (see money.ts); blank table cells are `null`, a printed
 *   0.00 is `0`. Percentages are integer hundredths of a percent (64.65% → 6465).
 * - Printed tables stay faithful (titles, header paths, rows, cells as published); facts say what
 *   each amount cell means, so rules work across regional templates.
 *
 * The types are the runtime schema's (src/model/disclosure-schema.ts, zod), imported as types only, so
 * a module that uses them does not load zod; `npm run schema` writes schema/disclosure.schema.json.
 */
import type { z } from "zod";
import type * as s from "./disclosure-schema.ts";

export type { Allocation } from "./disclosure-schema.ts";

export type PageRef = z.infer<typeof s.pageRefSchema>;
export type Meta = z.infer<typeof s.metaSchema>;
export type Overview = z.infer<typeof s.overviewSchema>;
export type BudgetUnit = z.infer<typeof s.budgetUnitSchema>;
export type Column = z.infer<typeof s.columnSchema>;
export type Cell = z.infer<typeof s.cellSchema>;
export type Row = z.infer<typeof s.rowSchema>;
export type PrintedTable = z.infer<typeof s.printedTableSchema>;
export type TableSums = z.infer<typeof s.tableSumsSchema>;
export type TableReading = z.infer<typeof s.tableReadingSchema>;
export type CellRef = z.infer<typeof s.cellRefSchema>;
export type Fact = z.infer<typeof s.factSchema>;
export type Statement = z.infer<typeof s.statementSchema>;
export type ProjectDescription = z.infer<typeof s.projectDescriptionSchema>;
export type Explanation = z.infer<typeof s.explanationSchema>;
export type OtherMatters = z.infer<typeof s.otherMattersSchema>;
export type Target = z.infer<typeof s.targetSchema>;
export type Indicator = z.infer<typeof s.indicatorSchema>;
export type PerformanceTable = z.infer<typeof s.performanceTableSchema>;
export type SelfEvaluation = z.infer<typeof s.selfEvaluationSchema>;
export type GlossaryEntry = z.infer<typeof s.glossaryEntrySchema>;
export type ImportProblem = z.infer<typeof s.importProblemSchema>;
export type Disclosure = z.infer<typeof s.disclosureSchema>;
