/**
 * JSON Schema (draft 2020-12) of a budget package's metadata and line items, generated from the
 * runtime zod schemas so schema/package.schema.json cannot drift (a test compares them).
 * Regenerate: npx tsx -e 'import("./src/build/package-json-schema.ts").then(async (m) => (await import("node:fs")).writeFileSync("schema/package.schema.json", JSON.stringify(m.packageJsonSchema(), null, 2) + "\n"))'
 */
import { z } from "zod";
import { FUND_NAMES, metaSchema } from "./package.ts";

const lineItemSchema = z
  .object({
    budget_unit: z.string().describe("预算单位, one of overview.units[].name"),
    function_code: z
      .string()
      .regex(/^\d{7}$/)
      .describe("支出功能分类 项 code (7 digits), checked against the year's catalog"),
    economic_code: z
      .string()
      .regex(/^\d{5}$/)
      .describe("部门预算支出经济分类 款 code (5 digits)"),
    fund: z.enum(FUND_NAMES as [string, ...string[]]).describe("资金来源"),
    nature: z.enum(["基本", "项目"]),
    basic_kind: z.enum(["人员", "公用", ""]).describe("required for 基本, empty for 项目"),
    project: z.string().describe("project name, required for 项目, empty for 基本; one project belongs to one unit"),
    amount: z
      .string()
      .regex(/^\d+(\.\d{1,2})?$/)
      .describe("this year's amount in 元 (≥ 0, at most 2 decimals)"),
    prior_amount: z
      .string()
      .regex(/^\d+(\.\d{1,2})?$/)
      .describe("last year's budget in 元 (≥ 0); empty = 0"),
  })
  .describe("one row of line-items.csv (UTF-8; GBK is rejected) or of the workbook's line-items sheet");

export function packageJsonSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://yusuan.invalid/schema/package.schema.json",
    title: "yusuan budget package (预算包): meta.yaml / meta.json and line-items.csv rows",
    description:
      "A package is a folder with line-items.csv and meta.yaml (or meta.json), or one .xlsx workbook with sheets line-items and meta (meta: the YAML, one line per row in column A). All amounts are 元. See docs/package.md.",
    type: "object",
    properties: {
      meta: z.toJSONSchema(metaSchema, { target: "draft-2020-12", io: "input" }),
      lineItem: z.toJSONSchema(lineItemSchema, { target: "draft-2020-12" }),
    },
  };
}
