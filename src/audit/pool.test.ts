import { describe, expect, it } from "vitest";
import { runPool } from "./pool.ts";

const SEED = new URL("../../test/fixtures/bazhou-hrss-2025-budget.txt", import.meta.url).pathname;

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
});
