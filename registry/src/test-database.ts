import { createLogger, type Database, type DatabaseLocation } from "@gridgraph/kit";
import { openRegistryDatabase } from "./database";

/**
 * One registry database for a whole test file (opening PGlite takes seconds), emptied
 * before each test so every test starts with a registry that has never seen a publish.
 */
export function sharedRegistryDatabase(location: DatabaseLocation = { kind: "memory" }) {
  let db: Database | undefined;
  return {
    async open() {
      db = await openRegistryDatabase(location, createLogger({}, "silent"));
      return db;
    },
    async empty() {
      await db!.orm.em
        .fork()
        .execute(
          "truncate subgraph_version, supergraph_version, live_subgraph, operation_usage restart identity",
        );
      return db!;
    },
    get db() {
      return db!;
    },
    close: () => db?.close(),
  };
}
