import { createLogger } from "@gridgraph/kit";
import { composeSupergraph } from "../src/compose";
import { generateCredentials } from "../src/access";
import { MAX_REGISTRATION_BYTES, startRegistry, type RunningRegistry } from "../src/server";
import { readRegistryConfig } from "../src/config";
import { sharedRegistryDatabase } from "../src/test-database";

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
  const credentials = generateCredentials(["sites", "datasets"]);
  const database = sharedRegistryDatabase();
  beforeAll(() => database.open());
  afterAll(() => database.close());
  beforeEach(async () => {
    registry = await startRegistry({
      port: 0,
      logger: createLogger({}, "silent"),
      expected: ["sites", "datasets"],
      credentials,
      database: await database.empty(),
    });
  });
  afterEach(() => registry.close());

  const put = (name: string, body: unknown, secret: string | null = credentials.subgraphs[name] ?? "x") =>
    fetch(`${registry.url}/subgraphs/${name}`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const read = (path: string) =>
    fetch(`${registry.url}${path}`, { headers: { authorization: `Bearer ${credentials.gateway}` } });

  it("serves no supergraph until every expected subgraph registered, then serves it", async () => {
    expect((await put("sites", { url: "http://127.0.0.1:1/graphql", sdl: sites })).status).toBe(200);
    const waiting = await read("/supergraph");
    expect(waiting.status).toBe(503);
    expect(await waiting.json()).toMatchObject({ missing: ["datasets"] });

    expect((await put("datasets", { url: "http://127.0.0.1:2/graphql", sdl: datasets })).status).toBe(200);
    const ready = await read("/supergraph");
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { id: string; sdl: string; subgraphs: { name: string }[] };
    expect(body.sdl).toContain("http://127.0.0.1:2/graphql");
    expect(body.subgraphs.map((s) => s.name).sort()).toEqual(["datasets", "sites"]);
  });

  it("refuses a subgraph that breaks composition with 422 and keeps the previous supergraph", async () => {
    await put("sites", { url: "http://127.0.0.1:1/graphql", sdl: sites });
    await put("datasets", { url: "http://127.0.0.1:2/graphql", sdl: datasets });
    const before = (await (await read("/supergraph")).json()) as { id: string };

    const refused = await put("datasets", { url: "http://127.0.0.1:2/graphql", sdl: clashing });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: string[] }).errors.join()).toMatch(/FIELD_TYPE_MISMATCH/);
    const after = (await (await read("/supergraph")).json()) as { id: string };
    expect(after.id).toBe(before.id);
  });

  it("refuses malformed registrations with 400 and says why", async () => {
    const noSdl = await put("sites", { url: "http://127.0.0.1:1/graphql" });
    expect(noSdl.status).toBe(400);
    const badSdl = await put("sites", { url: "http://127.0.0.1:1/graphql", sdl: "type {" });
    expect(badSdl.status).toBe(400);
    expect(((await badSdl.json()) as { errors: string[] }).errors[0]).toMatch(/'sdl' does not parse/);
  });

  it("refuses a body that is not JSON with 400, and one past the size limit with 413 unread", async () => {
    const auth = { authorization: `Bearer ${credentials.subgraphs.sites}` };
    const notJson = await fetch(`${registry.url}/subgraphs/sites`, {
      method: "PUT",
      body: "{sdl:",
      headers: auth,
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });

    const huge = "x".repeat(MAX_REGISTRATION_BYTES + 1);
    const tooLarge = await fetch(`${registry.url}/subgraphs/sites`, {
      method: "PUT",
      headers: auth,
      body: JSON.stringify({ url: "http://127.0.0.1:1/graphql", sdl: huge }),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ errors: [{ extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
    expect(await registry.store.listSubgraphs()).toEqual([]);
  });

  it("refuses a look-alike: no secret is 401, another subgraph's secret 403, a foreign URL 403; nothing changes", async () => {
    await put("sites", { url: "http://127.0.0.1:1/graphql", sdl: sites });
    await put("datasets", { url: "http://127.0.0.1:2/graphql", sdl: datasets });
    const before = await (await read("/supergraph")).json();

    const hijack = { url: "http://127.0.0.1:9/graphql", sdl: datasets };
    const anonymous = await put("datasets", hijack, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await put("datasets", hijack, "a-guessed-secret-of-some-length")).status).toBe(401);
    const borrowed = await put("datasets", hijack, credentials.subgraphs.sites);
    expect(borrowed.status).toBe(403);
    expect(((await borrowed.json()) as any).errors[0].message).toMatch(/another subgraph's/);
    const elsewhere = await put("datasets", { url: "https://evil.example.org/graphql", sdl: datasets });
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as any).errors[0].message).toMatch(
      /may not be published at evil.example.org/,
    );
    expect((await put("unknown", hijack, credentials.subgraphs.sites)).status).toBe(403);

    expect(await (await read("/supergraph")).json()).toEqual(before);
  });

  it("serves the supergraph only to holders of the gateways' secret", async () => {
    expect((await fetch(`${registry.url}/supergraph`)).status).toBe(401);
    expect((await fetch(`${registry.url}/subgraphs`)).status).toBe(401);
    const wrong = await fetch(`${registry.url}/supergraph`, {
      headers: { authorization: `Bearer ${credentials.subgraphs.sites}` },
    });
    expect(wrong.status).toBe(401);
    expect((await read("/subgraphs")).status).toBe(200);
    expect((await fetch(`${registry.url}/health`)).status).toBe(200);
  });

  it("answers 404 for routes it does not have", async () => {
    const res = await fetch(`${registry.url}/nothing-here`);
    expect(res.status).toBe(404);
  });
});

