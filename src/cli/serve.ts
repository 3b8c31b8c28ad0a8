/**
 * `yusuan serve`: the portal and API over SQLite (--db FILE, default ./data/yusuan.db) or
 * PostgreSQL (DATABASE_URL). On first start with an empty database it loads the bundled examples
 * and creates an admin token, printed once (or registers YUSUAN_ADMIN_TOKEN).
 * Also the library side of `yusuan import FILE... --save`.
 */
import { createServer } from "node:net";
import type { Command } from "commander";
import { type Config, type ConfigFlags, resolveConfig } from "../config.ts";
import { InputError } from "../errors.ts";
import type { Store } from "../store/index.ts";

// The server, charts and database drivers load only when a command needs them, so other commands
// start fast.
const lib = async () => {
  const [store, seed] = await Promise.all([import("../store/index.ts"), import("../server/seed.ts")]);
  return { ...store, ...seed };
};

export interface PrepareOptions {
  /** where the bundled examples are (default: the installed package, see seed.ts) */
  examplesRoot?: string | undefined;
}

/**
 * First start: the bundled examples into an empty database; an admin token if there is none.
 *
 * Loading the examples is recorded (app_state `examples`: loading, then done), so a first start
 * killed half-way is resumed by the next start, which loads only the examples not saved yet
 * (each is saved in its own transaction, under its own source name). A database holding documents
 * other than the examples is left alone.
 */
