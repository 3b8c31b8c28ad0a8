/**
 * SIGKILL during an import (the probe's 28 kills left the database consistent; kept here): an
 * `import --save` of seed variants is killed at several points; after each kill the database
 * passes SQLite's integrity and foreign-key checks, every saved disclosure has all of its rows
 * (tables, facts, findings, rollups), one current version per department and year, and nothing
 * half-saved. A later import into the same file still works.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Disclosure } from "../../src/model/disclosure.ts";
import { openStore } from "../../src/store/index.ts";
import { ROOT, SEED } from "../cli/run.ts";
import { yusuanAsync } from "./helpers.ts";

let dir: string;
const NUMBERS = "零一二三四五六七八九";

/**
 * Starts an import and kills it (SIGKILL) once it has reported `afterSaves` files (one line each
 * on stdout, printed as each is saved): the next file's save is then under way.
 */
function importKilled(files: string[], db: string, afterSaves: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}bin/yusuan.js`, "import", ...files, "--save", "--db", db]);
    let lines = 0;
    const kill = () => child.kill("SIGKILL");
    child.stdout.on("data", (d: Buffer) => {
      lines += d.toString().split("\n").length - 1;
      if (lines >= afterSaves) kill();
    });
    const timer = setTimeout(kill, 120_000);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function consistency(db: string): Promise<number> {
  const store = await openStore({ kind: "sqlite", file: db });
  try {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
    expect(integrity.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
    expect((await sql`pragma foreign_key_check`.execute(store.db)).rows).toEqual([]);
    const rows = await store.db.selectFrom("disclosures").selectAll().execute();
    for (const r of rows) {
      const d = JSON.parse(r.body) as Disclosure;
      const count = async (table: "rollups" | "facts" | "findings") =>
        Number(
          (
            await store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("disclosure_id", "=", r.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count("rollups"), `rollups of ${r.id}`).toBeGreaterThan(0);
      expect(await count("facts"), `facts of ${r.id}`).toBe(d.facts.length);
      expect(await count("findings"), `findings of ${r.id}`).toBe(r.errors + r.warnings + r.notices);
      expect(r.status).toBe("published");
    }
    const current = await store.db
      .selectFrom("disclosures")
      .select(["department_id", "year", "kind"])
      .where("is_current", "=", 1)
      .execute();
    expect(new Set(current.map((c) => `${c.department_id}:${c.year}:${c.kind}`)).size).toBe(current.length);
    // one current version for every department and year saved (a re-import is a second version)
    expect(current.length).toBe(new Set(rows.map((r) => `${r.department_id}:${r.year}:${r.kind}`)).size);
    return rows.length;
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "yusuan-sigkill-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SIGKILL during import", () => {
  it("leaves the database consistent after each kill, and usable after", async () => {
    const seed = readFileSync(SEED, "utf8");
    // more files than one batch of the bulk path holds (100, or what was read in half a second), so
    // a kill after the first batch's lines always lands in the middle of the run however fast it reads
    const files = Array.from({ length: 250 }, (_, i) => {
      const f = join(dir, `v${i}.txt`);
      writeFileSync(
        f,
        seed.replaceAll(
          "新疆巴州人力资源和社会保障局",
          `新疆巴州杀进程${NUMBERS[Math.floor(i / 100)]}${NUMBERS[Math.floor(i / 10) % 10]}${NUMBERS[i % 10]}局`,
        ),
      );
      return f;
    });
    const db = join(dir, "killed.db");
    let saved = 0;
    const partial: number[] = [];
    for (const afterSaves of [1, 7, 19, 33]) {
      await importKilled(files, db, afterSaves);
      const n = await consistency(db);
      expect(n).toBeGreaterThanOrEqual(saved);
      saved = n;
      if (n > 0 && n < files.length) partial.push(n);
    }
    // at least one kill came in the middle of a run: something saved, not everything (later runs
    // skip what is saved already, unchanged, and may finish before their kill)
    expect(partial.length).toBeGreaterThan(0);
    const last = await yusuanAsync(["import", join(dir, "v0.txt"), "--save", "--db", db]);
    expect(last.status, last.stderr).toBe(0);
    await consistency(db);
  }, 300_000);
});
