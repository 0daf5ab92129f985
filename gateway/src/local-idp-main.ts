import path from "node:path";
import { createLogger, DEFAULT_PORTS, parsePort } from "@gridgraph/kit";
import { DEMO_USERS, startLocalIdp } from "./local-idp";

/** The embedded OIDC provider as its own process (started by `npm start`). */
async function main() {
  const logger = createLogger({ service: "identity" });
  const problems: string[] = [];
  const port = parsePort(process.env.IDP_PORT, DEFAULT_PORTS.identity, "IDP_PORT", problems);
  if (problems.length) throw new Error(problems.join("; "));
  const dataDir = process.env.GRIDGRAPH_DATA_DIR ?? ".data";
  const keysFile = dataDir === "memory" ? undefined : path.resolve(dataDir, "identity", "signing-key.json");
  const idp = await startLocalIdp({
    port,
    host: process.env.BIND_HOST,
    keysFile,
    issuer: process.env.IDP_ISSUER,
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
  console.error(error);
  process.exit(1);
});
