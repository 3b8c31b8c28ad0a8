/**
 * `loadFiles`, the bulk path of `import --save`: documents read one by one and saved a batch per
 * transaction, every outcome reported in order once its batch is committed; a file that cannot be
 * read and a document the store refuses are left out alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countDisclosures } from "../store/index.ts";
import { BACKENDS, openTestStore, type TestStore } from "../store/test-stores.ts";
import { makeDisclosure } from "../store/testing.ts";
import { type LoadOutcome, loadFiles } from "./seed.ts";

let dir: string;
const files: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "yusuan-load-"));
  const put = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    files.push(f);
  };
  for (let i = 0; i < 7; i++) {
    if (i === 3) put("broken.json", "{ not json");
    if (i === 5) {
      // a disclosure with no plausible year: refused by the store, alone
      const bad = makeDisclosure({ department: "批量坏年度局", region: "批市" });
      bad.meta.year = 0;
      put("year0.json", JSON.stringify(bad));
    }
    put(`d${i}.json`, JSON.stringify(makeDisclosure({ department: `批量第${i}局`, region: "批市", year: 2025 })));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const backend of BACKENDS) {
  describe(`loadFiles on ${backend}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(backend);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it("saves a batch per transaction, reports every file in order, leaves the bad ones out alone", async () => {
      const seen: [number, LoadOutcome][] = [];
      const before = t.store.generation;
      await loadFiles(
        t.store,
        files.map((file) => ({ file })),
        (o, i) => seen.push([i, o]),
        { batch: 4, flushMs: 60_000 },
      );
      expect(seen.map(([i]) => i)).toEqual(files.map((_, i) => i));
      const errors = seen.filter(([, o]) => "error" in o).map(([, o]) => o.file);
      expect(errors.map((f) => f.slice(dir.length + 1))).toEqual(["broken.json", "year0.json"]);
      expect(seen.filter(([, o]) => "saved" in o && !o.saved.unchanged)).toHaveLength(7);
      // 9 files in batches of 4: three transactions (each batch's save is one store write)
      expect(t.store.generation - before).toBe(3);
      expect(await countDisclosures(t.store)).toBe(7);
      // run again as it was: nothing new, every good file "unchanged"
      const again: LoadOutcome[] = [];
      await loadFiles(
        t.store,
        files.map((file) => ({ file })),
        (o) => again.push(o),
      );
      expect(again.filter((o) => "saved" in o && o.saved.unchanged)).toHaveLength(7);
      expect(await countDisclosures(t.store)).toBe(7);
    });
  });
}
