/**
 * Validates a data package the way a Frictionless validator does (tests only): the descriptor
 * against the official JSON Schema of the profile it declares (data-package, tabular-data-package
 * or fiscal-data-package, draft-04, with ajv), each resource against tabular-data-resource and its
 * schema against table-schema, and then every CSV row against its Table Schema: header = field
 * names (unique), one value per field, each value of its field's type, required values present.
 *
 * The profiles are the official files, copied into test/fixtures/frictionless (see its README):
 * the Frictionless JavaScript libraries that would do this are unmaintained.
 *
 * @example expect(checkDataPackage(descriptor, { "facts.csv": csv })).toEqual([])
 */
import { readFileSync } from "node:fs";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";

// CommonJS packages: their classes are on `.default` when imported from ESM
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

const DIR = new URL("../../test/fixtures/frictionless/", import.meta.url);
const PROFILES = [
  "data-package",
  "tabular-data-package",
  "fiscal-data-package",
  "tabular-data-resource",
  "table-schema",
] as const;
type Profile = (typeof PROFILES)[number];

let validators: Map<Profile, ReturnType<InstanceType<typeof Ajv>["compile"]>> | undefined;
function validator(p: Profile) {
  if (!validators) {
    // strict off: the profiles carry their own annotation keywords (propertyOrder, context, examples)
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat("textarea", true); // a form hint of the profiles, not a constraint
    validators = new Map(
      PROFILES.map((name) => [name, ajv.compile(JSON.parse(readFileSync(new URL(`${name}.json`, DIR), "utf8")))]),
    );
  }
  return validators.get(p)!;
}

function schemaErrors(p: Profile, value: unknown, where: string): string[] {
  const v = validator(p);
  if (v(value)) return [];
  return (v.errors ?? []).map((e) => `${where}: ${p} ${e.instancePath || "/"} ${e.message ?? ""}`);
}

/** RFC 4180 records (the package's dialect: comma, double quote, CRLF; no comment lines). */
export function csvRecords(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === "") quoted = true;
    else if (c === ",") {
      row.push(cur);
      cur = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cur);
      rows.push(row);
      row = [];
      cur = "";
      i++;
    } else cur += c;
  }
  if (cur !== "" || row.length > 0) rows.push([...row, cur]);
  return rows;
}

// Table Schema v1 lexical forms of the types the packages use (default formats)
const TYPES: Record<string, RegExp> = {
  integer: /^[+-]?\d+$/,
  number: /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|NaN|[+-]?INF)$/,
  year: /^-?\d{4}$/,
  boolean: /^(?:true|True|TRUE|1|false|False|FALSE|0)$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

interface Field {
  name: string;
  type?: string;
  constraints?: { required?: boolean };
}

/** Problems found (empty when the package is valid). `files` maps a resource path to its text. */
export function checkDataPackage(descriptor: unknown, files: Record<string, string>): string[] {
  const d = descriptor as { profile?: string; resources?: unknown[] };
  const profile = (d.profile ?? "data-package") as Profile;
  if (!["data-package", "tabular-data-package", "fiscal-data-package"].includes(profile))
    return [`datapackage.json: unknown profile ${String(d.profile)}`];
  const problems = schemaErrors(profile, descriptor, "datapackage.json");
  // a Fiscal Data Package is a tabular data package with a `model` (the FDP schema itself requires
  // profile "tabular-data-package"): one with a model must pass the fiscal profile too
  if (profile !== "fiscal-data-package" && d !== null && typeof d === "object" && "model" in d)
    problems.push(...schemaErrors("fiscal-data-package", descriptor, "datapackage.json"));
  for (const [i, res] of (d.resources ?? []).entries()) {
    const r = res as { name?: string; path?: string; profile?: string; schema?: { fields?: Field[] } };
    const where = `resources[${i}] ${r.name ?? ""}`;
    if (r.profile === "tabular-data-resource") problems.push(...schemaErrors("tabular-data-resource", r, where));
    if (r.schema) problems.push(...schemaErrors("table-schema", r.schema, `${where} schema`));
    const fields = r.schema?.fields ?? [];
    const names = fields.map((f) => f.name);
    const dup = names.filter((n, k) => names.indexOf(n) !== k);
    if (dup.length > 0) problems.push(`${where}: field names not unique: ${[...new Set(dup)].join(", ")}`);
    if (typeof r.path !== "string") continue;
    const text = files[r.path];
    if (text === undefined) {
      problems.push(`${where}: ${r.path} missing`);
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) problems.push(`${r.path}: starts with a BOM (part of the first field name)`);
    const [header, ...rows] = csvRecords(text);
    if (JSON.stringify(header) !== JSON.stringify(names))
      problems.push(`${r.path}: header ${JSON.stringify(header)} is not the schema's fields ${JSON.stringify(names)}`);
    rows.forEach((row, n) => {
      const line = n + 2;
      if (row.length !== fields.length) {
        problems.push(`${r.path} line ${line}: ${row.length} values for ${fields.length} fields`);
        return;
      }
      fields.forEach((f, k) => {
        const v = row[k] ?? "";
        if (v === "") {
          if (f.constraints?.required) problems.push(`${r.path} line ${line}: ${f.name} is required`);
          return;
        }
        const re = TYPES[f.type ?? "string"];
        if (re && !re.test(v)) problems.push(`${r.path} line ${line}: ${f.name} "${v}" is not a ${f.type}`);
      });
    });
  }
  return problems;
}
