import { ApolloServer } from "@apollo/server";
import {
  createFormatError,
  databaseLocationFromEnv,
  decodeCursor,
  encodeCursor,
  newId,
  readServiceConfig,
  toPage,
  MAX_PAGE_SIZE,
  notFound,
  unexpectedErrorLogging,
  type Logger,
} from "@gridgraph/kit";

describe("cursors and page arguments", () => {
  it("round-trips ids through opaque cursors", () => {
    for (const id of ["SARA-MATRIX", "lofar-L650628-L2", newId(), "ümlaut/with spaces"]) {
      const cursor = encodeCursor(id);
      expect(cursor).not.toContain(id);
      expect(decodeCursor(cursor)).toBe(id);
    }
  });

  it.each([
    ["not-a-cursor"],
    [""],
    [Buffer.from("gg1:").toString("base64url")],
    [Buffer.from("other:x").toString("base64url")],
  ])("refuses the malformed cursor %p with BAD_USER_INPUT", (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
    );
  });

  it("checks page sizes against the maximum", () => {
    expect(toPage({})).toEqual({ limit: 50, afterId: null });
    expect(toPage({ first: 0 })).toEqual({ limit: 0, afterId: null });
    expect(toPage({ first: MAX_PAGE_SIZE }).limit).toBe(MAX_PAGE_SIZE);
    expect(() => toPage({ first: MAX_PAGE_SIZE + 1 })).toThrow(/'first' must be between 0 and 250; got 251/);
    expect(() => toPage({ first: -5 })).toThrow(/got -5/);
  });
});

describe("ids", () => {
  it("are UUIDv7: unique, and ordered by creation time", () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId())).size).toBe(1000);
  });
});

describe("configuration", () => {
  it("defaults to embedded databases under .data and the standard ports", () => {
    const config = readServiceConfig("research-objects", { REGISTRY_SECRET: "s" });
    expect(config.port).toBe(4004);
    expect(config.database).toEqual({ kind: "embedded", dataDir: ".data/research-objects" });
    expect(config.registryUrl).toBe("http://127.0.0.1:4100");
  });

  it("uses a per-service URL, or one server URL with a database per service", () => {
    expect(databaseLocationFromEnv("jobs", { JOBS_DATABASE_URL: "postgresql://u@db/jobs" })).toEqual({
      kind: "server",
      url: "postgresql://u@db/jobs",
      createIfMissing: true,
    });
    expect(
      databaseLocationFromEnv("research-objects", { DATABASE_SERVER_URL: "postgresql://u@db:5432/postgres" }),
    ).toEqual({
      kind: "server",
      url: "postgresql://u@db:5432/gridgraph_research_objects",
      createIfMissing: true,
    });
    expect(databaseLocationFromEnv("sites", { GRIDGRAPH_DATA_DIR: "memory" })).toEqual({ kind: "memory" });
  });

  it("follows REGISTRY_PORT and GATEWAY_PORT for the registry and JWKS URLs it derives", () => {
    const config = readServiceConfig("jobs", {
      REGISTRY_PORT: "5100",
      GATEWAY_PORT: "5000",
      REGISTRY_SECRET: "s",
    });
    expect(config.registryUrl).toBe("http://127.0.0.1:5100");
    expect(config.assertionKeys).toEqual({ jwksUrl: "http://127.0.0.1:5000/.well-known/jwks.json" });
  });

  it("reports every bad variable at once", () => {
    expect(() =>
      readServiceConfig("sites", { SITES_PORT: "http", REGISTRY_URL: "nope", SEED_ON_EMPTY: "yes" }),
    ).toThrow(
      /SITES_PORT must be a port number[\s\S]*REGISTRY_URL must be a URL[\s\S]*SEED_ON_EMPTY must be true or false/,
    );
  });
});

describe("unexpected errors", () => {
  it("answer INTERNAL_SERVER_ERROR with no internals and are logged with the request's id", async () => {
    const lines: { msg: string; fields: Record<string, unknown>; bindings: Record<string, unknown> }[] = [];
    const recording = (bindings: Record<string, unknown>): Logger => ({
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (msg, fields = {}) => lines.push({ msg, fields, bindings }),
      child: (more) => recording({ ...bindings, ...more }),
    });
    const root = recording({ service: "test" });
    const apollo = new ApolloServer<{ logger: Logger }>({
      typeDefs: "type Query { broken: String, missing: String }",
      resolvers: {
        Query: {
          broken: () => {
            throw new Error("connection to 10.0.0.7 refused");
          },
          missing: () => {
            throw notFound("Dataset", "x");
          },
        },
      },
      formatError: createFormatError(false),
      plugins: [unexpectedErrorLogging<{ logger: Logger }>((context) => context?.logger ?? root)],
    });
    await apollo.start();
    const res = await apollo.executeOperation(
      { query: "{ broken missing }" },
      { contextValue: { logger: root.child({ requestId: "req-42" }) } },
    );
    await apollo.stop();
    const body = res.body as { kind: "single"; singleResult: { errors?: any[] } };
    const errors = body.singleResult.errors!;
    expect(errors.map((e) => e.extensions.code).sort()).toEqual(["INTERNAL_SERVER_ERROR", "NOT_FOUND"]);
    expect(JSON.stringify(errors)).not.toContain("10.0.0.7");
    // Only the unexpected one is logged, with the request id and the real cause.
    expect(lines).toHaveLength(1);
    expect(lines[0].bindings).toMatchObject({ requestId: "req-42" });
    expect(String((lines[0].fields.error as Error).message)).toContain("10.0.0.7");
  });
});
