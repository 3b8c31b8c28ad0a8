import { z } from "zod";
import { disclosureSchema } from "./disclosure-schema.ts";

/** The JSON Schema (draft 2020-12) of a Disclosure, generated from the runtime zod schema. */
export function disclosureJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(disclosureSchema, { target: "draft-2020-12" }),
    $id: "https://yusuan.invalid/schema/disclosure.schema.json",
    title: "yusuan Disclosure (部门预算公开 structured model)",
  };
}
