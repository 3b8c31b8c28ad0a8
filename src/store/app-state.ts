/** Small facts about the installation that survive restarts (table app_state, migration 0003). */
import type { Store } from "./open-store.ts";

export async function getState(store: Store, key: string): Promise<string | undefined> {
  const r = await store.db.selectFrom("app_state").select("value").where("key", "=", key).executeTakeFirst();
  return r?.value;
}

export async function setState(store: Store, key: string, value: string): Promise<void> {
  const updated_at = new Date().toISOString();
  await store.db
    .insertInto("app_state")
    .values({ key, value, updated_at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at }))
    .execute();
}

/** Source file names of the disclosures saved by the examples loader (created_by "examples"). */
export async function exampleSourceNames(store: Store): Promise<Set<string>> {
  const rows = await store.db
    .selectFrom("disclosures as x")
    .innerJoin("source_files as f", "f.id", "x.source_file_id")
    .select("f.name")
    .where("x.created_by", "=", "examples")
    .execute();
  return new Set(rows.map((r) => r.name));
}

/** Whether every saved disclosure came from the examples loader (true for an empty database). */
export async function onlyExamples(store: Store): Promise<boolean> {
  const r = await store.db
    .selectFrom("disclosures")
    .select("id")
    .where((eb) => eb.or([eb("created_by", "is", null), eb("created_by", "!=", "examples")]))
    .limit(1)
    .executeTakeFirst();
  return r === undefined;
}