export async function prepareStore(
  store: Store,
  config: Config,
  log: (s: string) => void,
  opts: PrepareOptions = {},
): Promise<void> {
  const {
    countAdminTokens,
    createToken,
    exampleFiles,
    exampleName,
    exampleSourceNames,
    findPrincipal,
    getState,
    loadFile,
    onlyExamples,
    packageRoot,
    setState,
  } = await lib();
  const state = config.seedExamples ? await getState(store, "examples") : "skip";
  // Before the record existed (0003), an interrupted first start left only examples behind.
  if (state === "loading" || (state === undefined && (await onlyExamples(store)))) {
    const root = "examplesRoot" in opts ? opts.examplesRoot : packageRoot();
    const files = exampleFiles(root);
    if (files.length === 0) {
      log(`没有找到随包示例（在 ${root ?? "未知的安装目录"} 下找 examples/ 和 test/fixtures/）：未载入任何示例`);
    } else {
      await setState(store, "examples", "loading");
      const saved = await exampleSourceNames(store);
      if (state === "loading") log(`上次启动时示例未载入完，继续载入（已有 ${saved.size} 个）`);
      let loaded = saved.size;
      for (const file of files) {
        if (saved.has(exampleName(file))) continue;
        const r = await loadFile(store, file, { createdBy: "examples" });
        if ("error" in r) log(`示例 ${file} 未载入：${r.error}`);
        else {
          loaded++;
          log(`已载入示例：${r.department} ${r.year} 年（${file}）`);
        }
      }
      await setState(store, "examples", "done");
      log(`示例载入完成：${loaded}/${files.length} 个`);
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

/** Refuses a port that is taken (or not ours to use), in Chinese, with what to do. */
export async function portFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const err = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const probe = createServer();
    probe.once("error", (e: NodeJS.ErrnoException) => resolve(e));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
  if (!err) return;
  if (err.code === "EADDRINUSE")
    throw new InputError(
      `端口 ${port} 已被占用（${host}）`,
      "--port",
      `换一个端口（如 --port ${port === 65535 ? 8081 : port + 1}），或先停止占用它的程序（可用 ss -ltnp 查看）`,
    );
  if (err.code === "EACCES")
    throw new InputError(`没有权限使用端口 ${port}`, "--port", "使用 1024 以上的端口，如 --port 8080");
  if (err.code === "EADDRNOTAVAIL")
    throw new InputError(`本机没有地址 ${host}`, "--host", "如 --host 127.0.0.1 或 --host 0.0.0.0");
  throw err;
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
      // before anything is written (a new database, a one-time admin token printed for nothing)
      await portFree(config.host, config.port);
      const { openStore } = await lib();
      const { closeApp, createApp } = await import("../server/app.ts");
      const { warmAnswers, warmPortal } = await import("../server/warm.ts");
      const { serve } = await import("@hono/node-server");
      // The server waits a short while for another process's write, then answers 503 (Retry-After).
      const store = await openStore(config.database, { busyWaitMs: config.limits.busyWaitMs });
      await prepareStore(store, config, (s) => process.stderr.write(`${s}\n`));
      const app = createApp(store, config);
      // the first visitors should not wait for first renders and a cold JIT (server/warm.ts)
      const warm = await warmPortal(app, store);
      if (warm.pages > 0)
        process.stderr.write(`已预先生成 ${warm.pages} 个部门页面、${warm.charts} 张图表（${warm.ms} ms）\n`);
      const server = serve(
        {
          fetch: app.fetch,
          port: config.port,
          hostname: config.host,
          // a client that sends its request slowly cannot hold a connection for long
          serverOptions: { headersTimeout: 20_000, requestTimeout: 120_000 },
        },
        (info) => {
          process.stderr.write(`yusuan 已启动：http://${config.host}:${info.port}/\n`);
          // aggregates over every disclosure, made in the background while the first visitors arrive
          void warmAnswers(app);
        },
      );
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

/**
 * `import FILE... --save`: import, check and save each file (published). Each file's outcome is
 * printed as it happens — saved, unchanged (the same content as the latest version: nothing saved)
 * or not saved and why — so a batch that was killed can be run again as it was: what was saved is
 * then "unchanged". A file that cannot be read or saved never stops the batch; the exit code is 2
 * when any could not be. The "X-text.pdf" half of a two-file document is read with its "X-tables.pdf".
 * A progress bar shows on a terminal's stderr while the outcomes go to a file or pipe.
 */
export async function importAndSave(files: string[], flags: { db?: string | undefined }): Promise<number> {
  const config = resolveConfig({ db: flags.db, seed: false }, process.env);
  const { openStore, loadFiles, pairHalves } = await lib();
  const docs = pairHalves(files);
  const store = await openStore(config.database);
  const bar =
    process.stderr.isTTY && !process.stdout.isTTY
      ? new (await import("cli-progress")).default.SingleBar(
          { format: "导入 [{bar}] {value}/{total} {file}", stream: process.stderr },
          (await import("cli-progress")).default.Presets.shades_classic,
        )
      : undefined;
  const counts = { saved: 0, unchanged: 0, failed: 0 };
  bar?.start(docs.length, 0, { file: "" });
  try {
    // read one by one, saved a batch per transaction (server/seed.ts): each outcome printed once saved
    await loadFiles(store, docs, (r, i) => {
      const doc = docs[i] ?? { file: r.file, text: undefined };
      bar?.update({ file: doc.file });
      const from = `← ${doc.file}${doc.text ? ` + ${doc.text}` : ""}`;
      let line: string;
      if ("error" in r) {
        counts.failed++;
        line = `未保存 ${from}：${r.error}`;
      } else {
        const what = `${r.government} ${r.department} ${r.year} 年${r.kind === "budget" ? "预算" : "决算"}`;
        if (r.saved.unchanged) counts.unchanged++;
        else counts.saved++;
        line = r.saved.unchanged
          ? `未变 ${what} 第 ${r.saved.version} 版（编号 ${r.saved.id}，内容相同，未新增版本）${from}`
          : `已保存 ${what} 第 ${r.saved.version} 版（编号 ${r.saved.id}）${from}`;
      }
      bar?.increment();
      process.stdout.write(`[${i + 1}/${docs.length}] ${line}\n`);
    });
  } finally {
    bar?.stop();
    await store.close();
  }
  process.stderr.write(
    `共 ${docs.length} 份：已保存 ${counts.saved}，未变 ${counts.unchanged}，未保存 ${counts.failed}${counts.failed > 0 ? "（见上文原因；其余已保存，修正后可原样重新运行）" : ""}\n`,
  );
  return counts.failed > 0 ? 2 : 0;
}
