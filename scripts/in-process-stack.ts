import { ClientError, GraphQLClient } from "graphql-request";
import { Client } from "pg";
import type { EntityManager } from "@mikro-orm/postgresql";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AssertionVerifier,
  DelegationSigner,
  DelegationVerifier,
  GatewayClient,
  generateDelegationKeys,
  generateAssertionKeys,
  type AssertionKeys,
  createLogger,
  registerSubgraph,
  startSubgraph,
  type DatabaseLocation,
  type RunningSubgraph,
  type Logger,
} from "@gridgraph/kit";
import { generateCredentials, type RegistryCredentials } from "../registry/src/access";
import { startRegistry } from "../registry/src/server";
import { startGateway, type GatewayOptions } from "../gateway/src/server";
import { TokenVerifier } from "../gateway/src/auth";
import { API_AUDIENCE, GATEWAY_CLIENT, startLocalIdp, type LocalIdp } from "../gateway/src/local-idp";
import { subgraphs } from "./subgraphs";
import type { JobsSettings } from "../subgraphs/jobs/src/config";
import { DEFAULT_NAMESPACES, type DatasetsSettings } from "../subgraphs/datasets/src/config";
import { seedsByService } from "../seeds/load";
import {
  readResearchObjectsSettings,
  type ResearchObjectsSettings,
} from "../subgraphs/research-objects/src/config";

/**
 * The whole graph in one test process: registry, the four subgraphs on their own databases,
 * and the gateway, all on free ports. Databases are in-memory PGlite by default, or fresh
 * databases on the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
 */
export type ServiceName = "sites" | "datasets" | "jobs" | "research-objects";

export interface Stack {
  gatewayUrl: string;
  idp: LocalIdp;
  /** The gateway's assertion keys: tests sign assertions with them, or forge others. */
  assertionKeys: AssertionKeys;
  /** An access token for a demo user (alice, lars, erik, sara, pat) from the local IdP. */
  tokenFor(username: string): Promise<string>;
  registryUrl: string;
  /** The registry's secrets: each subgraph's, and the gateways'. */
  registryCredentials: RegistryCredentials;
  subgraphs: Record<ServiceName, RunningSubgraph>;
  /** The jobs service's settings as this stack runs it (working and storage directories...). */
  jobsSettings: JobsSettings;
  /** The datasets service's settings as this stack runs it (its storage folder...). */
  datasetsSettings: DatasetsSettings;
  client: GraphQLClient;
  /** Runs a query through the gateway; returns data and errors without throwing. */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { as?: string; token?: string },
  ): Promise<{ data: T; errors?: GraphQLErrorJson[] }>;
  em(service: ServiceName): EntityManager;
  stopSubgraph(service: ServiceName): Promise<void>;
  /** Starts a stopped subgraph again on its port and database (a restart of that service). */
  startSubgraphAgain(service: ServiceName): Promise<void>;
  /** Sends the field usage the gateway counted so far to the registry. */
  flushUsage(): Promise<void>;
  /** Stops the registry and starts it again on the same port and database. */
  restartRegistry(): Promise<void>;
  stop(): Promise<void>;
}

export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, any>;
}

let counter = 0;

export function usingPostgres() {
  return Boolean(process.env.TEST_DATABASE_URL);
}

export async function dropDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = "/postgres";
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export function testDatabaseLocation(service: string): DatabaseLocation {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return { kind: "memory" };
  const url = new URL(server);
  url.pathname = `/gg_test_${process.pid}_${++counter}_${service.replace(/-/g, "_")}`;
  return { kind: "server", url: url.toString(), createIfMissing: true };
}

/** How a test gateway verifies the local identity provider's tokens (as `npm start` does). */
export function localTokenVerifier(idp: LocalIdp, logger: Logger) {
  return new TokenVerifier({
    issuer: idp.issuer,
    audience: API_AUDIENCE,
    algorithms: ["RS256", "ES256", "PS256"],
    clockToleranceSeconds: 30,
    introspection: GATEWAY_CLIENT,
    logger,
  });
}