const SECRETS = {
  REGISTRY_SECRET_SITES: "sites-secret-for-tests",
  REGISTRY_SECRET_DATASETS: "datasets-secret-for-tests",
  REGISTRY_SECRET_JOBS: "jobs-secret-for-tests",
  REGISTRY_SECRET_RESEARCH_OBJECTS: "research-objects-secret-for-tests",
  REGISTRY_GATEWAY_SECRET: "gateway-secret-for-tests",
};

describe("registry configuration", () => {
  it("writes the committed supergraph by default, nowhere when SUPERGRAPH_OUT is empty", () => {
    expect(readRegistryConfig(SECRETS).supergraphPath).toMatch(/schema\/supergraph\.graphql$/);
    expect(readRegistryConfig({ ...SECRETS, SUPERGRAPH_OUT: "" }).supergraphPath).toBeUndefined();
    expect(readRegistryConfig({ ...SECRETS, REGISTRY_PORT: "4191" }).port).toBe(4191);
  });

  it("reads every subgraph's secret and allowed hosts, and refuses to start without them", () => {
    const config = readRegistryConfig({
      ...SECRETS,
      REGISTRY_ALLOWED_HOSTS_JOBS: "jobs, .svc.cluster.local",
    });
    expect(config.credentials.subgraphs.jobs).toBe(SECRETS.REGISTRY_SECRET_JOBS);
    expect(config.credentials.allowedHosts).toEqual({ jobs: ["jobs", ".svc.cluster.local"] });
    expect(() => readRegistryConfig({ ...SECRETS, REGISTRY_SECRET_SITES: "short" })).toThrow(
      /REGISTRY_SECRET_SITES must be set to a secret of at least 16 characters/,
    );
    expect(() => readRegistryConfig({})).toThrow(/REGISTRY_GATEWAY_SECRET must be set/);
  });

  it("reports a bad port", () => {
    expect(() => readRegistryConfig({ ...SECRETS, REGISTRY_PORT: "registry" })).toThrow(
      /Invalid configuration for registry:[\s\S]*REGISTRY_PORT must be a port number 0..65535; got 'registry'/,
    );
  });
});
