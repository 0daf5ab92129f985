import { createLogger, DEFAULT_PORTS, parseInteger, parsePort, parseUrl } from "@gridgraph/kit";
import type { JWK } from "jose";
import { generateAssertionKeys, type AssertionKeys } from "@gridgraph/kit";
import { TokenVerifier } from "./auth";
import { API_AUDIENCE, GATEWAY_CLIENT } from "./local-idp";
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
  const idpPort = parsePort(process.env.IDP_PORT, DEFAULT_PORTS.identity, "IDP_PORT", problems);
  const issuer = parseUrl(process.env.OIDC_ISSUER, `http://127.0.0.1:${idpPort}`, "OIDC_ISSUER", problems);
  const clockTolerance = parseInteger(
    process.env.OIDC_CLOCK_TOLERANCE_S,
    30,
    "OIDC_CLOCK_TOLERANCE_S",
    problems,
    [0, 600],
  );
  const algorithms = (process.env.OIDC_ALGORITHMS ?? "RS256,PS256,ES256").split(",").map((a) => a.trim());
  if (algorithms.some((a) => a === "none" || a.startsWith("HS"))) {
    problems.push("OIDC_ALGORITHMS may list only asymmetric algorithms (no 'none', no HS*)");
  }
  // The local IdP's gateway client is the default only when the issuer is the local IdP.
  const localIssuer = process.env.OIDC_ISSUER === undefined;
  const introspectionId =
    process.env.OIDC_INTROSPECTION_CLIENT_ID ?? (localIssuer ? GATEWAY_CLIENT.clientId : undefined);
  const introspectionSecret =
    process.env.OIDC_INTROSPECTION_CLIENT_SECRET ?? (localIssuer ? GATEWAY_CLIENT.clientSecret : undefined);
  let assertionKeys: AssertionKeys;
  if (process.env.INTERNAL_ASSERTION_PRIVATE_JWK) {
    try {
      const privateJwk = JSON.parse(process.env.INTERNAL_ASSERTION_PRIVATE_JWK) as JWK;
      const { d: _secret, ...publicJwk } = privateJwk;
      assertionKeys = { privateJwk, publicJwks: { keys: [publicJwk] } };
    } catch {
      problems.push("INTERNAL_ASSERTION_PRIVATE_JWK must be a private JWK (JSON)");
      assertionKeys = await generateAssertionKeys();
    }
  } else {
    assertionKeys = await generateAssertionKeys(); // one gateway: an ephemeral key is enough
  }
  if (problems.length) throw new Error(`Invalid configuration for gateway:\n  - ${problems.join("\n  - ")}`);
  const tokens = new TokenVerifier({
    issuer,
    audience: process.env.OIDC_AUDIENCE ?? API_AUDIENCE,
    algorithms,
    clockToleranceSeconds: clockTolerance,
    introspection:
      introspectionId && introspectionSecret
        ? { clientId: introspectionId, clientSecret: introspectionSecret }
        : undefined,
    logger,
  });
  const gateway = await startGateway({
    registryUrl,
    port,
    host: process.env.BIND_HOST,
    logger,
    exposeInternals: process.env.NODE_ENV === "development",
    pollIntervalMs: poll,
    tokens,
    assertionKeys,
  });
  logger.info("accepting access tokens", { issuer, audience: process.env.OIDC_AUDIENCE ?? API_AUDIENCE });
  stopGateway = () => gateway.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
