/**
 * Load shedding: at most `maxActive` requests are handled at once and at most `maxQueued` wait
 * for a turn; beyond that a request is answered 503 with Retry-After at once, and a queued
 * request that waited longer than `maxQueueWaitMs` is answered 503 too rather than late. Requests
 * that queue before any handler runs (the CPU is the bottleneck and every handler is quick) show
 * as event-loop lateness: past `maxLoopLagMs`, new requests are answered 503 too, cheaply, until
 * the loop catches up. Without this, an overloaded server queues without bound and every answer
 * arrives seconds late.
 *
 * @example
 *   app.use(new Admission(config.limits).middleware());
 */
import type { MiddlewareHandler } from "hono";
import type { ServerLimits } from "../config.ts";
import { busy } from "./errors.ts";

/** Cheap answers that must stay available under load (health checks). */
const EXEMPT = new Set(["/healthz"]);

export class Admission {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limits: Pick<ServerLimits, "maxActive" | "maxQueued" | "maxQueueWaitMs" | "maxLoopLagMs">,
    private readonly now: () => number = Date.now,
    /** the event loop's current lateness in ms (LoopLag) */
    private readonly lag: () => number = () => 0,
  ) {}

  /** Requests being handled and waiting, for monitoring. */
  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiting.length };
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (EXEMPT.has(c.req.path)) return next();
      if (this.lag() > this.limits.maxLoopLagMs) throw busy("服务器繁忙，请稍后再试");
      if (this.active >= this.limits.maxActive) {
        if (this.waiting.length >= this.limits.maxQueued) throw busy("服务器繁忙，请稍后再试");
        const queuedAt = this.now();
        // the slot is handed over by release(): `active` stays counted
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        if (this.now() - queuedAt > this.limits.maxQueueWaitMs) {
          this.release();
          throw busy("服务器繁忙，请稍后再试");
        }
      } else this.active++;
      try {
        await next();
      } finally {
        this.release();
      }
    };
  }
}
