/**
 * Load benchmark of the portal over N synthetic disclosures (default 10,000), on SQLite and
 * PostgreSQL: the department page, search, and an aggregate over all current disclosures, each at a
 * fixed request rate (default 200 req/s) on loopback, against a real server in a child process.
 * Each scenario runs twice after an unreported 2 s warm-up: first as autocannon sends it (10
 * connections, each sending its share of a second back to back: bursts, printed, not judged), then
 * at a steady rate, open loop, each request sent when it is due and its latency counted from then
 * (paced.ts): the run the targets are judged on. Prints p50/p99 latency, throughput and errors. A
 * `/healthz` scenario at the same rate gives the noise floor of the machine
 * (loopback, the load generator and scheduling; on a shared machine the CPU pressure from
 * /proc/pressure/cpu is printed too), and each run also prints the server's own view: the time
 * from a parsed request to its written response, and the server's event-loop delay. Uncached
 * aggregate and search timings (in process, 30 runs each, server caches bypassed) are printed
 * separately. The bursts' latencies are those of the responses themselves (see `percentiles` for
 * why autocannon's own p99 is printed beside them), with the bytes per response, the busiest 100 ms of
 * arrivals, and for the server and this (the load generator's) process their CPU per request, GC
 * pauses and event-loop delay. Requests send a browser's `Accept-Encoding: gzip, deflate, br`
 * (`--accept-encoding none` for none). The department page is loaded twice: cycling over 50 pages
 * (the bench's order since session 1: cached after the first second) and every one of 2,000 pages
 * in turn (nearly every request a page's first visit; the steady run gets 2,000 other pages, so its
 * requests are first visits too).
 *
 *   tsx bench/portal.ts [--backend sqlite|postgres|both] [--n 10000] [--duration 10] [--rate 200]
 *                       [--batch 100] [--as-is] [--accept-encoding "gzip, deflate, br"|none]
 *   tsx bench/portal.ts --examples [--duration 10] [--rate 200] [--overload 2000]
 *
 * The generated databases are kept (data/bench-N.db, PostgreSQL schema bench_N in the `test`
 * database or BENCH_DATABASE_URL) and reused when they already hold N disclosures; a load that was
 * stopped is resumed where it stopped. Generating goes through the bulk path (`saveDisclosures`,
 * `--batch` disclosures a transaction) and prints saves/s for each tenth of the load (the curve,
 * kept in data/bench-N-BACKEND-curve.json) and then the size on disk per disclosure, by table.
 * `--as-is` skips generating and load-tests what the database holds so far.
 *
 * `--examples`: the nine bundled examples as `yusuan serve` loads them on first start
 * (data/bench-examples.db, SQLite), the department pages of all nine at the fixed rate: first
 * from a server just started (no unreported warm-up: what the first visitors see), then warm;
 * then overload, `--overload` req/s from 200 connections, counting 200s, 503s and errors.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { sql } from "kysely";
import { prepareStore } from "../src/cli/serve.ts";
import type { DatabaseConfig } from "../src/config.ts";
import { resolveConfig } from "../src/config.ts";
import { warmAnswers, warmPortal } from "../src/server/warm.ts";
import {
  AGGREGATE_BY,
  aggregate,
  countDisclosures,
  openStore,
  type SaveInput,
  type Store,
  saveDisclosures,
  search,
} from "../src/store/index.ts";
import { generateDisclosures } from "./generate.ts";
import { paced } from "./paced.ts";

const argv = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : dflt;
};
const N = Number(flag("n", "10000"));
const DURATION = Number(flag("duration", "10"));
const RATE = Number(flag("rate", "200"));
const BACKEND = flag("backend", "both");
const EXAMPLES = argv.includes("--examples");
/** the load test on what the bench database holds now (a load stopped part-way), no generating */
const AS_IS = argv.includes("--as-is");
const OVERLOAD = Number(flag("overload", "2000"));
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function dbConfig(kind: "sqlite" | "postgres"): DatabaseConfig {
  if (EXAMPLES) return { kind: "sqlite", file: "data/bench-examples.db" };
  return kind === "sqlite"
    ? { kind: "sqlite", file: `data/bench-${N}.db` }
    : { kind: "postgres", url: PG_URL, schema: `bench_${N}` };
}

/** Disclosures saved per transaction while generating (the bulk path, `saveDisclosures`). */
const BATCH = Number(flag("batch", "100"));

