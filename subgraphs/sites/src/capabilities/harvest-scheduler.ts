import type { EntityManager } from "@mikro-orm/postgresql";
import { ConfigReader, type AccessPolicyConfig, type Database, type Logger } from "@gridgraph/kit";
import { runDueHarvests } from "./domain/harvest.service";

/**
 * Runs due harvests every HARVEST_TICK_MS (default 60 s; 0: never, e.g. in tests that run
 * harvests themselves). A tick that is still busy when the next one comes is not doubled.
 */
export function startHarvestScheduler(services: {
  db: Database;
  logger: Logger;
  accessPolicy?: AccessPolicyConfig;
}): { stop(): Promise<void> } {
  const config = new ConfigReader("sites");
  const tickMs = config.integer("HARVEST_TICK_MS", 60_000, [0, 86_400_000], "milliseconds");
  config.done();
  if (tickMs === 0) return { stop: async () => undefined };
  const logger = services.logger.child({ component: "harvest" });
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runDueHarvests(services.db.orm.em.fork() as EntityManager, logger, services.accessPolicy)
      .catch((error) => logger.error("harvest tick failed", { error }))
      .finally(() => (running = null));
  }, tickMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
