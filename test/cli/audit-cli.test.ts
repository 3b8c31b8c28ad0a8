/**
 * `yusuan audit`: a corrupt file in the middle of a batch is a row with its reason; the outputs
 * are written and audit.json follows its schema; a re-run reads nothing unchanged; a killed run
 * resumes and ends with the same results as a run that was never stopped.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ROOT, SEED, yusuan } from "./run.ts";

const tmp = mkdtempSync(join(tmpdir(), "yusuan-audit-"));
const seedText = readFileSync(SEED, "utf8");

/** A batch folder: the seed, a corrupt PDF in the middle (by name order), and a changed seed. */
function batch(dir: string, copies = 0): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "a-seed.txt"), seedText);
  writeFileSync(join(dir, "b-broken.pdf"), "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
  const lines = seedText.split("\n");
  const at = lines.findIndex((l) => l.includes("年的机关运行经费财政拨款预算"));
  writeFileSync(join(dir, "c-changed.txt"), [...lines.slice(0, at), ...lines.slice(at + 1)].join("\n"));
  // more documents, each different content (a changed department name), for the kill test
  for (let i = 0; i < copies; i++)
    writeFileSync(
      join(dir, `d-copy-${i}.txt`),
      seedText.replaceAll("新疆巴州人力资源和社会保障局", `新疆巴州第${i}局`),
    );
  writeFileSync(join(dir, "notes.md"), "not a document: ignored in a folder");
  return dir;
}

const stable = (json: string) => {
  const r = JSON.parse(json);
  return r.documents.map((d: Record<string, unknown>) => ({ ...d, ms: 0 }));
};

