// autocannon ships no types; the part bench/portal.ts uses.
declare module "autocannon" {
  interface Histogram {
    p50: number;
    p99: number;
    average: number;
  }
  interface Result {
    latency: Histogram & { p90: number; max: number; totalCount?: number };
    requests: Histogram & { total?: number };
    /** bytes read per second; `total` is every byte read (headers and bodies) */
    throughput: Histogram & { total?: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats?: Record<string, { count: number }>;
  }
  interface Options {
    url: string;
    connections?: number;
    overallRate?: number;
    duration?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: { setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[];
  }
  /** the running load: a promise of its result, and its events ("response": client, status, bytes, ms) */
  interface Instance extends Promise<Result> {
    on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): Instance;
  }
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
