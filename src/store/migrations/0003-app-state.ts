/**
 * 0003: `app_state`, small facts about the installation that must survive a restart, e.g.
 * whether loading the bundled examples on first start was begun and finished (a start killed
 * half-way resumes it). Forward-only: once landed, never edit this file.
 */
import { type Kysely, type Migration, sql } from "kysely";

export function appState(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`create table app_state (
        key text primary key,
        value text not null,
        updated_at text not null
      )`.execute(db);
    },
  };
}
