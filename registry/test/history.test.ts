import { createLogger } from "@gridgraph/kit";
import { generateCredentials } from "../src/access";
import { lintSubgraphSdl } from "../src/domain/schema-checks";
import { startRegistry, type RunningRegistry } from "../src/server";
import { sharedRegistryDatabase } from "../src/test-database";

/**
 * The registry's memory: versions survive a restart, checks weigh breaking changes against
 * the usage gateways report, history can be listed, compared and rolled back, and failures
 * (a busy moment, a lost database) never lose or half-write a version.
 */
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const sitesV1 = `${link}
"""Query"""
type Query { site(id: ID!): Site }
"""A site"""
type Site @key(fields: "id") { id: ID! name: String! country: String }`;
/** Site.country removed (breaking), Site.ngi added (safe). */
const sitesNoCountry = `${link}
type Query { site(id: ID!): Site }
type Site @key(fields: "id") { id: ID! name: String! ngi: String }`;
/** Site.name removed too. */
const sitesNoName = `${link}
type Query { site(id: ID!): Site }
type Site @key(fields: "id") { id: ID! country: String }`;
const jobs = `${link}\ntype Query { job(id: ID!): Job }\ntype Job @key(fields: "id") { id: ID! }`;

const logger = createLogger({}, "silent");
const credentials = generateCredentials(["sites", "jobs"]);
const database = sharedRegistryDatabase();
beforeAll(() => database.open());
afterAll(() => database.close());

let registry: RunningRegistry;
const start = async (db = database.db) =>
  (registry = await startRegistry({
    port: 0,
    logger,
    expected: ["sites", "jobs"],
    credentials,
    database: db,
  }));
beforeEach(async () => {
  await database.empty();
  await start();
});
afterEach(() => registry.close());

const send = async (method: string, path: string, secret: string | undefined, body?: unknown) => {
  const res = await fetch(`${registry.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any, etag: res.headers.get("etag") };
};
const publish = (name: string, sdl: string, extra: Record<string, unknown> = {}) =>
  send("PUT", `/subgraphs/${name}`, credentials.subgraphs[name], {
    url: `http://127.0.0.1:9/${name}`,
    sdl,
    ...extra,
  });
const operator = (method: string, path: string, body?: unknown) =>
  send(method, path, credentials.operator, body);
const supergraph = () => send("GET", "/supergraph", credentials.gateway);
const report = (coordinates: string[], operation = "SiteCard", client = "portal", count = 3) =>
  send("POST", "/usage", credentials.gateway, { reports: [{ client, operation, coordinates, count }] });

async function ready() {
  expect((await publish("sites", sitesV1)).status).toBe(200);
  expect((await publish("jobs", jobs)).status).toBe(200);
}

describe("persistence", () => {
  it("serves the last supergraph right after a restart, before any subgraph registers again", async () => {
    await ready();
    const before = (await supergraph()).body;
    await registry.close();
    await start();
    const after = await supergraph();
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    expect(await registry.store.listSubgraphs()).toHaveLength(2);
  });

  it("recognises a republish of what is live as unchanged and stores no version for it", async () => {
    await ready();
    const again = await publish("sites", sitesV1);
    expect(again.body).toMatchObject({ status: "unchanged", subgraphVersion: 1, supergraphVersion: 1 });
    expect((await operator("GET", "/supergraphs")).body).toHaveLength(1);
  });

  it("answers 304 to a gateway that already has the live supergraph", async () => {
    await ready();
    const first = await supergraph();
    const res = await fetch(`${registry.url}/supergraph`, {
      headers: { authorization: `Bearer ${credentials.gateway}`, "if-none-match": first.etag! },
    });
    expect(res.status).toBe(304);
  });

  it("keeps serving the last supergraph and refuses writes with 503 when its database is gone", async () => {
    const own = sharedRegistryDatabase();
    await registry.close();
    await start(await own.open());
    await ready();
    const before = (await supergraph()).body;
    await own.close(); // the database disappears under the running registry
    const refused = await publish("sites", sitesNoCountry);
    expect(refused.status).toBe(503);
    expect(refused.body.errors[0].message).toMatch(/nothing was changed/);
    const still = await supergraph();
    expect(still.status).toBe(200);
    expect(still.body.id).toBe(before.id);
    const health = await send("GET", "/health", undefined);
    expect(health).toMatchObject({ status: 200, body: { status: "ok", database: "unreachable" } });
  });
});

