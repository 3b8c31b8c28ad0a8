/**
 * Template specs: a regional disclosure format as data. A spec declares each table: its number,
 * id (shared across templates where the meaning is the same), title and aliases, the columns with
 * stable keys, and the row structure. Generic code parses tables, checks their arithmetic and maps
 * cells to facts from the spec, so a new region is a new spec, not new code paths.
 */
import type { Column } from "../model/disclosure.ts";

export type TableLayout =
  /** income lines on the left, function classes on the right (表1, 表4) */
  | "twoSided"
  /** rows by function code 类/款/项 printed in three code columns plus a name column */
  | "functionCoded"
  /** rows by economic code 类/款 printed in two code columns plus a name column */
  | "economicCoded"
  /** rows: total, budget unit, function class/section/item, with a project name column */
  | "projects"
  /** fixed lines with a label column (三公, 结转结余) */
  | "lines";

export interface ColumnSpec extends Column {
  /** fact dimensions the column contributes (measure set by the table) */
  dims?: Record<string, string>;
}

/** A row identity: the amount in column `total` equals the sum of `parts` in the same row. */
export interface RowSum {
  total: string;
  parts: readonly string[];
}

/** A fixed line of a two-sided or lines table, with the lines it is the sum of. */
export interface LineSpec {
  key: string;
  /** label as printed (compared after removing spaces and list markers) */
  label: string;
  aliases?: readonly string[];
  side?: "income" | "expenditure";
  /** keys of the lines this one is the sum of */
  sumOf?: readonly string[];
  dims?: Record<string, string>;
}

export interface TableSpec {
  no: number;
  id: string;
  title: string;
  aliases: readonly string[];
  layout: TableLayout;
  measure: "income" | "expenditure" | "fiscalIncome" | "fiscalExpenditure" | "carryover" | "threePublic";
  columns: readonly ColumnSpec[];
  rowSums: readonly RowSum[];
  lines?: readonly LineSpec[];
  /** the table may be published empty with a 空表说明 */
  mayBeEmpty: boolean;
  /** base fact dimensions for every cell of the table */
  dims?: Record<string, string>;
}

export interface ExplanationSpec {
  no: number;
  id: string;
  /** a distinctive part of the title */
  title: string;
  required: boolean;
}

export interface TemplateSpec {
  id: string;
  name: string;
  region: string;
  kind: "budget" | "finalAccounts";
  unit: "wanyuan" | "yuan";
  tables: readonly TableSpec[];
  explanations: readonly ExplanationSpec[];
}

/** Normalises a printed label for matching: no whitespace, no list markers, unified brackets. */
export function normaliseLabel(label: string): string {
  return label
    .replace(/\s+/g, "")
    .replace(
      /^(?:[一二三四五六七八九十]+、|\d+[.、．]|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\))/,
      "",
    )
    .replace(/^其中[:：]/, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}
