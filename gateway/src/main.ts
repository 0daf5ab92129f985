import {
  ConfigError,
  DelegationVerifier,
  createLogger,
  generateAssertionKeys,
  startTracing,
  type AssertionKeys,
} from "@gridgraph/kit";
import { TokenVerifier } from "./auth";
import { readGatewayConfig } from "./config";
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
  startTracing("gateway");
  const config = readGatewayConfig();
  let assertionKeys: AssertionKeys;
  if (config.assertionPrivateJwk) {
    const { d: _secret, ...publicJwk } = config.assertionPrivateJwk;
    assertionKeys = { privateJwk: config.assertionPrivateJwk, publicJwks: { keys: [publicJwk] } };
  } else {
    assertionKeys = await generateAssertionKeys(); // one gateway: an ephemeral key is enough
  }
  const tokens = new TokenVerifier({ ...config.oidc, logger });
  const gateway = await startGateway({
    registryUrl: config.registryUrl,
    registrySecret: config.registrySecret,
    port: config.port,
    host: config.host,
    logger,
    exposeInternals: config.exposeInternals,
    pollIntervalMs: config.pollIntervalMs,
    usageReportIntervalMs: config.usageReportIntervalMs,
    tokens,
    delegations: Object.keys(config.delegates).length ? new DelegationVerifier(config.delegates) : undefined,
    assertionKeys,
    limits: config.limits,
    subgraphFetch: config.subgraphFetch,
    supergraphCacheFile: config.supergraphCacheFile,
    redisUrl: config.redisUrl,
    portal: config.portal,
  });
  logger.info("accepting access tokens", { issuer: config.oidc.issuer, audience: config.oidc.audience });
  stopGateway = () => gateway.stop();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
