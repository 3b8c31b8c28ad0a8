/**
 * The CLI's habits, run as a user runs it (bin/yusuan.js in a child process): options validated
 * the same way everywhere (exit 2, the valid values listed), commander's own messages in Chinese,
 * no EPIPE stack trace when the reader stops early, `import --help` naming only paths that exist,
 * `serve` on a taken port refused before it writes anything, `render --to pdf` without Chromium
 * saying what to install.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, SEED, yusuan } from "./run.ts";

const dir = mkdtempSync(join(tmpdir(), "yusuan-habits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Files a `dir/*.ext` pattern matches (Node 20 has no glob). */
const matches = (p: string) => {
  const re = new RegExp(`^${basename(p).replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
  return readdirSync(join(ROOT, dirname(p))).filter((f) => re.test(f));
};
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |Error:|node:internal/);

describe("options are validated the same way everywhere", () => {
  it("rules --category foo is an error that lists the categories", () => {
    const r = yusuan(["rules", "--category", "foo"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^错误：--category：值“foo”无效。可用：arithmetic、cross-table/);
    expect(r.stdout).toBe("");
  });

  it("--template nope is refused for text, PDF and JSON inputs alike, and by every command", () => {
    for (const args of [
      ["import", SEED],
      ["import", "test/fixtures/corpus/shanghai-putuo-caizhengju-2025-yusuan.pdf"],
      ["check", SEED],
      ["render", SEED, "--to", "json", "-o", join(dir, "r")],
    ]) {
      const r = yusuan([...args, "--template", "nope"]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/--template：值“nope”无效。可用：xinjiang-2025-budget/);
    }
    expect(yusuan(["import", SEED, "--template", "xinjiang-2025-budget"]).status).toBe(0);
  });

  it("--format is checked by every command that has one", () => {
    for (const cmd of [["import", SEED], ["check", SEED], ["rules"], ["diff", SEED, SEED], ["build", "x", "-o", dir]]) {
      const r = yusuan([...cmd, "--format", "xml"]);
      expect(r.status, cmd[0]).toBe(2);
      expect(r.stderr, cmd[0]).toMatch(/--format：值“xml”无效。可用：/);
    }
  });

  it("commander's own messages are Chinese", () => {
    const cases: [string[], RegExp][] = [
      [["rules", "--nope"], /^错误：未知的选项 --nope/],
      [["import"], /^错误：缺少参数 <files>/],
      [["frob"], /^错误：未知的命令 frob/],
      [["rules", "extra"], /^错误：rules 命令的参数太多：应为 0 个，实为 1 个/],
      [["import", SEED, "--format"], /^错误：选项 --format <format> 缺少值/],
    ];
    for (const [args, re] of cases) {
      const r = yusuan(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(re);
      expect(r.stderr).toContain("用 --help 查看用法");
      expect(r.stderr).not.toMatch(/error:|unknown|missing/i);
    }
    const help = yusuan(["import", "--help"]);
    expect(help.stdout).toMatch(/^用法：/);
    expect(help.stdout).toContain("选项：");
    expect(help.stdout).not.toMatch(/Usage:|Options:|display help|\(default:/);
  });
});

describe("pipes", () => {
  it("`rules | head` and `import --format json | head` end quietly", () => {
    for (const cmd of [`rules`, `import ${SEED} --format json`]) {
      const r = spawnSync("bash", ["-c", `set -o pipefail; node bin/yusuan.js ${cmd} | head -1`], {
        cwd: ROOT,
        encoding: "utf8",
      });
      expect(r.stdout.split("\n").filter(Boolean), cmd).toHaveLength(1);
      noStack(r.stderr);
      expect(r.stderr, cmd).not.toContain("EPIPE");
      expect(r.status, cmd).toBe(0);
    }
  });
});

describe("import --help", () => {
  it("names only paths that exist", () => {
    const help = yusuan(["import", "--help"]).stdout;
    const paths = [...help.matchAll(/(?:^|\s)((?:test|examples|docs)\/[^\s]+)/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const p of paths) {
      if (p.includes("*")) expect(matches(p).length, p).toBeGreaterThan(0);
      else expect(existsSync(join(ROOT, p)), p).toBe(true);
    }
  });
});

describe("serve on a port in use", () => {
  let taken: Server | undefined;
  afterAll(() => taken?.close());

  it("says so in Chinese and exits 2 before creating a database or printing a token", async () => {
    taken = createServer();
    await new Promise<void>((r) => taken!.listen(0, "127.0.0.1", () => r()));
    const port = (taken.address() as { port: number }).port;
    const db = join(dir, "serve.db");
    const r = yusuan(["serve", "--port", String(port), "--db", db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^错误：--port：端口 ${port} 已被占用`));
    expect(r.stderr).not.toContain("令牌");
    noStack(r.stderr);
    expect(existsSync(db)).toBe(false);
  });
});

describe("PDF output without Chromium", () => {
  it("render --to pdf says what to install, exit 2", () => {
    const r = spawnSync(process.execPath, ["bin/yusuan.js", "render", SEED, "--to", "pdf", "-o", join(dir, "pdf")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHROMIUM_PATH: join(dir, "no-chromium") },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/生成 PDF 需要 Chromium.*apt-get install chromium/);
    expect(r.stderr).not.toContain("内部错误");
  });
});
