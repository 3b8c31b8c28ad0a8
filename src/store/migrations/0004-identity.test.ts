/**
 * Migration 0004 on a database saved by the code before it (both engines): departments keep their
 * ids and foreign keys, get their government from their names (广州市应急管理局 filed under 新疆
 * moves to 广东 · 广州市), and fact rows are rewritten from the saved Disclosure (the line and
 * function code taken from the printed row's other side are gone; dims are stored whole).
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrate } from "../open-store.ts";
import { factRow } from "../rows.ts";
import { makeDisclosure } from "../testing.ts";
import { databaseBefore } from "./testing.ts";

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`migration 0004 on ${dialect}`, () => {
    it("refiles departments by their government, keeps ids and references, rewrites scrambled facts", async () => {
      // the database as the code before 0003 and 0004 left it: 0001 and 0002 only
      const { db, schema, done } = await databaseBefore(dialect, "0003");
      try {
        // what the old code saved: the department under the template's region, facts scrambled
        const d = makeDisclosure({ department: "广州市应急管理局", year: 2026 });
        const ins = async (name: string, region: string) =>
          Number(
            (
              await sql<{ id: number }>`insert into departments (name, region, level, created_at)
                values (${name}, ${region}, 'unknown', '2026-01-01') returning id`.execute(db)
            ).rows[0]!.id,
          );
        const deptId = await ins("广州市应急管理局", "新疆");
        const otherId = await ins("江苏省高级人民法院", "江苏");
        const disc = await sql<{ id: number }>`insert into disclosures (department_id, year, kind, version, status,
            is_current, title, template, unit, content_sha256, body, errors, warnings, notices, created_at)
          values (${deptId}, 2026, 'budget', 1, 'published', 1, 't', 'xinjiang-2025-budget', 'wanyuan', 'x',
            ${JSON.stringify(d)}, 0, 0, 0, '2026-01-01') returning id`.execute(db);
        const id = Number(disc.rows[0]!.id);
        await sql`insert into tokens (token_hash, name, role, department_id, created_at)
          values ('h', 'editor', 'editor', ${deptId}, '2026-01-01')`.execute(db);
        const ctx = { disclosureId: id, departmentId: deptId, year: 2026, region: "新疆" };
        const rows = d.facts.map((f, i) => {
          const r = factRow(d, f, i, ctx);
          // the old scramble: table 1's expenditure side took its row's income line; dims partial
          return { ...r, line_key: r.table_key === "summary" ? "unitFunds" : r.line_key, dims: "{}" };
        });
        for (const r of rows) await db.insertInto("facts").values(r).execute();

        await migrate(db, dialect, schema);

        const dept = await sql<{ id: number; region: string; city: string; county: string; level: string }>`
          select id, region, city, county, level from departments order by id`.execute(db);
        expect(dept.rows.map((r) => ({ ...r, id: Number(r.id) }))).toEqual([
          { id: deptId, region: "广东", city: "广州市", county: "", level: "city" },
          { id: otherId, region: "江苏", city: "", county: "", level: "province" },
        ]);
        // references kept
        const tok = await sql<{ n: number }>`select count(*) as n from tokens t join departments d
          on d.id = t.department_id where d.name = '广州市应急管理局'`.execute(db);
        expect(Number(tok.rows[0]!.n)).toBe(1);
        if (dialect === "sqlite") {
          const bad = await sql`pragma foreign_key_check`.execute(db);
          expect(bad.rows).toEqual([]);
        }
        const facts = await db.selectFrom("facts").selectAll().where("disclosure_id", "=", id).orderBy("seq").execute();
        expect(facts).toHaveLength(d.facts.length);
        facts.forEach((r, i) => {
          const f = d.facts[i]!;
          // (0004 also stored the dims whole; 0008 dropped that copy: the body holds them)
          expect(r.line_key).toBe(f.dims.line ?? null);
          expect(r.function_code).toBe(f.dims.functionCode ?? null);
          expect(r.region).toBe("广东");
        });
        // a second department of the same name in another city can now be saved
        await sql`insert into departments (name, region, city, county, level, created_at)
          values ('教育局', '江苏', '无锡市', '', 'city', 'x'), ('教育局', '江苏', '苏州市', '', 'city', 'x')`.execute(
          db,
        );
      } finally {
        await done();
      }
    });
  });
}
