/**
 * 0004: a disclosure's identity is its issuing government, department, year and kind. Forward-only:
 * once landed, never edit this file.
 *
 * - departments gain `city` and `county` ('' when none): the key becomes (region, city, county,
 *   name), so 教育局 of 无锡市 and of 苏州市 are two departments. SQLite cannot drop the old
 *   unique (name, region), so the table is rebuilt (rows keep their ids). Existing departments get
 *   their government from their names.
 * - disclosures gain `import_report`: what the importer found (tables read, each with a reading
 *   confidence, tables not found), JSON, null for documents saved before or built from packages.
 * - facts: rows saved before took a fact's line and function code from its printed row when the
 *   fact had none — in a two-sided table the other side's. Every fact row is rewritten from the
 *   saved Disclosure body (the truth), its dims stored whole.
 */
import { type Kysely, type Migration, sql } from "kysely";
import { governmentOf } from "../../catalog/regions.ts";
import type { Dialect } from "./index.ts";

interface FactBody {
  measure: string;
  dims: Record<string, string>;
  amount: number;
  cell: { table: number; row: number; column: number };
}
interface Body {
  tables: { no: number; id: string; columns: { key: string }[]; rows: { kind: string }[] }[];
  facts: FactBody[];
}

const pick = (dims: Record<string, string>, ...keys: string[]): string | null => {
  for (const k of keys) {
    const v = dims[k];
    if (v !== undefined && v !== "") return v;
  }
  return null;
};

export function identity(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // SQLite migrations run outside a transaction (Kysely): a savepoint makes this one atomic,
      // inside or outside a transaction someone else opened
      if (dialect === "sqlite") await sql`savepoint m0004`.execute(db);
      try {
        await departments(db, dialect);
        await sql`alter table disclosures add column import_report text`.execute(db);
        await facts(db);
        if (dialect === "sqlite") await sql`release m0004`.execute(db);
      } catch (e) {
        if (dialect === "sqlite") {
          await sql`rollback to m0004`.execute(db);
          await sql`release m0004`.execute(db);
        }
        throw e;
      }
    },
  };
}

async function departments(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") {
    await sql`alter table departments add column city text not null default ''`.execute(db);
    await sql`alter table departments add column county text not null default ''`.execute(db);
    await sql`alter table departments drop constraint if exists departments_name_region_key`.execute(db);
    await sql`alter table departments add constraint departments_identity unique (region, city, county, name)`.execute(
      db,
    );
  } else {
    // Rebuilt under its own name: copied aside, dropped and made anew, the rows put back with their
    // ids. With foreign keys deferred, the drop's implicit delete and the rows' return balance out
    // before the commit, so disclosures, search_terms and tokens keep pointing at their rows.
    await sql`pragma defer_foreign_keys = on`.execute(db);
    await sql`create temporary table departments_0003 as select * from departments`.execute(db);
    await sql`drop table departments`.execute(db);
    await sql`create table departments (
      id integer primary key autoincrement,
      name text not null,
      region text not null,
      city text not null default '',
      county text not null default '',
      level text not null,
      created_at text not null,
      unique (region, city, county, name)
    )`.execute(db);
    await sql`insert into departments (id, name, region, level, created_at)
      select id, name, region, level, created_at from departments_0003`.execute(db);
    await sql`drop table departments_0003`.execute(db);
  }
  // The government a department's name states wins over the region it was filed under (a template's:
  // 广州市应急管理局 under 新疆), unless that identity exists already. With the catalogue of the day:
  // saves from now on file by the same function, so old and new rows of one department meet.
  const rows = await sql<{
    id: number;
    name: string;
    region: string;
  }>`select id, name, region from departments`.execute(db);
  for (const r of rows.rows) {
    const g = governmentOf(r.name);
    if (!g) continue;
    const [region, city, county] = [g.province, g.city ?? "", g.county ?? ""];
    const taken = await sql<{ id: number }>`select id from departments
      where region = ${region} and city = ${city} and county = ${county} and name = ${r.name} and id <> ${r.id}`.execute(
      db,
    );
    if (taken.rows.length > 0) continue;
    await sql`update departments set region = ${region}, city = ${city}, county = ${county}, level = ${g.level}
      where id = ${r.id}`.execute(db);
    if (region !== r.region) {
      await sql`update facts set region = ${region} where department_id = ${r.id}`.execute(db);
      await sql`update rollups set region = ${region} where department_id = ${r.id}`.execute(db);
    }
  }
}

async function facts(db: Kysely<unknown>): Promise<void> {
  const ids = await sql<{ id: number }>`select distinct disclosure_id as id from facts order by 1`.execute(db);
  for (const { id } of ids.rows) {
    const got = await sql<{ body: string }>`select body from disclosures where id = ${id}`.execute(db);
    const body = got.rows[0]?.body;
    if (!body) continue;
    const d = JSON.parse(body) as Body;
    for (const [seq, f] of d.facts.entries()) {
      const t = d.tables.find((x) => x.no === f.cell.table);
      const fc = pick(f.dims, "functionCode", "function");
      const ec = pick(f.dims, "economicCode", "economicClass", "economic");
      await sql`update facts set
          table_key = ${t?.id ?? null},
          column_key = ${pick(f.dims, "column") ?? t?.columns[f.cell.column]?.key ?? null},
          grain = ${pick(f.dims, "rowKind") ?? t?.rows[f.cell.row]?.kind ?? null},
          line_key = ${pick(f.dims, "line", "lineKey")},
          function_code = ${fc},
          function_class = ${fc ? fc.slice(0, 3) : null},
          economic_code = ${ec},
          economic_class = ${ec ? ec.slice(0, 3) : null},
          dims = ${JSON.stringify(f.dims)}
        where disclosure_id = ${id} and seq = ${seq}`.execute(db);
    }
  }
}
