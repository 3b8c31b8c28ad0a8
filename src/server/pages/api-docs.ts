/**
 * The API reference for people: /api-docs, rendered on the server from the same OpenAPI document
 * that /api/openapi.json serves (no CDN, no JavaScript): every path with its parameters, request
 * body and responses, then every schema with its properties.
 */
import type { Hono } from "hono";
import { html } from "hono/html";
import { openApiDocument } from "../api/openapi.ts";
import { type Html, page } from "../layout.ts";

interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  allOf?: Schema[];
  pattern?: string;
  additionalProperties?: boolean | Schema;
}
interface Operation {
  operationId: string;
  summary: string;
  parameters?: Param[];
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response | { $ref: string }>;
}

interface Response {
  description: string;
  content?: Record<string, { schema: Schema }>;
}

/** The answers many operations share are written once (components.responses) and referred to. */
const sharedResponses = () => openApiDocument().components.responses as unknown as Record<string, Response>;
const resolve = (r: Response | { $ref: string }): Response =>
  "$ref" in r ? (sharedResponses()[r.$ref.replace("#/components/responses/", "")] ?? { description: r.$ref }) : r;

const refName = (r: string) => r.replace("#/components/schemas/", "");

/** A schema in a few words: "Department", "integer", "array of Finding", "budget | finalAccounts". */
function typeText(s: Schema | undefined): Html | string {
  if (!s) return "";
  if (s.$ref) return html`<a href="#schema-${refName(s.$ref)}">${refName(s.$ref)}</a>`;
  if (s.enum) return s.enum.map(String).join(" | ");
  if (s.allOf) return html`${s.allOf.map((x, i) => html`${i ? " + " : ""}${typeText(x)}`)}`;
  const t = [s.type ?? "object"].flat().join(" | ");
  if (s.items) return html`${t} of ${typeText(s.items)}`;
  if (s.properties && Object.keys(s.properties).length > 0)
    return html`${t} { ${Object.keys(s.properties).join(", ")} }`;
  return `${t}${s.pattern ? ` (${s.pattern})` : ""}`;
}

function operation(path: string, method: string, op: Operation): Html {
  const id = `op-${op.operationId}`;
  const params = op.parameters ?? [];
  const example = `curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`}${op.security ? ` -H "Authorization: Bearer $TOKEN"` : ""} http://127.0.0.1:8080${path.replace(/\{(\w+)\}/g, "1")}`;
  return html`<section aria-labelledby="${id}" class="op">
    <h3 id="${id}"><code class="method">${method.toUpperCase()}</code> <code>${path}</code></h3>
    <p>${op.summary}${op.security ? html` <span class="badge fair">需要令牌</span>` : ""}</p>
    ${
      params.length
        ? html`<div class="table-wrap"><table><caption>参数</caption>
      <thead><tr><th scope="col">名称</th><th scope="col">位置</th><th scope="col">类型</th><th scope="col">必需</th><th scope="col">说明</th></tr></thead>
      <tbody>${params.map(
        (p) =>
          html`<tr><td><code>${p.name}</code></td><td>${p.in === "path" ? "路径" : "查询"}</td><td>${typeText(p.schema)}</td><td>${p.required ? "是" : "否"}</td><td>${p.description ?? ""}</td></tr>`,
      )}</tbody></table></div>`
        : html`<p class="muted">无参数。</p>`
    }
    ${
      op.requestBody
        ? html`<p>请求体：${Object.entries(op.requestBody.content).map(
            ([type, c], i) => html`${i ? "；" : ""}<code>${type}</code> ${typeText(c.schema)}`,
          )}</p>`
        : ""
    }
    <ul class="responses">${Object.entries(op.responses).map(([status, ref]) => {
      const r = resolve(ref);
      return html`<li><code>${status}</code> ${r.description}${
        r.content ? html` — ${Object.values(r.content).map((c) => typeText(c.schema))}` : ""
      }</li>`;
    })}</ul>
    <pre><code>${example}</code></pre>
  </section>`;
}

function schema(name: string, s: Schema): Html {
  const props = Object.entries(s.properties ?? {});
  return html`<section aria-labelledby="schema-${name}">
    <h3 id="schema-${name}">${name}</h3>
    ${s.description ? html`<p>${s.description}</p>` : ""}
    ${
      props.length
        ? html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">字段</th><th scope="col">类型</th><th scope="col">必需</th><th scope="col">说明</th></tr></thead>
      <tbody>${props.map(
        ([k, v]) =>
          html`<tr><td><code>${k}</code></td><td>${typeText(v)}</td><td>${s.required?.includes(k) ? "是" : "否"}</td><td>${v.description ?? ""}</td></tr>`,
      )}</tbody></table></div>`
        : html`<p>${typeText(s)}</p>`
    }
  </section>`;
}

export function registerApiDocs(app: Hono): void {
  app.get("/api-docs", (c) => {
    const doc = openApiDocument();
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
    );
    const schemas = Object.entries(doc.components.schemas as Record<string, Schema>);
    return c.html(
      page({
        title: "API 参考",
        description: "部门预算公开 JSON API 的参考：每个接口的参数、请求和响应，以及数据结构。",
        body: html`<h1>API 参考</h1>
          <p>${doc.info.description}</p>
          <p>机器可读的 OpenAPI ${doc.openapi} 文档：<a href="/api/openapi.json">/api/openapi.json</a>。读取公开，无需令牌；写入需要
            <code>Authorization: Bearer 令牌</code>。金额为整数“分”（1 万元 = 1,000,000 分）。未列出的查询参数会被拒绝（400）。</p>
          <nav class="toc" aria-labelledby="api-toc"><h2 id="api-toc">目录</h2><ol>
            <li><a href="#ops">接口</a><ol>${ops.map(
              ({ path, method, op }) =>
                html`<li><a href="#op-${op.operationId}">${method.toUpperCase()} ${path}</a></li>`,
            )}</ol></li>
            <li><a href="#schemas">数据结构</a></li>
          </ol></nav>
          <h2 id="ops">接口</h2>
          ${ops.map(({ path, method, op }) => operation(path, method, op))}
          <h2 id="schemas">数据结构</h2>
          ${schemas.map(([name, s]) => schema(name, s))}`,
      }),
    );
  });
}
