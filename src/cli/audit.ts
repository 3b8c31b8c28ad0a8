/**
 * `yusuan audit PATH… -o OUT [--jobs N]`: many documents at once (src/audit/). Progress goes to
 * stderr: a bar with the count, the rate and the time left on a terminal, plain lines otherwise.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { InputError } from "../errors.ts";

interface AuditCliOptions {
  output: string;
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
    .argument("<paths...>", "文件或目录（递归读取其中的 .pdf .xlsx .txt .json）")
    .requiredOption("-o, --output <dir>", "输出目录：audit.xlsx、report.html、audit.json、findings.csv、scorecards.csv")
    .option("--jobs <n>", "同时读取的文档数（默认本机核心数）")
    .option("--timeout <seconds>", "单份文档最长读取时间，超过则记为无法读取", "300")
    .option("--save", "把审计结果保存到数据库：门户显示各部门年度的数据质量和 /audits 页面")
    .option(
      "--db <file|url>",
      "与 --save 一起用：SQLite 文件或 postgres:// 地址（默认 DATABASE_URL 或 ./data/yusuan.db）",
    )
    .option("--title <text>", "与 --save 一起用：审计的名称（默认：日期与输入）")
    .addHelpText(
      "after",
      [
        "",
        "示例：",
        "  yusuan audit test/fixtures/corpus -o out/audit",
        "  yusuan audit a.pdf b.xlsx docs/ -o out/audit --jobs 2",
        "  yusuan audit test/fixtures/corpus -o out/audit --save --db out/portal.db",
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
      const { runAudit } = await import("../audit/run.ts");
      const { writeOutputs } = await import("../audit/outputs.ts");
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
        out: o.output,
        jobs,
        timeoutMs: timeout * 1000,
        onStart: (total, skipped) => {
          started = performance.now();
          fromState = skipped;
          const line = `共 ${total} 份文档，${skipped > 0 ? `${skipped} 份内容未变（沿用上次结果），` : ""}待读取 ${total - skipped} 份；${jobs} 个进程并行`;
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
      });
      bar?.stop();
      const s = run.report.summary;
      if (s.documents === 0)
        throw new InputError(
          "没有找到可审计的文档",
          paths.join("、"),
          "请给出文件，或包含 .pdf .xlsx .txt .json 的目录",
        );
      const files = await writeOutputs(run.report, o.output);
      if (o.save || o.db) {
        const { auditDatabase, saveAudit } = await import("../audit/save.ts");
        const { openStore } = await import("../store/index.ts");
        const store = await openStore(auditDatabase(o.db, process.env));
        try {
          const title = (o.title ?? `${run.report.generatedAt.slice(0, 10)} 审计：${paths.join("、")}`).slice(0, 200);
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

  program.command("audit-child", { hidden: true }).action(async () => {
    const { childMain } = await import("../audit/pool.ts");
    await childMain();
  });
}
