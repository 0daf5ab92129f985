import path from "node:path";
import { ConfigReader, DEFAULT_PORTS, readRegistryUrl } from "@gridgraph/kit";
import type { JSONWebKeySet, JWK } from "jose";
import { API_AUDIENCE, API_RESOURCE, GATEWAY_CLIENT, PORTAL_CLIENT_ID } from "./local-idp";
import { defaultPortalDir, type PortalOptions } from "./portal";
import { readLimits, type QueryLimits } from "./limits";
import { DEFAULT_SUBGRAPH_FETCH, type SubgraphFetchOptions } from "./subgraph-fetcher";

export interface GatewayConfig {
  port: number;
  host: string | undefined;
  registryUrl: string;
  registrySecret: string;
  pollIntervalMs: number;
  /** USAGE_REPORT_MS: how often field usage goes to the registry; 0: only at stop. */
  usageReportIntervalMs: number;
  exposeInternals: boolean;
  oidc: {
    issuer: string;
    audience: string;
    algorithms: string[];
    clockToleranceSeconds: number;
    introspection?: { clientId: string; clientSecret: string };
  };
  /** DELEGATE_JWKS: services trusted to call on a user's behalf, with their public keys. */
  delegates: Record<string, JSONWebKeySet>;
  /** The assertion signing key every gateway replica shares; none: one is generated at start. */
  assertionPrivateJwk?: JWK;
  limits: QueryLimits;
  subgraphFetch: SubgraphFetchOptions;
  /** SUPERGRAPH_CACHE: where the last supergraph is kept; undefined: not kept. */
  supergraphCacheFile?: string;
  /** Redis for rate-limit counts shared by every gateway replica (REDIS_URL). */
  redisUrl?: string;
  /** The science portal at `/` (PORTAL_DIR, PORTAL_CLIENT_ID); PORTAL_DIR=none: not served. */
  portal?: PortalOptions;
}

/** The gateway's configuration, read once at start-up; every problem is reported at once. */
export function readGatewayConfig(env = process.env): GatewayConfig {
  const config = new ConfigReader("gateway", env);
  const port = config.port("GATEWAY_PORT", DEFAULT_PORTS.gateway);
  const registryUrl = readRegistryUrl(config);
  const registrySecret = config.raw("REGISTRY_GATEWAY_SECRET");
  if (!registrySecret)
    config.problem("REGISTRY_GATEWAY_SECRET must be set: the gateways' secret for reading the supergraph");
  const pollIntervalMs = config.integer("SUPERGRAPH_POLL_MS", 5000, [100, 3_600_000]);
  const usageReportIntervalMs = config.integer("USAGE_REPORT_MS", 10_000, [0, 3_600_000]);
  const idpPort = config.port("IDP_PORT", DEFAULT_PORTS.identity);
  const issuer = config.url("OIDC_ISSUER", `http://127.0.0.1:${idpPort}`);
  const clockToleranceSeconds = config.integer("OIDC_CLOCK_TOLERANCE_S", 30, [0, 600]);
  const algorithms = config.list("OIDC_ALGORITHMS", ["RS256", "PS256", "ES256"]);
  if (algorithms.some((a) => a === "none" || a.startsWith("HS"))) {
    config.problem("OIDC_ALGORITHMS may list only asymmetric algorithms (no 'none', no HS*)");
  }
  // The local IdP's gateway client is the default only when the issuer is the local IdP.
  const localIssuer = !config.isSet("OIDC_ISSUER");
  const clientId =
    config.raw("OIDC_INTROSPECTION_CLIENT_ID") ?? (localIssuer ? GATEWAY_CLIENT.clientId : undefined);
  const clientSecret =
    config.raw("OIDC_INTROSPECTION_CLIENT_SECRET") ?? (localIssuer ? GATEWAY_CLIENT.clientSecret : undefined);
  const assertionPrivateJwk = config.json<JWK>("INTERNAL_ASSERTION_PRIVATE_JWK", "a private JWK");
  if (assertionPrivateJwk && typeof assertionPrivateJwk.d !== "string")
    config.problem("INTERNAL_ASSERTION_PRIVATE_JWK must be a private JWK (it has no 'd')");
  const delegates =
    config.json<Record<string, JSONWebKeySet>>(
      "DELEGATE_JWKS",
      'an object of service name to JSON Web Key Set, e.g. {"jobs": {"keys": [...]}}',
    ) ?? {};
  for (const [service, jwks] of Object.entries(delegates))
    if (!Array.isArray(jwks?.keys) || jwks.keys.some((key) => "d" in key))
      config.problem(`DELEGATE_JWKS.${service} must be a public JSON Web Key Set (keys without 'd')`);
  const limits = readLimits(config);
  const dataDir = config.string("GRIDGRAPH_DATA_DIR", ".data");
  const cache = config.string(
    "SUPERGRAPH_CACHE",
    dataDir === "memory" ? "" : path.join(dataDir, "gateway", "supergraph.json"),
  );
  const subgraphFetch: SubgraphFetchOptions = {
    timeoutMs: config.integer("SUBGRAPH_TIMEOUT_MS", DEFAULT_SUBGRAPH_FETCH.timeoutMs, [100, 600_000]),
    mutationTimeoutMs: config.integer(
      "SUBGRAPH_MUTATION_TIMEOUT_MS",
      DEFAULT_SUBGRAPH_FETCH.mutationTimeoutMs,
      [100, 3_600_000],
    ),
    breakerFailures: config.integer(
      "SUBGRAPH_BREAKER_FAILURES",
      DEFAULT_SUBGRAPH_FETCH.breakerFailures,
      [1, 10_000],
    ),
    breakerResetMs: config.integer(
      "SUBGRAPH_BREAKER_RESET_MS",
      DEFAULT_SUBGRAPH_FETCH.breakerResetMs,
      [100, 3_600_000],
    ),
  };
  const redisUrl = config.isSet("REDIS_URL") ? config.url("REDIS_URL", "") : undefined;
  const portalDir = config.string("PORTAL_DIR", defaultPortalDir());
  const portal: PortalOptions | undefined =
    portalDir === "none"
      ? undefined
      : {
          dir: path.resolve(portalDir),
          issuer,
          clientId: config.string("PORTAL_CLIENT_ID", PORTAL_CLIENT_ID),
          // The local IdP issues JWTs for the API when asked for its resource; other issuers
          // (EGI Check-in) are configured by the operator, or not at all.
          resource: config.raw("PORTAL_RESOURCE") ?? (localIssuer ? API_RESOURCE : undefined),
        };
  config.done();
  return {
    port,
    host: config.raw("BIND_HOST"),
    registryUrl,
    registrySecret: registrySecret ?? "",
    limits,
    subgraphFetch,
    supergraphCacheFile: cache && cache !== "none" ? path.resolve(cache) : undefined,
    redisUrl,
    portal,
    pollIntervalMs,
    usageReportIntervalMs,
    exposeInternals: env.NODE_ENV === "development",
    oidc: {
      issuer,
      audience: config.string("OIDC_AUDIENCE", API_AUDIENCE),
      algorithms,
      clockToleranceSeconds,
      introspection: clientId && clientSecret ? { clientId, clientSecret } : undefined,
    },
    assertionPrivateJwk,
    delegates,
  };
}

