/** The store: Kysely over SQLite or PostgreSQL. Repository functions take the Store handle. */
export * from "./aggregates.ts";
export * from "./app-state.ts";
export * from "./audits.ts";
export * from "./departments.ts";
export * from "./diff.ts";
export * from "./disclosures.ts";
export { migrate, openStore, type Store } from "./open-store.ts";
export * from "./tokens.ts";
export type * from "./types.ts";
