/**
 * A sliding window of failures per key (a client address): `blockedFor` says how many seconds a
 * key must wait once it has `max` failures within `windowMs`. Memory is bounded: at most
 * `maxKeys` keys are tracked, the least recently failed dropped first.
 *
 * @example
 *   const w = new FailureWindow(10, 60_000);
 *   if (w.blockedFor(ip) > 0) refuse(); else if (!ok) w.fail(ip);
 */
export class FailureWindow {
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  private recent(key: string, t: number): number[] {
    const list = this.times.get(key);
    if (!list) return [];
    while (list.length > 0 && (list[0] as number) <= t - this.windowMs) list.shift();
    if (list.length === 0) this.times.delete(key);
    return list;
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string): number {
    const t = this.now();
    const list = this.recent(key, t);
    if (list.length < this.max) return 0;
    const oldest = list[list.length - this.max] as number;
    return Math.max(1, Math.ceil((oldest + this.windowMs - t) / 1000));
  }

  fail(key: string): void {
    const t = this.now();
    const list = this.recent(key, t);
    list.push(t);
    // only the last `max` matter for blocking
    if (list.length > this.max) list.splice(0, list.length - this.max);
    this.times.delete(key);
    this.times.set(key, list);
    while (this.times.size > this.maxKeys) {
      const first = this.times.keys().next().value;
      if (first === undefined) break;
      this.times.delete(first);
    }
  }
}
