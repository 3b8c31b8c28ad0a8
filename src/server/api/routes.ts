/** The JSON API under /api. Reads are public (published data only); every write needs a token. */
import { type Context, Hono } from "hono";
import type { Config } from "../../config.ts";
import { NAME_LIMITS } from "../../model/validity.ts";
import {
  AGGREGATE_BY,
  type AggregateBy,
  aggregate,
  createToken,
  deleteDraft,
  diffDisclosures,
  getDepartment,
  getRecord,
  getTable,
  listDepartments,
  listFacts,
  listFindings,
  listRegions,
  listYears,
  METRICS,
  type Metric,
  publishDisclosure,
  type Role,
  type Store,
  search,
} from "../../store/index.ts";
import { type Auth, requireDepartment } from "../auth.ts";
import { parseForm, readBody } from "../body.ts";
import type { PortalData } from "../data.ts";
import { sendEncoded } from "../encoding.ts";
import { httpError } from "../errors.ts";
import { publishedRecord } from "../pages/department.ts";
import { uploadDocument } from "../upload.ts";
import { openApiDocument } from "./openapi.ts";
import { checkQuery } from "./query-check.ts";

/** A token's name: a label for people, as long as a department name at most. */
const NAME_MAX = NAME_LIMITS.department;

function intQuery(c: Context, name: string, dflt: number | undefined, min: number, max: number): number | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === "") return dflt;
  if (!/^-?\d{1,12}$/.test(v)) throw httpError(400, `参数 ${name} 应为整数`);
  const n = Number(v);
  if (n < min || n > max) throw httpError(400, `参数 ${name} 应在 ${min}–${max} 之间`);
  return n;
}

function enumQuery<T extends string>(c: Context, name: string, values: readonly T[], dflt?: T): T | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === "") return dflt;
  if (!values.includes(v as T)) throw httpError(400, `参数 ${name} 应为 ${values.join("、")} 之一`);
  return v as T;
}

function pathId(c: Context, name: string): number {
  const v = c.req.param(name) ?? "";
  if (!/^\d{1,12}$/.test(v)) throw httpError(404, `${name} 无效`);
  return Number(v);
}

const text = (c: Context, name: string, max = 100) => c.req.query(name)?.slice(0, max) || undefined;

