import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readerKind } from "./discover.ts";
import { Dispatch, inheritedFlags, type PoolTask, readerEnv, readerFlags, runPool, startReaders } from "./pool.ts";
import { runAudit, stateDir } from "./run.ts";

const SEED = new URL("../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url).pathname;
const BIG_PDF = new URL("../../test/fixtures/corpus/shanghai-putuo-caizhengju-2024-juesuan.pdf", import.meta.url)
  .pathname;

describe("which reader takes which document (Dispatch)", () => {
  const task = (file: string): PoolTask => ({ doc: { file }, kind: file.split(".").pop() });
  const drain = (d: Dispatch, order: number[]) => order.map((w) => d.next(w)?.doc.file);

  it("gives the few documents of another kind to one reader, before its share of the common kind", () => {
    const tasks = ["a.pdf", "b.pdf", "c.pdf", "x.xlsx", "d.pdf", "y.xlsx", "e.pdf"].map(task);
    const d = new Dispatch(tasks, 2);
    // reader 0 takes both workbooks first; reader 1 takes the PDFs in the order given
    expect(drain(d, [1, 0, 1, 0, 0, 1, 0, 1])).toEqual([
      "a.pdf",
      "x.xlsx",
      "b.pdf",
      "y.xlsx",
      "c.pdf",
      "d.pdf",
      "e.pdf",
      undefined,
    ]);
  });

  it("spreads several other kinds over the readers, one reader each", () => {
    const tasks = ["a.pdf", "b.pdf", "c.pdf", "x.xlsx", "s.txt", "y.xlsx", "t.txt"].map(task);
    const d = new Dispatch(tasks, 2);
    expect(drain(d, [0, 0, 1, 1])).toEqual(["x.xlsx", "y.xlsx", "s.txt", "t.txt"]);
  });

  it("lets no reader idle while a document waits: it takes the last of another reader's", () => {
    const tasks = ["a.pdf", "x.xlsx", "b.pdf", "y.xlsx", "c.pdf", "z.xlsx", "d.pdf"].map(task);
    const d = new Dispatch(tasks, 2);
    // reader 0 is busy with x.xlsx while reader 1 runs out of PDFs: reader 1 takes z.xlsx, then y.xlsx
    expect(drain(d, [0, 1, 1, 1, 1, 1, 1, 0])).toEqual([
      "x.xlsx",
      "a.pdf",
      "b.pdf",
      "c.pdf",
      "d.pdf",
      "z.xlsx",
      "y.xlsx",
      undefined,
    ]);
  });

  it("runs the documents in that order: one reader starts on the workbooks of a batch of PDFs, the other on the PDFs", async () => {
    const corpus = new URL("../../test/fixtures/corpus/", import.meta.url).pathname;
    const files = [
      "shanghai-putuo-caizhengju-2024-juesuan.pdf",
      "shanghai-putuo-caizhengju-2025-yusuan.pdf",
      "shanghai-department-budget-template.xlsx",
      "shanghai-unit-budget-template.xlsx",
      "national-juesuan-template.pdf",
    ];
    const tasks = files
      .map((f) => ({ doc: { file: join(corpus, f) } }))
      .map((t) => ({ ...t, kind: readerKind(t.doc) }));
    // which reader reads which later depends on how fast each is; the first each is given does not
    const byReader: string[][] = [[], []];
    await runPool(tasks, {
      jobs: 2,
      onDone: (d) => void byReader[d.worker]?.push(d.task.doc.file.split("/").pop() as string),
    });
    expect(byReader.flat().sort()).toEqual([...files].sort());
    expect(byReader[0]?.[0]).toBe("shanghai-department-budget-template.xlsx");
    expect(byReader[1]?.[0]).toBe("shanghai-putuo-caizhengju-2024-juesuan.pdf");
  }, 120_000);

  it("shares a batch of one kind (or without kinds) in the order given, and clears", () => {
    const d = new Dispatch(["a.pdf", "b.pdf", "c.pdf"].map(task), 3);
    expect(drain(d, [2, 0, 1, 1])).toEqual(["a.pdf", "b.pdf", "c.pdf", undefined]);
    const untyped = new Dispatch([{ doc: { file: "a" } }, { doc: { file: "b" } }], 2);
    untyped.clear();
    expect(untyped.next(0)).toBeUndefined();
  });
});

describe("the reader pool", () => {
  it("keeps one reader per job, and replaces a reader whose memory passes the limit", async () => {
    const tasks = [0, 1, 2].map(() => ({ doc: { file: SEED } }));
    const run = async (maxRss?: number) => {
      const pids: number[] = [];
      const scores: (number | undefined)[] = [];
      await runPool(tasks, {
        jobs: 1,
        ...(maxRss ? { maxRss } : {}),
        onDone: (d) => {
          pids.push(d.pid);
          scores.push(d.result.score?.total);
          expect(d.rss).toBeGreaterThan(0);
        },
      });
      return { pids, scores };
    };
    const kept = await run();
    expect(new Set(kept.pids).size).toBe(1);
    const fresh = await run(1);
    expect(new Set(fresh.pids).size).toBe(3);
    // the same results either way
    expect(fresh.scores).toEqual(kept.scores);
    expect(kept.scores.every((s) => typeof s === "number")).toBe(true);
  }, 120_000);

  it("gives a reader its next document while the caller handles the last; onDone calls stay one at a time, in order", async () => {
    const ticks = (pid: number) => {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8");
      const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
      return Number(rest[11]) + Number(rest[12]);
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // a reader that has loaded its code and is idle: its CPU time stands still
    const started = startReaders(1);
    const pid = started.children[0]?.pid as number;
    for (let last = -1, now = ticks(pid); now !== last; last = now, now = ticks(pid)) await sleep(500);
    const events: string[] = [];
    let readWhileHandling = false;
    await runPool([{ doc: { file: SEED } }, { doc: { file: BIG_PDF } }, { doc: { file: SEED } }], {
      jobs: 1,
      started,
      onDone: async (d) => {
        events.push(`start ${events.length / 2}`);
        if (events.length === 1) {
          // the reader is idle unless it was given the second document (a 3.6 MB PDF: 0.35–0.42 s of
          // the reader's CPU, 2026-12-07; an idle reader's CPU time stands still): its CPU time grows
          // by a tenth of a second only by reading it
          const before = ticks(d.pid);
          for (let i = 0; i < 400 && !readWhileHandling; i++) {
            await sleep(50);
            readWhileHandling = ticks(d.pid) - before >= 10;
          }
        }
        await sleep(20);
        events.push(`end ${(events.length - 1) / 2}`);
      },
    });
    expect(readWhileHandling).toBe(true);
    expect(events).toEqual(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]);
  }, 120_000);

  it("a failing onDone fails the run: the other readers take no further document, and none outlives it", async () => {
    const started = startReaders(2);
    const pids = started.children.map((c) => c.pid as number);
    let calls = 0;
    const run = runPool(
      Array.from({ length: 8 }, () => ({ doc: { file: SEED } })),
      {
        jobs: 2,
        started,
        onDone: () => {
          calls++;
          throw new Error("state folder full");
        },
      },
    );
    await expect(run).rejects.toThrow("state folder full");
    // each reader ends with the document it was reading when the run failed
    expect(calls).toBeLessThanOrEqual(4);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 120_000);

  it("readers that fill every core run without V8's helper threads; fewer keep V8's defaults", async () => {
    expect(readerFlags(1, 2)).toEqual([]);
    expect(readerFlags(3, 4)).toEqual([]);
    expect(readerFlags(2, 2)).toEqual(["--single-threaded-gc", "--no-concurrent-recompilation"]);
    expect(readerFlags(1, 1)).toEqual(readerFlags(2, 2));
    // the flags reach the reader processes: their command lines, read while they run
    const cores = availableParallelism();
    const seen = new Map<number, string[]>();
    await runPool(
      Array.from({ length: cores + 1 }, () => ({ doc: { file: SEED } })),
      {
        jobs: cores,
        onDone: (d) => {
          seen.set(d.pid, readFileSync(`/proc/${d.pid}/cmdline`, "utf8").split("\0"));
        },
      },
    );
    expect(seen.size).toBe(cores);
    for (const argv of seen.values()) expect(argv).toEqual(expect.arrayContaining(readerFlags(cores, cores)));
  }, 120_000);

  it("readers run the build when their caller does; a caller running the sources leaves them to choose", () => {
    const bin = "/pkg/bin/yusuan.js";
    expect(readerEnv(bin, "file:///pkg/dist/chunks/chunk-ABC.js", { PATH: "/bin" })).toEqual({
      PATH: "/bin",
      YUSUAN_AUDIT_CHILD: "1",
      YUSUAN_RUNS: "dist",
    });
    expect(readerEnv(bin, "file:///pkg/dist/yusuan.js", {}).YUSUAN_RUNS).toBe("dist");
    // the sources, or another package's dist/: no word, not even one inherited
    expect(readerEnv(bin, "file:///pkg/src/audit/pool.ts", { YUSUAN_RUNS: "dist" })).toEqual({
      YUSUAN_AUDIT_CHILD: "1",
    });
    expect(readerEnv(bin, "file:///other/dist/chunks/x.js", {}).YUSUAN_RUNS).toBeUndefined();
  });

  it("readers do not inherit tsx's module hooks from a caller run through tsx; other flags they do", () => {
    // what process.execArgv holds under `npx tsx` (the bench, scripts)
    const underTsx = [
      "--require",
      "/work/node_modules/tsx/dist/preflight.cjs",
      "--import",
      "file:///work/node_modules/tsx/dist/loader.mjs",
      "--max-old-space-size=4096",
    ];
    expect(inheritedFlags(underTsx)).toEqual(["--max-old-space-size=4096"]);
    expect(inheritedFlags(["--import=tsx", "--cpu-prof", "--require", "./my-hook.cjs"])).toEqual([
      "--cpu-prof",
      "--require",
      "./my-hook.cjs",
    ]);
    expect(inheritedFlags(["--loader", "tsx/esm", "--inspect"])).toEqual(["--inspect"]);
    expect(inheritedFlags([])).toEqual([]);
  });

  it("a document whose reader times out is a row with the reason, not kept: the next run reads it again", async () => {
    const out = mkdtempSync(join(tmpdir(), "yusuan-timeout-"));
    // 50 ms: less than a reader takes to start, so the document is given up
    const lost = await runAudit({ paths: [SEED], out, jobs: 1, timeoutMs: 50 });
    const [doc] = lost.report.documents;
    expect(doc?.status).toBe("unreadable");
    expect(doc?.reason).toMatch(/^读取超过 0 秒，已放弃/);
    expect(readdirSync(stateDir(out))).toEqual([]);
    const again = await runAudit({ paths: [SEED], out, jobs: 1 });
    expect(again.skipped).toBe(0);
    expect(again.report.documents[0]?.status).toBe("ok");
    expect(readdirSync(stateDir(out)).filter((f) => f.endsWith(".json"))).toHaveLength(1);
  }, 120_000);

  it("readers started ahead read the documents; those left without one stop, and none outlives the run", async () => {
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const started = startReaders(3);
    const pids = started.children.map((c) => c.pid as number);
    expect(pids.every(alive)).toBe(true);
    const readBy: number[] = [];
    await runPool([{ doc: { file: SEED } }], {
      jobs: 3,
      started,
      onDone: (d) => {
        readBy.push(d.pid);
        expect(d.result.status).toBe("ok");
      },
    });
    // one document: the first started reader read it, the other two were stopped
    expect(readBy).toEqual([pids[0]]);
    expect(started.children).toEqual([]);
    expect(pids.filter(alive)).toEqual([]);
    // nothing to read at all (a run whose documents were all done before): every started reader stops
    const idle = startReaders(2);
    const idlePids = idle.children.map((c) => c.pid as number);
    const r = await runPool([], { jobs: 2, started: idle, onDone: () => expect.unreachable() });
    expect(r.peakRss).toEqual([]);
    expect(idlePids.filter(alive)).toEqual([]);
  }, 120_000);
});