/** Jobs settings for a test stack: its own working and storage directories, a quick tick. */
export function testJobsSettings(
  gateway: GatewayClient,
  overrides: Partial<JobsSettings> = {},
): JobsSettings {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "gg-jobs-"));
  return {
    gateway,
    rules: [],
    defaultBackend: "local",
    workRoot: path.join(base, "work"),
    storageRoot: path.join(base, "storage"),
    tickMs: 200,
    maxReschedules: 3,
    stdoutLimitBytes: 1024 * 1024,
    tailBytes: 64 * 1024,
    quotaPerVo: 5000,
    quotaPerUser: 1000,
    notebookPython: "/usr/bin/python3",
    ...overrides,
  };
}

/** Datasets settings for a test stack: the default namespaces, quick ticks, retries and recalls. */
export function testDatasetsSettings(
  gateway: GatewayClient,
  overrides: Partial<DatasetsSettings> = {},
): DatasetsSettings {
  return {
    gateway,
    namespaces: DEFAULT_NAMESPACES,
    storageRoot: fs.mkdtempSync(path.join(os.tmpdir(), "gg-storage-")),
    storage: [],
    engine: "auto",
    tickMs: 100,
    concurrency: 4,
    maxAttempts: 3,
    retryBaseMs: 200,
    stageDelayMs: 300,
    quotaBytesPerVo: 2 ** 50,
    leaseMs: 30_000,
    ...overrides,
  };
}