interface CurvePoint {
  /** the tenth of the load, 1 … 10 */
  tenth: number;
  /** disclosures in the store at the end of it */
  upTo: number;
  savesPerSecond: number;
  /**
   * CPU time a save took, in ms: this process (generator, checks, driver; and SQLite itself) plus,
   * on PostgreSQL, the server processes that served its connections. On a machine whose cores are
   * shared, saves/s moves with the others' load; the CPU per save is the cost itself.
   */
  cpuMsPerSave?: number;
  /** local time the tenth ended, and the CPU pressure then (a shared machine) */
  at: string;
  pressure: string;
}

function curveFile(kind: "sqlite" | "postgres"): string {
  return `data/bench-${N}-${kind}-curve.json`;
}

/**
 * Generates the N disclosures (or reuses them), in batches through the bulk path, and prints
 * saves/s for each tenth of the load: the curve, kept in data/ beside the database so a load
 * interrupted and resumed (the generator is deterministic; what is saved is skipped) still has it.
 */
function readCurve(kind: "sqlite" | "postgres"): CurvePoint[] {
  const file = curveFile(kind);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as CurvePoint[]) : [];
}

async function ensureData(store: Store, kind: "sqlite" | "postgres"): Promise<CurvePoint[]> {
  const file = curveFile(kind);
  const curve = readCurve(kind);
  const have = await countDisclosures(store);
  if (have > N) throw new Error(`bench database holds ${have} disclosures, more than ${N}; delete it`);
  if (have < N) {
    if (have > 0) console.log(`resuming: ${have} of ${N} disclosures already saved`);
    const tenth = Math.max(1, Math.floor(N / 10));
    const cpu = await cpuMeter(store);
    const t0 = performance.now();
    let mark = performance.now();
    let markAt = have;
    let i = 0;
    let batch: SaveInput[] = [];
    const flush = async () => {
      const outcomes = await saveDisclosures(store, batch);
      const bad = outcomes.find((o) => !o.ok);
      if (bad && !bad.ok) throw bad.error;
      batch = [];
    };
    for (const g of generateDisclosures(N)) {
      if (i++ < have) continue;
      batch.push({ disclosure: g.disclosure, status: "published", region: g.region, level: "county" });
      // a batch never straddles a tenth, so each tenth is timed on its own saves
      if (batch.length >= BATCH || i % tenth === 0 || i === N) await flush();
      if (i % tenth === 0 || i === N) {
        const ms = performance.now() - mark;
        const point: CurvePoint = {
          tenth: Math.min(10, Math.ceil(i / tenth)),
          upTo: i,
          savesPerSecond: Math.round(((i - markAt) / ms) * 1000 * 10) / 10,
          at: new Date().toISOString(),
          pressure: cpuPressure(),
          cpuMsPerSave: Math.round(((await cpu.take()) / (i - markAt)) * 100) / 100,
        };
        // a tenth begun in an earlier run is measured only in part: marked as such
        if (markAt % tenth !== 0) point.pressure = `${point.pressure} (resumed part-way: ${i - markAt} saves)`;
        const k = curve.findIndex((c) => c.tenth === point.tenth);
        if (k >= 0) curve[k] = point;
        else curve.push(point);
        writeFileSync(file, JSON.stringify(curve, null, 1));
        console.log(
          `  ${String(point.tenth * 10).padStart(3)}%  ${String(i).padStart(7)} saved  ${String(point.savesPerSecond).padStart(7)} saves/s  ${String(point.cpuMsPerSave).padStart(6)} ms CPU/save  (${((performance.now() - t0) / 1000).toFixed(0)} s)  ${point.pressure}`,
        );
        mark = performance.now();
        markAt = i;
      }
    }
    console.log(`generated ${N - have} disclosures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (kind === "postgres") {
      // After a bulk load, what autovacuum would do in its own time (measured at 300,000: no
      // autovacuum had run, and the aggregates' index-only scans visited the heap, 1–3 s each):
      // statistics for the planner and the visibility map for index-only scans.
      const t1 = performance.now();
      await sql`vacuum (analyze) rollups, disclosures, departments, search_terms, search_words`.execute(store.db);
      console.log(`vacuum (analyze) after the load: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    }
  }
  return curve.sort((a, b) => a.tenth - b.tenth);
}

/**
 * CPU time since the last `take()`: this process, and on PostgreSQL the server processes of the
 * store's connections (found by pg_backend_pid; Linux /proc, same machine), each counted from
 * when it was first seen.
 */
