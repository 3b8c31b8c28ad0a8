/**
 * Upload (authenticated): choose a document and enter a token → the check result → publish.
 * Plain multipart forms so it works without JavaScript; the token travels in the form body
 * (never a cookie, so there is no CSRF surface) and is never echoed back into a page.
 */
import type { Hono } from "hono";
import { html } from "hono/html";
import type { Config } from "../../config.ts";
import { getRecord, type Principal, publishDisclosure, type Store } from "../../store/index.ts";
import { type Auth, requireDepartment } from "../auth.ts";
import { parseForm } from "../body.ts";
import { httpError } from "../errors.ts";
import { page } from "../layout.ts";
import { uploadDocument } from "../upload.ts";
import { idParam } from "./department.ts";
import { findingsList, qualityBadge } from "./tables.ts";

/** What the file picker offers: every format the upload accepts (upload.ts checks the bytes). */
export const ACCEPT =
  ".pdf,.xlsx,.txt,.json,application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/plain,application/json";

const tokenField = html`<p><label for="token">访问令牌</label><br><input type="password" id="token" name="token" autocomplete="off" required size="40"></p>`;

const WRITERS = ["admin", "reviewer", "editor"] as const;

export function registerUpload(app: Hono, store: Store, config: Config, auth: Auth): void {
  app.get("/upload", (c) =>
    c.html(
      page({
        title: "上传公开文件",
        body: html`<h1>上传部门预算公开文件</h1>
          <p>上传部门预算公开文件：PDF（.pdf）、Excel（.xlsx）、从 PDF 提取的文本（.txt，UTF-8 或 GBK）或 Disclosure JSON（.json），不超过 ${Math.floor(config.maxUploadBytes / 1024 / 1024)} MB。上传后先保存为草稿并显示检查结果，确认后再发布；与已有最新版本内容相同的文件不会成为新版本。</p>
          <form method="post" action="/upload" enctype="multipart/form-data">
            ${tokenField}
            <p><label for="file">文件</label><br><input type="file" id="file" name="file" accept="${ACCEPT}" required></p>
            <p><button type="submit">上传并检查</button></p>
          </form>`,
      }),
    ),
  );

  app.post("/upload", async (c) => {
    // The token comes first (the Authorization header, or the form's token field, which the form
    // sends before the file): it is checked before a byte of the file is read.
    auth.guard(c);
    let principal: Principal | undefined;
    const form = await parseForm(c, {
      maxFileBytes: config.maxUploadBytes,
      beforeFile: async (fields) => {
        principal = await auth.require(c, WRITERS, fields.token);
      },
    });
    const file = form.file;
    if (!principal) throw httpError(401, "此操作需要登录令牌");
    if (!file) throw httpError(400, "请选择要上传的文件");
    const result = await uploadDocument(store, principal, file, config.maxUploadBytes);
    const s = result.report.summary;
    return c.html(
      page({
        title: "检查结果",
        body: html`<h1>检查结果：${result.department} ${result.year} 年</h1>
          <p role="status">${
            result.saved.unchanged
              ? `内容与已有的第 ${result.saved.version} 版（编号 ${result.saved.id}）相同：未新增版本。`
              : `已保存为草稿（编号 ${result.saved.id}，第 ${result.saved.version} 版）。`
          }${qualityBadge(s)} 错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.notices}。</p>
          ${findingsList(result.report.findings)}
          ${result.report.notChecked.length ? html`<details><summary>未能检查的规则（${result.report.notChecked.length}）</summary><ul>${result.report.notChecked.map((n) => html`<li><code>${n.rule}</code>：${n.reason}</li>`)}</ul></details>` : ""}
          <h2>发布</h2>
          <form method="post" action="/disclosures/${result.saved.id}/publish">
            ${tokenField}
            <p><button type="submit">发布此版本</button></p>
          </form>`,
      }),
      201,
    );
  });

  app.post("/disclosures/:id/publish", async (c) => {
    const id = idParam(c.req.param("id"));
    auth.guard(c);
    // a small form (the body limit for forms holds it to 64 KB), read only to find the token
    let principal: Principal | undefined;
    await parseForm(c, {
      maxFileBytes: 0,
      beforeFile: async (fields) => {
        principal = await auth.require(c, WRITERS, fields.token);
      },
    });
    if (!principal) throw httpError(401, "此操作需要登录令牌");
    const rec = await getRecord(store, id);
    if (!rec) throw httpError(404, `没有编号为 ${id} 的公开文件`);
    requireDepartment(principal, rec.department.id);
    await publishDisclosure(store, id);
    return c.redirect(`/departments/${rec.department.id}/${rec.year}`, 303);
  });
}
