/**
 * First start (issue 13, item 10): `yusuan serve` started outside the repository still finds the
 * bundled examples (they are resolved from the installed package); a first start killed while
 * loading them is completed by the next start (all nine, none twice); and when no examples can
 * be found, the start says so.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareStore } from "../../src/cli/serve.ts";
import { resolveConfig } from "../../src/config.ts";
import { exampleFiles } from "../../src/server/seed.ts";
import { openStore } from "../../src/store/index.ts";
import { ROOT } from "../cli/run.ts";

const EXAMPLES = 9;
let dir: string;

/**
 * Starts `yusuan serve` in `cwd` and waits until its log shows `until`; then kills it with
 * `signal`. Resolves to the log.
 */
function serveUntil(cwd: string, db: string, until: RegExp, signal: NodeJS.Signals): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}bin/yusuan.js`, "serve", "--db", db, "--port", "0"], {
      cwd,
      env: { ...process.env, YUSUAN_ADMIN_TOKEN: "", YUSUAN_DB: "", DATABASE_URL: "", NO_COLOR: "1" },
    });
    let log = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve never logged ${until}:\n${log}`));
    }, 180_000);
    child.stderr.on("data", (d: Buffer) => {
      log += d.toString();
      if (until.test(log)) child.kill(signal);
    });
    child.on("exit", () => {
      clearTimeout(timer);
      resolve(log);
    });
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "yusuan-first-start-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("first start", () => {
  it("finds the examples from another working directory", () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(exampleFiles()).toHaveLength(EXAMPLES);
    } finally {
      process.chdir(cwd);
    }
  });

  it("resumes loading the examples after a start killed half-way: all nine, none twice", async () => {
    const db = join(dir, "portal.db");
    const first = await serveUntil(dir, db, /已载入示例/, "SIGKILL");
    expect(first).toMatch(/已载入示例/);
    expect(first).not.toMatch(/示例载入完成/);
    const second = await serveUntil(dir, db, /yusuan 已启动/, "SIGTERM");
    expect(second).toContain("上次启动时示例未载入完，继续载入");
    expect(second).toContain(`示例载入完成：${EXAMPLES}/${EXAMPLES} 个`);
    const store = await openStore({ kind: "sqlite", file: db });
    try {
      const rows = await store.db
        .selectFrom("disclosures")
        .select(["department_id", "year", "kind", "version", "status"])
        .execute();
      expect(rows).toHaveLength(EXAMPLES);
      expect(new Set(rows.map((r) => `${r.department_id}:${r.year}:${r.kind}`)).size).toBe(EXAMPLES);
      expect(rows.every((r) => r.version === 1 && r.status === "published")).toBe(true);
    } finally {
      await store.close();
    }
    // a third start loads nothing more
    const third = await serveUntil(dir, db, /yusuan 已启动/, "SIGTERM");
    expect(third).not.toMatch(/已载入示例/);
  }, 400_000);

  it("says clearly when no examples can be found", async () => {
    const config = resolveConfig({ db: join(dir, "none.db") }, {});
    const store = await openStore(config.database);
    const log: string[] = [];
    try {
      await prepareStore(store, config, (s) => log.push(s), { examplesRoot: dir });
      expect(log.join("\n")).toMatch(/没有找到随包示例.*未载入任何示例/);
    } finally {
      await store.close();
    }
  });
});