describe("yusuan audit", () => {
  it("goes on past a corrupt file in the middle, writes every output, and re-runs read nothing unchanged", async () => {
    const dir = batch(join(tmp, "one"));
    const out = join(tmp, "out-one");
    const r = yusuan(["audit", dir, "-o", out, "--jobs", "2"]);
    expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
    expect(r.status).toBe(0);
    for (const f of ["audit.json", "audit.xlsx", "report.html", "findings.csv", "scorecards.csv"])
      expect(existsSync(join(out, f)), f).toBe(true);
    // off a terminal, progress is plain lines with the count, the rate and the time left
    expect(r.stderr).toMatch(/\[3\/3\] 100% · [\d.]+ 份\/秒 · 预计剩余/);
    expect(r.stderr).toMatch(/待读取 3 份；2 个进程并行/);

    const report = JSON.parse(readFileSync(join(out, "audit.json"), "utf8"));
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "schema/audit.schema.json"), "utf8")));
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    expect(report.documents.map((d: { file: string }) => d.file.split("/").pop())).toEqual([
      "a-seed.txt",
      "b-broken.pdf",
      "c-changed.txt",
    ]);
    const [seed, broken, changed] = report.documents;
    expect(broken.status).toBe("unreadable");
    expect(broken.reason).toMatch(/PDF/);
    expect(broken.reason).toMatch(/请确认/);
    expect(seed.status).toBe("ok");
    expect(changed.status).toBe("ok");
    expect(report.summary).toMatchObject({ documents: 3, read: 2, unreadable: 1 });
    // the changed document lost the 机关运行经费 item, and ranks below the seed
    expect(changed.score.total).toBeLessThan(seed.score.total);
    expect(report.ranking.map((x: { file: string }) => x.file)).toEqual([seed.file, changed.file]);
    // two years are not present: no year-over-year
    expect(report.yearOverYear).toEqual([]);

    const scorecards = readFileSync(join(out, "scorecards.csv"), "utf8");
    expect(scorecards.startsWith("\uFEFF排名,文件,状态,原因")).toBe(true);
    expect(scorecards).toMatch(/b-broken\.pdf,无法读取,/);
    const findings = readFileSync(join(out, "findings.csv"), "utf8").split("\r\n");
    const seedFindings = seed.findings.length + changed.findings.length;
    expect(findings.filter(Boolean)).toHaveLength(1 + seedFindings);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, "audit.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "问题清单", "评分明细", "排名"]);
    const sheet = wb.getWorksheet("问题清单");
    expect(sheet?.autoFilter).toBeTruthy();
    expect(sheet?.getRow(1).values).toContain("页码");
    expect(sheet?.rowCount).toBe(1 + seedFindings);

    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain("b-broken.pdf");

    const again = yusuan(["audit", dir, "-o", out, "--jobs", "2"]);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/3 份内容未变（沿用上次结果），待读取 0 份/);
    // nothing to read: no reader is started, and the line does not claim one
    expect(again.stderr).not.toMatch(/进程并行/);
    expect(stable(readFileSync(join(out, "audit.json"), "utf8"))).toEqual(stable(JSON.stringify(report)));
  }, 240_000);

  it("a killed run resumes where it stopped and ends as a run never stopped", async () => {
    const dir = batch(join(tmp, "kill"), 4);
    const out = join(tmp, "out-kill");
    const state = join(out, "state");
    const child = spawn(process.execPath, [join(ROOT, "bin/yusuan.js"), "audit", dir, "-o", out, "--jobs", "1"], {
      detached: true,
      stdio: "ignore",
    });
    // kill the whole run (the CLI and its reader) once two results are kept
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const kept = existsSync(state) ? readdirSync(state).filter((f) => f.endsWith(".json")).length : 0;
        if (kept >= 2 || Date.now() - t0 > 150_000) {
          clearInterval(poll);
          if (kept < 2) reject(new Error("no result was kept"));
          else resolve();
        }
      }, 50);
    });
    process.kill(-(child.pid as number), "SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(existsSync(join(out, "audit.json"))).toBe(false);
    const kept = readdirSync(state).filter((f) => f.endsWith(".json"));
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(7);
    // every result kept is whole (written to a temporary name, then renamed)
    for (const f of kept) expect(() => JSON.parse(readFileSync(join(state, f), "utf8"))).not.toThrow();

    const resumed = yusuan(["audit", dir, "-o", out, "--jobs", "2"]);
    expect(resumed.status).toBe(0);
    const skipped = Number(/(\d+) 份内容未变/.exec(resumed.stderr)?.[1]);
    expect(skipped).toBe(kept.length);
    const fresh = yusuan(["audit", dir, "-o", join(tmp, "out-fresh"), "--jobs", "2"]);
    expect(fresh.status).toBe(0);
    expect(stable(readFileSync(join(out, "audit.json"), "utf8"))).toEqual(
      stable(readFileSync(join(tmp, "out-fresh", "audit.json"), "utf8")),
    );
  }, 300_000);

  it("reads copies of one document (the same content under other names) once and reports each", () => {
    const dir = join(tmp, "copies");
    mkdirSync(join(dir, "sub"), { recursive: true });
    for (const f of ["a.txt", "b.txt", "sub/a.txt"]) writeFileSync(join(dir, f), seedText);
    // two copies of a damaged PDF and an empty .txt with the same (no) bytes as an empty .pdf
    for (const f of ["x-broken.pdf", "y-broken.pdf"]) writeFileSync(join(dir, f), "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n");
    for (const f of ["empty.pdf", "empty.txt"]) writeFileSync(join(dir, f), "");
    const out = join(tmp, "out-copies");
    const r = yusuan(["audit", dir, "-o", out, "--jobs", "2"]);
    expect(r.stderr).not.toMatch(/内部错误|\n\s+at /);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/\[7\/7\] 100%/);
    expect(r.stderr).toMatch(/待读取 4 份（另有 3 份与其中一份内容相同，只读一次）/);
    expect(r.stderr).toMatch(/完成：7 份（本次读取 4，沿用 0）/);
    // one result kept for each content (an extension that decides the reading counts), no temporary file left
    expect(readdirSync(join(out, "state"))).toHaveLength(4);
    const report = JSON.parse(readFileSync(join(out, "audit.json"), "utf8"));
    const docs = report.documents as { file: string; score: unknown }[];
    const name = (d: { file: string }) => d.file.slice(dir.length + 1);
    expect(docs.map(name).sort()).toEqual([
      "a.txt",
      "b.txt",
      "empty.pdf",
      "empty.txt",
      "sub/a.txt",
      "x-broken.pdf",
      "y-broken.pdf",
    ]);
    expect(
      new Set(docs.filter((d) => name(d).endsWith("a.txt") || name(d) === "b.txt").map((d) => JSON.stringify(d.score)))
        .size,
    ).toBe(1);
    // a copy's messages name the copy, not the file that was read
    for (const d of docs.filter((x) => /broken|empty/.test(name(x)))) {
      const text = JSON.stringify(d);
      const other = name(d).startsWith("x") ? "y-broken.pdf" : name(d).startsWith("y") ? "x-broken.pdf" : undefined;
      expect(text).toContain(name(d).replace(/^sub\//, ""));
      if (other) expect(text).not.toContain(other);
    }
  }, 120_000);

  it("reads the 说明 and the tables of a document published as two files as one, whatever the files are named", () => {
    const regions = join(ROOT, "test/fixtures/regions");
    const named = join(tmp, "halves-by-name");
    const own = join(tmp, "halves-own-names");
    mkdirSync(named, { recursive: true });
    mkdirSync(own, { recursive: true });
    for (const half of ["text", "tables"])
      copyFileSync(join(regions, `beijing-caizhengju-2026-yusuan-${half}.pdf`), join(named, `bj-${half}.pdf`));
    // as a bureau names them (and a whole document beside them)
    copyFileSync(
      join(regions, "beijing-caizhengju-2026-yusuan-text.pdf"),
      join(own, "2026年北京市财政局部门预算情况说明.pdf"),
    );
    copyFileSync(
      join(regions, "beijing-caizhengju-2026-yusuan-tables.pdf"),
      join(own, "2026年北京市财政局部门预算报表.pdf"),
    );
    copyFileSync(join(regions, "xian-caizhengju-2026-yusuan.pdf"), join(own, "西安市财政局2026年部门预算.pdf"));
    const audit = (dir: string) => {
      const out = `${dir}-out`;
      const r = yusuan(["audit", dir, "-o", out, "--jobs", "2"]);
      expect(r.status, r.stderr).toBe(0);
      return {
        r,
        docs: JSON.parse(readFileSync(join(out, "audit.json"), "utf8")).documents as Record<string, unknown>[],
      };
    };
    const byName = audit(named);
    const byContent = audit(own);
    expect(byContent.r.stderr).toMatch(/1 对文件按内容是同一文档的两部分/);
    expect(byContent.r.stderr).toMatch(/完成：2 份（本次读取 2，沿用 0）/);
    expect(byContent.docs).toHaveLength(2);
    const bj = byContent.docs.find((d) => String(d.file).endsWith("部门预算报表.pdf")) as Record<string, unknown>;
    expect(bj.text).toBe(join(own, "2026年北京市财政局部门预算情况说明.pdf"));
    expect(bj.department).toBe("北京市财政局");
    expect(bj.half).toBeUndefined();
    // the same reading as the pair found by its names: score, tables, findings
    const same = (d: Record<string, unknown>) => JSON.stringify([d.score, d.tables, d.summary, d.department]);
    expect(same(bj)).toBe(same(byName.docs[0] as Record<string, unknown>));
    // a re-run reads nothing: the pair's reading is kept as one
    const again = yusuan(["audit", own, "-o", `${own}-out`]);
    expect(again.stderr).toMatch(/完成：2 份（本次读取 0，沿用 2）/);
  }, 180_000);

  it("lists the files of a folder that are published in formats it does not read, each with what to do", () => {
    const dir = join(tmp, "formats");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "a-seed.txt"), seedText);
    writeFileSync(join(dir, "b-tables.xls"), Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    writeFileSync(
      join(dir, "c-说明.docx"),
      Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(26), Buffer.from("word/document.xml")]),
    );
    writeFileSync(join(dir, "d-picture.png"), "not a document: left out");
    const out = join(tmp, "out-formats");
    const r = yusuan(["audit", dir, "-o", out]);
    expect(r.status, r.stderr).toBe(0);
    const docs = JSON.parse(readFileSync(join(out, "audit.json"), "utf8")).documents as Record<string, string>[];
    expect(docs.map((d) => [String(d.file).split("/").pop(), d.status])).toEqual([
      ["a-seed.txt", "ok"],
      ["b-tables.xls", "unreadable"],
      ["c-说明.docx", "unreadable"],
    ]);
    // (LibreOffice, installed by .ci/run, turns .xls into .xlsx: test/import/legacy-spreadsheet.test.ts;
    // ten bytes of one are no workbook)
    expect(docs[1]?.reason).toMatch(
      /b-tables\.xls 是旧版 Excel（\.xls）文件（已用 LibreOffice 转换为 \.xlsx）：.*请确认文件能在 Excel 或 WPS 中打开，另存为 \.xlsx/,
    );
    expect(docs[2]?.reason).toMatch(/是 Word 文档（\.docx）.*另存为 PDF/);
  }, 120_000);

  it("refuses a bad --jobs, and a path that holds no document, in Chinese with exit 2", () => {
    const bad = yusuan(["audit", SEED, "-o", join(tmp, "x"), "--jobs", "0"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^错误：--jobs：--jobs 应为 1–256 的整数/);
    const empty = join(tmp, "empty");
    mkdirSync(empty);
    const none = yusuan(["audit", empty, "-o", join(tmp, "y")]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/没有找到可审计的文档/);
  });
});
