/**
 * `yusuan render INPUT... --to html,pdf,xlsx,csv,json,datapackage -o OUT [--jobs N]`: publishes
 * documents. A batch shares one browser for PDF; `--jobs` renders that many documents at once.
 */
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { resolveConfig } from "../config.ts";
import { InputError } from "../errors.ts";
import { chromiumInstalled, INSTALL_CHROMIUM } from "../render/chromium-path.ts";
import { FORMATS, type Format, isFormat } from "../render/formats.ts";
import { loadDisclosure } from "./load.ts";
import { templateOption } from "./options.ts";

interface RenderOpts {
  to: string;
  out: string;
  jobs: string;
  template?: string;
}

/** "html,pdf" → ["html", "pdf"]; unknown names are an InputError (exit 2). */
export function parseFormats(list: string): Format[] {
  const names = list
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) throw new InputError("没有指定输出格式", "--to", `可用：${FORMATS.join("、")}`);
  const bad = names.filter((n) => !isFormat(n));
  if (bad.length > 0) throw new InputError(`未知的输出格式 ${bad.join("、")}`, "--to", `可用：${FORMATS.join("、")}`);
  return [...new Set(names as Format[])];
}

/** Output base name of an input: its file name without the extension. */
export function outputName(file: string): string {
  return basename(file, extname(file)) || "disclosure";
}

export function registerRender(program: Command): void {
  program
    .command("render")
    .description("发布：把文档渲染为 HTML、PDF、Excel、CSV、JSON 和财政数据包")
    .argument("<inputs...>", "一个或多个文档（文本、disclosure.json）")
    .option("--to <formats>", `输出格式，逗号分隔：${FORMATS.join(",")}`, "html,pdf,xlsx,csv,json,datapackage")
    .option("-o, --out <dir>", "输出目录", "out")
    .option("--jobs <n>", "同时渲染的文档数（PDF 共用一个浏览器）", "1")
    .option("--template <id>", "强制使用模板（默认自动识别）", templateOption)
    .addHelpText(
      "after",
      `
输出：OUT/<名称>.html（字体在 <名称>-assets/）、.pdf、.xlsx、.json、<名称>-csv/、<名称>-datapackage/，
<名称> 为输入文件名去掉扩展名。
退出码：0 成功；2 输入无法使用或参数错误。
示例：
  yusuan render test/fixtures/bazhou-hrss-2025-budget.txt -o out
  yusuan render a.txt b.txt c.json --to pdf,xlsx -o out --jobs 2
  yusuan render disclosure.json --to csv,datapackage -o open-data
`,
    )
    .action(async (inputs: string[], o: RenderOpts) => {
      const formats = parseFormats(o.to);
      const jobs = Number(o.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32)
        throw new InputError(`--jobs 应为 1–32 的整数，而不是 ${o.jobs}`, "--jobs");
      const names = inputs.map(outputName);
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) throw new InputError(`多个输入的输出名称相同（${dup}），会互相覆盖`, "INPUT", "请重命名其中一个文件");

      // The renderers (spreadsheet, browser) load only for this command.
      const [{ PdfRenderer, renderAll }, { default: cliProgress }] = await Promise.all([
        import("../render/index.ts"),
        import("cli-progress"),
      ]);
      const chromiumPath = resolveConfig({}, process.env).chromiumPath;
      if (formats.includes("pdf") && !chromiumInstalled(chromiumPath))
        throw new InputError(
          `生成 PDF 需要 Chromium，本机没有找到 ${chromiumPath}`,
          "--to pdf",
          `${INSTALL_CHROMIUM}；或不生成 PDF：--to ${formats.filter((f) => f !== "pdf").join(",") || "html"}`,
        );
      const pdf = formats.includes("pdf") ? new PdfRenderer({ executablePath: chromiumPath }) : undefined;
      const showBar = inputs.length > 1 || process.stderr.isTTY === true;
      const bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          noTTYOutput: true,
          notTTYSchedule: 2000,
          format: "渲染 [{bar}] {value}/{total} {file}",
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      const written: string[] = [];
      const failures: string[] = [];
      let next = 0;
      try {
        await pdf?.open();
        if (showBar) bar.start(inputs.length, 0, { file: "" });
        const worker = async () => {
          while (next < inputs.length) {
            const i = next++;
            const file = inputs[i]!;
            try {
              const d = await loadDisclosure(file, { template: o.template });
              written.push(...(await renderAll(d, { to: formats, outDir: o.out, name: names[i]!, pdf })));
            } catch (e) {
              if (!(e instanceof InputError)) throw e;
              failures.push(e.describe());
            }
            if (showBar) bar.increment(1, { file: basename(file) });
          }
        };
        await Promise.all(Array.from({ length: Math.min(jobs, inputs.length) }, worker));
      } finally {
        if (showBar) bar.stop();
        await pdf?.close();
      }
      if (written.length) process.stdout.write(`${written.join("\n")}\n`);
      for (const f of failures) process.stderr.write(`错误：${f}\n`);
      process.exitCode = failures.length > 0 ? 2 : 0;
    });
}
