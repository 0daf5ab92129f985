import type { EntityManager } from "@mikro-orm/postgresql";
import {
  AssertionVerifier,
  createLogger,
  generateAssertionKeys,
  registerSubgraph,
  startSubgraph,
  withDatabaseLock,
  type DatabaseLocation,
  type RunningSubgraph,
} from "@gridgraph/kit";
import { startLocalIdp, type LocalIdp } from "../gateway/src/local-idp";
import { startGateway } from "../gateway/src/server";
import { generateCredentials } from "../registry/src/access";
import { startRegistry, type RunningRegistry } from "../registry/src/server";
import { dropDatabase, localTokenVerifier, testDatabaseLocation } from "../scripts/in-process-stack";
import { SAMPLE_QUERY } from "../scripts/sample-query";
import { subgraphs } from "../scripts/subgraphs";
import { seedsByService } from "../seeds/load";
import { startServiceProxy } from "./support/service-proxy";

/**
 * Many replicas on one PostgreSQL server: two registries, two replicas of every subgraph (each
 * pair behind one address, as a Kubernetes Service gives them) and two gateways, all started
 * at once on fresh databases. Migrations and seeds run once (advisory locks); both gateways
 * answer the same; with one replica of every subgraph stopped, and one registry stopped, both
 * still answer the same.
 */
const server = process.env.TEST_DATABASE_URL;
const describeWithServer = server ? describe : describe.skip;
if (!server)
  console.log(
    "replicas.test: skipped, it needs a PostgreSQL server (TEST_DATABASE_URL; npm run test:postgres, CI)",
  );

type Service = "sites" | "datasets" | "jobs" | "research-objects";
const QUERIES = [
  SAMPLE_QUERY,
  "{ sites(first: 5) { totalCount edges { node { id officialName country kind } } } }",
  `{ placement(first: 3, requirements: { vo: "vo.lofar.eu", cores: 8, memoryMb: 16000, wallTimeSeconds: 7200 }) {
       candidates { rank site { id } score } rejected { site { id } } } }`,
  "{ datasets(first: 5) { totalCount edges { node { id title replicas { state site { id } } } } } }",
];

describeWithServer("two replicas of everything on one PostgreSQL", () => {
  const logger = createLogger({}, (process.env.TEST_LOG_LEVEL as never) ?? "silent");
  const credentials = generateCredentials(subgraphs.map((s) => s.name));
  const locations = new Map<string, DatabaseLocation>();
  const registries: RunningRegistry[] = [];
  const replicas = new Map<Service, RunningSubgraph[]>();
  const stopped = new Set<RunningSubgraph>();
  const closers: (() => Promise<void>)[] = [];
  const gatewayUrls: string[] = [];
  let idp: LocalIdp;

  beforeAll(async () => {
    for (const name of ["registry", ...subgraphs.map((s) => s.name)])
      locations.set(name, testDatabaseLocation(`replicas_${name}`));
    // Both registries at once: their migrations meet on the same fresh database.
    registries.push(
      ...(await Promise.all(
        [0, 1].map(() =>
          startRegistry({ port: 0, logger, credentials, database: locations.get("registry")! }),
        ),
      )),
    );
    const keys = await generateAssertionKeys();
    const assertions = new AssertionVerifier({ jwks: keys.publicJwks });
    await Promise.all(
      subgraphs.map(async (def) => {
        const name = def.name as Service;
        const location = locations.get(name)!;
        const pair = await Promise.all(
          [0, 1].map(() => startSubgraph(def as never, { port: 0, database: location, logger, assertions })),
        );
        replicas.set(name, pair);
        // Both replicas seed at once, as `npm start` replicas would: one loads, one finds data.
        const seeded = await Promise.all(
          pair.map((replica) =>
            withDatabaseLock(location, `seed:${name}`, () =>
              seedsByService[name](replica.db.orm.em.fork() as EntityManager),
            ),
          ),
        );
        expect(seeded.filter((s) => s.loaded)).toHaveLength(1);
        const proxy = await startServiceProxy(() =>
          pair.filter((r) => !stopped.has(r)).map((r) => new URL(r.url).origin),
        );
        closers.push(proxy.close);
        // Each replica publishes the Service's address, one to each registry.
        await Promise.all(
          pair.map((replica, i) =>
            registerSubgraph(
              registries[i].url,
              { name, url: `${proxy.url}/graphql`, sdl: replica.sdl },
              logger,
              credentials.subgraphs[name],
            ),
          ),
        );
      }),
    );
    idp = await startLocalIdp({ port: 0, logger });
    for (const registry of registries) {
      const gateway = await startGateway({
        registryUrl: registry.url,
        registrySecret: credentials.gateway,
        port: 0,
        logger,
        pollIntervalMs: 200,
        tokens: localTokenVerifier(idp, logger),
        assertionKeys: keys,
      });
      gatewayUrls.push(gateway.url);
      closers.push(() => gateway.stop());
    }
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    for (const pair of replicas.values())
      for (const replica of pair) if (!stopped.has(replica)) await replica.stop().catch(() => undefined);
    for (const registry of registries) {
      await registry.close({ keepDatabase: true }).catch(() => undefined);
      await registry.db.close().catch(() => undefined);
    }
    await idp?.stop();
    for (const location of locations.values())
      if (location.kind === "server") await dropDatabase(location.url);
  });

  async function answers(gatewayUrl: string) {
    const token = await idp.tokenFor("alice");
    return Promise.all(
      QUERIES.map(async (query) => {
        const res = await fetch(gatewayUrl, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        return (await res.json()) as { data?: unknown; errors?: unknown[] };
      }),
    );
  }

  it("migrated and seeded each database once, and both registries serve the same supergraph", async () => {
    const [a, b] = await Promise.all(
      registries.map(async (r) =>
        (
          await fetch(`${r.url}/supergraph`, { headers: { authorization: `Bearer ${credentials.gateway}` } })
        ).json(),
      ),
    );
    expect(a).toEqual(b);
    // Eight registrations of four unchanged subgraphs: four versions, one supergraph.
    const history = await registries[1].store.history();
    expect(history).toHaveLength(1);
    const migrations = await registries[0].db.orm.migrator.getExecutedMigrations();
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });

  it("answers the same through both gateways, and still does with one replica of everything stopped", async () => {
    const [first, second] = await Promise.all(gatewayUrls.map(answers));
    for (const answer of first) expect(answer.errors).toBeUndefined();
    expect(second).toEqual(first);
    expect((first[1].data as any).sites.totalCount).toBeGreaterThan(0);

    for (const pair of replicas.values()) {
      stopped.add(pair[0]);
      await pair[0].stop();
    }
    await registries[0].close({ keepDatabase: true }); // one registry gone too: its gateway keeps its supergraph
    const after = await Promise.all(gatewayUrls.map(answers));
    expect(after[0]).toEqual(first);
    expect(after[1]).toEqual(first);
  });
});
