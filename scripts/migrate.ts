/**
 * `npm run migrate [-- <service>...]`: applies pending migrations to the configured database
 * of every service (or those named) and exits; what the Kubernetes migration Job runs before
 * replicas start. Each service's migrations run under its advisory lock, so a replica that
 * starts meanwhile waits instead of migrating at the same time.
 */
import "reflect-metadata";
import { createLogger, databaseLocationFromEnv, openDatabase } from "@gridgraph/kit";
import { registryDatabase } from "../registry/src/database";
import { readCommandLine } from "./cli";
import { subgraphs } from "./subgraphs";

const services = [...subgraphs, registryDatabase];
const usage = `Usage: npm run migrate [-- <${services.map((s) => s.name).join("|")}>...]`;

async function main() {
  const { positionals } = readCommandLine({}, usage);
  const unknown = positionals.filter((name) => !services.some((s) => s.name === name));
  if (unknown.length) {
    process.stderr.write(`Unknown service: ${unknown.join(", ")}\n${usage}\n`);
    process.exit(2);
  }
  const chosen = positionals.length ? services.filter((s) => positionals.includes(s.name)) : services;
  const logger = createLogger({ service: "migrate" });
  for (const service of chosen) {
    const location = databaseLocationFromEnv(service.name);
    const db = await openDatabase({
      service: service.name,
      location,
      entities: service.entities,
      migrations: service.migrations,
      logger,
    });
    const executed = await db.orm.migrator.getExecutedMigrations();
    console.log(`${service.name}: ${db.description}, ${executed.length} migrations applied, none pending.`);
    await db.close();
  }
}

main().catch((error) => {
  console.error(String(error));
  process.exit(1);
});
