/** What the repository returns: domain-facing records (camelCase), never raw rows. */
import type { Disclosure } from "../model/disclosure.ts";

export type DepartmentLevel = "central" | "province" | "city" | "county" | "unknown";
export type DisclosureStatus = "draft" | "published";
export type Role = "admin" | "reviewer" | "editor";

export interface Department {
  id: number;
  name: string;
  /** the issuing government's province-level region (广东, 上海), 中央, or 未知地区 */
  region: string;
  /** prefecture-level division ("广州市"), "" when none */
  city: string;
  /** county-level division ("普陀区"), "" when none */
  county: string;
  level: DepartmentLevel;
}

export interface DepartmentSummary extends Department {
  /** years with a published (current) disclosure, ascending */
  years: number[];
  /** the current disclosures by year and kind (预算 budget, 决算 finalAccounts), ascending */
  current: { year: number; kind: "budget" | "finalAccounts" }[];
}

/**
 * What the importer found in a document, stored with the disclosure (the shape of the importers'
 * ImportReport): the tables read, each with a reading confidence (0–1), and the template's tables
 * not found. The portal's badge says from it how well the document was read.
 */
export interface ReadingReport {
  format: string;
  template?: { id: string; how: string; confidence: number };
  tables: { no: number; id: string; title: string; rows: number; amounts: number; confidence: number }[];
  missing: { no: number; id: string; title: string }[];
}

export interface DisclosureRecord {
  id: number;
  department: Department;
  year: number;
  kind: Disclosure["meta"]["kind"];
  version: number;
  status: DisclosureStatus;
  isCurrent: boolean;
  title: string;
  template: string;
  unit: Disclosure["meta"]["unit"];
  contentSha256: string;
  summary: { errors: number; warnings: number; notices: number };
  totalExpenditureFen: number | null;
  sourceFile: { id: number; name: string; sha256: string; size: number } | null;
  /** the importer's report, when the document was read from a PDF or workbook */
  importReport: ReadingReport | null;
  createdBy: string | null;
  createdAt: string;
  publishedAt: string | null;
}

export interface StoredFact {
  seq: number;
  measure: string;
  table: string | null;
  column: string | null;
  grain: string | null;
  line: string | null;
  fund: string | null;
  functionCode: string | null;
  economicCode: string | null;
  nature: string | null;
  basicKind: string | null;
  unit: string | null;
  project: string | null;
  amountFen: number;
  dims: Record<string, string>;
  cell: { table: number; row: number; column: number };
}

export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
  departmentId: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
