/**
 * The lying zip (issue 13, item 2): an .xlsx whose entry declares 1,000 bytes and inflates to
 * 2 GB, generated here (2 MB of repeated deflate blocks of zeros). The guard counts the bytes
 * that actually inflate and stops at the declared size: our message, little memory, nothing
 * handed to exceljs. The same through an upload (422) and a budget-package workbook.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.ts";
import { importBufferAsync } from "../../src/import/index.ts";
import { guardZip, inflateZip } from "../../src/import/xlsx/zip-guard.ts";
import { closeApp, createApp } from "../../src/server/app.ts";
import { createToken } from "../../src/store/index.ts";
import { openTestStore, type TestStore } from "../../src/store/test-stores.ts";
import { yusuan } from "../cli/run.ts";

const MB = 1024 * 1024;

/** Raw deflate data that inflates to `mb` MB of zeros: sync-flushed 1 MB segments, repeated, then a final block. */
function deflatedZeros(mb: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(MB), { finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array(mb).fill(segment), end]);
}

/** A zip of one stored-or-deflated entry per item, each declaring `declared` uncompressed bytes. */
function zip(items: { name: string; data: Buffer; declared: number; method?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const it of items) {
    const name = Buffer.from(it.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(it.method ?? 8, 8);
    local.writeUInt32LE(it.data.length, 18);
    local.writeUInt32LE(it.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(it.method ?? 8, 10);
    central.writeUInt32LE(it.data.length, 20);
    central.writeUInt32LE(it.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, it.data);
    centrals.push(central, name);
    offset += 30 + name.length + it.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(items.length, 8);
  eocd.writeUInt16LE(items.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const content = (s: string) => deflateRawSync(Buffer.from(s));

describe("the zip-bomb guard counts what actually inflates", () => {
  let bomb: Buffer;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "yusuan-bomb-"));
    bomb = zip([
      { name: "[Content_Types].xml", data: content("<Types/>"), declared: 8 },
      { name: "xl/worksheets/sheet1.xml", data: deflatedZeros(2048), declared: 1000 },
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses an entry that declares 1,000 bytes and inflates to 2 GB, in little memory", async () => {
    expect(bomb.length).toBeLessThan(4 * MB);
    const rss = process.memoryUsage().rss;
    const peak = process.resourceUsage().maxRSS * 1024;
    const r = await importBufferAsync(bomb, "bomb.xlsx");
    expect(r.disclosure).toBeUndefined();
    expect(r.problems.map((p) => p.code)).toEqual(["xlsx.refused"]);
    const message = r.problems[0]?.message ?? "";
    expect(message).toContain("xl/worksheets/sheet1.xml 声明解压后 1000 字节，实际超过 1000 字节");
    expect(message).toContain("疑似压缩炸弹");
    // our message only: nothing from JSZip or exceljs
    expect(message).not.toMatch(/Cannot create|Invalid string length|Corrupted zip|end of data/i);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MB);
    expect(process.resourceUsage().maxRSS * 1024 - peak).toBeLessThan(100 * MB);
  });

  it("refuses many entries that each tell the truth but together pass the cap, and an entry that gives less", async () => {
    const mb = deflatedZeros(3);
    const many = zip(Array.from({ length: 5 }, (_, i) => ({ name: `e${i}.xml`, data: mb, declared: 3 * MB })));
    expect(await inflateZip(many, { maxEntry: 4 * MB, maxTotal: 10 * MB, maxEntries: 10, maxRatio: 1e9 })).toMatch(
      /超过 10 MB/,
    );
    const short = zip([{ name: "a.xml", data: content("<a/>"), declared: 500 }]);
    expect(await guardZip(short)).toContain("声明解压后 500 字节，实际只有 4 字节");
    const honest = zip([{ name: "a.xml", data: content("<a/>"), declared: 4 }]);
    expect(await guardZip(honest)).toBeUndefined();
  });

  it("answers an upload of the bomb with 422 and our message", async () => {
    const t: TestStore = await openTestStore("sqlite");
    const app = createApp(t.store, resolveConfig({}, {}));
    try {
      const admin = (await createToken(t.store, { name: "admin", role: "admin" })).token;
      const fd = new FormData();
      fd.set("file", new File([bomb], "bomb.xlsx", { type: "application/octet-stream" }));
      const res = await app.request("/api/disclosures", {
        method: "POST",
        body: fd,
        headers: { Authorization: `Bearer ${admin}` },
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain("疑似压缩炸弹");
    } finally {
      await closeApp(app);
      await t.cleanup();
    }
  });

  it("refuses the bomb as a budget-package workbook and as a --catalog workbook", () => {
    writeFileSync(join(dir, "package.xlsx"), bomb);
    const pkg = yusuan(["build", join(dir, "package.xlsx"), "-o", join(dir, "out")]);
    expect(pkg.status).not.toBe(0);
    expect(pkg.stdout + pkg.stderr).toContain("疑似压缩炸弹");
    writeFileSync(join(dir, "catalog.xlsx"), bomb);
    const cat = yusuan([
      "build",
      "examples/bazhou-hrss-2025",
      "-o",
      join(dir, "out2"),
      "--catalog",
      join(dir, "catalog.xlsx"),
    ]);
    expect(cat.status).not.toBe(0);
    expect(cat.stdout + cat.stderr).toContain("疑似压缩炸弹");
  }, 300_000);
});
