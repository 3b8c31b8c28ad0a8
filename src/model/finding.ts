/** Findings: what the checker reports. The JSON shape is a contract (see README, `check --format json`). */
export type Severity = "error" | "warning" | "notice";

export type Category = "arithmetic" | "cross-table" | "text" | "completeness" | "performance";

export interface Location {
  /** 第一部分 … 第四部分, as a short Chinese name: 部门概况, 部门预算公开表, 部门预算情况说明, 名词解释, 绩效目标表 */
  part?: string;
  /** the table's number in its document, when the finding is in a table */
  table?: number;
  /** row: code and label, e.g. "2080101 行政运行" */
  row?: string;
  /** column header path joined with "/" */
  column?: string;
  /** 说明 section number, performance table title, or other place in text */
  section?: string;
  page?: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  location: Location;
  expected?: string;
  actual?: string;
  difference?: string;
}
