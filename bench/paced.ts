/**
 * An open-loop load at a steady rate, as a visitor population makes it: request k is due at
 * start + k · (1000 / rate) ms and is sent then, whatever the earlier requests are doing (a new
 * keep-alive connection is opened when every open one is busy), and its latency is counted from when
 * it was due, not from when it was sent. A slow server, or a client that fell behind its schedule,
 * therefore shows in the figures: no coordinated omission, as wrk2 measures.
 *
 * Why beside autocannon: autocannon's fixed rate (`overallRate`, 9.0.0 lib/httpClient.js) is a
 * budget per connection and per second, so with 10 connections at 200 req/s each connection sends
 * its 20 requests back to back at the start of every second: 10 requests in flight until the
 * second's 200 are done, then nothing. Its latencies are those of bursts at ten at a time, not of
 * 200 requests a second.
 */
import { Agent, request } from "node:http";

export interface PacedResult {
  /** latency of each completed request, ms from when it was due */
  times: number[];
  /** status code → count */
  codes: Map<number, number>;
  errors: number;
  bytes: number;
  /** requests sent more than 2 ms after they were due (the client's own lateness, in the latency too) */
  late: number;
  /** the most connections open at once */
  connections: number;
  seconds: number;
}

/**
 * Runs `rate` requests a second for `seconds` against 127.0.0.1:`port`, asking `nextPath()` for
 * each request's path; resolves once every request has been answered or failed.
 */
export function paced(
  port: number,
  nextPath: () => string,
  rate: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const out: PacedResult = {
    times: [],
    codes: new Map(),
    errors: 0,
    bytes: 0,
    late: 0,
    connections: 0,
    seconds,
  };
  let inFlight = 0;
  let done = 0;
  return new Promise((resolve) => {
    const finish = () => {
      if (++done < total) return;
      agent.destroy();
      resolve(out);
    };
    const send = (due: number) => {
      if (performance.now() - due > 2) out.late++;
      inFlight++;
      out.connections = Math.max(out.connections, inFlight);
      // each request ends once: answered, or failed (refused, reset, cut off mid-body, timed out)
      let ended = false;
      const end = (code?: number) => {
        if (ended) return;
        ended = true;
        if (code === undefined) out.errors++;
        else {
          out.times.push(performance.now() - due);
          out.codes.set(code, (out.codes.get(code) ?? 0) + 1);
        }
        inFlight--;
        finish();
      };
      const req = request({ host: "127.0.0.1", port, path: nextPath(), agent, headers }, (res) => {
        res.on("data", (chunk: Buffer) => {
          out.bytes += chunk.length;
        });
        res.on("end", () => end(res.statusCode ?? 0));
        res.on("aborted", () => end());
        res.on("error", () => end());
      });
      req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => end());
      req.end();
    };
    const start = performance.now() + 5;
    let k = 0;
    const tick = () => {
      const now = performance.now();
      while (k < total && start + k * interval <= now) send(start + k++ * interval);
      if (k < total) setTimeout(tick, Math.max(0, start + k * interval - performance.now()));
    };
    setTimeout(tick, 5);
  });
}