export function apiRoutes(store: Store, config: Config, data: PortalData, auth: Auth): Hono {
  const api = new Hono();
  api.use("*", checkQuery());
  const paging = (c: Context, dflt = 50, max = 500) => ({
    limit: intQuery(c, "limit", dflt, 1, max),
    offset: intQuery(c, "offset", 0, 0, 1_000_000),
  });

  api.get("/openapi.json", (c) => c.json(openApiDocument()));

  api.get("/departments", async (c) => {
    const level = enumQuery(c, "level", ["central", "province", "city", "county", "unknown"] as const);
    return c.json(await listDepartments(store, { q: text(c, "q"), region: text(c, "region"), level, ...paging(c) }));
  });

  api.get("/departments/:id", async (c) => {
    const id = pathId(c, "id");
    const dept = await getDepartment(store, id);
    if (!dept) throw httpError(404, `没有编号为 ${id} 的部门`);
    const versions = (await data.history(id)).filter((r) => r.status === "published");
    return c.json({ ...dept, versions });
  });

  // Searches and aggregates repeat: each distinct answer is serialised and compressed once
  // (PortalData.answer), with an ETag, and answered 304 to a client that holds it.
  const answer = async (c: Context, make: () => Promise<unknown>) =>
    sendEncoded(c, await data.answer(c.req.path + new URL(c.req.url).search, make));

  api.get("/search", async (c) => {
    const q = text(c, "q") ?? "";
    const page = paging(c, 20, 200);
    return answer(c, () => search(store, q, page));
  });

  api.get("/regions", async (c) => c.json({ items: await listRegions(store) }));
  api.get("/years", async (c) => c.json({ items: await listYears(store) }));

  api.get("/disclosures/:id", async (c) => {
    const rec = await publishedRecord(store, pathId(c, "id"));
    return c.json({ record: rec, disclosure: await data.disclosure(rec.id) });
  });

  api.get("/disclosures/:id/tables/:no", async (c) => {
    const rec = await publishedRecord(store, pathId(c, "id"));
    const t = await getTable(store, rec.id, pathId(c, "no"));
    if (!t) throw httpError(404, "没有这张表");
    return c.json(t);
  });

  api.get("/disclosures/:id/facts", async (c) => {
    const rec = await publishedRecord(store, pathId(c, "id"));
    const { limit, offset } = paging(c, 500, 5000);
    const table = intQuery(c, "table", undefined, 0, 1000);
    const r = await listFacts(store, rec.id, { limit, offset, ...(table !== undefined ? { table } : {}) });
    return c.json({ ...r, limit, offset });
  });

  api.get("/disclosures/:id/findings", async (c) => {
    const rec = await publishedRecord(store, pathId(c, "id"));
    return c.json({ summary: rec.summary, items: await listFindings(store, rec.id) });
  });

  api.get("/disclosures/:id/diff/:other", async (c) => {
    const a = await publishedRecord(store, pathId(c, "id"));
    const b = await publishedRecord(store, pathId(c, "other"));
    return c.json(diffDisclosures(await data.disclosure(a.id), await data.disclosure(b.id)));
  });

  api.get("/aggregates", async (c) => {
    const by = enumQuery<AggregateBy>(c, "by", AGGREGATE_BY, "functionClass") as AggregateBy;
    const metric = enumQuery<Metric>(c, "metric", METRICS, "expenditure");
    const functionClass = text(c, "functionClass", 3);
    if (functionClass && !/^\d{3}$/.test(functionClass)) throw httpError(400, "参数 functionClass 应为 3 位类编码");
    const q = {
      by,
      metric,
      year: intQuery(c, "year", undefined, 1900, 2200),
      region: text(c, "region"),
      departmentId: intQuery(c, "department", undefined, 1, Number.MAX_SAFE_INTEGER),
      functionClass,
      ...paging(c, 50, 1000),
    };
    return answer(c, () => aggregate(store, q));
  });

  // ---- writes: authenticated by the Authorization header before any of the body is read ----
  const writers: Role[] = ["admin", "reviewer", "editor"];

  api.post("/disclosures", async (c) => {
    const principal = await auth.require(c, writers);
    const type = c.req.header("content-type") ?? "";
    let input: { name: string; type: string; bytes: Uint8Array };
    if (/^multipart\/form-data\b/i.test(type)) {
      const { file } = await parseForm(c, { maxFileBytes: config.maxUploadBytes });
      if (!file) throw httpError(400, "multipart 请求需要 file 字段");
      input = file;
    } else {
      input = {
        name: c.req.query("name") ?? (type.includes("json") ? "upload.json" : "upload.txt"),
        type,
        bytes: await readBody(c, config.maxUploadBytes),
      };
    }
    const r = await uploadDocument(store, principal, input, config.maxUploadBytes);
    const record = await getRecord(store, r.saved.id);
    return c.json(
      {
        record,
        unchanged: r.saved.unchanged,
        summary: r.report.summary,
        findings: r.report.findings,
        notChecked: r.report.notChecked,
      },
      r.saved.unchanged ? 200 : 201,
    );
  });

  api.post("/disclosures/:id/publish", async (c) => {
    const principal = await auth.require(c, writers);
    const rec = await getRecord(store, pathId(c, "id"));
    if (!rec) throw httpError(404, "没有这个公开文件");
    requireDepartment(principal, rec.department.id);
    await publishDisclosure(store, rec.id);
    return c.json({ record: await getRecord(store, rec.id) });
  });

  api.delete("/disclosures/:id", async (c) => {
    const principal = await auth.require(c, writers);
    const rec = await getRecord(store, pathId(c, "id"));
    if (!rec) throw httpError(404, "没有这个公开文件");
    requireDepartment(principal, rec.department.id);
    await deleteDraft(store, rec.id);
    return c.body(null, 204);
  });

  api.post("/tokens", async (c) => {
    await auth.require(c, ["admin"]);
    const text = new TextDecoder().decode(await readBody(c, config.limits.maxFormBytes));
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // answered below: the body must be a JSON object
    }
    const body = (typeof parsed === "object" ? parsed : null) as {
      name?: unknown;
      role?: unknown;
      departmentId?: unknown;
    } | null;
    const role = body?.role;
    if (!body || typeof body.name !== "string" || !body.name || !["admin", "reviewer", "editor"].includes(String(role)))
      throw httpError(400, "需要 name 和 role（admin、reviewer、editor）");
    const departmentId = typeof body.departmentId === "number" ? body.departmentId : null;
    if (role === "editor" && (departmentId === null || !(await getDepartment(store, departmentId))))
      throw httpError(400, "编辑令牌需要有效的 departmentId");
    const t = await createToken(store, { name: body.name.slice(0, NAME_MAX), role: role as Role, departmentId });
    return c.json({ id: t.id, token: t.token, role, departmentId }, 201);
  });

  return api;
}
