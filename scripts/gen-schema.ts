/**
 * Writes schema/disclosure.schema.json from the runtime zod schema, so the JSON Schema in the repo
 * can never drift from the code (a test compares them).
 */
import { writeFileSync } from "node:fs";
import { disclosureJsonSchema } from "../src/model/json-schema.ts";

writeFileSync("schema/disclosure.schema.json", `${JSON.stringify(disclosureJsonSchema(), null, 2)}\n`);
console.log("wrote schema/disclosure.schema.json");
