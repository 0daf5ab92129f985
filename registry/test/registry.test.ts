import { createLogger } from "@gridgraph/kit";
import { composeSupergraph } from "../src/compose";
import { MAX_REGISTRATION_BYTES, startRegistry, type RunningRegistry } from "../src/server";
import { readRegistryConfig } from "../src/config";

const link =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';
const sites = `${link}\ntype Query { site(id: ID!): Site }\ntype Site @key(fields: "id") { id: ID! name: String! }`;
const datasets = `${link}\ntype Query { dataset(id: ID!): Dataset }\ntype Dataset @key(fields: "id") { id: ID! site: Site }\ntype Site @key(fields: "id") { id: ID! replicas: Int }`;
// Declares Site.name with another type than the sites subgraph: cannot compose.
const clashing = `${link}\ntype Query { other: Int }\ntype Site @key(fields: "id") { id: ID! name: Int! }`;

describe("composition", () => {
  it("composes compatible subgraphs into a supergraph that names every subgraph", () => {
    const result = composeSupergraph([
      { name: "sites", url: "http://s/graphql", sdl: sites },
      { name: "datasets", url: "http://d/graphql", sdl: datasets },
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.supergraphSdl).toMatch(/join__Graph[\s\S]*DATASETS[\s\S]*SITES/);
  });

  it("returns every composition error, each with its code", () => {
    const result = composeSupergraph([
      { name: "sites", url: "http://s/graphql", sdl: sites },
      { name: "clash", url: "http://c/graphql", sdl: clashing },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).toMatch(/FIELD_TYPE_MISMATCH.*Site\.name/);
  });
});

describe("registry HTTP API", () => {
  let registry: RunningRegistry;
  beforeEach(async () => {
    registry = await startRegistry({
      port: 0,
      logger: createLogger({}, "silent"),
      expected: ["sites", "datasets"],
    });
  });
  afterEach(() => registry.close());

  const put = (name: string, body: unknown) =>
    fetch(`${registry.url}/subgraphs/${name}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("serves no supergraph until every expected subgraph registered, then serves it", async () => {
    expect((await put("sites", { url: "http://127.0.0.1:1/graphql", sdl: sites })).status).toBe(200);
    const waiting = await fetch(`${registry.url}/supergraph`);
    expect(waiting.status).toBe(503);
    expect(await waiting.json()).toMatchObject({ missing: ["datasets"] });

    expect((await put("datasets", { url: "http://127.0.0.1:2/graphql", sdl: datasets })).status).toBe(200);
    const ready = await fetch(`${registry.url}/supergraph`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { id: string; sdl: string; subgraphs: { name: string }[] };
    expect(body.sdl).toContain("http://127.0.0.1:2/graphql");
    expect(body.subgraphs.map((s) => s.name).sort()).toEqual(["datasets", "sites"]);
  });

  it("refuses a subgraph that breaks composition with 422 and keeps the previous supergraph", async () => {
    await put("sites", { url: "http://127.0.0.1:1/graphql", sdl: sites });
    await put("datasets", { url: "http://127.0.0.1:2/graphql", sdl: datasets });
    const before = (await (await fetch(`${registry.url}/supergraph`)).json()) as { id: string };

    const refused = await put("datasets", { url: "http://127.0.0.1:2/graphql", sdl: clashing });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: string[] }).errors.join()).toMatch(/FIELD_TYPE_MISMATCH/);
    const after = (await (await fetch(`${registry.url}/supergraph`)).json()) as { id: string };
    expect(after.id).toBe(before.id);
  });

  it("refuses malformed registrations with 400 and says why", async () => {
    const noSdl = await put("sites", { url: "http://x/graphql" });
    expect(noSdl.status).toBe(400);
    const badSdl = await put("sites", { url: "http://x/graphql", sdl: "type {" });
    expect(badSdl.status).toBe(400);
    expect(((await badSdl.json()) as { errors: string[] }).errors[0]).toMatch(/Invalid url or SDL/);
  });

  it("refuses a body that is not JSON with 400, and one past the size limit with 413 unread", async () => {
    const notJson = await fetch(`${registry.url}/subgraphs/sites`, { method: "PUT", body: "{sdl:" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });

    const huge = "x".repeat(MAX_REGISTRATION_BYTES + 1);
    const tooLarge = await fetch(`${registry.url}/subgraphs/sites`, {
      method: "PUT",
      body: JSON.stringify({ url: "http://127.0.0.1:1/graphql", sdl: huge }),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ errors: [{ extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
    expect(registry.store.list()).toEqual([]);
  });

  it("answers 404 for routes it does not have", async () => {
    const res = await fetch(`${registry.url}/nothing-here`);
    expect(res.status).toBe(404);
  });
});

describe("registry configuration", () => {
  it("writes the committed supergraph by default, nowhere when SUPERGRAPH_OUT is empty", () => {
    expect(readRegistryConfig({}).supergraphPath).toMatch(/schema\/supergraph\.graphql$/);
    expect(readRegistryConfig({ SUPERGRAPH_OUT: "" }).supergraphPath).toBeUndefined();
    expect(readRegistryConfig({ REGISTRY_PORT: "4191" }).port).toBe(4191);
  });

  it("reports a bad port", () => {
    expect(() => readRegistryConfig({ REGISTRY_PORT: "registry" })).toThrow(
      /Invalid configuration for registry:[\s\S]*REGISTRY_PORT must be a port number 0..65535; got 'registry'/,
    );
  });
});
