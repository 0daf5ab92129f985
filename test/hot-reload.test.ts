import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { graphql, parse } from "graphql";
import { createLogger, generateAssertionKeys } from "@gridgraph/kit";
import { TokenVerifier } from "../gateway/src/auth";
import { startGateway } from "../gateway/src/server";
import { generateCredentials } from "../registry/src/access";
import { startRegistry, type RunningRegistry } from "../registry/src/server";

/**
 * A new supergraph goes live under a gateway that is answering: requests in flight finish on
 * the supergraph they started with, new ones see the new one, nothing is dropped. Two tiny
 * subgraphs stand in for ours so one of them can hold a request open for as long as needed.
 */
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const slowSdl = `${link}\ntype Query { slow: String }`;
const fastV1 = `${link}\ntype Query { version: Int }`;
const fastV2 = `${link}\ntype Query { version: Int extra: String }`;

async function serveSubgraph(sdl: string, resolvers: Record<string, () => unknown>) {
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: { Query: resolvers } as never });
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      const result = await graphql({ schema, source: query, variableValues: variables });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

describe("hot reload of the supergraph", () => {
  const logger = createLogger({}, "silent");
  const credentials = generateCredentials(["slow", "fast"]);
  let registry: RunningRegistry;
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it("keeps requests in flight on the old supergraph and serves new ones from the new", async () => {
    let release: (value: string) => void = () => undefined;
    const held = new Promise<string>((resolve) => (release = resolve));
    const slow = await serveSubgraph(slowSdl, { slow: () => held });
    const fast = await serveSubgraph(fastV2, { version: () => 1, extra: () => "new" });
    for (const s of [slow, fast]) closers.push(() => new Promise((r) => s.server.close(r)));
    registry = await startRegistry({
      port: 0,
      logger,
      expected: ["slow", "fast"],
      credentials,
      database: { kind: "memory" },
    });
    closers.push(() => registry.close());
    const publish = (name: string, url: string, sdl: string) =>
      fetch(`${registry.url}/subgraphs/${name}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${credentials.subgraphs[name]}` },
        body: JSON.stringify({ url, sdl }),
      });
    expect((await publish("slow", slow.url, slowSdl)).status).toBe(200);
    expect((await publish("fast", fast.url, fastV1)).status).toBe(200);
    const gateway = await startGateway({
      registryUrl: registry.url,
      registrySecret: credentials.gateway,
      port: 0,
      logger,
      pollIntervalMs: 50,
      tokens: new TokenVerifier({
        issuer: "http://127.0.0.1:9/unused", // every request here is anonymous
        audience: "gridgraph",
        algorithms: ["RS256"],
        clockToleranceSeconds: 30,
        logger,
      }),
      assertionKeys: await generateAssertionKeys(),
      usageReportIntervalMs: 0,
    });
    closers.push(() => gateway.stop());
    const ask = async (query: string) =>
      (await (
        await fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query }),
        })
      ).json()) as { data?: any; errors?: { message: string }[] };

    const inFlight = ask("{ slow version }");
    await new Promise((r) => setTimeout(r, 200)); // planned and waiting on the slow subgraph
    expect((await publish("fast", fast.url, fastV2)).status).toBe(200);
    let fresh = await ask("{ extra }");
    for (let i = 0; i < 200 && fresh.errors; i++) {
      await new Promise((r) => setTimeout(r, 25));
      fresh = await ask("{ extra }");
    }
    expect(fresh).toEqual({ data: { extra: "new" } });

    release("finished");
    expect(await inFlight).toEqual({ data: { slow: "finished", version: 1 } });
  });
});