describe("checks before publish", () => {
  it("refuses a breaking change that an operation used, naming the operation and client", async () => {
    await ready();
    await report(["Query.site", "Query.site.id", "Site.country", "Site.name"]);
    const refused = await publish("sites", sitesNoCountry);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatch(
      /Field 'country' was removed from object type 'Site': used by operation 'SiteCard' of client 'portal' \(3 times\)/,
    );
    const change = refused.body.changes.find((c: any) => c.path === "Site.country");
    expect(change).toMatchObject({
      severity: "BREAKING",
      usedBy: [{ client: "portal", operation: "SiteCard" }],
    });
    expect(refused.body.changes.find((c: any) => c.path === "Site.ngi")).toMatchObject({ severity: "SAFE" });
    expect((await operator("GET", "/supergraphs")).body).toHaveLength(1); // nothing stored
  });

  it("accepts the same change with an approval and records who approved it", async () => {
    await ready();
    await report(["Site.country"]);
    const approved = await publish("sites", sitesNoCountry, {
      approval: { by: "Ana Operator", reason: "moved" },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "published", supergraphVersion: 2 });
    const [latest] = (await operator("GET", "/supergraphs?limit=1")).body;
    expect(latest.subgraphs.find((s: any) => s.name === "sites").approvedBy).toBe(
      "Ana Operator (with subgraph:sites's credential)",
    );
    expect((await supergraph()).body.sdl).not.toContain("country");
  });

  it("accepts a breaking change to a field no client used in the window, with a warning", async () => {
    await ready();
    await report(["Site.name"]); // country itself never used
    const accepted = await publish("sites", sitesNoCountry);
    expect(accepted.status).toBe(200);
    const change = accepted.body.changes.find((c: any) => c.path === "Site.country");
    expect(change).toMatchObject({ severity: "SAFE", schemaSeverity: "BREAKING", usedBy: [] });
    expect(accepted.body.warnings.join("\n")).toMatch(
      /breaking, but no client used Site.country in the last 30 days/,
    );
  });

  it("ignores usage older than the window", async () => {
    await ready();
    await report(["Site.name"], "Old", "cli");
    await database.db.orm.em
      .fork()
      .execute(`update operation_usage set day = current_date - 40 where operation_name = 'Old'`);
    expect((await publish("sites", sitesNoName)).status).toBe(200);
  });

  it("checks as a dry run over HTTP: the same verdict, nothing stored", async () => {
    await ready();
    await report(["Site.country"], "CountryMap", "notebook");
    const check = await send("POST", "/subgraphs/sites/check", credentials.subgraphs.sites, {
      sdl: sitesNoCountry,
    });
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.errors.join()).toMatch(/CountryMap.*notebook/);
    const clean = await send("POST", "/subgraphs/sites/check", credentials.operator, { sdl: sitesV1 });
    expect(clean.body).toMatchObject({ ok: true, unchanged: true });
    expect((await operator("GET", "/supergraphs")).body).toHaveLength(1);
    expect((await send("POST", "/subgraphs/sites/check", undefined, { sdl: sitesV1 })).status).toBe(401);
  });

  it("lists every problem of a bad publish at once and stores nothing", async () => {
    const bad = await send("PUT", "/subgraphs/sites", credentials.subgraphs.sites, {
      url: "ftp://x",
      sdl: "type {",
      approval: { by: "" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveLength(3);
    expect(await registry.store.listSubgraphs()).toEqual([]);
  });

  it("lints descriptions and names as warnings", () => {
    const warnings = lintSubgraphSdl(
      `type Query { Things: [thing] }\ntype thing { Bad_Name: Int }\nenum Level { l0 }`,
    );
    expect(warnings).toEqual(
      expect.arrayContaining([
        "Query.Things: field names are camelCase.",
        "thing: type names are PascalCase.",
        "thing has no description.",
        "thing.Bad_Name has no description.",
        "Level.l0: enum values are UPPER_CASE.",
      ]),
    );
  });

  it("refuses malformed usage reports and usage from anyone but a gateway", async () => {
    expect((await send("POST", "/usage", credentials.gateway, { reports: [{ client: 1 }] })).status).toBe(
      400,
    );
    expect((await send("POST", "/usage", credentials.subgraphs.sites, { reports: [] })).status).toBe(401);
  });
});

describe("history and rollback", () => {
  it("lists versions, diffs any two, and rolls back as a new version", async () => {
    await ready();
    expect((await publish("sites", sitesNoCountry)).status).toBe(200);
    const history = (await operator("GET", "/supergraphs")).body;
    expect(history.map((h: any) => [h.version, h.reason])).toEqual([
      [2, "publish sites"],
      [1, "publish jobs"],
    ]);
    expect(history[0].subgraphs.map((s: any) => `${s.name}@${s.version}`)).toEqual(["jobs@2", "sites@3"]);

    const diff = (await operator("GET", "/supergraphs/diff?from=1&to=2")).body;
    expect(diff.subgraphs).toEqual([{ name: "sites", from: 1, to: 3, url: "http://127.0.0.1:9/sites" }]);
    const fieldChanges = diff.changes.filter((c: any) => c.type.startsWith("FIELD_"));
    expect(fieldChanges.map((c: any) => `${c.schemaSeverity} ${c.path}`).sort()).toEqual([
      "BREAKING Site.country",
      "SAFE Site.ngi",
    ]);

    const rolled = await operator("POST", "/supergraphs/1/rollback");
    expect(rolled.body).toMatchObject({ changed: true, supergraph: { version: 3, id: history[1].id } });
    expect((await supergraph()).body).toMatchObject({ version: 3, id: history[1].id });
    expect((await operator("GET", "/supergraphs?limit=1")).body[0].reason).toBe("rollback to 1");
    // The live subgraph versions are the rolled-back ones: the next publish composes with them.
    expect((await registry.store.listSubgraphs()).find((s) => s.name === "sites")?.version).toBe(1);
    expect((await operator("POST", "/supergraphs/1/rollback")).body.changed).toBe(false);
  });

  it("answers 404 for a version that does not exist and 401 without the operator secret", async () => {
    await ready();
    expect((await operator("POST", "/supergraphs/42/rollback")).status).toBe(404);
    expect((await operator("GET", "/supergraphs/diff?from=1&to=42")).status).toBe(404);
    expect((await operator("GET", "/supergraphs/diff?from=x&to=1")).status).toBe(400);
    expect((await send("GET", "/supergraphs", credentials.gateway)).status).toBe(401);
    expect((await send("POST", "/supergraphs/1/rollback", credentials.subgraphs.sites)).status).toBe(401);
  });

  it("orders two publishes of one subgraph sent at once: both versions kept, the last one live", async () => {
    await ready();
    const variants = Array.from({ length: 6 }, (_, i) =>
      sitesV1.replace("country: String", `country: String f${i}: Int`),
    );
    const results = await Promise.all(variants.map((sdl) => publish("sites", sdl)));
    expect(results.map((r) => r.status)).toEqual(variants.map(() => 200));
    const history = (await operator("GET", "/supergraphs?limit=100")).body;
    expect(history).toHaveLength(7);
    const subgraphVersions = results.map((r) => r.body.subgraphVersion).sort((a: number, b: number) => a - b);
    expect(new Set(subgraphVersions).size).toBe(6);
    // What is live is the last one written, in full.
    const live = (await registry.store.listSubgraphs()).find((s) => s.name === "sites")!;
    expect(live.version).toBe(subgraphVersions[5]);
    expect(history[0].subgraphs.find((s: any) => s.name === "sites").version).toBe(subgraphVersions[5]);
  });
});
