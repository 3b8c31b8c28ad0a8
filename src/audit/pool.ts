/**
 * Reads and checks documents in parallel, in child processes (one per job): the PDF reader holds
 * the event loop while it parses, so threads of one process would not help as much, and a child
 * that crashes or hangs on one document is replaced without losing the others.
 *
 * The child is the CLI itself (`yusuan audit-child`, hidden), so it runs the same build as the
 * parent (dist/ when fresh, else the sources through tsx), with the same raised V8 optimisation
 * budget (bin/sources.js, v8Flags).
 */
import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { AuditInput } from "./discover.ts";
import { type DocumentResult, unreadable } from "./document.ts";

export interface PoolTask {
  doc: AuditInput;
  hash?: string | undefined;
  /** the reader code it needs ("pdf", "xlsx", …; discover.ts readerKind): see Dispatch */
  kind?: string | undefined;
}

export interface PoolDone {
  task: PoolTask;
  result: DocumentResult;
  /** the child's resident memory after the document, bytes */
  rss: number;
  worker: number;
  /** the reader process that read it */
  pid: number;
  /** the reader timed out or died on it: the result is not the document's own (not to be kept) */
  lost: boolean;
}

export interface PoolOptions {
  jobs: number;
  /** a document taking longer is given up (its child killed and replaced): ms */
  timeoutMs?: number;
  /** a reader whose resident memory passes this after a document is replaced by a fresh one: bytes */
  maxRss?: number;
  onDone: (d: PoolDone) => Promise<void> | void;
}

/** bin/yusuan.js of this package, found upward from this module (src/audit/ or dist/chunks/). */
function binPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const bin = join(dir, "bin", "yusuan.js");
    if (existsSync(bin)) return bin;
    dir = dirname(dir);
  }
  throw new Error("找不到 bin/yusuan.js");
}

interface Slot {
  child: ChildProcess;
  task?: PoolTask;
  timer?: NodeJS.Timeout;
  resolve?: (d: { result: DocumentResult; rss: number }) => void;
}

/**
 * V8 flags for the readers. When there are as many readers as cores or more, every core already
 * runs a reader, and V8's helper threads (parallel and concurrent garbage collection, background
 * compilation) can only take time from another reader; a reader's collection then waits on helpers
 * that are not running. Such readers collect and compile on their own thread. With fewer readers
 * than cores, V8's defaults stand: the helpers use cores that would be idle. (BENCHMARKS.md,
 * 2026-12-06: with two readers on two cores, about a tenth less CPU and time a batch.)
 */
export function readerFlags(jobs: number, cores: number = availableParallelism()): string[] {
  return jobs >= cores ? ["--single-threaded-gc", "--no-concurrent-recompilation"] : [];
}

const LOADER_FLAGS = new Set(["--require", "-r", "--import", "--loader", "--experimental-loader"]);

/**
 * The caller's Node flags a reader inherits, less tsx's module hooks: a reader is bin/yusuan.js,
 * which runs the compiled CLI, or registers tsx itself when it has to run the sources. Inherited
 * (a caller run through tsx: `npx tsx` scripts, `npm run bench -- --source`), the hooks go through every module a
 * reader loads (`yusuan check` of a 48-page document took 1.1 s without them, 2.5 s with them:
 * BENCHMARKS.md, 2026-12-07). Every other flag is kept (memory limits, profiling).
 */
export function inheritedFlags(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  const isTsx = (v: string | undefined) => v !== undefined && /(^|[/\\])tsx([/\\]|$)/.test(v);
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i] as string;
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (LOADER_FLAGS.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : execArgv[i + 1];
      if (isTsx(value)) {
        if (eq < 0) i++;
        continue;
      }
    }
    kept.push(a);
  }
  return kept;
}

/**
 * A reader's environment. A caller that runs the compiled build (this module is in the package's
 * dist/, which bin/yusuan.js found current at start) has its readers run it too (YUSUAN_RUNS=dist):
 * bin/yusuan.js then need not check it again, 30-odd ms of stat()s a reader. A caller running the
 * sources (tests, scripts through tsx) leaves each reader to choose.
 */
