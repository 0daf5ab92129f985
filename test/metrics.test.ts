import { seedsByService } from "../seeds/load";
import { startStack, type Stack } from "../scripts/in-process-stack";

/** `/metrics` on the gateway and on every subgraph, in Prometheus' text format. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await seedsByService.sites(stack.em("sites") as never);
});
afterAll(() => stack?.stop());

async function metrics(url: string) {
  const res = await fetch(url.replace(/\/graphql$/, "/metrics"));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  return res.text();
}

/** The value of a sample whose labels include `labels` (0 when there is none). */
function sample(text: string, name: string, labels: Record<string, string | RegExp>): number {
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const fits = Object.entries(labels).every(([k, v]) =>
      typeof v === "string" ? have[k] === v : v.test(have[k] ?? ""),
    );
    if (fits) return Number(match[3]);
  }
  return 0;
}

describe("metrics", () => {
  it("count requests per operation in latency histograms, at the gateway and at each subgraph it asked", async () => {
    const gatewayBefore = await metrics(stack.gatewayUrl);
    const bucket = { operation: "CountSites", outcome: "ok", le: "+Inf" };
    const before = sample(gatewayBefore, "gridgraph_graphql_request_duration_seconds_bucket", bucket);
    const { errors } = await stack.query(
      `query CountSites { sites(first: 1) { totalCount edges { node { id } } } }`,
    );
    expect(errors).toBeUndefined();
    const gateway = await metrics(stack.gatewayUrl);
    expect(sample(gateway, "gridgraph_graphql_request_duration_seconds_bucket", bucket)).toBe(before + 1);
    expect(
      sample(gateway, "gridgraph_subgraph_fetch_duration_seconds_count", {
        subgraph: "sites",
        outcome: "ok",
      }),
    ).toBeGreaterThan(0);
    expect(sample(gateway, "gridgraph_subgraph_circuit_state", { subgraph: "sites" })).toBe(0);
    const sites = await metrics(stack.subgraphs.sites.url);
    expect(
      sample(sites, "gridgraph_graphql_request_duration_seconds_count", {
        service: "sites",
        operation: /^CountSites__sites__\d+$/,
      }),
    ).toBeGreaterThan(0);
    for (const subgraph of Object.values(stack.subgraphs))
      expect(await metrics(subgraph.url)).toContain("gridgraph_process_resident_memory_bytes");
  });

  it("count refusals by limit and errors by code", async () => {
    const before = await metrics(stack.gatewayUrl);
    const aliases = Array.from({ length: 40 }, (_, i) => `s${i}: sites(first: 1) { totalCount }`).join(" ");
    await stack.query(`{ ${aliases} }`);
    const after = await metrics(stack.gatewayUrl);
    expect(sample(after, "gridgraph_limit_refusals_total", { limit: "maxAliases" })).toBe(
      sample(before, "gridgraph_limit_refusals_total", { limit: "maxAliases" }) + 1,
    );
    expect(sample(after, "gridgraph_graphql_errors_total", { code: "QUERY_TOO_COMPLEX" })).toBeGreaterThan(
      sample(before, "gridgraph_graphql_errors_total", { code: "QUERY_TOO_COMPLEX" }),
    );
  });
});
