import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LruCache } from "./cache.ts";

describe("LruCache", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-05T12:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A computation that answers "v1", "v2", … in turn and counts its calls. */
  function counter() {
    let n = 0;
    const compute = vi.fn(async () => `v${++n}`);
    return compute;
  }

  it("answers from the cache within the lifetime and shares one computation between concurrent misses", async () => {
    const cache = new LruCache<string>(10, 1000);
    const compute = counter();
    const [a, b] = await Promise.all([cache.wrap("k", compute), cache.wrap("k", compute)]);
    expect([a, b]).toEqual(["v1", "v1"]);
    vi.advanceTimersByTime(999);
    expect(await cache.wrap("k", compute)).toBe("v1");
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it("without a stale allowance, an expired entry is a miss the request waits for", async () => {
    const cache = new LruCache<string>(10, 1000);
    const compute = counter();
    await cache.wrap("k", compute);
    vi.advanceTimersByTime(1001);
    expect(cache.get("k")).toBeUndefined();
    expect(await cache.wrap("k", compute)).toBe("v2");
  });

  it("answers an expired entry within the stale allowance at once and refreshes it once in the background", async () => {
    const cache = new LruCache<string>(10, 1000, undefined, 5000);
    let release: (v: string) => void = () => {};
    const slow = vi.fn(() => new Promise<string>((r) => (release = r)));
    const compute = counter();
    await cache.wrap("k", compute);
    vi.advanceTimersByTime(1500);
    // stale: answered as it is, one refresh started (not one per request)
    expect(await cache.wrap("k", slow)).toBe("v1");
    expect(await cache.wrap("k", slow)).toBe("v1");
    expect(slow).toHaveBeenCalledTimes(1);
    // get() never answers stale
    expect(cache.get("k")).toBeUndefined();
    release("fresh");
    await vi.advanceTimersByTimeAsync(0);
    expect(cache.get("k")).toBe("fresh");
    expect(await cache.wrap("k", compute)).toBe("fresh");
  });

  it("past the stale allowance the request waits for the computation", async () => {
    const cache = new LruCache<string>(10, 1000, undefined, 5000);
    const compute = counter();
    await cache.wrap("k", compute);
    vi.advanceTimersByTime(6001);
    expect(await cache.wrap("k", compute)).toBe("v2");
  });

  it("a failed refresh keeps the stale answer until it runs out, then the error reaches the caller", async () => {
    const cache = new LruCache<string>(10, 1000, undefined, 5000);
    await cache.wrap("k", counter());
    vi.advanceTimersByTime(2000);
    const failing = vi.fn(async (): Promise<string> => {
      throw new Error("database gone");
    });
    expect(await cache.wrap("k", failing)).toBe("v1");
    await vi.advanceTimersByTimeAsync(0);
    expect(await cache.wrap("k", failing)).toBe("v1");
    vi.advanceTimersByTime(4001);
    await expect(cache.wrap("k", failing)).rejects.toThrow("database gone");
  });
});
