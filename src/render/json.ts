/** The model itself, as the JSON that `loadDisclosure` reads back (schema/disclosure.schema.json). */
import { writeFile } from "node:fs/promises";
import type { Disclosure } from "../model/disclosure.ts";

export function disclosureJson(d: Disclosure): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export async function renderJson(d: Disclosure, outFile: string): Promise<void> {
  await writeFile(outFile, disclosureJson(d));
}
