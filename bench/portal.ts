/**
 * Load benchmark of the portal over N synthetic disclosures (default 10,000), on SQLite and
 * PostgreSQL: the department page, search, and an aggregate over all current disclosures, each at a
 * fixed request rate (default 200 req/s) with autocannon on loopback, against a real server in a
 * child process. Prints p50/p99 latency, throughput and errors. Each scenario gets an unreported
 * 2 s warm-up first. A `/healthz` scenario at the same rate gives the noise floor of the machine
 * (loopback, autocannon and scheduling; on a shared machine the CPU pressure from
 * /proc/pressure/cpu is printed too), and each scenario also prints the server's own view: the time
 * from a parsed request to its written response, and the server's event-loop delay. Uncached
 * aggregate and search timings (in process, 30 runs each, server caches bypassed) are printed
 * separately.
 *
 *   tsx bench/portal.ts [--backend sqlite|postgres|both] [--n 10000] [--duration 10] [--rate 200]
 *                       [--batch 100] [--as-is]
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
import { warmPortal } from "../src/server/warm.ts";
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
  });
  // Server-side view of each request (parsed → response written) and of event-loop delay, so the
  // report can tell the server's share of the latency from the machine's (scheduling, the client).
  const { monitorEventLoopDelay } = await import("node:perf_hooks");
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const times: number[] = [];
  server.on("request", (_req, res) => {
    const t0 = performance.now();
    res.once("finish", () => times.push(performance.now() - t0));
  });
  process.on("message", (m) => {
    if (m !== "stats") return;
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    process.send?.({ p50: at(0.5), p99: at(0.99), loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 });
    times.length = 0;
    loop.reset();
  });
  process.once("SIGTERM", () =>
    server.close(() =>
      closeApp(app)
        .then(() => store.close())
        .then(() => process.exit(0)),
    ),
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
}

interface ServerStats {
  p50: number;
  p99: number;
  loopP99: number;
  loopMax: number;
}

/** The child's request timings since the last call (and resets them). */
function serverStats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as ServerStats));
    child.send("stats");
  });
}

async function load(port: number, s: Scenario, child: ChildProcess) {
  let i = 0;
  // Warm-up (not reported): JIT, connection pools and the server's read caches.
  await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    overallRate: RATE,
    duration: 2,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: s.paths[i++ % s.paths.length] }) }],
  });
  i = 0;
  await serverStats(child);
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    overallRate: RATE,
    duration: DURATION,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          i = (i * 7919 + 17) % s.paths.length; // deterministic spread over the paths
          return { ...req, path: s.paths[i] };
        },
      },
    ],
  });
  const ok = r.errors === 0 && r.non2xx === 0 && r.latency.p99 < s.target;
  const pressure = cpuPressure();
  const st = await serverStats(child);
  console.log(
    `${s.name.padEnd(28)} p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  ` +
      `${r.requests.average.toFixed(0).padStart(4)} req/s  errors ${r.errors}  non-2xx ${r.non2xx}  ` +
      `target p99 < ${s.target} ms: ${ok ? "met" : "NOT MET"}\n${"".padEnd(28)} ` +
      `server side: p50 ${st.p50.toFixed(1)} ms  p99 ${st.p99.toFixed(1)} ms  ` +
      `event-loop delay p99 ${st.loopP99.toFixed(0)} ms max ${st.loopMax.toFixed(0)} ms${pressure ? `  ${pressure}` : ""}`,
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
    .limit(2000)
    .execute();
  await store.close();
  const { child, port } = await childServer(kind);
  try {
    const terms = SEARCH_TERMS;
    const scenarios: Scenario[] = [
      { name: "noise floor (/healthz)", paths: ["/healthz"], target: 50, informational: true },
      { name: "department page", paths: depts.map((d) => `/departments/${d.department_id}/${d.year}`), target: 50 },
      { name: "search", paths: terms.map((t) => `/api/search?q=${encodeURIComponent(t)}`), target: 50 },
      {
        name: "aggregate (all disclosures)",
        paths: ["functionClass", "economicClass", "fund", "year", "region", "department&limit=20"].map(
          (by) => `/api/aggregates?by=${by}`,
        ),
        target: 100,
      },
    ];
    let ok = true;
    for (const s of scenarios) ok = ((await load(port, s, child)) || s.informational === true) && ok;
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
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  if (warm) await autocannon(opts(2));
  const r = await autocannon(opts(duration));
  const codes = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${s.count}`)
    .join(" ");
  console.log(
    `${name.padEnd(34)} p50 ${String(r.latency.p50).padStart(4)} ms  p90 ${String(r.latency.p90).padStart(5)} ms  ` +
      `p99 ${String(r.latency.p99).padStart(5)} ms  max ${String(r.latency.max).padStart(5)} ms  ` +
      `${r.requests.average.toFixed(0).padStart(4)} req/s  codes ${codes || "none"}  errors ${r.errors} timeouts ${r.timeouts}` +
      `${cpuPressure() ? `  ${cpuPressure()}` : ""}`,
  );
  return r;
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
      `${"".padEnd(34)} server side: p50 ${st.p50.toFixed(1)} ms  p99 ${st.p99.toFixed(1)} ms  event-loop delay p99 ${st.loopP99.toFixed(0)} ms max ${st.loopMax.toFixed(0)} ms`,
    );
    const warm = await loadOnce(port, "department page, warm", paths, RATE, 10, true);
    const st2 = await serverStats(child);
    console.log(
      `${"".padEnd(34)} server side: p50 ${st2.p50.toFixed(1)} ms  p99 ${st2.p99.toFixed(1)} ms  event-loop delay p99 ${st2.loopP99.toFixed(0)} ms max ${st2.loopMax.toFixed(0)} ms`,
    );
    for (const r of [cold, warm]) ok = ok && r.latency.p99 < 50 && r.errors === 0 && r.non2xx === 0;
    const over = await loadOnce(port, `overload, ${OVERLOAD} req/s, 200 connections`, paths, OVERLOAD, 200, false);
    // shed, not failed: only 200 and 503 (with Retry-After), no connection errors
    const faults = Object.keys(over.statusCodeStats ?? {}).filter((code) => code !== "200" && code !== "503");
    ok = ok && faults.length === 0 && over.errors === 0;
    const st3 = await serverStats(child);
    console.log(
      `${"".padEnd(34)} server side: p50 ${st3.p50.toFixed(1)} ms  p99 ${st3.p99.toFixed(1)} ms  event-loop delay p99 ${st3.loopP99.toFixed(0)} ms max ${st3.loopMax.toFixed(0)} ms`,
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
