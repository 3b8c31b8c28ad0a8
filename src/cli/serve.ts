/**
 * `yusuan serve`: the portal and API over SQLite (--db FILE, default ./data/yusuan.db) or
 * PostgreSQL (DATABASE_URL). On first start with an empty database it loads the bundled examples
 * and creates an admin token, printed once (or registers YUSUAN_ADMIN_TOKEN).
 * Also the library side of `yusuan import FILE... --save`.
 */
import type { Command } from "commander";
import { type Config, type ConfigFlags, resolveConfig } from "../config.ts";
import type { Store } from "../store/index.ts";

// The server, charts and database drivers load only when a command needs them, so other commands
// start fast.
const lib = async () => {
  const [store, seed] = await Promise.all([import("../store/index.ts"), import("../server/seed.ts")]);
  return { ...store, ...seed };
};

/** First start: examples into an empty database; an admin token if there is none. */
export async function prepareStore(store: Store, config: Config, log: (s: string) => void): Promise<void> {
  const { countAdminTokens, countDisclosures, createToken, exampleFiles, findPrincipal, loadFile } = await lib();
  if (config.seedExamples && (await countDisclosures(store)) === 0) {
    for (const file of exampleFiles()) {
      const r = await loadFile(store, file, { createdBy: "examples" });
      log("error" in r ? `示例 ${file} 未载入：${r.error}` : `已载入示例：${r.department} ${r.year} 年（${file}）`);
    }
  }
  if (config.adminToken) {
    if (!(await findPrincipal(store, config.adminToken))) {
      await createToken(store, { name: "admin (YUSUAN_ADMIN_TOKEN)", role: "admin", token: config.adminToken });
      log("已登记 YUSUAN_ADMIN_TOKEN 为管理员令牌");
    }
  } else if ((await countAdminTokens(store)) === 0) {
    const { token } = await createToken(store, { name: "admin (first start)", role: "admin" });
    log(`管理员令牌（只显示这一次，请妥善保存）：${token}`);
  }
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("启动门户网站和 JSON API")
    .option("--port <port>", "端口（默认 8080，或环境变量 PORT）")
    .option("--host <host>", "监听地址（默认 127.0.0.1）")
    .option("--db <file>", "SQLite 数据库文件（默认 ./data/yusuan.db）；PostgreSQL 用环境变量 DATABASE_URL")
    .option("--no-seed", "空数据库首次启动时不载入示例")
    .addHelpText(
      "after",
      "\n示例：\n  yusuan serve --port 8080\n  yusuan serve --db /srv/yusuan.db\n  DATABASE_URL=postgres://postgres@127.0.0.1/yusuan yusuan serve\n",
    )
    .action(async (o: ConfigFlags) => {
      const config = resolveConfig(o, process.env);
      const { openStore } = await lib();
      const { closeApp, createApp } = await import("../server/app.ts");
      const { serve } = await import("@hono/node-server");
      const store = await openStore(config.database);
      await prepareStore(store, config, (s) => process.stderr.write(`${s}\n`));
      const app = createApp(store, config);
      const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
        process.stderr.write(`yusuan 已启动：http://${config.host}:${info.port}/\n`);
      });
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.close(() => resolve());
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await closeApp(app);
      await store.close();
    });
}

/** `import FILE... --save`: import, check and save each file (published), with a progress bar. */
export async function importAndSave(files: string[], flags: { db?: string | undefined }): Promise<number> {
  const config = resolveConfig({ db: flags.db, seed: false }, process.env);
  const { openStore, loadFile } = await lib();
  const { default: cliProgress } = await import("cli-progress");
  const store = await openStore(config.database);
  const bar = new cliProgress.SingleBar(
    { format: "导入 [{bar}] {value}/{total} {file}", noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  const lines: string[] = [];
  bar.start(files.length, 0, { file: "" });
  try {
    for (const file of files) {
      bar.update({ file });
      const r = await loadFile(store, file);
      if ("error" in r) {
        failed++;
        lines.push(`失败 ${file}：${r.error}`);
      } else lines.push(`已保存 ${r.department} ${r.year} 年 第 ${r.saved.version} 版（编号 ${r.saved.id}）← ${file}`);
      bar.increment();
    }
  } finally {
    bar.stop();
    await store.close();
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return failed > 0 ? 2 : 0;
}