async function cpuMeter(store: Store): Promise<{ take(): Promise<number> }> {
  const TICK_MS = 10; // USER_HZ 100
  const procCpu = (pid: number): number => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      return (Number(f[11]) + Number(f[12])) * TICK_MS;
    } catch {
      return 0;
    }
  };
  const backends = new Map<number, number>();
  const seeBackends = async () => {
    if (store.dialect !== "postgres") return;
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
    for (const r of rows) if (!backends.has(r.pid)) backends.set(r.pid, procCpu(r.pid));
  };
  await seeBackends();
  let last = process.cpuUsage();
  return {
    async take() {
      await seeBackends();
      const own = process.cpuUsage(last);
      last = process.cpuUsage();
      let server = 0;
      for (const [pid, was] of backends) {
        const now = procCpu(pid);
        server += now - was;
        backends.set(pid, now);
      }
      return (own.user + own.system) / 1000 + server;
    },
  };
}

function printCurve(curve: CurvePoint[]): void {
  if (curve.length === 0) {
    console.log("save curve: not recorded (the data was generated before the bench recorded it)");
    return;
  }
  console.log("save curve (bulk path, batches of up to %d, one transaction each):", BATCH);
  console.log("  tenth  up to      saves/s  ms CPU/save");
  for (const c of curve)
    console.log(
      `  ${String(c.tenth * 10).padStart(4)}%  ${String(c.upTo).padStart(7)}  ${String(c.savesPerSecond).padStart(9)}  ${String(c.cpuMsPerSave ?? "—").padStart(11)}`,
    );
  const first = curve.find((c) => c.tenth === 1);
  const last = curve.find((c) => c.tenth === 10);
  if (first && last) {
    const change = (last.savesPerSecond / first.savesPerSecond - 1) * 100;
    const cpuChange =
      first.cpuMsPerSave && last.cpuMsPerSave ? (last.cpuMsPerSave / first.cpuMsPerSave - 1) * 100 : undefined;
    const pct = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(0)}%`;
    console.log(
      `  last tenth vs first: ${pct(change)} saves/s${cpuChange === undefined ? "" : `, ${pct(cpuChange)} CPU per save`}  target within ±25%: ${Math.abs(change) <= 25 ? "met" : "NOT MET"} (saves/s)${cpuChange === undefined ? "" : `, ${Math.abs(cpuChange) <= 25 ? "met" : "NOT MET"} (CPU per save)`}`,
    );
  }
}

/** Bytes on disk per disclosure, in all and by table (SQLite: dbstat; PostgreSQL: pg_total_relation_size). */
async function printSize(store: Store, kind: "sqlite" | "postgres"): Promise<void> {
  const n = await countDisclosures(store);
  let parts: { name: string; bytes: number }[];
  let total: number;
  if (kind === "sqlite") {
    const file = dbConfig("sqlite") as { file: string };
    total = ["", "-wal"].reduce((s, x) => s + (existsSync(file.file + x) ? statSync(file.file + x).size : 0), 0);
    const r = await sql<{ name: string; bytes: number }>`
      select coalesce(m.tbl_name, s.name) as name, sum(s.pgsize) as bytes
      from dbstat s left join sqlite_master m on m.name = s.name group by 1 order by 2 desc`.execute(store.db);
    parts = r.rows;
  } else {
    const r = await sql<{ name: string; bytes: string }>`
      select c.relname as name, pg_total_relation_size(c.oid) as bytes
      from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = current_schema() and c.relkind in ('r', 'p') order by 2 desc`.execute(store.db);
    parts = r.rows.map((x) => ({ name: x.name, bytes: Number(x.bytes) }));
    total = parts.reduce((s, p) => s + p.bytes, 0);
  }
  const kb = (b: number) => (b / Math.max(n, 1) / 1024).toFixed(1);
  console.log(
    `size on disk: ${(total / 2 ** 20).toFixed(0)} MB for ${n} disclosures, ${kb(total)} KB per disclosure (with indexes${kind === "postgres" ? " and TOAST" : ""}); by table:`,
  );
  console.log(
    `  ${parts
      .filter((p) => p.bytes / Math.max(n, 1) >= 50)
      .map((p) => `${p.name} ${kb(p.bytes)}`)
      .join(" · ")}`,
  );
}

async function childServer(kind: "sqlite" | "postgres"): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      new URL(import.meta.url).pathname,
      "--child",
      kind,
      "--n",
      String(N),
      ...(EXAMPLES ? ["--examples"] : []),
    ],
    {
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buf = "";
    child.stdout?.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /PORT (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, port };
}

async function runChild(kind: "sqlite" | "postgres"): Promise<void> {
  const { closeApp, createApp } = await import("../src/server/app.ts");
  const { serve } = await import("@hono/node-server");
  const config = resolveConfig({ port: 0, seed: false }, {});
  const store = await openStore(dbConfig(kind), { busyWaitMs: config.limits.busyWaitMs });
  const app = createApp(store, config);
  // as `yusuan serve` does before it listens
  await warmPortal(app, store);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
    process.stdout.write(`PORT ${info.port}\n`);
    void warmAnswers(app);
  });
  // Server-side view of each request (parsed → response written), its GC pauses, CPU and
  // event-loop delay, so the report can tell the server's share of the latency from the machine's
  // (scheduling, the client).
  const meter = await processMeter();
  const times: number[] = [];
  // arrival times: how bunched the offered load is (autocannon's fixed rate is per connection
  // and per second: each connection sends its share back to back at the start of each second)
  const arrivals: number[] = [];
  server.on("request", (_req, res) => {
    const t0 = performance.now();
    arrivals.push(t0);
    res.once("finish", () => times.push(performance.now() - t0));
  });
  process.on("message", (m) => {
    if (m !== "stats") return;
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    let burst = 0;
    for (let a = 0, b = 0; b < arrivals.length; b++) {
      while ((arrivals[b] ?? 0) - (arrivals[a] ?? 0) >= 100) a++;
      burst = Math.max(burst, b - a + 1);
    }
    const stats: ServerStats = { p50: at(0.5), p99: at(0.99), burst, process: meter.take() };
    process.send?.(stats);
    times.length = 0;
    arrivals.length = 0;
  });
  process.once("SIGTERM", () =>
    server.close(() =>
      closeApp(app)
        .then(() => store.close())
        .then(() => process.exit(0)),
    ),
  );
}

/**
 * What one process did over a measured interval: its CPU time, its garbage-collection pauses (from
 * the `gc` performance entries: count, total and longest, and the longest major one) and its
 * event-loop delay. Measured in the server child and in this (the load generator's) process, so a
 * client p99 above the server's own time can be put down to one of them.
 */
interface ProcessStats {
  cpuMs: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** longest mark-compact (major) pause */
  gcMajorMaxMs: number;
  loopP99: number;
  loopMax: number;
}

async function processMeter(): Promise<{ take(): ProcessStats }> {
  const { monitorEventLoopDelay, PerformanceObserver, constants } = await import("node:perf_hooks");
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let gc = { count: 0, total: 0, max: 0, majorMax: 0 };
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.total += e.duration;
      gc.max = Math.max(gc.max, e.duration);
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majorMax = Math.max(gc.majorMax, e.duration);
    }
  });
  obs.observe({ entryTypes: ["gc"] });
  let cpu = process.cpuUsage();
  return {
    take() {
      const used = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      const out: ProcessStats = {
        cpuMs: (used.user + used.system) / 1000,
        gcCount: gc.count,
        gcTotalMs: gc.total,
        gcMaxMs: gc.max,
        gcMajorMaxMs: gc.majorMax,
        loopP99: loop.percentile(99) / 1e6,
        loopMax: loop.max / 1e6,
      };
      gc = { count: 0, total: 0, max: 0, majorMax: 0 };
      loop.reset();
      return out;
    },
  };
}

/** One line of a process's figures over a run of `requests` requests (CPU per request when given). */
function describeProcess(who: string, p: ProcessStats, requests?: number): string {
  return (
    `${who}: ${requests === undefined ? "" : `CPU ${(p.cpuMs / Math.max(requests, 1)).toFixed(2)} ms/request  `}` +
    `GC ${p.gcCount}× ${p.gcTotalMs.toFixed(0)} ms (longest ${p.gcMaxMs.toFixed(1)} ms, major ${p.gcMajorMaxMs.toFixed(1)} ms)  ` +
    `event-loop delay p99 ${p.loopP99.toFixed(0)} ms max ${p.loopMax.toFixed(0)} ms`
  );
}

const SEARCH_TERMS = [
  "人力资源",
  "财政",
  "就业补助",
  "2080101",
  "卫生",
  "巴州",
  "公安局",
  "住房公积金",
  "信息化",
  "208",
];

/** CPU pressure (Linux PSI): the share of time runnable tasks waited for a CPU, last 10 s. */
function cpuPressure(): string {
  try {
    const some = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(readFileSync("/proc/pressure/cpu", "utf8"));
    return some ? `cpu pressure avg10 ${some[1]}% avg60 ${some[2]}%` : "";
  } catch {
    return "";
  }
}

interface Scenario {
  name: string;
  paths: string[];
  target: number;
  /** reported, not judged */
  informational?: boolean;
  /**
   * The order the paths are asked in. "cycle" (the bench's order since session 1): i → (7919·i + 17)
   * mod n, which over 2,000 paths visits only 50 of them, so after its first second a run asks for
   * pages already cached. "every": i → i + 7919 mod n, every path once before any again (7919 is
   * prime), so at 2,000 paths nearly every request of a 10 s run is a page's first visit.
   */
  order?: "cycle" | "every";
  /** the paths of the steady-rate run, when it must not meet pages the autocannon run cached */
  pacedPaths?: string[];
}

/** The path indexes a run asks for, in order. */
function pathOrder(s: Scenario): () => number {
  let i = 0;
  const n = s.paths.length;
  return s.order === "every" ? () => (i = (i + 7919) % n) : () => (i = (i * 7919 + 17) % n); // deterministic spread over the paths
}

/** How many distinct paths `count` requests of a scenario ask for. */
function distinctPaths(s: Scenario, count: number): number {
  const next = pathOrder(s);
  const seen = new Set<number>();
  for (let k = 0; k < count; k++) seen.add(next());
  return seen.size;
}

/**
 * Latency percentiles of the responses themselves. autocannon's own histogram, at a fixed rate,
 * "corrects for coordinated omission" with an expected interval of ceil(1 / per-connection rate) =
 * 1 ms (autocannon 9.0.0, lib/run.js): a response that took T ms adds T − 1 made-up samples of
 * T − 1, T − 2, … 1 ms, so a few slow responses fill the histogram's top (at 200 req/s, 10
 * connections, 20–200 ms responses in the first second of a run tripled its sample count and set its
 * p99). Its rate limit is not a schedule either: each connection sends its 20 requests of a second
 * back to back, so no request is ever sent late. The target is judged on the responses corrected
 * for coordinated omission with the interval the schedule really has (1000 / per-connection rate ms,
 * 50 ms at 200 req/s over 10 connections), as HdrHistogram's recordValueWithExpectedInterval does: a
 * response slower than that interval stands also for the requests its connection could not send
 * meanwhile. The responses' own figures and autocannon's are printed beside it.
 */
function corrected(xs: readonly number[], interval: number): number[] {
  const out = [...xs];
  for (const x of xs) for (let missing = x - interval; missing >= interval; missing -= interval) out.push(missing);
  return out;
}

function percentiles(xs: number[]): { p50: number; p99: number; max: number } {
  xs.sort((a, b) => a - b);
  const at = (q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: xs[xs.length - 1] ?? 0 };
}

interface ServerStats {
  p50: number;
  p99: number;
  /** the most requests that arrived within any 100 ms */
  burst: number;
  process: ProcessStats;
}

/** The child's request timings since the last call (and resets them). */
function serverStats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as ServerStats));
    child.send("stats");
  });
}

/**
 * The Accept-Encoding every load request sends: a browser's by default (what the portal's
 * visitors send), `--accept-encoding none` for none (identity, as before compression).
 */
const ACCEPT_ENCODING = flag("accept-encoding", "gzip, deflate, br");
const requestHeaders: Record<string, string> = ACCEPT_ENCODING === "none" ? {} : { "accept-encoding": ACCEPT_ENCODING };

/** Bytes read per response (headers and body, as sent: compressed when the server compressed it). */
const bytesPerResponse = (r: Awaited<ReturnType<typeof autocannon>>) =>
  Math.round((r.throughput.total ?? 0) / Math.max(r.requests.total ?? 1, 1));

async function load(port: number, s: Scenario, child: ChildProcess, client: { take(): ProcessStats }) {
  let i = 0;
  // Warm-up (not reported): JIT, connection pools and the server's read caches.
  await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    overallRate: RATE,
    duration: 2,
    headers: requestHeaders,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: s.paths[i++ % s.paths.length] }) }],
  });
  await serverStats(child);
  client.take();
  const next = pathOrder(s);
  const times: number[] = [];
  const when: number[] = [];
  let bytes = 0;
  const run = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    overallRate: RATE,
    duration: DURATION,
    headers: requestHeaders,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: s.paths[next()] }) }],
  });
  run.on("response", (_client: unknown, _status: number, resBytes: number, ms: number) => {
    times.push(ms);
    when.push(performance.now());
    bytes += resBytes;
  });
  const r = await run;
  const own = client.take();
  const n = times.length;
  // where the slowest 1% fell: how many in the run's first second (new connections, pages not yet cached)
  const start = (when[0] ?? 0) - (times[0] ?? 0);
  const slowest = times
    .map((ms, k) => ({ ms, at: (when[k] ?? 0) - ms - start }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, Math.max(1, Math.ceil(n / 100)));
  const early = slowest.filter((x) => x.at < 1000).length;
  const interval = 1000 / (RATE / 10);
  const own99 = percentiles([...times]).p99;
  const t = percentiles(corrected(times, interval));
  const burstOk = r.errors === 0 && r.non2xx === 0 && t.p99 < s.target;
  const pressure = cpuPressure();
  const st = await serverStats(child);
  const ms = (x: number) => `${x.toFixed(0).padStart(4)} ms`;
  console.log(
    `${s.name.padEnd(28)} bursts (autocannon, 10 connections, each sending its ${RATE / 10} a second back to back; not judged):\n${"".padEnd(28)} ` +
      `p50 ${ms(t.p50)}  p99 ${ms(t.p99)} (corrected at ${interval} ms; responses' own p99 ${own99.toFixed(0)} ms)  max ${ms(t.max)}  ` +
      `${r.requests.average.toFixed(0).padStart(4)} req/s  errors ${r.errors}  non-2xx ${r.non2xx}  ` +
      `${Math.round(bytes / Math.max(n, 1))} bytes/response  p99 < ${s.target} ms: ${burstOk ? "yes" : "no"}\n${"".padEnd(28)} ` +
      `autocannon's p99 (filled in at 1 ms intervals, ${r.latency.totalCount ?? "?"} samples for ${n} responses): ${r.latency.p99} ms` +
      `${s.paths.length > 1 ? `  ·  ${distinctPaths(s, n)} distinct of ${s.paths.length} paths` : ""}` +
      `  ·  slowest 1%: ${early} of ${slowest.length} sent in the first second\n${"".padEnd(28)} ` +
      `server side: p50 ${st.p50.toFixed(1)} ms  p99 ${st.p99.toFixed(1)} ms  busiest 100 ms: ${st.burst} requests${pressure ? `  ${pressure}` : ""}\n` +
      `${"".padEnd(28)} ${describeProcess("server", st.process, n)}\n` +
      `${"".padEnd(28)} ${describeProcess("client (autocannon)", own, n)}`,
  );
  // The judged run: a steady RATE, open loop, latency from when each request was due (paced.ts).
  const pacedPaths = s.pacedPaths ?? s.paths;
  const nextPaced = pathOrder({ ...s, paths: pacedPaths });
  const p = await paced(port, () => pacedPaths[nextPaced()] as string, RATE, DURATION, requestHeaders);
  const ownP = client.take();
  const stP = await serverStats(child);
  const tp = percentiles([...p.times]);
  const codes = [...p.codes].map(([code, count]) => `${code}×${count}`).join(" ");
  const ok = p.errors === 0 && [...p.codes.keys()].every((c) => c === 200) && tp.p99 < s.target;
  const pressureP = cpuPressure();
  console.log(
    `${"".padEnd(28)} steady ${RATE} req/s (open loop, latency from when each request was due):\n${"".padEnd(28)} ` +
      `p50 ${ms(tp.p50)}  p99 ${ms(tp.p99)}  max ${ms(tp.max)}  ${(p.times.length / p.seconds).toFixed(0)} req/s  ` +
      `codes ${codes || "none"}  errors ${p.errors}  sent late (> 2 ms) ${p.late}  connections ${p.connections}  ` +
      `${Math.round(p.bytes / Math.max(p.times.length, 1))} body bytes/response  target p99 < ${s.target} ms: ${ok ? "met" : "NOT MET"}` +
      `${pacedPaths.length > 1 ? `  ·  ${distinctPaths({ ...s, paths: pacedPaths }, p.times.length)} distinct of ${pacedPaths.length} paths${s.pacedPaths ? " (none asked in the bursts)" : ""}` : ""}\n${"".padEnd(28)} ` +
      `server side: p50 ${stP.p50.toFixed(1)} ms  p99 ${stP.p99.toFixed(1)} ms  busiest 100 ms: ${stP.burst} requests${pressureP ? `  ${pressureP}` : ""}\n` +
      `${"".padEnd(28)} ${describeProcess("server", stP.process, p.times.length)}\n` +
      `${"".padEnd(28)} ${describeProcess("client (paced)", ownP, p.times.length)}`,
  );
  return ok;
}

