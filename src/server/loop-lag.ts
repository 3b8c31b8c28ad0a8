/**
 * How late the event loop runs, measured by a timer that should fire every `intervalMs`: the
 * smallest lateness over the last few ticks, so only lateness that lasts counts (one long task,
 * such as reading an uploaded PDF, makes one tick late, not five). When requests arrive faster
 * than the server can answer them, they queue before any handler runs (in sockets and the loop's
 * backlog), where no count of active requests sees them; the loop's lasting lateness does.
 * Admission sheds load on it.
 *
 * @example
 *   const lag = new LoopLag(); lag.start();
 *   if (lag.ms > 50) refuse();
 */
export class LoopLag {
  private timer: NodeJS.Timeout | undefined;
  private recent: number[] = [];
  private last = 0;

  constructor(
    private readonly intervalMs = 20,
    private readonly window = 5,
  ) {}

  /** The smallest lateness (ms) over the last `window` ticks: 0 until there are that many. */
  get ms(): number {
    return this.recent.length < this.window ? 0 : Math.min(...this.recent);
  }

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.recent.push(Math.max(0, now - this.last - this.intervalMs));
      if (this.recent.length > this.window) this.recent.shift();
      this.last = now;
    }, this.intervalMs);
    // never what keeps the process alive
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.recent = [];
  }
}
