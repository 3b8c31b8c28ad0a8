/** The OpenAPI 3.1 description of /api, served at /api/openapi.json (validated in tests). */
import { AGGREGATE_BY, METRICS } from "../../store/index.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description = "OK") => ({ description, content: { "application/json": { schema } } });
const err = (description: string) => json(ref("Error"), description);
const q = (name: string, schema: unknown, description: string) => ({
  name,
  in: "query",
  required: false,
  schema,
  description,
});
const p = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "integer", minimum: 0 },
  description,
});
const paging = [
  q("limit", { type: "integer", minimum: 1 }, "page size"),
  q("offset", { type: "integer", minimum: 0 }, "items to skip"),
];
const page = (item: unknown) => ({
  type: "object",
  required: ["items", "total", "limit", "offset"],
  properties: {
    items: { type: "array", items: item },
    total: { type: "integer" },
    limit: { type: "integer" },
    offset: { type: "integer" },
  },
});
const writeErrors = { "401": err("no or invalid token"), "403": err("role not allowed") };
const security = [{ bearer: [] }];

const retryAfter = {
  "Retry-After": { description: "seconds to wait before sending the request again", schema: { type: "integer" } },
};
/** Answers any operation can give (server/errors.ts, body.ts, admission.ts, auth.ts, encoding.ts). */
const RESPONSES = {
  BadRequest: err(
    "bad request: a query parameter the operation does not declare, a malformed value, or a body sent with GET",
  ),
  MethodNotAllowed: {
    ...err("the path does not take this method; Allow lists the ones it takes"),
    headers: { Allow: { description: "the methods the path takes", schema: { type: "string" } } },
  },
  NotAcceptable: err("Accept-Encoding accepts none of the codings the server can send: identity, gzip, br"),
  TooLarge: err(
    "the request body is over its limit (an upload: the server's upload limit, default 20 MB, plus 64 KB; any other body, GET's included: 64 KB), refused before it is read",
  ),
  TooManyAttempts: {
    ...err("too many failed token attempts from this address (10 in 60 s); a right token too, until Retry-After"),
    headers: retryAfter,
  },
  Busy: {
    ...err(
      "the server is at its limit of requests at once and in line, or its event loop is behind, or the database is locked by another writer; send again after Retry-After",
    ),
    headers: retryAfter,
  },
} as const;
const response = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });

interface Operation {
  security?: unknown;
  responses: Record<string, unknown>;
}

/**
 * Adds to every operation the answers the server can give it besides its own: 400 (any query
 * parameter it does not declare), 413 (a body over the limit), 503 (overload, a locked database),
 * 406 when it answers with content (Accept-Encoding), 429 when it takes a token. 405 belongs to
 * the methods a path does not document: components.responses.MethodNotAllowed, and the info.
 * test/api/openapi-codes.test.ts provokes each of them and checks they are listed.
 */
