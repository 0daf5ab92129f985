import { mkdtempSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLogger } from "@gridgraph/kit";
import { generateCredentials } from "../../registry/src/access";
import { startRegistry, type RunningRegistry } from "../../registry/src/server";
import { sharedRegistryDatabase } from "../../registry/src/test-database";
import { RegistrySupergraphManager } from "../src/supergraph-manager";

/** The gateway's registry client against a real registry: first load, hot updates, outages. */
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const sitesV1 = `${link}\ntype Query { site(id: ID!): Site }\ntype Site @key(fields: "id") { id: ID! }`;
const sitesV2 = `${link}\ntype Query { site(id: ID!): Site }\ntype Site @key(fields: "id") { id: ID! country: String }`;
const jobs = `${link}\ntype Query { job(id: ID!): Job }\ntype Job @key(fields: "id") { id: ID! }`;

const logger = createLogger({}, "silent");
const credentials = generateCredentials(["sites", "jobs"]);
const database = sharedRegistryDatabase();
beforeAll(() => database.open());
afterAll(() => database.close());

async function until(predicate: () => boolean) {
  while (!predicate()) await new Promise((r) => setTimeout(r, 20));
}

describe("RegistrySupergraphManager", () => {
  let registry: RunningRegistry;
  const register = (name: string, sdl: string) =>
    fetch(`${registry.url}/subgraphs/${name}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${credentials.subgraphs[name]}` },
      body: JSON.stringify({ url: `http://127.0.0.1:1/${name}`, sdl }),
    });
  beforeEach(async () => {
    registry = await startRegistry({
      port: 0,
      logger,
      expected: ["sites", "jobs"],
      credentials,
      database: await database.empty(),
    });
  });
  afterEach(() => registry.close());

  it("waits until every expected subgraph registered, then hands over the supergraph", async () => {
    const manager = new RegistrySupergraphManager(registry.url, logger, {
      pollIntervalMs: 50,
      startTimeoutMs: 60_000,
      secret: credentials.gateway,
    });
    await register("sites", sitesV1);
    let loaded = false;
    const initialized = manager.initialize({ update: () => undefined } as never).then((result) => {
      loaded = true;
      return result;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(loaded).toBe(false); // jobs is still missing
    await register("jobs", jobs);
    const { supergraphSdl, cleanup } = await initialized;
    expect(supergraphSdl).toContain('@join__graph(name: "jobs"');
    await cleanup!();
  });

  it("passes each new supergraph to the gateway, and keeps the current one while the registry is down", async () => {
    await register("sites", sitesV1);
    await register("jobs", jobs);
    const updates: string[] = [];
    const manager = new RegistrySupergraphManager(registry.url, logger, {
      pollIntervalMs: 50,
      startTimeoutMs: 60_000,
      secret: credentials.gateway,
    });
    const { supergraphSdl, cleanup } = await manager.initialize({
      update: (sdl: string) => updates.push(sdl),
    } as never);
    expect(supergraphSdl).not.toContain("country");

    await register("sites", sitesV2);
    await until(() => updates.length === 1);
    expect(updates[0]).toContain("country: String");

    // An unchanged supergraph is not handed over again; a registry outage changes nothing.
    await new Promise((r) => setTimeout(r, 200));
    await registry.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(updates).toHaveLength(1);
    await cleanup!();
  });

  it("stops polling for good when cleanup runs while a poll is in flight", async () => {
    await register("sites", sitesV1);
    await register("jobs", jobs);
    const live = (await (
      await fetch(`${registry.url}/supergraph`, {
        headers: { authorization: `Bearer ${credentials.gateway}` },
      })
    ).json()) as { id: string; sdl: string };
    // A registry that answers the first request at once and holds every later one back.
    let requests = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = createServer((_req, res) => {
      requests++;
      const answer = () =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(live));
      if (requests === 1) answer();
      else void held.then(answer);
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const manager = new RegistrySupergraphManager(url, logger, {
      pollIntervalMs: 20,
      startTimeoutMs: 5000,
      secret: credentials.gateway,
    });
    const { cleanup } = await manager.initialize({ update: () => undefined } as never);
    await until(() => requests === 2); // the first poll is in flight
    await cleanup!();
    release();
    await new Promise((r) => setTimeout(r, 300)); // fifteen intervals
    expect(requests).toBe(2);
    slow.closeAllConnections();
    await new Promise((r) => slow.close(r));
  });

  it("gives up with the reason when no supergraph comes in time", async () => {
    const manager = new RegistrySupergraphManager(registry.url, logger, {
      pollIntervalMs: 50,
      startTimeoutMs: 300,
      secret: credentials.gateway,
    });
    await expect(manager.initialize({ update: () => undefined } as never)).rejects.toThrow(
      /No supergraph from the registry in time \(waiting for subgraphs: sites, jobs\)/,
    );
  });

  it("serves the last supergraph kept on disk when it starts while the registry is down, and says so", async () => {
    const cacheFile = path.join(mkdtempSync(path.join(tmpdir(), "gridgraph-cache-")), "supergraph.json");
    await register("sites", sitesV1);
    await register("jobs", jobs);
    const options = { pollIntervalMs: 50, startTimeoutMs: 60_000, secret: credentials.gateway, cacheFile };
    const first = new RegistrySupergraphManager(registry.url, logger, options);
    const loaded = await first.initialize({ update: () => undefined } as never);
    expect(first.status).toMatchObject({ source: "registry", registryReachable: true });
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    await loaded.cleanup!();

    await registry.close();
    const restarted = new RegistrySupergraphManager(registry.url, logger, {
      ...options,
      startTimeoutMs: 2000,
    });
    const fromDisk = await restarted.initialize({ update: () => undefined } as never);
    expect(fromDisk.supergraphSdl).toBe(loaded.supergraphSdl);
    expect(restarted.status).toMatchObject({ source: "cache", registryReachable: false });
    await fromDisk.cleanup!();
    // for afterEach
    registry = await startRegistry({
      port: 0,
      logger,
      expected: ["sites", "jobs"],
      credentials,
      database: database.db,
    });
  });
});
