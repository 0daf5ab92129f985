import { ConfigError, createLogger } from "@gridgraph/kit";
import { readRegistryConfig } from "./config";
import { startRegistry } from "./server";

async function main() {
  const logger = createLogger({ service: "registry" });
  const config = readRegistryConfig();
  const registry = await startRegistry({ ...config, logger });
  // The history survives restarts: the last supergraph is served before any subgraph is back.
  const live = await registry.store.live();
  if (live)
    logger.info("serving the last supergraph", { supergraphVersion: live.version, supergraphId: live.id });
  const stop = async () => {
    await registry.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
