/** The migration list, in order. Forward-only: add new files, never edit landed ones. */
import type { Migration, MigrationProvider } from "kysely";
import { initial } from "./0001-initial.ts";
import { readPaths } from "./0002-read-paths.ts";
import { appState } from "./0003-app-state.ts";
import { identity } from "./0004-identity.ts";
import { audits } from "./0005-audits.ts";
import { scale } from "./0006-scale.ts";
import { search } from "./0007-search.ts";
import { factsDims } from "./0008-facts-dims.ts";

export type Dialect = "sqlite" | "postgres";

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        "0001-initial": initial(dialect),
        "0002-read-paths": readPaths(dialect),
        "0003-app-state": appState(),
        "0004-identity": identity(dialect),
        "0005-audits": audits(dialect),
        "0006-scale": scale(dialect),
        "0007-search": search(dialect),
        "0008-facts-dims": factsDims(),
      };
    },
  };
}