function withServerAnswers<P extends Record<string, Record<string, Operation>>>(paths: P): P {
  for (const ops of Object.values(paths))
    for (const op of Object.values(ops)) {
      const r = op.responses;
      r["400"] ??= response("BadRequest");
      const content = Object.entries(r).some(
        ([code, v]) => code.startsWith("2") && typeof v === "object" && v !== null && "content" in v,
      );
      if (content) r["406"] ??= response("NotAcceptable");
      r["413"] ??= response("TooLarge");
      if (op.security) r["429"] ??= response("TooManyAttempts");
      r["503"] ??= response("Busy");
    }
  return paths;
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "yusuan 部门预算公开 API",
      version: "0.1.0",
      description:
        "Published Chinese department budget disclosures: departments, disclosures, printed tables, facts, check findings and aggregates. Amounts are integers in 分 (1 万元 = 1,000,000 分). Reads are public; writes need a bearer token. Every operation may also answer 400 (a query parameter it does not declare), 413 (a body over its limit), 503 with Retry-After (overload, a locked database) and, when it answers with content, 406 (Accept-Encoding); one that takes a token, 429 with Retry-After. A method a path does not list is answered 405 with Allow. Responses are compressed (br, gzip) when Accept-Encoding asks for it.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: RESPONSES,
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["status", "message"],
              properties: { status: { type: "integer" }, message: { type: "string" } },
            },
          },
        },
        Department: {
          type: "object",
          required: ["id", "name", "region", "city", "county", "level"],
          properties: {
            id: { type: "integer" },
            name: { type: "string" },
            region: { type: "string", description: "province-level region of the issuing government, or 中央" },
            city: { type: "string", description: "prefecture-level division, empty when none" },
            county: { type: "string", description: "county-level division, empty when none" },
            level: { type: "string", enum: ["central", "province", "city", "county", "unknown"] },
            years: { type: "array", items: { type: "integer" } },
            current: {
              type: "array",
              description: "current published disclosures by year and kind",
              items: {
                type: "object",
                properties: {
                  year: { type: "integer" },
                  kind: { type: "string", enum: ["budget", "finalAccounts"] },
                },
              },
            },
          },
        },
        DisclosureRecord: {
          type: "object",
          required: ["id", "department", "year", "kind", "version", "status", "isCurrent", "summary"],
          properties: {
            id: { type: "integer" },
            department: ref("Department"),
            year: { type: "integer" },
            kind: { type: "string", enum: ["budget", "finalAccounts"] },
            version: { type: "integer" },
            status: { type: "string", enum: ["draft", "published"] },
            isCurrent: { type: "boolean" },
            title: { type: "string" },
            template: { type: "string" },
            unit: { type: "string" },
            contentSha256: { type: "string" },
            summary: ref("Summary"),
            totalExpenditureFen: { type: ["integer", "null"] },
            sourceFile: {
              type: ["object", "null"],
              properties: {
                id: { type: "integer" },
                name: { type: "string" },
                sha256: { type: "string" },
                size: { type: "integer" },
              },
            },
            importReport: {
              type: ["object", "null"],
              description:
                "what the importer found (PDF, XLSX): tables read, each with a reading confidence 0–1, and tables missing",
              additionalProperties: true,
            },
            createdBy: { type: ["string", "null"] },
            createdAt: { type: "string" },
            publishedAt: { type: ["string", "null"] },
          },
        },
        Summary: {
          type: "object",
          required: ["errors", "warnings", "notices"],
          properties: { errors: { type: "integer" }, warnings: { type: "integer" }, notices: { type: "integer" } },
        },
        Finding: {
          type: "object",
          required: ["rule", "severity", "message", "location"],
          properties: {
            rule: { type: "string" },
            severity: { type: "string", enum: ["error", "warning", "notice"] },
            message: { type: "string" },
            location: { type: "object", additionalProperties: true },
            expected: { type: "string" },
            actual: { type: "string" },
            difference: { type: "string" },
          },
        },
        Fact: {
          type: "object",
          required: ["seq", "measure", "amountFen", "cell"],
          properties: {
            seq: { type: "integer" },
            measure: { type: "string" },
            table: { type: ["string", "null"] },
            column: { type: ["string", "null"] },
            grain: { type: ["string", "null"] },
            line: { type: ["string", "null"] },
            fund: { type: ["string", "null"] },
            functionCode: { type: ["string", "null"] },
            economicCode: { type: ["string", "null"] },
            nature: { type: ["string", "null"] },
            basicKind: { type: ["string", "null"] },
            unit: { type: ["string", "null"] },
            project: { type: ["string", "null"] },
            amountFen: { type: "integer" },
            dims: { type: "object", additionalProperties: { type: "string" } },
            cell: {
              type: "object",
              properties: { table: { type: "integer" }, row: { type: "integer" }, column: { type: "integer" } },
            },
          },
        },
        Table: {
          type: "object",
          required: ["no", "id", "title", "unit", "columns", "rows"],
          properties: {
            no: { type: "integer" },
            id: { type: "string" },
            title: { type: "string" },
            unit: { type: "string" },
            columns: { type: "array", items: { type: "object", additionalProperties: true } },
            emptyNote: { type: ["string", "null"] },
            rows: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  kind: { type: "string" },
                  code: { type: ["string", "null"] },
                  label: { type: "string" },
                  level: { type: "integer" },
                  cells: { type: "array", items: { type: ["integer", "string", "null"] } },
                },
              },
            },
          },
        },
        SearchHit: {
          type: "object",
          properties: {
            kind: { type: "string", enum: ["department", "project", "function"] },
            term: { type: "string" },
            code: { type: ["string", "null"] },
            department: ref("Department"),
            year: { type: "integer" },
          },
        },
        AggregateResult: {
          allOf: [
            page({
              type: "object",
              properties: {
                key: { type: "string" },
                label: { type: "string" },
                amountFen: { type: "integer" },
                disclosures: { type: "integer" },
              },
            }),
            {
              type: "object",
              properties: { by: { type: "string" }, metric: { type: "string" }, totalAmountFen: { type: "integer" } },
            },
          ],
        },
        Diff: { type: "object", additionalProperties: true },
        Disclosure: {
          type: "object",
          description: "The full Disclosure model (schema/disclosure.schema.json).",
          additionalProperties: true,
        },
        UploadResult: {
          type: "object",
          properties: {
            record: ref("DisclosureRecord"),
            unchanged: {
              type: "boolean",
              description: "the latest version already had this content: nothing saved, record is that version",
            },
            summary: ref("Summary"),
            findings: { type: "array", items: ref("Finding") },
            notChecked: { type: "array", items: { type: "object", additionalProperties: true } },
          },
        },
      },
    },
    paths: withServerAnswers({
      "/api/departments": {
        get: {
          operationId: "listDepartments",
          summary: "List or search departments",
          parameters: [
            q("q", { type: "string" }, "name contains (wildcards are literal)"),
            q("region", { type: "string" }, "region"),
            q("level", { type: "string", enum: ["central", "province", "city", "county", "unknown"] }, "level"),
            ...paging,
          ],
          responses: { "200": json(page(ref("Department"))), "400": err("bad parameter") },
        },
      },
      "/api/departments/{id}": {
        get: {
          operationId: "getDepartment",
          summary: "A department with its published versions",
          parameters: [p("id", "department id")],
          responses: {
            "200": json({
              allOf: [
                ref("Department"),
                { type: "object", properties: { versions: { type: "array", items: ref("DisclosureRecord") } } },
              ],
            }),
            "404": err("not found"),
          },
        },
      },
      "/api/search": {
        get: {
          operationId: "search",
          summary: "Search departments, projects and function names or codes",
          parameters: [q("q", { type: "string" }, "search text"), ...paging],
          responses: { "200": json(page(ref("SearchHit"))) },
        },
      },
      "/api/regions": {
        get: {
          operationId: "listRegions",
          summary: "Regions with department counts",
          responses: {
            "200": json({ type: "object", properties: { items: { type: "array", items: { type: "object" } } } }),
          },
        },
      },
      "/api/years": {
        get: {
          operationId: "listYears",
          summary: "Years with published disclosures",
          responses: {
            "200": json({ type: "object", properties: { items: { type: "array", items: { type: "integer" } } } }),
          },
        },
      },
      "/api/disclosures": {
        post: {
          operationId: "uploadDisclosure",
          summary: "Upload a document (PDF, XLSX, text or Disclosure JSON); it is checked and saved as a draft",
          security,
          parameters: [q("name", { type: "string" }, "file name when the body is raw")],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  properties: { file: { type: "string", contentMediaType: "application/octet-stream" } },
                },
              },
              "text/plain": { schema: { type: "string" } },
              "application/json": { schema: ref("Disclosure") },
            },
          },
          responses: {
            "200": json(ref("UploadResult"), "unchanged: the same content as the latest version"),
            "201": json(ref("UploadResult"), "saved as a draft"),
            ...writeErrors,
            "413": err("too large"),
            "415": err("unsupported type"),
            "422": err("unreadable document"),
          },
        },
      },
      "/api/disclosures/{id}": {
        get: {
          operationId: "getDisclosure",
          summary: "A published disclosure: its record and the full model",
          parameters: [p("id", "disclosure id")],
          responses: {
            "200": json({
              type: "object",
              properties: { record: ref("DisclosureRecord"), disclosure: ref("Disclosure") },
            }),
            "404": err("not found"),
          },
        },
        delete: {
          operationId: "deleteDraft",
          summary: "Delete a draft (published versions are immutable)",
          security,
          parameters: [p("id", "disclosure id")],
          responses: {
            "204": { description: "deleted" },
            ...writeErrors,
            "404": err("not found"),
            "409": err("published"),
          },
        },
      },
      "/api/disclosures/{id}/publish": {
        post: {
          operationId: "publishDisclosure",
          summary: "Publish a draft; it becomes the current version",
          security,
          parameters: [p("id", "disclosure id")],
          responses: {
            "200": json({ type: "object", properties: { record: ref("DisclosureRecord") } }),
            ...writeErrors,
            "404": err("not found"),
            "409": err("already published"),
          },
        },
      },
      "/api/disclosures/{id}/tables/{no}": {
        get: {
          operationId: "getTable",
          summary: "One printed table as published",
          parameters: [p("id", "disclosure id"), p("no", "table number")],
          responses: { "200": json(ref("Table")), "404": err("not found") },
        },
      },
      "/api/disclosures/{id}/facts": {
        get: {
          operationId: "listFacts",
          summary: "Facts (what each amount cell means)",
          parameters: [p("id", "disclosure id"), q("table", { type: "integer" }, "table number"), ...paging],
          responses: { "200": json(page(ref("Fact"))), "404": err("not found") },
        },
      },
      "/api/disclosures/{id}/findings": {
        get: {
          operationId: "listFindings",
          summary: "Check findings",
          parameters: [p("id", "disclosure id")],
          responses: {
            "200": json({
              type: "object",
              properties: { summary: ref("Summary"), items: { type: "array", items: ref("Finding") } },
            }),
            "404": err("not found"),
          },
        },
      },
      "/api/disclosures/{id}/diff/{other}": {
        get: {
          operationId: "diffDisclosures",
          summary: "Changes between two published versions",
          parameters: [p("id", "from"), p("other", "to")],
          responses: { "200": json(ref("Diff")), "404": err("not found") },
        },
      },
      "/api/aggregates": {
        get: {
          operationId: "aggregate",
          summary: "Sum a metric over current published disclosures, grouped by one dimension",
          parameters: [
            q("by", { type: "string", enum: [...AGGREGATE_BY] }, "grouping"),
            q(
              "metric",
              { type: "string", enum: [...METRICS] },
              "what to sum (ignored for economicClass, fund, threePublicItem)",
            ),
            q("year", { type: "integer" }, "year"),
            q("region", { type: "string" }, "region"),
            q("department", { type: "integer" }, "department id"),
            q("functionClass", { type: "string", pattern: "^\\d{3}$" }, "function class code"),
            ...paging,
          ],
          responses: { "200": json(ref("AggregateResult")), "400": err("bad parameter") },
        },
      },
      "/api/tokens": {
        post: {
          operationId: "createToken",
          summary: "Create a token (admin); the token is shown once",
          security,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["name", "role"],
                  properties: {
                    name: { type: "string" },
                    role: { type: "string", enum: ["admin", "reviewer", "editor"] },
                    departmentId: { type: "integer" },
                  },
                },
              },
            },
          },
          responses: {
            "201": json({ type: "object", properties: { id: { type: "integer" }, token: { type: "string" } } }),
            "400": err("bad request"),
            ...writeErrors,
          },
        },
      },
      "/api/openapi.json": {
        get: { operationId: "openapi", summary: "This document", responses: { "200": json({ type: "object" }) } },
      },
    }),
  };
}