export function readerEnv(bin: string, moduleUrl: string = import.meta.url, env = process.env): NodeJS.ProcessEnv {
  const dist = join(dirname(dirname(bin)), "dist") + sep;
  const fromBuild = fileURLToPath(moduleUrl).startsWith(dist);
  const { YUSUAN_RUNS: _, ...rest } = env;
  return { ...rest, YUSUAN_AUDIT_CHILD: "1", ...(fromBuild ? { YUSUAN_RUNS: "dist" } : {}) };
}

function spawnChild(flags: readonly string[]): ChildProcess {
  const bin = binPath();
  return fork(bin, ["audit-child"], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    execArgv: [...inheritedFlags(), ...flags],
    env: readerEnv(bin),
  });
}

/**
 * Reader processes started before their documents are known: each loads its code (the checks, the
 * PDF reader) while the caller is still finding and hashing the documents, instead of after.
 */
export interface StartedReaders {
  children: ChildProcess[];
  flags: string[];
}

/** Starts `n` readers for a later runPool (`started`); runPool stops any it does not use. */
export function startReaders(n: number): StartedReaders {
  const flags = readerFlags(n);
  return { children: Array.from({ length: n }, () => spawnChild(flags)), flags };
}

/** Ends readers that will not be given documents, and waits for them to exit. */
async function stopChild(child: ChildProcess): Promise<void> {
  const gone = child.exitCode !== null || child.signalCode !== null;
  const exit = gone ? Promise.resolve() : new Promise<void>((r) => child.once("exit", () => r()));
  if (child.connected) child.disconnect();
  await exit;
}

/** Stops started readers that no run took (the caller failed before it could run them). */
export async function stopReaders(started: StartedReaders): Promise<void> {
  await Promise.all(started.children.splice(0).map(stopChild));
}

/**
 * Which reader takes which task. Every reader loads and warms up (V8 optimises as it goes) the code
 * of each kind of document it reads, once: a workbook read by a reader that has read none takes
 * about twice the CPU of the next one (BENCHMARKS.md, 2026-12-07). So the most common kind is shared
 * by all readers in the order given (largest first, say), and every other kind goes to one reader
 * (in turn), which takes its tasks before the shared ones: one reader warms up for the few
 * workbooks of a batch of PDFs, not each. A reader with none of its own or shared tasks left takes
 * the last waiting task of the reader with the most, so no reader idles while a task waits.
 */
export class Dispatch {
  private readonly shared: PoolTask[];
  private readonly own: PoolTask[][];

  constructor(tasks: readonly PoolTask[], readers: number) {
    const count = new Map<string, number>();
    for (const t of tasks) count.set(t.kind ?? "", (count.get(t.kind ?? "") ?? 0) + 1);
    let common = "";
    let most = -1;
    for (const [kind, n] of count)
      if (n > most) {
        most = n;
        common = kind;
      }
    const owner = new Map<string, number>();
    for (const kind of count.keys()) if (kind !== common) owner.set(kind, owner.size % readers);
    this.own = Array.from({ length: readers }, () => []);
    this.shared = [];
    for (const t of tasks) {
      const w = owner.get(t.kind ?? "");
      (w === undefined ? this.shared : (this.own[w] as PoolTask[])).push(t);
    }
  }

  /** Reader w's next task, or undefined when none waits. */
  next(w: number): PoolTask | undefined {
    const mine = this.own[w]?.shift() ?? this.shared.shift();
    if (mine) return mine;
    let from: PoolTask[] | undefined;
    for (const q of this.own) if (q.length > (from?.length ?? 0)) from = q;
    return from?.pop();
  }

  /** Takes every waiting task away (the run is failing). */
  clear(): void {
    this.shared.length = 0;
    for (const q of this.own) q.length = 0;
  }
}

/**
 * Runs `tasks` on `jobs` children (those in `started` first). Each child is given its next document
 * (Dispatch) as soon as it answers, and `onDone` for the answer runs meanwhile; a child's onDone calls run one
 * at a time, in order, and all have finished when runPool returns. A failure in one fails runPool:
 * the other readers take no further document, and every reader has ended before it rejects.
 */
