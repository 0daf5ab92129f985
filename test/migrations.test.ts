import { createLogger, openDatabase } from "@gridgraph/kit";
import { registryDatabase } from "../registry/src/database";
import { subgraphs } from "../scripts/subgraphs";
import { dropDatabase, testDatabaseLocation } from "../scripts/in-process-stack";

/**
 * The committed migrations build exactly the schema the entities describe. If they did not,
 * the next `npm run migration:create` would generate a migration that undoes whatever exists
 * only in hand-written SQL (once: the natural-key unique indexes behind CONFLICT, placement's
 * generation table, the filter indexes). Each subgraph's database is migrated from the
 * committed migrations and asked what the generator would write.
 */
describe("migrations match the entities", () => {
  it.each([...subgraphs, registryDatabase].map((s) => [s.name, s] as const))(
    "%s: the migration generator finds nothing to generate",
    async (name, def) => {
      const location = testDatabaseLocation(`migrations_${name}`);
      const db = await openDatabase({
        service: name,
        location,
        entities: def.entities,
        migrations: def.migrations,
        logger: createLogger({}, "silent"),
      });
      try {
        const pending = await db.orm.migrator.getPendingMigrations();
        expect(pending).toEqual([]);
        // What `npm run migration:create` would write (its `up` statements), listed on failure.
        // What `npm run migration:create` would write, with the migrator's own options (not
        // safe, drops tables, no snapshot), so a failure lists the statements it would add.
        const diff = await db.orm
          .getSchemaGenerator()
          .getUpdateSchemaMigrationSQL({ wrap: false, safe: false, dropTables: true });
        expect(diff.up.trim()).toBe("");
      } finally {
        await db.close();
        if (location.kind === "server") await dropDatabase(location.url);
      }
    },
  );
});
