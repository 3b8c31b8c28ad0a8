/**
 * `yusuan audit PATH… -o OUT [--jobs N]`: many documents at once (src/audit/). Progress goes to
 * stderr: a bar with the count, the rate and the time left on a terminal, plain lines otherwise.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { InputError } from "../errors.ts";

interface AuditCliOptions {
  output?: string;
  queue?: string;
  jobs?: string;
  timeout: string;
  save?: boolean;
  db?: string;
  title?: string;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return "—";
  const r = Math.round(s);
  if (r < 60) return `${r} 秒`;
  if (r < 3600) return `${Math.floor(r / 60)} 分 ${r % 60} 秒`;
  return `${Math.floor(r / 3600)} 小时 ${Math.floor((r % 3600) / 60)} 分`;
}

export function parseJobs(v: string | undefined): number {
  if (v === undefined) return availableParallelism();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new InputError(`--jobs 应为 1–256 的整数，而不是 ${v}`, "--jobs", "例如 --jobs 4；不写时用本机全部核心");
  return n;
}

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description("批量审计：读取并检查许多文档，给出评分卡、排名和问题清单（Excel、HTML、JSON、CSV）")
    .argument(
      "<paths...>",
      "文件或目录（递归读取其中的 .pdf .xlsx .txt .json，以及装有 LibreOffice 时的 .xls .et .doc .docx .wps；.ofd 和无法转换的文件列为无法读取，并说明怎样转换）",
    )
    .option(
      "-o, --output <dir>",
      "输出目录：audit.xlsx、report.html、audit.json、findings.csv、scorecards.csv（用 --queue 时不需要）",
    )
    .option("--jobs <n>", "同时读取的文档数（默认本机核心数）")
    .option("--timeout <seconds>", "单份文档最长读取时间，超过则记为无法读取", "300")
    .option("--save", "把审计结果保存到数据库：门户显示各部门年度的数据质量和 /audits 页面")
    .option(
      "--db <file|url>",
      "与 --save 一起用：SQLite 文件或 postgres:// 地址（默认 DATABASE_URL 或 ./data/yusuan.db）",
    )
    .option("--title <text>", "与 --save 或 --queue 一起用：审计的名称（默认：日期与输入）")
    .option(
      "--queue <url>",
      "不在本机读取：在 PostgreSQL（postgres://…）中创建审计并把每份文档作为任务入队，由 yusuan worker 处理",
    )
    .addHelpText(
      "after",
      [
        "",
        "示例：",
        "  yusuan audit test/fixtures/corpus -o out/audit",
        "  yusuan audit a.pdf b.xlsx docs/ -o out/audit --jobs 2",
        "  yusuan audit test/fixtures/corpus -o out/audit --save --db out/portal.db",
        "  yusuan audit test/fixtures/corpus --queue postgres://postgres@127.0.0.1:5432/test   # 然后在各机器上运行 yusuan worker",
        "",
        "一份读不了的文件记为一行（含原因），不影响其余；X-text.pdf 与 X-tables.pdf 作为一份文档。",
        "每份文档的结果按内容哈希保存在 OUT/state/：重新运行时跳过内容未变的文档，中断后再运行即可续完。",
        "评分方法见 docs/audit.md。退出码：0 完成（含无法读取的文件）；2 没有任何文档可读或参数有误。",
        "",
      ].join("\n"),
    )
    .action(async (paths: string[], o: AuditCliOptions) => {
      const jobs = parseJobs(o.jobs);
      const timeout = Number(o.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0)
        throw new InputError(`--timeout 应为正数（秒），而不是 ${o.timeout}`, "--timeout");
      const title = (o.title ?? `${new Date().toISOString().slice(0, 10)} 审计：${paths.join("、")}`).slice(0, 200);
      if (o.queue !== undefined) {
        if (!/^postgres(ql)?:\/\//.test(o.queue))
          throw new InputError("--queue 应为 PostgreSQL 地址", "--queue", "形如 postgres://user@host:5432/db");
        const { enqueueAudit } = await import("../audit/queue.ts");
        const q = await enqueueAudit(o.queue, paths, { title, timeoutSeconds: Math.ceil(timeout), env: process.env });
        if (q.documents === 0)
          throw new InputError(
            "没有找到可审计的文档",
            paths.join("、"),
            "请给出文件，或包含 .pdf .xlsx .txt .json 的目录",
          );
        process.stderr.write(
          `已入队审计 #${q.auditId}：${q.documents} 份文档。在能读到这些文件的机器上运行 yusuan worker --db <同一地址> 处理；进度见门户 /audits/${q.auditId}\n`,
        );
        process.stdout.write(`${q.auditId}\n`);
        return;
      }
      if (!o.output)
        throw new InputError("缺少输出目录", "-o", "用 -o OUT 指定输出目录，或用 --queue 把审计交给 yusuan worker");
      const output = o.output;
      const { runAudit } = await import("../audit/run.ts");
      // the workbook and report writers load while the documents are read, not before the readers start
      let outputs: Promise<typeof import("../audit/outputs.ts")> | undefined;
      const tty = process.stderr.isTTY === true;
      const cliProgress = tty ? (await import("cli-progress")).default : undefined;
      const bar = cliProgress
        ? new cliProgress.SingleBar(
            {
              format: "审计 [{bar}] {value}/{total} · {rate} 份/秒 · 剩余 {left} · {file}",
              stream: process.stderr,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      let started = 0;
      let fromState = 0;
      const run = await runAudit({
        paths,
        out: output,
        jobs,
        timeoutMs: timeout * 1000,
        onStart: (total, skipped, toRead) => {
          outputs = import("../audit/outputs.ts");
          started = performance.now();
          fromState = skipped;
          const copies = total - skipped - toRead;
          const line = `共 ${total} 份文档，${skipped > 0 ? `${skipped} 份内容未变（沿用上次结果），` : ""}待读取 ${toRead} 份${copies > 0 ? `（另有 ${copies} 份与其中一份内容相同，只读一次）` : ""}${toRead > 0 ? `；${Math.min(jobs, toRead)} 个进程并行` : ""}`;
          process.stderr.write(`${line}\n`);
          bar?.start(total, skipped, { rate: "—", left: "—", file: "" });
        },
        onProgress: ({ done, total, last }) => {
          const secs = (performance.now() - started) / 1000;
          const rate = (done - fromState) / Math.max(secs, 0.001);
          const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
          const what = last
            ? last.status === "ok"
              ? `${last.file}：${last.score?.total ?? "—"} 分`
              : `${last.file}：无法读取`
            : "";
          if (bar) bar.update(done, { rate: rate.toFixed(2), left: duration(left), file: what });
          else
            process.stderr.write(
              `[${done}/${total}] ${Math.round((done / total) * 100)}% · ${rate.toFixed(2)} 份/秒 · 预计剩余 ${duration(left)} · ${what}\n`,
            );
        },
        onPairs: (pairs) => {
          bar?.stop();
          process.stderr.write(
            `${pairs.length} 对文件按内容是同一文档的两部分（预算表与情况说明），合并为一份文档：\n${pairs.map((p) => `  ${p.file} + ${p.text}\n`).join("")}`,
          );
        },
      });
      bar?.stop();
      const s = run.report.summary;
      if (s.documents === 0)
        throw new InputError(
          "没有找到可审计的文档",
          paths.join("、"),
          "请给出文件，或包含 .pdf .xlsx .txt .json 的目录",
        );
      const { writeOutputs } = await (outputs ?? import("../audit/outputs.ts"));
      const files = await writeOutputs(run.report, output);
      if (o.save || o.db) {
        const { auditDatabase, saveAudit } = await import("../audit/save.ts");
        const { openStore } = await import("../store/index.ts");
        const store = await openStore(auditDatabase(o.db, process.env));
        try {
          const id = await saveAudit(store, run.report, { title, createdBy: "cli" });
          process.stderr.write(`已保存审计 #${id}（门户页面 /audits/${id}）\n`);
        } finally {
          await store.close();
        }
      }
      process.stderr.write(
        `完成：${s.documents} 份（本次读取 ${run.read}，沿用 ${run.skipped}），无法读取 ${s.unreadable}；错误 ${s.errors}，警告 ${s.warnings}；平均得分 ${s.meanScore ?? "—"}；用时 ${duration(run.seconds)}\n`,
      );
      process.stdout.write(`${files.join("\n")}\n`);
      if (s.read === 0)
        throw new InputError(`${s.documents} 份文档都无法读取`, "audit", "原因见 scorecards.csv 和 report.html");
    });

  program
    .command("worker")
    .description("处理 yusuan audit --queue 入队的审计任务（可在多台机器上同时运行）")
    .requiredOption("--db <url>", "PostgreSQL 地址（postgres://…），与 audit --queue 相同")
    .option("--until-idle", "队列中没有等待或进行中的任务时退出（默认一直运行，Ctrl-C 停止）")
    .addHelpText(
      "after",
      [
        "",
        "示例：",
        "  yusuan worker --db postgres://postgres@127.0.0.1:5432/test",
        "",
        "每个 worker 一次读取一份文档；要用满多个核心，就运行多个 worker。文件须在 worker 所在机器的同一路径可读。",
        "worker 中途被终止时，该任务在超时（audit --timeout）后由其他 worker 重试；结果按文档内容写入一次，不会重复计入。",
        "",
      ].join("\n"),
    )
    .action(async (o: { db: string; untilIdle?: boolean }) => {
      if (!/^postgres(ql)?:\/\//.test(o.db))
        throw new InputError(
          "--db 应为 PostgreSQL 地址",
          "--db",
          "形如 postgres://user@host:5432/db；任务队列需要 PostgreSQL",
        );
      const { runWorker } = await import("../audit/queue.ts");
      process.stderr.write(`worker 已启动（进程 ${process.pid}），等待任务…\n`);
      const r = await runWorker(o.db, {
        env: process.env,
        untilIdle: o.untilIdle === true,
        log: (line) => process.stdout.write(`${line}\n`),
      });
      process.stderr.write(`worker 停止：处理了 ${r.done} 份文档\n`);
    });

  program.command("audit-child", { hidden: true }).action(async () => {
    const { childMain } = await import("../audit/pool.ts");
    await childMain();
  });
}