async function benchBackend(kind: "sqlite" | "postgres"): Promise<boolean> {
  console.log(`\n### ${kind}: ${N} disclosures, ${RATE} req/s for ${DURATION} s each, 10 connections`);
  const store = await openStore(dbConfig(kind));
  const curve = AS_IS ? readCurve(kind) : await ensureData(store, kind);
  if (AS_IS) console.log(`--as-is: the load test on the ${await countDisclosures(store)} disclosures saved so far`);
  printCurve(curve);
  await printSize(store, kind);
  // uncached aggregates over everything and searches, timed directly (the server caches results)
  const stats = (ts: number[]) => {
    ts.sort((a, b) => a - b);
    const at = (q: number) => (ts[Math.min(ts.length - 1, Math.floor(q * ts.length))] ?? 0).toFixed(1);
    return `p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  max ${at(1)} ms`;
  };
  const RUNS = 30;
  for (const by of AGGREGATE_BY) {
    const ts: number[] = [];
    let groups = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      groups = (await aggregate(store, { by, limit: 20 }, { cache: false })).total;
      ts.push(performance.now() - t0);
    }
    console.log(`uncached aggregate by ${by.padEnd(16)} ${stats(ts)}  (${groups} groups, ${RUNS} runs)`);
  }
  {
    const ts: number[] = [];
    for (let i = 0; i < RUNS; i++)
      for (const t of SEARCH_TERMS) {
        const t0 = performance.now();
        // a distinct offset each round defeats the search cache without changing the work
        await search(store, t, { limit: 20, offset: i });
        ts.push(performance.now() - t0);
      }
    console.log(`uncached search (${SEARCH_TERMS.length} terms)  ${stats(ts)}  (${ts.length} runs)`);
  }
  const depts = await store.db
    .selectFrom("disclosures")
    .select(["department_id", "year"])
    .where("is_current", "=", 1)
    .orderBy("id")
    .limit(4000)
    .execute();
  await store.close();
  const { child, port } = await childServer(kind);
  try {
    const terms = SEARCH_TERMS;
    const all = depts.map((d) => `/departments/${d.department_id}/${d.year}`);
    // the bursts and the steady run each get their own 2,000 pages for "every page"
    const pages = all.slice(0, 2000);
    const unvisited = all.length > 2000 ? all.slice(2000) : undefined;
    const scenarios: Scenario[] = [
      { name: "noise floor (/healthz)", paths: ["/healthz"], target: 50, informational: true },
      { name: "department page", paths: pages, target: 50 },
      { name: "department page, every page", paths: pages, pacedPaths: unvisited, target: 50, order: "every" },
      // every term and grouping in turn (the "cycle" order asked for 2 of the 10 terms and 2 of the 6 groupings)
      { name: "search", paths: terms.map((t) => `/api/search?q=${encodeURIComponent(t)}`), target: 50, order: "every" },
      {
        name: "aggregate (all disclosures)",
        paths: ["functionClass", "economicClass", "fund", "year", "region", "department&limit=20"].map(
          (by) => `/api/aggregates?by=${by}`,
        ),
        target: 100,
        order: "every",
      },
    ];
    const client = await processMeter();
    console.log(
      `load requests send ${ACCEPT_ENCODING === "none" ? "no Accept-Encoding" : `Accept-Encoding: ${ACCEPT_ENCODING}`}`,
    );
    let ok = true;
    for (const s of scenarios) ok = ((await load(port, s, child, client)) || s.informational === true) && ok;
    return ok;
  } finally {
    child.kill("SIGTERM");
  }
}