export async function startStack(
  options: {
    seed?: boolean;
    gateway?: Partial<Pick<GatewayOptions, "limits" | "subgraphFetch" | "redisUrl">>;
    /** The jobs service's settings (backends, quotas...); the rest as testJobsSettings makes them. */
    jobs?: Partial<JobsSettings>;
    /** The datasets service's settings (storage rules, engine, retries...); the rest as testDatasetsSettings makes them. */
    datasets?: Partial<DatasetsSettings>;
    /** The research objects service's settings (a DataCite stand-in, a prefix...); the rest as npm start has them. */
    researchObjects?: Partial<ResearchObjectsSettings>;
  } = {},
): Promise<Stack> {
  const logger = createLogger({}, (process.env.TEST_LOG_LEVEL as never) ?? "silent");
  const credentials = generateCredentials(subgraphs.map((s) => s.name));
  const registryLocation = testDatabaseLocation("registry");
  let registry = await startRegistry({ port: 0, logger, credentials, database: registryLocation });
  const idp = await startLocalIdp({ port: 0, logger });
  const assertionKeys = await generateAssertionKeys();
  const assertions = new AssertionVerifier({ jwks: assertionKeys.publicJwks });
  // The services that act for users through the gateway (decision 0015), each with its own key.
  const delegationKeys = {
    jobs: await generateDelegationKeys("jobs"),
    sites: await generateDelegationKeys("sites"),
    datasets: await generateDelegationKeys("datasets"),
    "research-objects": await generateDelegationKeys("research-objects"),
  };
  let gatewayUrl = "";
  const gatewayFor = (service: keyof typeof delegationKeys) =>
    new GatewayClient(() => gatewayUrl, new DelegationSigner(service, delegationKeys[service].privateJwk));
  const jobsSettings = testJobsSettings(gatewayFor("jobs"), options.jobs);
  // One storage folder, as under `npm start`: what a transfer writes, the local executor reads.
  const datasetsSettings = testDatasetsSettings(gatewayFor("datasets"), {
    storageRoot: jobsSettings.storageRoot,
    ...options.datasets,
  });
  const researchObjectsSettings: ResearchObjectsSettings = {
    ...readResearchObjectsSettings({}),
    gateway: gatewayFor("research-objects"),
    ...options.researchObjects,
    // Landing pages are the gateway's, on the port it gets when it starts below.
    get landingBaseUrl() {
      return gatewayUrl.replace(/\/graphql$/, "");
    },
  };
  const settingsOf = (service: string) =>
    ({
      jobs: jobsSettings,
      sites: { gateway: gatewayFor("sites") },
      datasets: datasetsSettings,
      "research-objects": researchObjectsSettings,
    })[service];
  const running = {} as Record<ServiceName, RunningSubgraph>;
  const locations: DatabaseLocation[] = [registryLocation];
  await Promise.all(
    subgraphs.map(async (def) => {
      const location = testDatabaseLocation(def.name);
      locations.push(location);
      const subgraph = await startSubgraph(def as never, {
        port: 0,
        database: location,
        logger,
        assertions,
        settings: settingsOf(def.name),
      });
      running[def.name as ServiceName] = subgraph;
      if (options.seed) {
        await seedsByService[def.name as ServiceName](subgraph.db.orm.em.fork() as EntityManager);
        await subgraph.seeded();
      }
      await registerSubgraph(
        registry.url,
        { name: def.name, url: subgraph.url, sdl: subgraph.sdl },
        logger,
        credentials.subgraphs[def.name],
      );
    }),
  );
  const tokens = localTokenVerifier(idp, logger);
  const gateway = await startGateway({
    registryUrl: registry.url,
    registrySecret: credentials.gateway,
    port: 0,
    logger,
    pollIntervalMs: 200,
    tokens,
    assertionKeys,
    delegations: new DelegationVerifier({
      jobs: delegationKeys.jobs.publicJwks,
      sites: delegationKeys.sites.publicJwks,
      datasets: delegationKeys.datasets.publicJwks,
      "research-objects": delegationKeys["research-objects"].publicJwks,
    }),
    ...options.gateway,
  });
  gatewayUrl = gateway.url;
  const client = new GraphQLClient(gateway.url, { errorPolicy: "all" });
  const tokenCache = new Map<string, Promise<string>>();
  const tokenFor = (username: string) => {
    let token = tokenCache.get(username);
    if (!token) {
      token = idp.tokenFor(username);
      tokenCache.set(username, token);
    }
    return token;
  };
  const stopped = new Set<ServiceName>();

  return {
    gatewayUrl: gateway.url,
    registryUrl: registry.url,
    registryCredentials: credentials,
    idp,
    assertionKeys,
    tokenFor,
    subgraphs: running,
    jobsSettings,
    datasetsSettings,
    client,
    async query(query, variables, options = {}) {
      const token = options.token ?? (options.as ? await tokenFor(options.as) : undefined);
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      try {
        const result = await client.rawRequest(query, variables, headers);
        return { data: result.data as never, errors: result.errors as GraphQLErrorJson[] | undefined };
      } catch (error) {
        // A refusal of the whole request (HTTP 400, 401, 429...) still has GraphQL errors.
        if (!(error instanceof ClientError)) throw error;
        const response = error.response as { data?: unknown; errors?: GraphQLErrorJson[] };
        return { data: (response.data ?? null) as never, errors: response.errors };
      }
    },
    em: (service) => running[service].db.orm.em.fork() as EntityManager,
    flushUsage: () => gateway.flushUsage(),
    async restartRegistry() {
      const { port, db } = registry;
      await registry.close({ keepDatabase: true });
      registry = await startRegistry({ port, logger, credentials, database: db });
    },
    async stopSubgraph(service) {
      stopped.add(service);
      await running[service].stop({ keepDatabase: true });
    },
    async startSubgraphAgain(service) {
      const def = subgraphs.find((d) => d.name === service)!;
      const before = running[service];
      running[service] = await startSubgraph(def as never, {
        port: before.port,
        database: before.db,
        logger,
        assertions,
        settings: settingsOf(service),
      });
      stopped.delete(service);
    },
    async stop() {
      await gateway.stop();
      await Promise.all(
        Object.entries(running).map(([name, s]) =>
          stopped.has(name as ServiceName) ? s.db.close() : s.stop(),
        ),
      );
      await registry.close({ keepDatabase: true });
      await registry.db.close();
      await idp.stop();
      for (const location of locations) if (location.kind === "server") await dropDatabase(location.url);
    },
  };
}
