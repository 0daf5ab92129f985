import { request } from "node:http";
import { seedsByService } from "../seeds/load";
import { startStack, type ServiceName, type Stack } from "../scripts/in-process-stack";
import { DEFAULT_LIMITS } from "../gateway/src/limits";

/**
 * The attacks of issue 14 against the real gateway with its default limits: each gets the
 * documented refusal (a stable code and the limit it hit), nothing runs behind it, and the
 * graph keeps answering. Memory is checked on this process, which holds the whole stack.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  for (const service of ["sites", "datasets"] as ServiceName[])
    await seedsByService[service](stack.em(service) as never);
});
afterAll(() => stack?.stop());

async function post(body: string, headers: Record<string, string> = {}, url = stack.gatewayUrl) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as any };
}

// The whole stack runs in this process: its growth during an attack is the gateway's at most.
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

async function stillAnswers() {
  const { data, errors } = await stack.query(
    `{ dataset(id: "lofar-L650628-L2") { id replicas { site { id } } } }`,
  );
  expect(errors).toBeUndefined();
  expect(data.dataset.id).toBe("lofar-L650628-L2");
}

describe("limits before execution", () => {
  it("refuses Dataset.derivedFrom nested 2,000 deep by its depth", async () => {
    const before = rssMb();
    const query = `{ dataset(id: "lofar-L650628-L2") { ${"derivedFrom { ".repeat(2000)}id${" }".repeat(2000)} } }`;
    const { status, body } = await post(JSON.stringify({ query }));
    expect(status).toBe(400);
    // Refused from its text, before a recursive parser could exhaust its stack on it.
    expect(body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "maxDepth" });
    // Within the token limit, depth decides.
    const deep = `{ dataset(id: "x") { ${"derivedFrom { ".repeat(40)}id${" }".repeat(40)} } }`;
    const refused = await post(JSON.stringify({ query: deep }));
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      limit: "maxDepth",
      max: DEFAULT_LIMITS.maxDepth,
    });
    expect(rssMb() - before).toBeLessThan(200);
    await stillAnswers();
  });

  it("refuses the sites -> replicas -> site cycle by its cost, naming the limit", async () => {
    const query = `{ sites(first: 250) { edges { node { replicas(first: 250) { edges { node { site {
      replicas(first: 250) { edges { node { site { id } } } } } } } } } } } }`;
    const { status, body } = await post(JSON.stringify({ query }));
    expect(status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      limit: "maxCost",
      max: DEFAULT_LIMITS.maxCost,
    });
    expect(body.errors[0].message).toMatch(/would cost \d+; at most 250000/);
    await stillAnswers();
  });

  it("refuses 1,000 aliases of placement, and any query past the alias limit", async () => {
    const placements = Array.from(
      { length: 1000 },
      (_, i) => `p${i}: placement(requirements: { vo: "vo.lofar.eu", cores: 1 }) { evaluatedSites }`,
    );
    const { status, body } = await post(JSON.stringify({ query: `{ ${placements.join(" ")} }` }));
    expect(status).toBe(400);
    // So many aliases are also past the token limit, which the parser checks first.
    expect(body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "maxTokens" });

    const sites = Array.from({ length: 100 }, (_, i) => `s${i}: sites(first: 1) { totalCount }`);
    const aliased = await post(JSON.stringify({ query: `{ ${sites.join(" ")} }` }));
    expect(aliased.status).toBe(400);
    expect(aliased.body.errors[0].extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      limit: "maxAliases",
      max: DEFAULT_LIMITS.maxAliases,
    });
    expect(aliased.body.errors[0].message).toMatch(/Aliases limit of 30 exceeded, found 100/);
  });

  it("refuses more than a few whole-registry exports in one request", async () => {
    const query = `{ ${Array.from({ length: 10 }, (_, i) => `e${i}: exportCapabilities`).join(" ")} }`;
    const { body } = await post(JSON.stringify({ query }));
    expect(body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "maxCost" });
  });

  it("refuses a 5 MB id from a logged-in caller, and the body that carries it from an anonymous one", async () => {
    const token = await stack.tokenFor("alice");
    const id = "x".repeat(5 * 1024 * 1024);
    const body = JSON.stringify({ query: "query($id: ID!) { dataset(id: $id) { id } }", variables: { id } });
    const authenticated = await post(body, { authorization: `Bearer ${token}` });
    expect(authenticated.body.errors[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "id",
      limit: "maxStringLength",
    });
    const anonymous = await post(body);
    expect(anonymous.status).toBe(413);
    expect(anonymous.body.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(anonymous.body.errors[0].message).toMatch(/without a token may send at most 256 KB/);
  });

  it("refuses NUL characters in arguments", async () => {
    const { body } = await post(
      JSON.stringify({
        query: "query($id: ID!) { dataset(id: $id) { id } }",
        variables: { id: "lofar\u0000" },
      }),
    );
    expect(body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "nul" });
  });

  it("answers a 100 MB anonymous body with 413 without reading it", async () => {
    const before = rssMb();
    const url = new URL(stack.gatewayUrl);
    const chunk = Buffer.alloc(1024 * 1024, "a");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(100 * chunk.length) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", (error) =>
        error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? undefined : reject(error),
      );
      req.write('{"query": "');
      let sent = 0;
      const pump = () => {
        while (sent < 100) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(rssMb() - before).toBeLessThan(200);
    await stillAnswers();
  });

  it("limits the rate per identity, answering 429 with Retry-After, and leaves others alone", async () => {
    // The default count in a window no busy machine outlasts: every request below falls in one window.
    const limited = await startStack({
      gateway: { limits: { ...DEFAULT_LIMITS, rateLimitWindowSeconds: 3600 } },
    });
    try {
      await rateLimited(limited);
    } finally {
      await limited.stop();
    }
  });

  const rateLimited = async (stack: Stack) => {
    const token = await stack.tokenFor("erik");
    const limit = DEFAULT_LIMITS.rateLimitRequests;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const send = async () => {
      const res = await post(
        JSON.stringify({ query: "{ __typename }" }),
        { authorization: `Bearer ${token}` },
        stack.gatewayUrl,
      );
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect(res.body.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", max: limit });
      }
    };
    // limit + 100 requests, 20 at a time: far more than the limit within its window.
    const queue = Array.from({ length: limit + 100 }, () => send);
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (queue.length) await queue.pop()!();
      }),
    );
    const refused = statuses.filter((s) => s === 429).length;
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(limit);
    expect(refused).toBeGreaterThanOrEqual(100);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // alice is another identity: not limited by erik's requests.
    const { errors } = await stack.query("{ __typename }", {}, { as: "alice" });
    expect(errors).toBeUndefined();
  };
});
