/**
 * `npm run seed`: loads the seed data into every service's database (as configured by the
 * environment: embedded under .data/ by default) where that database is still empty.
 */
import "reflect-metadata";
import type { EntityManager } from "@mikro-orm/postgresql";
import { createLogger, databaseLocationFromEnv, openDatabase } from "@gridgraph/kit";
import { seedsByService } from "../seeds/load";
import { subgraphs } from "./subgraphs";

async function main() {
  const logger = createLogger({ tool: "seed" }, "warn");
  for (const def of subgraphs) {
    const db = await openDatabase({
      service: def.name,
      location: databaseLocationFromEnv(def.name),
      entities: def.entities,
      migrations: def.migrations,
      logger,
    });
    try {
      const result = await seedsByService[def.name as keyof typeof seedsByService](
        db.orm.em.fork() as EntityManager,
      );
      console.log(
        `${def.name.padEnd(17)} ${result.loaded ? "loaded" : "skipped"}: ${result.summary} (${db.description})`,
      );
    } finally {
      await db.close();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