export async function runPool(
  tasks: readonly PoolTask[],
  o: PoolOptions & { started?: StartedReaders },
): Promise<{ peakRss: number[] }> {
  const timeoutMs = o.timeoutMs ?? 300_000;
  const maxRss = o.maxRss ?? 1024 * 1024 * 1024;
  const peakRss: number[] = [];
  const readers = Math.max(1, Math.min(o.jobs, tasks.length));
  const queue = new Dispatch(tasks, readers);
  const ready = o.started?.children.splice(0) ?? [];
  // fewer documents than started readers (the others were done in an earlier run): the rest stop
  const spare = Promise.all(ready.splice(tasks.length > 0 ? readers : 0).map(stopChild));
  const flags = o.started?.flags ?? readerFlags(readers);
  const runOne = (slot: Slot, task: PoolTask): Promise<{ result: DocumentResult; rss: number; lost?: boolean }> =>
    new Promise((resolve) => {
      slot.task = task;
      slot.resolve = resolve;
      const give = (reason: string) => {
        clearTimeout(slot.timer);
        slot.resolve = undefined;
        resolve({ result: unreadable(task.doc, reason, task.hash, timeoutMs), rss: 0, lost: true });
      };
      slot.timer = setTimeout(() => {
        slot.child.kill("SIGKILL");
        give(`读取超过 ${Math.round(timeoutMs / 1000)} 秒，已放弃；请单独用 yusuan check 检查该文件`);
      }, timeoutMs);
      const onMessage = (m: { type: string; result: DocumentResult; rss: number }) => {
        if (m.type !== "result") return;
        clearTimeout(slot.timer);
        slot.child.off("exit", onExit);
        slot.child.off("message", onMessage);
        slot.resolve = undefined;
        resolve({ result: m.result, rss: m.rss });
      };
      const onExit = (code: number | null, signal: string | null) => {
        slot.child.off("message", onMessage);
        if (slot.resolve) give(`读取时进程退出（${signal ?? `退出码 ${code}`}）；文件可能损坏或过大`);
      };
      slot.child.on("message", onMessage);
      slot.child.once("exit", onExit);
      slot.child.send({ type: "doc", doc: task.doc, hash: task.hash });
    });
  const worker = async (w: number) => {
    const slot: Slot = { child: ready[w] ?? spawnChild(flags) };
    // the previous document's onDone: it runs while the reader reads the next one, so the reader
    // does not wait on the caller's writing between documents; one at a time, in order
    let previous: Promise<void> = Promise.resolve();
    try {
      for (let task = queue.next(w); task; task = queue.next(w)) {
        if (slot.child.exitCode !== null || slot.child.signalCode !== null || !slot.child.connected)
          slot.child = spawnChild(flags);
        const pid = slot.child.pid ?? 0;
        const r = await runOne(slot, task);
        peakRss[w] = Math.max(peakRss[w] ?? 0, r.rss);
        // memory per reader stays bounded however many documents it reads: past the limit, a fresh one
        if (r.rss > maxRss && slot.child.connected) {
          const old = slot.child;
          old.disconnect();
          slot.child = spawnChild(flags);
        }
        await previous;
        previous = Promise.resolve(
          o.onDone({ task, result: r.result, rss: r.rss, worker: w, pid, lost: r.lost === true }),
        );
        // its failure is raised by the await above or below, not as an unhandled rejection meanwhile
        previous.catch(() => {});
      }
      await previous;
    } catch (e) {
      // the run fails: the other readers take no further document, and end with the one they read
      queue.clear();
      throw e;
    } finally {
      // the child ends when its channel closes; wait for it, so no reader outlives the run
      await stopChild(slot.child);
    }
  };
  // every reader has ended before runPool returns or fails
  const ended = tasks.length > 0 ? await Promise.allSettled(Array.from({ length: readers }, (_, w) => worker(w))) : [];
  await spare;
  const failed = ended.find((e): e is PromiseRejectedResult => e.status === "rejected");
  if (failed) throw failed.reason;
  return { peakRss };
}

/** The child's side: read and check each document sent, answer with its result. */
export async function childMain(): Promise<void> {
  const [{ auditDocument }, { preloadPdfReader }] = await Promise.all([
    import("./document.ts"),
    import("../import/index.ts"),
  ]);
  // pdf.js loads while the first document is on its way (messages wait for the listener below)
  void preloadPdfReader();
  await new Promise<void>((resolve) => {
    process.on("message", async (m: { type: string; doc: AuditInput; hash?: string }) => {
      if (m.type !== "doc") return;
      const result = await auditDocument(m.doc, m.hash);
      process.send?.({ type: "result", result, rss: process.memoryUsage().rss });
    });
    process.on("disconnect", () => resolve());
  });
}
