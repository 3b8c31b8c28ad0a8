/**
 * Row types: what the database holds, column for column. These are not domain types; only the
 * repository maps between rows and the model (ARCHITECTURE.md, convention 4).
 *
 * Amounts are integer 分 in BIGINT columns; PostgreSQL returns them as numbers through the type
 * parsers set in open-store.ts. Booleans are 0/1 integers so both dialects agree.
 */
import type { ColumnType, Generated } from "kysely";

type Id = Generated<number>;

export interface DepartmentRow {
  id: Id;
  name: string;
  /** the issuing government's province-level region (短名), 中央, or 未知地区 (migration 0004: with city, county) */
  region: string;
  /** prefecture-level division, '' when none */
  city: ColumnType<string, string | undefined, string>;
  /** county-level division, '' when none */
  county: ColumnType<string, string | undefined, string>;
  /** central | province | city | county | unknown */
  level: string;
  created_at: string;
}

export interface SourceFileRow {
  id: Id;
  name: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}

export interface DisclosureRow {
  id: Id;
  department_id: number;
  year: number;
  kind: string;
  version: number;
  /** draft | published */
  status: string;
  /** 1 when this is the published version shown by default for its department, year and kind */
  is_current: ColumnType<number, number | undefined, number>;
  title: string;
  template: string;
  unit: string;
  source_file_id: number | null;
  content_sha256: string;
  body: string;
  /** the importer's report as JSON (tables read with their confidence, tables missing); null when none */
  import_report: ColumnType<string | null, string | null | undefined, string | null>;
  errors: number;
  warnings: number;
  notices: number;
  total_expenditure_fen: number | null;
  created_by: string | null;
  created_at: string;
  published_at: string | null;
}

export interface FactRow {
  disclosure_id: number;
  seq: number;
  measure: string;
  table_key: string | null;
  column_key: string | null;
  /** the kind of the printed row the fact comes from: total, class, section, item, line … */
  grain: string | null;
  line_key: string | null;
  fund: string | null;
  function_code: string | null;
  function_class: string | null;
  economic_code: string | null;
  economic_class: string | null;
  nature: string | null;
  basic_kind: string | null;
  unit: string | null;
  project: string | null;
  amount_fen: number;
  table_no: number;
  row_index: number;
  col_index: number;
  // denormalised from the disclosure so aggregates need no join
  department_id: number;
  year: number;
  region: string;
  is_current: ColumnType<number, number | undefined, number>;
}

export interface FindingRow {
  disclosure_id: number;
  seq: number;
  rule: string;
  severity: string;
  message: string;
  location: string;
  table_no: number | null;
  expected: string | null;
  actual: string | null;
  difference: string | null;
}

export interface SearchTermRow {
  id: Id;
  kind: string;
  term: string;
  /** '' when none (so the unique key works the same on both engines) */
  code: string;
  department_id: number;
  year: number;
  /** the word in `search_words` (migration 0002; null only for rows written before it) */
  word_id: number | null;
  /** the department's name (part of its identity: never changes), the order searches list terms in (0007) */
  department_name: ColumnType<string, string | undefined, string>;
}

/** A distinct searchable word: what a search scans before following `search_terms.word_id`. */
export interface SearchWordRow {
  id: Id;
  kind: string;
  term: string;
  code: string;
  /** how many search terms point at this word (0007; every save adds its new terms) */
  terms: ColumnType<number, number | undefined, number>;
}

/** One disclosure's sum over one canonical aggregate slice and key (see rollups.ts). */
export interface RollupRow {
  disclosure_id: number;
  /** total | functionClass | economicClass | fund | threePublicItem */
  dim: string;
  /** the metric for total and functionClass; '' for dimensions with one fixed slice */
  metric: string;
  /** '' for total */
  key: string;
  amount_fen: number;
  department_id: number;
  year: number;
  region: string;
  is_current: ColumnType<number, number | undefined, number>;
}

/** A rendered download of a published (immutable) version, e.g. its PDF. */
export interface RenditionRow {
  disclosure_id: number;
  format: string;
  bytes: Uint8Array;
  created_at: string;
}

export interface TokenRow {
  id: Id;
  token_hash: string;
  name: string;
  role: string;
  department_id: number | null;
  created_at: string;
  revoked_at: string | null;
}

/** A small fact about the installation (migration 0003), e.g. examples = loading | done. */
export interface AppStateRow {
  key: string;
  value: string;
  updated_at: string;
}

/** An audit (migration 0005): a batch of documents read, checked and scored together. */
export interface AuditRow {
  id: Id;
  title: string;
  /** JSON: the paths given */
  inputs: string;
  /** documents in the audit (a queued audit: documents enqueued) */
  documents: number;
  /** running | done */
  status: string;
  /** JSON: the audit's summary (audit.json's), null while running */
  summary: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

/** One document's result in an audit, keyed by (audit_id, doc_hash): written once. */
export interface AuditDocumentRow {
  audit_id: number;
  doc_hash: string;
  /** the document's place in the audit (the order of discovery) */
  seq: number;
  file: string;
  /** ok | unreadable */
  status: string;
  government: string | null;
  department: string | null;
  year: number | null;
  kind: string | null;
  score: number | null;
  coverage: number | null;
  errors: number;
  warnings: number;
  notices: number;
  /** JSON: the document's result as in audit.json */
  result: string;
  created_at: string;
}

export interface Database {
  departments: DepartmentRow;
  source_files: SourceFileRow;
  disclosures: DisclosureRow;
  facts: FactRow;
  findings: FindingRow;
  search_terms: SearchTermRow;
  search_words: SearchWordRow;
  rollups: RollupRow;
  renditions: RenditionRow;
  tokens: TokenRow;
  app_state: AppStateRow;
  audits: AuditRow;
  audit_documents: AuditDocumentRow;
}
