import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { disclosureJsonSchema } from "./json-schema.ts";

describe("schema/disclosure.schema.json", () => {
  it("is the JSON Schema generated from the runtime schema (run `npm run schema` after model changes)", () => {
    const onDisk = JSON.parse(readFileSync(new URL("../../schema/disclosure.schema.json", import.meta.url), "utf8"));
    expect(onDisk).toEqual(disclosureJsonSchema());
  });
});
