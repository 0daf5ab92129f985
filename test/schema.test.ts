import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PORTS } from "@gridgraph/kit";
import { composeSupergraph } from "../registry/src/compose";
import { subgraphs } from "../scripts/subgraphs";
import { buildCatalogue } from "../seeds/data/catalogue";
import { generateSchemas } from "../scripts/schema";
import { startStack, type Stack } from "../scripts/in-process-stack";

const schemaDir = path.join(__dirname, "..", "schema");
const committed = (name: string) => readFileSync(path.join(schemaDir, `${name}.graphql`), "utf8");

describe("committed SDL in schema/", () => {
  it("matches what the code produces (run `npm run schema` after changing a subgraph)", async () => {
    const { sources, supergraphSdl } = await generateSchemas();
    for (const s of sources) expect(committed(s.name)).toBe(s.sdl + "\n");
    expect(committed("supergraph")).toBe(supergraphSdl + "\n");
  });

  it("composes: the committed subgraph SDLs give the committed supergraph", () => {
    const result = composeSupergraph(
      subgraphs.map((def) => ({
        name: def.name,
        url: `http://127.0.0.1:${DEFAULT_PORTS[def.name as keyof typeof DEFAULT_PORTS]}/graphql`,
        sdl: committed(def.name),
      })),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.supergraphSdl + "\n").toBe(committed("supergraph"));
  });
});

describe("subgraphs speak Federation 2", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: true });
  });
  afterAll(() => stack?.stop());

  async function subgraphQuery(service: keyof Stack["subgraphs"], query: string, variables?: unknown) {
    const res = await fetch(stack.subgraphs[service].url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  }

  it("answers _service { sdl } with a federation v2 @link, and those SDLs compose", async () => {
    const sources = [];
    for (const service of ["sites", "datasets", "jobs", "research-objects"] as const) {
      const res = await subgraphQuery(service, "{ _service { sdl } }");
      expect(res.data._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
      sources.push({
        name: service,
        url: stack.subgraphs[service].url,
        sdl: res.data._service.sdl as string,
      });
    }
    expect(composeSupergraph(sources).ok).toBe(true);
  });

  it("resolves _entities representations, null for unknown keys", async () => {
    const sites = await subgraphQuery(
      "sites",
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id officialName } } }`,
      {
        r: [
          { __typename: "Site", id: "PSNC" },
          { __typename: "Site", id: "NOPE" },
          { __typename: "Site", id: "IN2P3-CC" },
        ],
      },
    );
    expect(sites.errors).toBeUndefined();
    expect(sites.data._entities).toEqual([
      { id: "PSNC", officialName: "Poznan Supercomputing and Networking Center" },
      null,
      { id: "IN2P3-CC", officialName: "CC-IN2P3 Lyon" },
    ]);
    const datasets = await subgraphQuery(
      "datasets",
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dataset { id level } ... on Site { id replicas { totalCount } } } }`,
      {
        r: [
          { __typename: "Dataset", id: "lofar-L650628-L2" },
          { __typename: "Site", id: "NDGF-T1" },
        ],
      },
    );
    expect(datasets.errors).toBeUndefined();
    expect(datasets.data._entities[0]).toEqual({ id: "lofar-L650628-L2", level: "L2" });
    expect(datasets.data._entities[1].replicas.totalCount).toBeGreaterThan(0);
    const jobs = await subgraphQuery(
      "jobs",
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Dataset { consumedBy { totalCount } } } }`,
      // Other subgraphs know a dataset by its hidden `ref` key only (the kit's references.ts).
      { r: [{ __typename: "Dataset", ref: "lofar-L650628-L1" }] },
    );
    // Called directly with no identity assertion, the jobs subgraph answers as for an
    // anonymous caller, who sees no jobs (they are visible to owners and VO managers only).
    const readers = buildCatalogue().jobs.filter((j) => j.inputDatasetIds.includes("lofar-L650628-L1"));
    expect(readers.length).toBeGreaterThan(0);
    expect(jobs.data._entities[0].consumedBy.totalCount).toBe(0);
  });

  it("reports each service healthy with its database", async () => {
    for (const s of Object.values(stack.subgraphs)) {
      const res = await fetch(s.url.replace(/\/graphql$/, "/health"));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", service: s.name });
    }
    const gw = await fetch(stack.gatewayUrl.replace(/\/graphql$/, "/health"));
    expect(gw.status).toBe(200);
  });

  // The caller's token stops at the gateway (decision 0007): any service in the supergraph could
  // otherwise collect users' tokens and replay them.
  it("sends every subgraph it calls the caller's identity assertion and the request id, never the caller's token", async () => {
    const token = await stack.tokenFor("alice");
    const seen: Record<string, { authorization?: string; requestId?: string; assertion?: string }[]> = {};
    const listeners = Object.values(stack.subgraphs).map((s) => {
      const listener = (req: import("node:http").IncomingMessage) =>
        (seen[s.name] ??= []).push({
          authorization: req.headers.authorization,
          requestId: req.headers["x-request-id"] as string | undefined,
          assertion: req.headers["x-gridgraph-assertion"] as string | undefined,
        });
      s.server.on("request", listener);
      return () => s.server.off("request", listener);
    });
    try {
      const res = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "x-request-id": "req-42",
        },
        body: JSON.stringify({
          query: `{ dataset(id: "lofar-L650628-L2") { replicas { site { officialName } } consumedBy { totalCount } researchObjects { totalCount } } }`,
        }),
      });
      expect(((await res.json()) as any).errors).toBeUndefined();
    } finally {
      listeners.forEach((off) => off());
    }
    expect(Object.keys(seen).sort()).toEqual(["datasets", "jobs", "research-objects", "sites"]);
    for (const calls of Object.values(seen)) {
      for (const call of calls)
        expect(call).toEqual({
          authorization: undefined,
          requestId: "req-42",
          assertion: expect.any(String),
        });
    }
  });

  it("keeps answering the other subgraphs' fields when one subgraph is down", async () => {
    await stack.stopSubgraph("jobs");
    const res = await stack.query(
      `{ dataset(id: "lofar-L650628-L1") { id title consumedBy { totalCount } replicas { site { id } } } }`,
      {},
      { as: "alice" },
    );
    expect(res.data.dataset.id).toBe("lofar-L650628-L1");
    expect(res.data.dataset.title).toContain("ELAIS-N1");
    expect(res.data.dataset.replicas[0].site.id).toBe("SARA-MATRIX");
    expect(res.data.dataset.consumedBy).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("SUBGRAPH_UNAVAILABLE");
    expect(res.errors?.[0]?.message).toMatch(/jobs service is unavailable/);
  });
});
