import { createLogger, DEFAULT_PORTS, parseInteger, parsePort, parseUrl } from "../../subgraphs/kit/src";
import { startGateway } from "./server";

let stopGateway: (() => Promise<void>) | undefined;
const stop = async () => {
  await stopGateway?.();
  process.exit(0);
};
// Installed first: a signal while waiting for the supergraph stops at once.
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());

async function main() {
  const logger = createLogger({ service: "gateway" });
  const problems: string[] = [];
  const port = parsePort(process.env.GATEWAY_PORT, DEFAULT_PORTS.gateway, "GATEWAY_PORT", problems);
  const registryUrl = parseUrl(
    process.env.REGISTRY_URL,
    `http://127.0.0.1:${DEFAULT_PORTS.registry}`,
    "REGISTRY_URL",
    problems,
  );
  const poll = parseInteger(
    process.env.SUPERGRAPH_POLL_MS,
    5000,
    "SUPERGRAPH_POLL_MS",
    problems,
    [100, 3_600_000],
  );
  if (problems.length) throw new Error(`Invalid configuration for gateway:\n  - ${problems.join("\n  - ")}`);
  const gateway = await startGateway({
    registryUrl,
    port,
    host: process.env.BIND_HOST,
    logger,
    exposeInternals: process.env.NODE_ENV === "development",
    pollIntervalMs: poll,
  });
  stopGateway = () => gateway.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