/** One load run; prints latency, throughput and the status codes seen. */
async function loadOnce(
  port: number,
  name: string,
  paths: string[],
  rate: number,
  connections: number,
  warm: boolean,
  duration = DURATION,
) {
  let i = 0;
  const opts = (duration: number) => ({
    url: `http://127.0.0.1:${port}`,
    connections,
    overallRate: rate,
    duration,
    timeout: 30,
    headers: requestHeaders,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  if (warm) await autocannon(opts(2));
  const times: number[] = [];
  const run = autocannon(opts(duration));
  run.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  const r = await run;
  const t = percentiles(corrected(times, 1000 / (rate / connections)));
  const codes = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${s.count}`)
    .join(" ");
  console.log(
    `${name.padEnd(34)} p50 ${t.p50.toFixed(0).padStart(4)} ms  p99 ${t.p99.toFixed(0).padStart(5)} ms  max ${t.max.toFixed(0).padStart(5)} ms  ` +
      `(autocannon's p99 ${r.latency.p99} ms)  ` +
      `${r.requests.average.toFixed(0).padStart(4)} req/s  ${bytesPerResponse(r)} bytes/response  codes ${codes || "none"}  errors ${r.errors} timeouts ${r.timeouts}` +
      `${cpuPressure() ? `  ${cpuPressure()}` : ""}`,
  );
  return { ...r, responses: t };
}

async function benchExamples(): Promise<boolean> {
  const store = await openStore(dbConfig("sqlite"));
  if ((await countDisclosures(store)) === 0)
    await prepareStore(store, resolveConfig({ seed: true }, {}), (s) => process.stderr.write(`  ${s}\n`));
  const pages = await store.db
    .selectFrom("disclosures")
    .select(["department_id", "year"])
    .where("is_current", "=", 1)
    .orderBy("id")
    .execute();
  await store.close();
  const paths = pages.map((p) => `/departments/${p.department_id}/${p.year}`);
  console.log(
    `\n### bundled examples: ${paths.length} department pages, ${RATE} req/s for ${DURATION} s, 10 connections`,
  );
  const { child, port } = await childServer("sqlite");
  let ok = true;
  try {
    // the client's own JIT and the server's HTTP path warmed on /healthz; the pages stay cold
    await loadOnce(port, "(client warm-up on /healthz)", ["/healthz"], RATE, 10, false, 3);
    await serverStats(child);
    const cold = await loadOnce(port, "department page, just started", paths, RATE, 10, false);
    const st = await serverStats(child);
    console.log(
      `${"".padEnd(34)} server side: p50 ${st.p50.toFixed(1)} ms  p99 ${st.p99.toFixed(1)} ms  ${describeProcess("", st.process).slice(2)}`,
    );
    const warm = await loadOnce(port, "department page, warm", paths, RATE, 10, true);
    const st2 = await serverStats(child);
    console.log(
      `${"".padEnd(34)} server side: p50 ${st2.p50.toFixed(1)} ms  p99 ${st2.p99.toFixed(1)} ms  ${describeProcess("", st2.process).slice(2)}`,
    );
    for (const r of [cold, warm]) ok = ok && r.responses.p99 < 50 && r.errors === 0 && r.non2xx === 0;
    const over = await loadOnce(port, `overload, ${OVERLOAD} req/s, 200 connections`, paths, OVERLOAD, 200, false);
    // shed, not failed: only 200 and 503 (with Retry-After), no connection errors
    const faults = Object.keys(over.statusCodeStats ?? {}).filter((code) => code !== "200" && code !== "503");
    ok = ok && faults.length === 0 && over.errors === 0;
    const st3 = await serverStats(child);
    console.log(
      `${"".padEnd(34)} server side: p50 ${st3.p50.toFixed(1)} ms  p99 ${st3.p99.toFixed(1)} ms  ${describeProcess("", st3.process).slice(2)}`,
    );
    const healthz = await loadOnce(port, "after overload: department page", paths, RATE, 10, false);
    ok = ok && healthz.errors === 0;
  } finally {
    child.kill("SIGTERM");
  }
  console.log(`target (department page p99 < 50 ms at ${RATE} req/s, cold and warm): ${ok ? "met" : "NOT MET"}`);
  return ok;
}

if (argv[0] === "--child") {
  await runChild(argv[1] as "sqlite" | "postgres");
} else if (EXAMPLES) {
  process.exitCode = (await benchExamples()) ? 0 : 1;
} else {
  if (BACKEND !== "postgres" && !existsSync("data")) console.log("(creating data/ for the SQLite bench database)");
  const kinds = BACKEND === "both" ? (["sqlite", "postgres"] as const) : [BACKEND as "sqlite" | "postgres"];
  let ok = true;
  for (const k of kinds) ok = (await benchBackend(k)) && ok;
  process.exitCode = ok ? 0 : 1;
}
