/**
 * Malformed forms and wrong methods (issue 13, item 8): a malformed multipart body is a 400 with
 * a message and nothing in the error log; `/upload` without a token is refused (401) before the
 * file is read; a method a path does not take is 405 with Allow, not 404.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Config, resolveConfig } from "../../src/config.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { createToken, type Saved, saveDisclosure } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { makeDisclosure } from "../../src/store/testing.ts";

const enc = new TextEncoder();

describe("malformed forms and wrong methods", () => {
  let t: TestStore;
  let app: ReturnType<typeof createApp>;
  let config: Config;
  let admin: string;
  let seed: Saved;

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    config = resolveConfig({ maxUploadMb: 1 }, {});
    app = createApp(t.store, config);
    admin = (await createToken(t.store, { name: "admin", role: "admin" })).token;
    seed = await saveDisclosure(t.store, { disclosure: makeDisclosure(), status: "published" });
  });
  afterAll(async () => {
    if (app) await closeApp(app);
    await t?.cleanup();
  });

  const part = (name: string, value: string, filename?: string) =>
    `--B\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/plain` : ""}\r\n\r\n${value}\r\n`;
  const MALFORMED: [string, string, string][] = [
    ["no boundary in the type", "multipart/form-data", `${part("file", "x", "a.txt")}--B--\r\n`],
    ["a body that never starts", "multipart/form-data; boundary=B", "this is not multipart at all"],
    ["a part without headers' end", "multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name="],
    [
      "a file cut off mid-part",
      "multipart/form-data; boundary=B",
      `--B\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc`,
    ],
    ["a header line of garbage", "multipart/form-data; boundary=B", `--B\r\n\u0000\u0001garbage\r\n\r\nx\r\n--B--\r\n`],
    ["an empty body", "multipart/form-data; boundary=B", ""],
    [
      "two files",
      "multipart/form-data; boundary=B",
      `${part("file", "a", "a.txt")}${part("file", "b", "b.txt")}--B--\r\n`,
    ],
  ];

  it("answers 400 to malformed multipart uploads, with a message and no stack trace logged", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const [what, type, body] of MALFORMED) {
        const api = await app.request("/api/disclosures", {
          method: "POST",
          headers: { Authorization: `Bearer ${admin}`, "Content-Type": type },
          body: enc.encode(body),
        });
        expect(api.status, `API: ${what}`).toBe(400);
        const msg = ((await api.json()) as { error: { message: string } }).error.message;
        expect(msg, what).toMatch(/表单|multipart|文件/);
        expect(msg).not.toMatch(/at .*\.(ts|js):\d+/);
        // the portal form, token first as the form sends it
        const portal = await app.request("/upload", {
          method: "POST",
          headers: { "Content-Type": type },
          body: enc.encode(body.startsWith("--B") ? `${part("token", admin)}${body}` : body),
        });
        expect([400, 401], `portal: ${what}`).toContain(portal.status);
        expect(await portal.text()).not.toMatch(/at .*\.(ts|js):\d+/);
      }
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it("refuses /upload without a token (401) before reading the file", async () => {
    let pulled = 0;
    const head = enc.encode(`--B\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n`);
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        ctl.enqueue(pulled === 0 ? head : chunk);
        pulled += pulled === 0 ? head.length : chunk.length;
        if (pulled > 50 * 1024 * 1024) ctl.close();
      },
    });
    const res = await app.request("/upload", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "Content-Type": "multipart/form-data; boundary=B" },
    } as RequestInit);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("令牌");
    // the head and at most a few chunks in flight; not the 50 MB file
    expect(pulled).toBeLessThan(512 * 1024);
    // a wrong token in the form is refused the same way, and a right one goes through
    const wrong = new FormData();
    wrong.set("token", "wrong-token");
    wrong.set("file", new File(["x"], "a.txt", { type: "text/plain" }));
    expect((await app.request("/upload", { method: "POST", body: wrong })).status).toBe(401);
    const right = new FormData();
    right.set("token", admin);
    right.set(
      "file",
      new File([JSON.stringify(makeDisclosure({ department: "表单测试局" }))], "d.json", {
        type: "application/json",
      }),
    );
    expect((await app.request("/upload", { method: "POST", body: right })).status).toBe(201);
  });

  it("answers 405 with Allow to a method the path does not take, and 404 to a path that does not exist", async () => {
    const cases: [string, string, string[]][] = [
      ["PUT", "/upload", ["GET", "HEAD", "POST"]],
      ["DELETE", "/", ["GET", "HEAD"]],
      ["POST", `/departments/${seed.departmentId}/2025`, ["GET", "HEAD"]],
      ["GET", "/api/tokens", ["POST"]],
      ["PATCH", `/api/disclosures/${seed.id}`, ["DELETE", "GET", "HEAD"]],
      ["GET", `/api/disclosures/${seed.id}/publish`, ["POST"]],
      ["PUT", `/disclosures/${seed.id}/tables/3.csv`, ["GET", "HEAD"]],
    ];
    for (const [method, path, allow] of cases) {
      const res = await app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")?.split(", "), `${method} ${path}`).toEqual(allow);
      expect(await res.text()).toContain("不支持");
    }
    expect((await app.request("/no/such/page", { method: "POST" })).status).toBe(404);
    expect((await app.request("/no/such/page")).status).toBe(404);
  });
});
