import type { EntityManager } from "@mikro-orm/postgresql";
import { AssertionVerifier } from "./assertion";
import { readServiceConfig, type ServiceName } from "./config";
import { withDatabaseLock } from "./database";
import { accessPolicyFromEnv } from "./identity";
import { createLogger } from "./logger";
import { registerSubgraph } from "./registry-client";
import { startSubgraph, type SubgraphDefinition } from "./subgraph-server";
import { startTracing } from "./tracing";

export interface SubgraphMainOptions {
  /** Loads this service's part of the seed data when its database is empty; returns rows written. */
  seed?: (em: EntityManager) => Promise<{ loaded: boolean; summary: string }>;
}

/** The whole life of a subgraph process: config, database, HTTP, seeds, registration, shutdown. */
export async function runSubgraphMain<L>(def: SubgraphDefinition<L>, options: SubgraphMainOptions = {}) {
  const logger = createLogger({ service: def.name });
  startTracing(def.name);
  let running: Awaited<ReturnType<typeof startSubgraph>> | undefined;
  // Installed first: a signal during start-up (database still opening) stops at once.
  const shutdown = async (signal: string) => {
    logger.info("stopping", { signal });
    await running?.stop().catch((error) => logger.error("error while stopping", { error }));
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  try {
    const config = readServiceConfig(def.name as ServiceName);
    running = await startSubgraph(def, {
      assertions: new AssertionVerifier(config.assertionKeys),
      accessPolicy: accessPolicyFromEnv(),
      port: config.port,
      host: config.host,
      database: config.database,
      logger,
      exposeInternals: config.exposeInternals,
    });
    if (config.seedOnEmpty && options.seed) {
      const seed = options.seed;
      const db = running.db;
      // Replicas starting together on one server: one seeds, the others then find data.
      const result = await withDatabaseLock(config.database, `seed:${def.name}`, () =>
        seed(db.orm.em.fork() as EntityManager),
      );
      if (result.loaded) {
        logger.info("loaded seed data", { summary: result.summary });
        await running.seeded();
      }
    }
    await registerSubgraph(
      config.registryUrl,
      { name: def.name, url: config.publicUrl, sdl: running.sdl },
      logger,
      config.registrySecret,
      undefined,
      config.registryApprovedBy,
    );
  } catch (error) {
    logger.error("failed to start", { error });
    process.exit(1);
  }
}