export interface IdentityConfig {
  port: number;
  host: string | undefined;
  issuer: string | undefined;
  /** Where the provider keeps its signing key; undefined: in memory (a new key per start). */
  dataDir: string | undefined;
  /** Where the portal is served (the gateway's public address): its sign-in returns there. */
  portalOrigins: string[];
  /** IDP_ACCESS_TOKEN_TTL_S: how long an access token lives (default an hour). */
  accessTokenTtlSeconds: number;
}

/** The embedded identity provider's configuration (`npm start` runs it as its own process). */
export function readIdentityConfig(env = process.env): IdentityConfig {
  const config = new ConfigReader("identity", env);
  const port = config.port("IDP_PORT", DEFAULT_PORTS.identity);
  const issuer = config.isSet("IDP_ISSUER") ? config.url("IDP_ISSUER", "") : undefined;
  const dataDir = config.string("GRIDGRAPH_DATA_DIR", ".data");
  const gatewayPort = config.port("GATEWAY_PORT", DEFAULT_PORTS.gateway);
  const accessTokenTtlSeconds = config.integer("IDP_ACCESS_TOKEN_TTL_S", 3600, [60, 86_400]);
  // The portal is the gateway's `/`: as users reach it (PUBLIC_BASE_URL) and on this machine.
  const portalOrigins = [
    config.url("PUBLIC_BASE_URL", `http://127.0.0.1:${gatewayPort}`),
    `http://127.0.0.1:${gatewayPort}`,
    `http://localhost:${gatewayPort}`,
    ...config.list("PORTAL_ORIGINS", []),
  ].flatMap((url) => {
    if (URL.canParse(url)) return [new URL(url).origin];
    config.problem(`PORTAL_ORIGINS must list URLs such as https://portal.example.org; got '${url}'`);
    return [];
  });
  config.done();
  return {
    port,
    host: config.raw("BIND_HOST"),
    issuer,
    dataDir: dataDir === "memory" ? undefined : dataDir,
    portalOrigins: [...new Set(portalOrigins)],
    accessTokenTtlSeconds,
  };
}
