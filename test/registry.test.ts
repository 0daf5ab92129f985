import { createLogger } from "@gridgraph/kit";
import { RegistrySupergraphManager } from "../gateway/src/supergraph-manager";
import { startStack, type Stack } from "../scripts/in-process-stack";

/**
 * The service registry with the real graph: the gateway reports which fields each client's
 * operations use, the registry refuses a datasets release that would break one of them (and
 * names it), ships it when someone approves, and can take it back; a restarted registry serves
 * the last supergraph at once, with no subgraph registering again.
 */
describe("the registry guards the graph's clients", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: true });
  });
  afterAll(() => stack?.stop());

  const gatewayQuery = async (query: string, client?: string) => {
    const res = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await stack.tokenFor("alice")}`,
        ...(client ? { "apollographql-client-name": client } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as {
      data?: any;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };
  const registry = async (method: string, path: string, secret: string, body?: unknown) => {
    const res = await fetch(`${stack.registryUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const publishDatasets = (sdl: string, approval?: { by: string }) =>
    registry("PUT", "/subgraphs/datasets", stack.registryCredentials.subgraphs.datasets, {
      url: stack.subgraphs.datasets.url,
      sdl,
      ...(approval ? { approval } : {}),
    });
  const gatewaySupergraphId = async () => {
    const health = (await (await fetch(stack.gatewayUrl.replace(/\/graphql$/, "/health"))).json()) as any;
    return health.supergraph.supergraphId as string;
  };
  async function gatewayServes(id: string) {
    for (let i = 0; i < 300 && (await gatewaySupergraphId()) !== id; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await gatewaySupergraphId()).toBe(id);
  }
  /** The datasets subgraph's own SDL without one field of the Dataset type. */
  const withoutDatasetField = (sdl: string, field: string) => {
    const start = sdl.indexOf("type Dataset\n");
    const line = new RegExp(`\\n(\\s*"""[^"]*"""\\s*)?\\n?  ${field}: [^\\n]+`);
    const rest = sdl.slice(start);
    const match = line.exec(rest);
    if (!match) throw new Error(`no field ${field} in Dataset`);
    return sdl.slice(0, start) + rest.slice(0, match.index) + rest.slice(match.index + match[0].length);
  };

  it("refuses a breaking change to a field a client used, accepts it approved, and rolls back", async () => {
    const used = await gatewayQuery(
      "query PortalTitles { datasets(first: 3) { edges { node { id title } } } }",
      "lofar-portal",
    );
    expect(used.errors).toBeUndefined();
    await stack.flushUsage();

    const original = stack.subgraphs.datasets.sdl;
    const noTitle = withoutDatasetField(original, "title");
    const refused = await publishDatasets(noTitle);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatch(
      /Field 'title' was removed from object type 'Dataset': used by operation 'PortalTitles' of client 'lofar-portal'/,
    );
    const before = await gatewaySupergraphId();

    // A field nobody asked for goes with a warning.
    const noChecksum = withoutDatasetField(original, "checksum");
    const unused = await publishDatasets(noChecksum);
    expect(unused.status).toBe(200);
    expect(unused.body.warnings.join("\n")).toMatch(
      /'checksum' was removed[\s\S]*no client used Dataset.checksum/,
    );
    await gatewayServes(unused.body.supergraphId);
    expect(
      (await gatewayQuery("{ datasets(first: 1) { edges { node { checksum } } } }")).errors?.[0].extensions
        ?.code,
    ).toBe("GRAPHQL_VALIDATION_FAILED");

    const approved = await publishDatasets(withoutDatasetField(noChecksum, "title"), {
      by: "Lara LOFAR ops",
    });
    expect(approved.status).toBe(200);
    await gatewayServes(approved.body.supergraphId);
    expect(
      (await gatewayQuery("{ datasets(first: 1) { edges { node { title } } } }")).errors?.[0].extensions
        ?.code,
    ).toBe("GRAPHQL_VALIDATION_FAILED");
    const operator = stack.registryCredentials.operator!;
    const [latest] = (await registry("GET", "/supergraphs?limit=1", operator)).body;
    expect(latest.subgraphs.find((s: any) => s.name === "datasets").approvedBy).toMatch(/^Lara LOFAR ops/);

    // Back to the supergraph from before the first accepted change.
    const history = (await registry("GET", "/supergraphs", operator)).body as {
      version: number;
      id: string;
    }[];
    const target = history.find((h) => h.id === before)!;
    const rolled = await registry("POST", `/supergraphs/${target.version}/rollback`, operator);
    expect(rolled.body.changed).toBe(true);
    await gatewayServes(before);
    const back = await gatewayQuery("{ datasets(first: 1) { edges { node { title checksum } } } }");
    expect(back.errors).toBeUndefined();
    expect(back.data.datasets.edges[0].node.title).toEqual(expect.any(String));
  });

  it("serves the last supergraph right after a restart, with no subgraph registering again", async () => {
    const { id } = (await registry("GET", "/supergraph", stack.registryCredentials.gateway)).body;
    await stack.restartRegistry();
    // A gateway starting now gets it at once from the restarted registry.
    const manager = new RegistrySupergraphManager(stack.registryUrl, createLogger({}, "silent"), {
      pollIntervalMs: 1000,
      startTimeoutMs: 5000,
      secret: stack.registryCredentials.gateway,
    });
    const loaded = await manager.initialize({ update: () => undefined } as never);
    expect(manager.status).toMatchObject({ supergraphId: id, source: "registry" });
    await loaded.cleanup!();
    // The running gateway kept answering throughout.
    const answer = await gatewayQuery("{ sites(first: 1) { totalCount } }");
    expect(answer.errors).toBeUndefined();
    expect(answer.data.sites.totalCount).toBeGreaterThan(0);
  });
});
