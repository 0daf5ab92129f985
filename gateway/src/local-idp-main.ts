import path from "node:path";
import { ConfigError, createLogger } from "@gridgraph/kit";
import { readIdentityConfig } from "./config";
import { DEMO_USERS, startLocalIdp } from "./local-idp";

/** The embedded OIDC provider as its own process (started by `npm start`). */
async function main() {
  const logger = createLogger({ service: "identity" });
  const config = readIdentityConfig();
  const idp = await startLocalIdp({
    port: config.port,
    host: config.host,
    keysFile: config.dataDir && path.resolve(config.dataDir, "identity", "signing-key.json"),
    issuer: config.issuer,
    portalOrigins: config.portalOrigins,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    logger,
  });
  logger.info("demo users", { users: DEMO_USERS.map((u) => `${u.username}: ${u.description}`) });
  const stop = async () => {
    await idp.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
